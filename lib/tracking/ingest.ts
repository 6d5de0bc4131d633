import "server-only";
// Stores courier scan events: all of a batch's valid events in one transaction, or none. A repeated eventId
// (in the batch or already stored) is a duplicate and changes nothing; an unknown barcode or a bad field
// rejects that event only. Movements touched are re-derived (lib/tracking/refresh.ts) in the same transaction.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { TrackingEventType } from "@/lib/db/generated/enums";
import { refreshMovements } from "@/lib/tracking/refresh";

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

export async function ingestCourierEvents(db: Db, events: readonly CourierEvent[], rejected: IngestResult["rejected"] = [], now = new Date()): Promise<IngestResult> {
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
  const barcodes = [...new Set(unique.map((e) => e.barcode))];
  const labels = barcodes.length
    ? await db.courierLabel.findMany({ where: { barcode: { in: barcodes } }, select: { id: true, barcode: true, movementId: true } })
    : [];
  const labelByBarcode = new Map(labels.map((l) => [l.barcode, l]));
  const rows: (CourierEvent & { labelId: string; movementId: string })[] = [];
  for (const e of unique) {
    const label = labelByBarcode.get(e.barcode);
    if (!label) rejected.push({ eventId: e.eventId, reason: "unknown barcode" });
    else rows.push({ ...e, labelId: label.id, movementId: label.movementId });
  }
  if (rows.length === 0) return { accepted: 0, duplicates, rejected };

  const inserted = await db.$transaction(
    async (tx) => {
      const stored = await tx.$queryRaw<{ movementId: string }[]>`
        INSERT INTO "TrackingEvent" ("id", "movementId", "type", "source", "sourceEventId", "occurredAt", "receivedAt", "location", "signedBy", "note", "labelId")
        SELECT t.id, t.movement, t.type::"TrackingEventType", 'COURIER'::"TrackingSource", t.event_id, t.occurred, ${now}, t.location, t.signed_by, t.note, t.label
        FROM unnest(${rows.map(() => randomUUID())}::uuid[], ${rows.map((r) => r.movementId)}::uuid[], ${rows.map((r) => r.type)}::text[],
                    ${rows.map((r) => r.eventId)}::text[], ${rows.map((r) => r.occurredAt)}::timestamptz[], ${rows.map((r) => r.location ?? null)}::text[],
                    ${rows.map((r) => r.signedBy ?? null)}::text[], ${rows.map((r) => r.note ?? null)}::text[], ${rows.map((r) => r.labelId)}::uuid[])
             AS t(id, movement, type, event_id, occurred, location, signed_by, note, label)
        ON CONFLICT ("source", "sourceEventId") DO NOTHING
        RETURNING "movementId"`;
      await refreshMovements(tx, stored.map((s) => s.movementId), now);
      return stored.length;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  return { accepted: inserted, duplicates: duplicates + (rows.length - inserted), rejected };
}
