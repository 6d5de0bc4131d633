import "server-only";
// Stores courier scan events: all of a batch's valid events in one transaction, or none. A repeated eventId
// (in the batch or already stored) is a duplicate and changes nothing; an unknown barcode or a bad field
// rejects that event only. Movements touched are re-derived (lib/tracking/refresh.ts) in the same
// transaction. The hot path runs on node-postgres directly (lib/db/sql.ts): one statement finds the labels,
// locks their movements and inserts the events, one reads the movements' events, then the writes of what changed.
import { randomUUID } from "node:crypto";
import type { TrackingEventType } from "@/lib/db/generated/enums";
import { pgArray, type Transactions } from "@/lib/db/sql";
import { trySkipRowByRowReferenceChecks, type SkipOutcome } from "@/lib/db/bulk";
import { MOVEMENT_COLUMNS, refreshLockedMovements, type MovementRow } from "@/lib/tracking/refresh";

export type CourierEvent = {
  eventId: string;
  barcode: string;
  type: TrackingEventType;
  occurredAt: Date;
  location?: string | null;
  signedBy?: string | null;
  note?: string | null;
};

/** Whether this database lets the ingest skip row-by-row reference checks: learnt on the first batch, null until known. */
let referenceChecks: Exclude<SkipOutcome, "failed"> | null = null;

/**
 * One statement finds the labels, locks their movements (FOR NO KEY UPDATE, in id order: no deadlocks between
 * concurrent batches) and only then inserts the events, so the inserts' foreign-key checks find the movements already
 * locked. `known` says which events had a label; `inserted` which of those were new (not a repeated eventId); each row
 * carries its movement's columns as the refresh reads them. Each label is looked up by its barcode in a LATERAL
 * subquery that locks it (FOR KEY SHARE), so it is always one index probe per event: joined to the input as a set,
 * PostgreSQL read the whole label table and hashed it for every batch whenever its statistics said it was small
 * (tests/integration/ingest-plans.test.ts). Movements are reached through `= ANY` of their ids (the primary key).
 */
export const COURIER_INSERT_SQL = `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
           AS t(id, event_id, barcode, type, occurred, location, signed_by, note)
       ), labelled AS MATERIALIZED (
         SELECT i.*, l.id AS label_id, l.movement_id FROM input i
         JOIN LATERAL (SELECT l.id, l."movementId" AS movement_id FROM "CourierLabel" l WHERE l.barcode = i.barcode FOR KEY SHARE) l ON true
       ), locked AS MATERIALIZED (
         SELECT ${MOVEMENT_COLUMNS} FROM "RecordMovement" m
         WHERE m.id = ANY(ARRAY(SELECT DISTINCT movement_id FROM labelled)) ORDER BY m.id FOR NO KEY UPDATE
       ), stored AS (
         INSERT INTO "TrackingEvent" ("id", "movementId", "type", "source", "sourceEventId", "occurredAt", "receivedAt", "location", "signedBy", "note", "labelId")
         SELECT id, movement_id, type::"TrackingEventType", 'COURIER', event_id, occurred, $9::timestamptz, location, signed_by, note, label_id FROM labelled
         WHERE (SELECT count(*) FROM locked) >= 0
         ON CONFLICT ("source", "sourceEventId") DO NOTHING
         RETURNING "sourceEventId"
       )
       SELECT i.event_id, (lb.movement_id IS NOT NULL) AS known, (s."sourceEventId" IS NOT NULL) AS inserted, m.*
       FROM input i LEFT JOIN labelled lb ON lb.event_id = i.event_id LEFT JOIN stored s ON s."sourceEventId" = i.event_id
         LEFT JOIN locked m ON m.id = lb.movement_id AND s."sourceEventId" IS NOT NULL`;

export type IngestResult = { accepted: number; duplicates: number; rejected: { eventId: string; reason: string }[] };

export async function ingestCourierEvents(db: Transactions, events: readonly CourierEvent[], rejected: IngestResult["rejected"] = [], now = new Date()): Promise<IngestResult> {
  let duplicates = 0;
  const seen = new Set<string>();
  const unique: CourierEvent[] = [];
  for (const e of events) {
    if (seen.has(e.eventId)) duplicates++;
    else {
      seen.add(e.eventId);
      unique.push(e);
    }
  }
  if (unique.length === 0) return { accepted: 0, duplicates, rejected };

  const outcome = await db.transaction(async (sql) => {
    // The events' references (movement, label) come from rows this statement joins and locks (the movements FOR NO
    // KEY UPDATE, the labels FOR KEY SHARE), so they hold by construction until commit: where the database allows
    // it, the row-by-row foreign-key checks are skipped for this transaction (lib/db/bulk.ts).
    // Known to be allowed: one statement (if it fails, say the grant was revoked, this batch fails with a 503 and the
    // next one asks again in a savepoint). Unknown: asked in a savepoint. Not allowed: not asked again in this process
    // (each refusal is an error line in PostgreSQL's log; a grant made later needs a restart to be used).
    if (referenceChecks === "skipped") {
      referenceChecks = null;
      await sql.query("SET LOCAL session_replication_role = replica");
      referenceChecks = "skipped";
    } else if (referenceChecks === null) {
      const outcome = await trySkipRowByRowReferenceChecks(sql);
      if (outcome !== "failed") referenceChecks = outcome;
    }
    // The labels, the movements locked, the events inserted (COURIER_INSERT_SQL).
    const rows = await sql.query<{ event_id: string; known: boolean; inserted: boolean } & Partial<MovementRow>>(
      COURIER_INSERT_SQL,
      [
        pgArray(unique.map(() => randomUUID())),
        pgArray(unique.map((e) => e.eventId)),
        pgArray(unique.map((e) => e.barcode)),
        pgArray(unique.map((e) => e.type)),
        pgArray(unique.map((e) => e.occurredAt.toISOString())),
        pgArray(unique.map((e) => e.location ?? null)),
        pgArray(unique.map((e) => e.signedBy ?? null)),
        pgArray(unique.map((e) => e.note ?? null)),
        now.toISOString(),
      ],
      "courier-ingest-insert",
    );
    // The movements with a new event, once each, in id order (the order they were locked in).
    const touched = new Map<string, MovementRow>();
    for (const r of rows) if (r.inserted && r.id && !touched.has(r.id)) touched.set(r.id, r as MovementRow);
    await refreshLockedMovements(sql, [...touched.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), now);
    return rows;
  });

  let accepted = 0;
  for (const r of outcome) {
    if (!r.known) rejected.push({ eventId: r.event_id, reason: "unknown barcode" });
    else if (r.inserted) accepted++;
    else duplicates++;
  }
  return { accepted, duplicates, rejected };
}
