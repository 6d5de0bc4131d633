import "server-only";
// Re-derives status, attention and the ready-for-collection time of movements from their events, inside the
// caller's transaction. Rows are locked FOR NO KEY UPDATE in id order (no deadlocks between concurrent
// batches; compatible with the key-share locks that inserting events takes), and events are read after the
// lock, so the last writer always sees every committed event. Only changed rows are written.
import type { Prisma } from "@/lib/db/generated/client";
import type { AttentionReason, MovementStatus, TrackingEventType } from "@/lib/db/generated/enums";
import { deriveStatus } from "@/lib/tracking/status";
import { deriveAttention, type AttentionEvent } from "@/lib/tracking/attention";

type Tx = Prisma.TransactionClient;

type EventRow = { movementId: string; type: TrackingEventType; occurredAt: Date; sourceEventId: string; voidedScan: boolean };
type MovementRow = { id: string; status: MovementStatus; needsAttention: boolean; attentionReasons: AttentionReason[]; readyForCollectionAt: Date | null; openProblems: number };

export async function refreshMovements(tx: Tx, movementIds: readonly string[], now = new Date()): Promise<number> {
  const ids = [...new Set(movementIds)].sort();
  if (ids.length === 0) return 0;
  const movements = await tx.$queryRaw<MovementRow[]>`
    SELECT m.id, m.status, m."needsAttention", m."attentionReasons", m."readyForCollectionAt",
           (SELECT count(*)::int FROM "ProblemReport" p WHERE p."movementId" = m.id AND p.status = 'OPEN') AS "openProblems"
    FROM "RecordMovement" m WHERE m.id = ANY(${ids}::uuid[]) ORDER BY m.id FOR NO KEY UPDATE OF m`;
  const events = await tx.$queryRaw<EventRow[]>`
    SELECT e."movementId", e.type, e."occurredAt", e."sourceEventId",
           (l.status = 'VOIDED' AND e."occurredAt" >= l."voidedAt") AS "voidedScan"
    FROM "TrackingEvent" e LEFT JOIN "CourierLabel" l ON l.id = e."labelId"
    WHERE e."movementId" = ANY(${ids}::uuid[])`;
  const byMovement = new Map<string, AttentionEvent[]>();
  for (const e of events) {
    const list = byMovement.get(e.movementId) ?? [];
    list.push({ type: e.type, occurredAt: e.occurredAt, sourceEventId: e.sourceEventId, scannedVoidedLabel: Boolean(e.voidedScan) });
    byMovement.set(e.movementId, list);
  }
  const changed: { id: string; status: MovementStatus; needsAttention: boolean; reasons: AttentionReason[]; readyAt: Date | null; statusChanged: boolean }[] = [];
  for (const m of movements) {
    const list = byMovement.get(m.id) ?? [];
    const status = deriveStatus(list);
    const reasons = deriveAttention(list, status, m.openProblems);
    const readyAt =
      status === "READY_FOR_COLLECTION"
        ? list.filter((e) => e.type === "READY_FOR_COLLECTION").reduce<Date | null>((max, e) => (!max || e.occurredAt > max ? e.occurredAt : max), null)
        : null;
    const current = m.attentionReasons ?? [];
    const sameReasons = reasons.length === current.length && reasons.every((r, i) => r === current[i]);
    const sameReady = (readyAt?.getTime() ?? null) === (m.readyForCollectionAt?.getTime() ?? null);
    if (status !== m.status || !sameReasons || !sameReady) {
      changed.push({ id: m.id, status, needsAttention: reasons.length > 0, reasons, readyAt, statusChanged: status !== m.status });
    }
  }
  if (changed.length === 0) return 0;
  await tx.$executeRaw`
    UPDATE "RecordMovement" AS m SET
      status = c.status::"MovementStatus",
      "needsAttention" = c.attention,
      "attentionReasons" = COALESCE(string_to_array(NULLIF(c.reasons, ''), ','), '{}')::"AttentionReason"[],
      "readyForCollectionAt" = c.ready,
      "statusChangedAt" = CASE WHEN c.status_changed THEN ${now} ELSE m."statusChangedAt" END,
      "updatedAt" = ${now}
    FROM unnest(${changed.map((c) => c.id)}::uuid[], ${changed.map((c) => c.status)}::text[], ${changed.map((c) => c.needsAttention)}::boolean[],
                ${changed.map((c) => c.reasons.join(","))}::text[], ${changed.map((c) => c.readyAt)}::timestamptz[], ${changed.map((c) => c.statusChanged)}::boolean[])
         AS c(id, status, attention, reasons, ready, status_changed)
    WHERE m.id = c.id`;
  return changed.length;
}
