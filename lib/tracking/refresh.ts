import "server-only";
// Re-derives status, attention and the ready-for-collection time of movements from their events, inside the
// caller's transaction. Rows are locked FOR NO KEY UPDATE in id order (no deadlocks between concurrent
// batches; compatible with the key-share locks that inserting events takes), and events are read after the
// lock, so the last writer always sees every committed event. Only changed rows are written.
// Written against the small `Sql` interface: it runs in Prisma transactions and on node-postgres alike.
import type { Prisma } from "@/lib/db/generated/client";
import type { AttentionReason, MovementStatus, TrackingEventType } from "@/lib/db/generated/enums";
import { prismaSql, type Sql } from "@/lib/db/sql";
import { deriveStatus } from "@/lib/tracking/status";
import { deriveAttention, type AttentionEvent } from "@/lib/tracking/attention";

type EventRow = { movementId: string; type: TrackingEventType; occurredAt: Date; sourceEventId: string; voidedScan: boolean | null };
type MovementRow = { id: string; fromOrganisationId: string; status: MovementStatus; attentionReasons: AttentionReason[] | null; readyForCollectionAt: Date | null; openProblems: number; demographicsDisagreement: boolean };

export async function refreshMovementsSql(sql: Sql, movementIds: readonly string[], now = new Date()): Promise<number> {
  const ids = [...new Set(movementIds)].sort();
  if (ids.length === 0) return 0;
  const movements = await sql.query<MovementRow>(
    `SELECT m.id, m."fromOrganisationId", m.status::text AS status, m."attentionReasons"::text[] AS "attentionReasons", m."readyForCollectionAt", m."demographicsDisagreement",
            (SELECT count(*)::int FROM "ProblemReport" p WHERE p."movementId" = m.id AND p.status = 'OPEN') AS "openProblems"
     FROM "RecordMovement" m WHERE m.id = ANY($1::uuid[]) ORDER BY m.id FOR NO KEY UPDATE OF m`,
    [ids],
  );
  const events = await sql.query<EventRow>(
    `SELECT e."movementId", e.type::text AS type, e."occurredAt", e."sourceEventId",
            (l.status = 'VOIDED' AND e."occurredAt" >= l."voidedAt") AS "voidedScan"
     FROM "TrackingEvent" e LEFT JOIN "CourierLabel" l ON l.id = e."labelId"
     WHERE e."movementId" = ANY($1::uuid[])`,
    [ids],
  );
  const byMovement = new Map<string, AttentionEvent[]>();
  for (const e of events) {
    const list = byMovement.get(e.movementId) ?? [];
    list.push({ type: e.type, occurredAt: e.occurredAt, sourceEventId: e.sourceEventId, scannedVoidedLabel: Boolean(e.voidedScan) });
    byMovement.set(e.movementId, list);
  }
  const changed: { id: string; status: MovementStatus; reasons: AttentionReason[]; readyAt: Date | null; statusChanged: boolean }[] = [];
  // The national queues change only when a movement enters, leaves or changes within them.
  const attentionUpserts: { id: string; reasons: string }[] = [];
  const attentionDeletes: string[] = [];
  const backlogUpserts: { id: string; organisationId: string; readyAt: Date }[] = [];
  const backlogDeletes: string[] = [];
  for (const m of movements) {
    const list = byMovement.get(m.id) ?? [];
    const status = deriveStatus(list);
    const reasons = deriveAttention(list, status, m.openProblems, { demographicsDisagreement: m.demographicsDisagreement });
    let readyAt: Date | null = null;
    if (status === "READY_FOR_COLLECTION") for (const e of list) if (e.type === "READY_FOR_COLLECTION" && (!readyAt || e.occurredAt > readyAt)) readyAt = e.occurredAt;
    const current = m.attentionReasons ?? [];
    const sameReasons = reasons.length === current.length && reasons.every((r, i) => r === current[i]);
    const sameReady = (readyAt?.getTime() ?? null) === (m.readyForCollectionAt?.getTime() ?? null);
    if (status !== m.status || !sameReasons || !sameReady) changed.push({ id: m.id, status, reasons, readyAt, statusChanged: status !== m.status });
    if (!sameReasons) {
      if (reasons.length) attentionUpserts.push({ id: m.id, reasons: reasons.join(",") });
      else attentionDeletes.push(m.id);
    }
    if (!sameReady || status !== m.status) {
      if (readyAt) backlogUpserts.push({ id: m.id, organisationId: m.fromOrganisationId, readyAt });
      else if (m.status === "READY_FOR_COLLECTION" || m.readyForCollectionAt) backlogDeletes.push(m.id);
    }
  }
  if (attentionUpserts.length) {
    await sql.query(
      `INSERT INTO "AttentionQueueEntry" ("movementId", reasons, since)
       SELECT id, string_to_array(reasons, ',')::"AttentionReason"[], $3::timestamptz FROM unnest($1::uuid[], $2::text[]) AS t(id, reasons)
       ON CONFLICT ("movementId") DO UPDATE SET reasons = EXCLUDED.reasons`,
      [attentionUpserts.map((a) => a.id), attentionUpserts.map((a) => a.reasons), now],
    );
  }
  if (attentionDeletes.length) await sql.query(`DELETE FROM "AttentionQueueEntry" WHERE "movementId" = ANY($1::uuid[])`, [attentionDeletes]);
  if (backlogUpserts.length) {
    await sql.query(
      `INSERT INTO "CollectionBacklogEntry" ("movementId", "organisationId", "readyAt")
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])
       ON CONFLICT ("movementId") DO UPDATE SET "organisationId" = EXCLUDED."organisationId", "readyAt" = EXCLUDED."readyAt"`,
      [backlogUpserts.map((b) => b.id), backlogUpserts.map((b) => b.organisationId), backlogUpserts.map((b) => b.readyAt)],
    );
  }
  if (backlogDeletes.length) await sql.query(`DELETE FROM "CollectionBacklogEntry" WHERE "movementId" = ANY($1::uuid[])`, [backlogDeletes]);
  if (changed.length === 0) return 0;
  await sql.query(
    `UPDATE "RecordMovement" AS m SET
       status = c.status::"MovementStatus",
       "needsAttention" = c.reasons <> '',
       "attentionReasons" = COALESCE(string_to_array(NULLIF(c.reasons, ''), ','), '{}')::"AttentionReason"[],
       "readyForCollectionAt" = c.ready,
       "statusChangedAt" = CASE WHEN c.status_changed THEN $6::timestamptz ELSE m."statusChangedAt" END,
       "updatedAt" = $6::timestamptz
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::boolean[]) AS c(id, status, reasons, ready, status_changed)
     WHERE m.id = c.id`,
    [changed.map((c) => c.id), changed.map((c) => c.status), changed.map((c) => c.reasons.join(",")), changed.map((c) => c.readyAt), changed.map((c) => c.statusChanged), now],
  );
  return changed.length;
}

/** For commands running in a Prisma transaction. */
export function refreshMovements(tx: Prisma.TransactionClient, movementIds: readonly string[], now = new Date()): Promise<number> {
  return refreshMovementsSql(prismaSql(tx), movementIds, now);
}
