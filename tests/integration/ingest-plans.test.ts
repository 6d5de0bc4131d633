// The courier path's statements reach labels and events through their indexes whatever the tables' statistics say.
// Written as joins over a batch's whole set of barcodes or movements, PostgreSQL chose to read the label and event
// tables whole and hash them for every batch of 500 (a cost that grew with the tables: at 200,000 events the events
// read took as long as the insert). Here, in a transaction rolled back at the end, 5,000 labelled movements with
// 20,000 events are added and analysed, and each statement is planned for a batch of 500 as the ingest sends it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pgArray } from "@/lib/db/sql";
import { COURIER_INSERT_SQL } from "@/lib/tracking/ingest";
import { MOVEMENT_EVENTS_SQL } from "@/lib/tracking/refresh";
import { labelledMovements } from "../fixtures/labelled";
import { testDb, testPool } from "./setup";

const BATCH = 500;

function scans(plan: string): string[] {
  return plan.split("\n").filter((line) => /Seq Scan on "(CourierLabel|TrackingEvent|RecordMovement)"/.test(line)).map((line) => line.trim());
}

describe("the courier path's plans", () => {
  it("look labels, movements and events up through their indexes for a batch of 500", async () => {
    const { barcodes } = await labelledMovements(testDb, 1);
    const [template] = (await testPool.query<{ id: string; movementId: string }>(`SELECT id, "movementId" FROM "CourierLabel" WHERE barcode = $1`, [barcodes[0]])).rows;
    const client = await testPool.connect();
    try {
      await client.query("BEGIN");
      const tag = randomUUID().slice(0, 6).toUpperCase();
      await client.query(`CREATE TEMP TABLE plan_movements ON COMMIT DROP AS SELECT gen_random_uuid() AS id, g FROM generate_series(1, 5000) g`);
      // Every column but those PostgreSQL generates (isOpen).
      const columns = (await client.query<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'RecordMovement' AND is_generated = 'NEVER' ORDER BY ordinal_position`)).rows.map((r) => `"${r.name}"`).join(", ");
      await client.query(
        `INSERT INTO "RecordMovement" (${columns})
         SELECT ${columns} FROM (SELECT (jsonb_populate_record(m, jsonb_build_object('id', p.id, 'reference', 'RP' || $2::text || lpad(p.g::text, 4, '0')))).*
           FROM "RecordMovement" m CROSS JOIN plan_movements p WHERE m.id = $1) copied`,
        [template.movementId, tag],
      );
      await client.query(
        `INSERT INTO "CourierLabel"
         SELECT (jsonb_populate_record(l, jsonb_build_object('id', gen_random_uuid(), 'movementId', p.id, 'barcode', 'PLAN' || $2::text || p.g))).*
           FROM "CourierLabel" l CROSS JOIN plan_movements p WHERE l.id = $1`,
        [template.id, tag],
      );
      await client.query(
        `INSERT INTO "TrackingEvent" (id, "movementId", type, source, "sourceEventId", "occurredAt", "receivedAt", "labelId")
         SELECT gen_random_uuid(), p.id, 'ARRIVED_AT_HUB', 'COURIER', 'plan-' || $1::text || '-' || p.g || '-' || k, now(), now(), l.id
           FROM plan_movements p JOIN "CourierLabel" l ON l."movementId" = p.id CROSS JOIN generate_series(1, 4) k`,
        [tag],
      );
      await client.query(`ANALYZE "RecordMovement", "CourierLabel", "TrackingEvent"`);

      const batch = (await client.query<{ id: string; g: number }>(`SELECT id, g FROM plan_movements ORDER BY g LIMIT ${BATCH}`)).rows;
      const insertPlan = (
        await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${COURIER_INSERT_SQL}`, [
          pgArray(batch.map(() => randomUUID())),
          pgArray(batch.map((b) => `plan-new-${tag}-${b.g}`)),
          pgArray(batch.map((b) => `PLAN${tag}${b.g}`)),
          pgArray(batch.map(() => "DELIVERED")),
          pgArray(batch.map(() => new Date().toISOString())),
          pgArray(batch.map(() => null)),
          pgArray(batch.map(() => null)),
          pgArray(batch.map(() => null)),
          new Date().toISOString(),
        ])
      ).rows.map((r) => r["QUERY PLAN"]).join("\n");
      const eventsPlan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${MOVEMENT_EVENTS_SQL}`, [pgArray(batch.map((b) => b.id))])).rows.map((r) => r["QUERY PLAN"]).join("\n");
      await client.query("ROLLBACK");

      expect(scans(insertPlan), insertPlan).toEqual([]);
      expect(insertPlan).toMatch(/Index Scan using "CourierLabel_barcode_key"/);
      expect(scans(eventsPlan), eventsPlan).toEqual([]);
      expect(eventsPlan).toMatch(/Index Scan (using|on) "TrackingEvent_movementId_occurredAt_idx"/);
      expect(eventsPlan).toMatch(/Index Scan using "CourierLabel_pkey"/);
    } finally {
      client.release();
    }
  });
});
