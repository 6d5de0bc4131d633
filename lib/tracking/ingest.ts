import "server-only";
// Stores courier scan events: all of a batch's valid events in one transaction, or none. A repeated eventId
// (in the batch or already stored) is a duplicate and changes nothing; an unknown barcode or a bad field
// rejects that event only. Movements touched are re-derived (lib/tracking/refresh.ts) in the same
// transaction. The hot path runs on node-postgres directly (lib/db/sql.ts): one statement finds the labels
// and inserts the events, one locks the movements, one reads their events, one writes what changed.
import { randomUUID } from "node:crypto";
import type { TrackingEventType } from "@/lib/db/generated/enums";
import type { Transactions } from "@/lib/db/sql";
import { refreshMovementsSql } from "@/lib/tracking/refresh";

export type CourierEvent = {
  eventId: string;
  barcode: string;
  type: TrackingEventType;
  occurredAt: Date;
  location?: string | null;
  signedBy?: string | null;
  note?: string | null;
};

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
    // `known` says which events had a label; `inserted` which of those were new (not a repeated eventId).
    const rows = await sql.query<{ event_id: string; known: boolean; movement_id: string | null; inserted: boolean }>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
           AS t(id, event_id, barcode, type, occurred, location, signed_by, note)
       ), labelled AS (
         SELECT i.*, l.id AS label_id, l."movementId" AS movement_id FROM input i JOIN "CourierLabel" l ON l.barcode = i.barcode
       ), stored AS (
         INSERT INTO "TrackingEvent" ("id", "movementId", "type", "source", "sourceEventId", "occurredAt", "receivedAt", "location", "signedBy", "note", "labelId")
         SELECT id, movement_id, type::"TrackingEventType", 'COURIER', event_id, occurred, $9::timestamptz, location, signed_by, note, label_id FROM labelled
         ON CONFLICT ("source", "sourceEventId") DO NOTHING
         RETURNING "sourceEventId"
       )
       SELECT i.event_id, (lb.movement_id IS NOT NULL) AS known, lb.movement_id, (s."sourceEventId" IS NOT NULL) AS inserted
       FROM input i LEFT JOIN labelled lb ON lb.event_id = i.event_id LEFT JOIN stored s ON s."sourceEventId" = i.event_id`,
      [
        unique.map(() => randomUUID()),
        unique.map((e) => e.eventId),
        unique.map((e) => e.barcode),
        unique.map((e) => e.type),
        unique.map((e) => e.occurredAt.toISOString()),
        unique.map((e) => e.location ?? null),
        unique.map((e) => e.signedBy ?? null),
        unique.map((e) => e.note ?? null),
        now.toISOString(),
      ],
    );
    const touched = rows.filter((r) => r.inserted).map((r) => r.movement_id!);
    await refreshMovementsSql(sql, touched, now);
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
