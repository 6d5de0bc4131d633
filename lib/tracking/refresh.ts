import "server-only";
// Re-derives everything a movement's events decide, inside the caller's transaction: status
// (lib/tracking/status.ts), attention (attention.ts), the ready-for-collection time, and the milestones and
// service-level clocks under the movement's own policy version (clocks.ts). Rows are locked FOR NO KEY UPDATE in
// id order (no deadlocks between concurrent batches; compatible with the key-share locks that inserting events
// takes), and events are read after the lock, so the last writer always sees every committed event. Only changed
// rows are written, and the national queue tables (attention, collection backlog, running clocks) change only when
// a movement enters, leaves or changes within them. Runs in Prisma transactions and on node-postgres alike (Sql).
// The clock sweep (lib/jobs/clock-sweep.ts) calls this too: time passing is just another reason to re-derive.
import type { Prisma } from "@/lib/db/generated/client";
import type { AttentionReason, MovementClockKind, MovementStatus, MovementType, Priority, Country, TrackingEventType } from "@/lib/db/generated/enums";
import { pgArray, prismaSql, type Sql } from "@/lib/db/sql";
import { compareEvents, deriveStatus } from "@/lib/tracking/status";
import { deriveAttention, type AttentionEvent } from "@/lib/tracking/attention";
import { deriveMovementClocks, type MovementClocks } from "@/lib/tracking/clocks";
import { isOpen } from "@/lib/movements/lifecycle";
import { loadCalendars } from "@/lib/clocks/calendars";
import { divisionFor } from "@/lib/clocks/calendar";
import { policyRulesFor } from "@/lib/service-levels/versions";
import { crossBorderCountryOf, movementTargets } from "@/lib/service-levels/policy";

type EventRow = AttentionEvent & { movementId: string; type: TrackingEventType; scannedVoidedLabel: boolean };
export type MovementRow = {
  id: string;
  fromOrganisationId: string;
  status: MovementStatus;
  attentionReasons: AttentionReason[] | null;
  readyForCollectionAt: Date | null;
  demographicsDisagreement: boolean;
  openProblems: number;
  type: MovementType;
  priority: Priority;
  createdAt: Date;
  policyVersion: number;
  toOrganisationId: string;
  releasedAt: Date | null;
  collectedAt: Date | null;
  deliveredAt: Date | null;
  receivedAt: Date | null;
  dueDate: string;
  releaseDueDate: string | null;
  collectionDueDate: string | null;
  deliveryDueDate: string | null;
  receiptDueDate: string | null;
  breachedClocks: string[] | null;
  deliveryWorkingDays: number | null;
  endToEndWorkingDays: number | null;
};

/** Dates go to PostgreSQL as ISO strings: node-postgres's own Date formatting was the courier path's costliest call. */
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
const dueOf = (c: MovementClocks, kind: MovementClockKind) => {
  for (const k of c.clocks) if (k.kind === kind) return k.dueDate;
  return null;
};

/** Whether the derived clock columns equal the stored ones (compared field by field: this runs per courier event). */
function sameClockColumns(c: MovementClocks, m: MovementRow): boolean {
  if (!sameTime(c.releasedAt, m.releasedAt) || !sameTime(c.collectedAt, m.collectedAt) || !sameTime(c.deliveredAt, m.deliveredAt) || !sameTime(c.receivedAt, m.receivedAt)) return false;
  if (c.dueDate !== m.dueDate || dueOf(c, "RELEASE") !== m.releaseDueDate || dueOf(c, "COLLECTION") !== m.collectionDueDate || dueOf(c, "DELIVERY") !== m.deliveryDueDate || dueOf(c, "RECEIPT") !== m.receiptDueDate) return false;
  if (c.deliveryWorkingDays !== m.deliveryWorkingDays || c.endToEndWorkingDays !== m.endToEndWorkingDays) return false;
  const stored = m.breachedClocks ?? [];
  if (stored.length !== c.breached.length) return false;
  for (const k of c.breached) if (!stored.includes(k)) return false;
  return true;
}

/**
 * The running clocks the MovementClock table holds for a movement, worked out from its stored columns (the table is
 * kept as exactly the running clocks of the stored state, by this refresh alone), so the courier path need not read
 * it: a clock runs when it started (its due date is stored), has not stopped (its milestone is not), and the movement
 * is open.
 */
function runningClocksStored(m: MovementRow): Map<string, { due: string; breached: boolean }> {
  const held = new Map<string, { due: string; breached: boolean }>();
  // Never derived yet (just created, seeded or migrated): the release clock always starts at creation, so a
  // derived movement always has its due date. No rows are held for it.
  if (m.releaseDueDate === null || !isOpen(m.status)) return held;
  const breached = m.breachedClocks ?? [];
  const add = (kind: MovementClockKind, due: string | null, stopped: Date | null) => {
    if (due !== null && stopped === null) held.set(kind, { due, breached: breached.includes(kind) });
  };
  add("RELEASE", m.releaseDueDate, m.releasedAt);
  add("COLLECTION", m.collectionDueDate, m.collectedAt);
  add("DELIVERY", m.deliveryDueDate, m.deliveredAt);
  add("RECEIPT", m.receiptDueDate, m.receivedAt);
  add("END_TO_END", m.dueDate, m.receivedAt);
  return held;
}

// Organisations' countries (which bank-holiday calendar a movement counts on), cached per process: a country never
// changes, and the courier path then needs no join to look them up.
const countries = new Map<string, Country>();

async function countriesOf(sql: Sql, ids: Iterable<string>): Promise<Map<string, Country>> {
  const missing = [...new Set(ids)].filter((id) => !countries.has(id));
  if (missing.length) {
    const rows = await sql.query<{ id: string; country: Country }>(`SELECT id, country::text AS country FROM "Organisation" WHERE id = ANY($1::uuid[])`, [missing]);
    if (countries.size > 50_000) countries.clear();
    for (const r of rows) countries.set(r.id, r.country);
  }
  return countries;
}

export type RefreshStats = { newBreaches: { movementId: string; kind: MovementClockKind }[] };

/**
 * The movement columns the refresh reads, for `FROM "RecordMovement" m` locked FOR NO KEY UPDATE (the courier ingest
 * folds the same lock into its insert statement, lib/tracking/ingest.ts).
 */
export const MOVEMENT_COLUMNS = `m.id, m."fromOrganisationId", m.status::text AS status, m."attentionReasons"::text[] AS "attentionReasons", m."readyForCollectionAt", m."demographicsDisagreement",
            (SELECT count(*)::int FROM "ProblemReport" p WHERE p."movementId" = m.id AND p.status = 'OPEN') AS "openProblems",
            m.type::text AS type, m.priority::text AS priority, m."createdAt", m."policyVersion",
            m."toOrganisationId", m."releasedAt", m."collectedAt", m."deliveredAt", m."receivedAt",
            m."dueDate"::text AS "dueDate", m."releaseDueDate"::text AS "releaseDueDate", m."collectionDueDate"::text AS "collectionDueDate",
            m."deliveryDueDate"::text AS "deliveryDueDate", m."receiptDueDate"::text AS "receiptDueDate",
            m."breachedClocks"::text[] AS "breachedClocks", m."deliveryWorkingDays", m."endToEndWorkingDays"`;

/**
 * The events of the movements `$1` (uuid[]) with whether each was scanned on a label already voided. Each movement's
 * events are read through the (movementId, occurredAt) index in a LATERAL subquery (OFFSET 0 keeps it one), and each
 * event's label through the label's primary key: written as joins over the whole set, PostgreSQL read both tables
 * whole and hashed them for every batch whenever their statistics said they were small, a cost that grew with the
 * tables (tests/integration/ingest-plans.test.ts).
 */
export const MOVEMENT_EVENTS_SQL = `SELECT e."movementId", e.type::text AS type, e."occurredAt", e."sourceEventId",
            COALESCE((SELECT l.status = 'VOIDED' AND e."occurredAt" >= l."voidedAt" FROM "CourierLabel" l WHERE l.id = e."labelId"), false) AS "scannedVoidedLabel"
     FROM unnest($1::uuid[]) AS k(id)
     CROSS JOIN LATERAL (SELECT e."movementId", e.type, e."occurredAt", e."sourceEventId", e."labelId" FROM "TrackingEvent" e WHERE e."movementId" = k.id OFFSET 0) e`;

export async function refreshMovementsSql(sql: Sql, movementIds: readonly string[], now = new Date(), stats?: RefreshStats): Promise<number> {
  const ids = [...new Set(movementIds)].sort();
  if (ids.length === 0) return 0;
  const movements = await sql.query<MovementRow>(`SELECT ${MOVEMENT_COLUMNS} FROM "RecordMovement" m WHERE m.id = ANY($1::uuid[]) ORDER BY m.id FOR NO KEY UPDATE`, [pgArray(ids)], "refresh-lock");
  return refreshLockedMovements(sql, movements, now, stats);
}

/**
 * The refresh of movements the caller has already locked FOR NO KEY UPDATE (rows as MOVEMENT_COLUMNS reads them):
 * reads their events (after the lock, so every committed event is seen), derives, and writes what changed.
 * Every statement reaches the rows it needs through an index: events per movement (MOVEMENT_EVENTS_SQL), the rows to
 * write by `= ANY(...)` of their ids; joined to an unnest alone, a small or freshly loaded table was read whole and
 * hashed for every batch.
 */
export async function refreshLockedMovements(sql: Sql, movements: readonly MovementRow[], now = new Date(), stats?: RefreshStats): Promise<number> {
  if (movements.length === 0) return 0;
  const ids = movements.map((m) => m.id);
  const events = await sql.query<EventRow>(
    MOVEMENT_EVENTS_SQL,
    [pgArray(ids)],
    "refresh-events",
  );
  // Each movement's events in the order they happened, sorted once here for the three derivations that read them.
  const byMovement = new Map<string, EventRow[]>();
  for (const e of events) {
    const list = byMovement.get(e.movementId);
    if (list) list.push(e);
    else byMovement.set(e.movementId, [e]);
  }
  for (const list of byMovement.values()) if (list.length > 1) list.sort(compareEvents);
  const [calendars, policies, country] = await Promise.all([
    loadCalendars(sql),
    policyRulesFor(sql, movements.map((m) => m.policyVersion)),
    countriesOf(sql, movements.flatMap((m) => [m.fromOrganisationId, m.toOrganisationId])),
  ]);

  type Changed = { id: string; status: MovementStatus; reasons: AttentionReason[]; readyAt: Date | null; statusChanged: boolean; clocks: MovementClocks };
  const changed: Changed[] = [];
  const attentionUpserts: { id: string; reasons: string }[] = [];
  const attentionDeletes: string[] = [];
  const backlogUpserts: { id: string; organisationId: string; readyAt: Date }[] = [];
  const backlogDeletes: string[] = [];
  const clockUpserts: { id: string; kind: MovementClockKind; startedAt: Date; dueDate: string; breached: boolean }[] = [];
  const clockDeletes: { id: string; kind: string }[] = [];

  for (const m of movements) {
    const list: readonly EventRow[] = byMovement.get(m.id) ?? [];
    const status = deriveStatus(list);
    const reasons = deriveAttention(list, status, m.openProblems, { demographicsDisagreement: m.demographicsDisagreement });
    const rules = policies.get(m.policyVersion)!;
    const clocks = deriveMovementClocks(
      list,
      {
        createdAt: m.createdAt,
        status,
        targets: movementTargets(rules, m.type, m.priority, crossBorderCountryOf(m.type, country.get(m.fromOrganisationId)!, country.get(m.toOrganisationId)!)),
        pauseWhileHeld: rules.movementPauses.statuses.includes("HELD_AT_PRACTICE"),
        maxPausedWorkingDays: rules.movementPauses.maxPausedWorkingDays,
        senderCalendar: calendars[divisionFor(country.get(m.fromOrganisationId)!)],
        receiverCalendar: calendars[divisionFor(country.get(m.toOrganisationId)!)],
      },
      now,
      { detail: false },
    );
    let readyAt: Date | null = null;
    if (status === "READY_FOR_COLLECTION") for (const e of list) if (e.type === "READY_FOR_COLLECTION" && (!readyAt || e.occurredAt > readyAt)) readyAt = e.occurredAt;
    const current = m.attentionReasons ?? [];
    const sameReasons = reasons.length === current.length && reasons.every((r, i) => r === current[i]);
    const sameReady = (readyAt?.getTime() ?? null) === (m.readyForCollectionAt?.getTime() ?? null);
    const sameClocks = sameClockColumns(clocks, m);
    if (status !== m.status || !sameReasons || !sameReady || !sameClocks) changed.push({ id: m.id, status, reasons, readyAt, statusChanged: status !== m.status, clocks });
    if (!sameReasons) {
      if (reasons.length) attentionUpserts.push({ id: m.id, reasons: reasons.join(",") });
      else attentionDeletes.push(m.id);
    }
    if (!sameReady || status !== m.status) {
      if (readyAt) backlogUpserts.push({ id: m.id, organisationId: m.fromOrganisationId, readyAt });
      else if (m.status === "READY_FOR_COLLECTION" || m.readyForCollectionAt) backlogDeletes.push(m.id);
    }
    // Running clocks: write only what differs from the rows held.
    const held = runningClocksStored(m);
    for (const c of clocks.clocks) {
      if (!c.running) continue;
      const row = held.get(c.kind);
      if (!row || row.due !== c.dueDate || row.breached !== c.breached) clockUpserts.push({ id: m.id, kind: c.kind, startedAt: c.startedAt, dueDate: c.dueDate, breached: c.breached });
      if (c.breached && !row?.breached) stats?.newBreaches.push({ movementId: m.id, kind: c.kind });
      held.delete(c.kind);
    }
    for (const kind of held.keys()) clockDeletes.push({ id: m.id, kind });
  }

  if (attentionUpserts.length) {
    await sql.query(
      `INSERT INTO "AttentionQueueEntry" ("movementId", reasons, since)
       SELECT id, string_to_array(reasons, ',')::"AttentionReason"[], $3::timestamptz FROM unnest($1::uuid[], $2::text[]) AS t(id, reasons)
       ON CONFLICT ("movementId") DO UPDATE SET reasons = EXCLUDED.reasons`,
      [pgArray(attentionUpserts.map((a) => a.id)), pgArray(attentionUpserts.map((a) => a.reasons)), iso(now)],
      "refresh-attention-upsert",
    );
  }
  if (attentionDeletes.length) await sql.query(`DELETE FROM "AttentionQueueEntry" WHERE "movementId" = ANY($1::uuid[])`, [pgArray(attentionDeletes)], "refresh-attention-delete");
  if (backlogUpserts.length) {
    await sql.query(
      `INSERT INTO "CollectionBacklogEntry" ("movementId", "organisationId", "readyAt")
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])
       ON CONFLICT ("movementId") DO UPDATE SET "organisationId" = EXCLUDED."organisationId", "readyAt" = EXCLUDED."readyAt"`,
      [pgArray(backlogUpserts.map((b) => b.id)), pgArray(backlogUpserts.map((b) => b.organisationId)), pgArray(backlogUpserts.map((b) => iso(b.readyAt)))],
      "refresh-backlog-upsert",
    );
  }
  if (backlogDeletes.length) await sql.query(`DELETE FROM "CollectionBacklogEntry" WHERE "movementId" = ANY($1::uuid[])`, [pgArray(backlogDeletes)], "refresh-backlog-delete");
  if (clockUpserts.length || clockDeletes.length) {
    // A breach keeps the moment it was first recorded. Deletes and upserts in one statement (one round trip).
    await sql.query(
      `WITH gone AS (
         DELETE FROM "MovementClock" c USING unnest($7::uuid[], $8::text[]) AS d(id, kind)
         WHERE c."movementId" = ANY($7::uuid[]) AND c."movementId" = d.id AND c.kind = d.kind::"MovementClockKind"
       )
       INSERT INTO "MovementClock" ("movementId", kind, "startedAt", "dueDate", breached, "breachedAt")
       SELECT id, kind::"MovementClockKind", started, due::date, breached, CASE WHEN breached THEN $6::timestamptz END
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::boolean[]) AS t(id, kind, started, due, breached)
       ON CONFLICT ("movementId", kind) DO UPDATE SET "startedAt" = EXCLUDED."startedAt", "dueDate" = EXCLUDED."dueDate", breached = EXCLUDED.breached,
         "breachedAt" = CASE WHEN EXCLUDED.breached THEN COALESCE("MovementClock"."breachedAt", EXCLUDED."breachedAt") END`,
      [
        pgArray(clockUpserts.map((c) => c.id)),
        pgArray(clockUpserts.map((c) => c.kind)),
        pgArray(clockUpserts.map((c) => iso(c.startedAt))),
        pgArray(clockUpserts.map((c) => c.dueDate)),
        pgArray(clockUpserts.map((c) => c.breached)),
        iso(now),
        pgArray(clockDeletes.map((d) => d.id)),
        pgArray(clockDeletes.map((d) => d.kind)),
      ],
      "refresh-clocks",
    );
  }
  if (changed.length === 0) return 0;
  const due = (c: MovementClocks, kind: MovementClockKind) => c.clocks.find((k) => k.kind === kind)?.dueDate ?? null;
  await sql.query(
    `UPDATE "RecordMovement" AS m SET
       status = c.status::"MovementStatus",
       "needsAttention" = c.reasons <> '',
       "attentionReasons" = COALESCE(string_to_array(NULLIF(c.reasons, ''), ','), '{}')::"AttentionReason"[],
       "readyForCollectionAt" = c.ready,
       "statusChangedAt" = CASE WHEN c.status_changed THEN $6::timestamptz ELSE m."statusChangedAt" END,
       "updatedAt" = $6::timestamptz,
       "releasedAt" = c.released, "collectedAt" = c.collected, "deliveredAt" = c.delivered, "receivedAt" = c.received,
       "dueDate" = c.due::date, "releaseDueDate" = c.release_due::date, "collectionDueDate" = c.collection_due::date,
       "deliveryDueDate" = c.delivery_due::date, "receiptDueDate" = c.receipt_due::date,
       "breachedClocks" = COALESCE(string_to_array(NULLIF(c.breached, ''), ','), '{}')::"MovementClockKind"[],
       "deliveryWorkingDays" = c.delivery_days, "endToEndWorkingDays" = c.end_to_end_days
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::boolean[],
                 $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::int[], $18::int[])
       AS c(id, status, reasons, ready, status_changed, released, collected, delivered, received, due, release_due, collection_due, delivery_due, receipt_due, breached, delivery_days, end_to_end_days)
     WHERE m.id = ANY($1::uuid[]) AND m.id = c.id`,
    [
      pgArray(changed.map((c) => c.id)),
      pgArray(changed.map((c) => c.status)),
      pgArray(changed.map((c) => c.reasons.join(","))),
      pgArray(changed.map((c) => iso(c.readyAt))),
      pgArray(changed.map((c) => c.statusChanged)),
      iso(now),
      pgArray(changed.map((c) => iso(c.clocks.releasedAt))),
      pgArray(changed.map((c) => iso(c.clocks.collectedAt))),
      pgArray(changed.map((c) => iso(c.clocks.deliveredAt))),
      pgArray(changed.map((c) => iso(c.clocks.receivedAt))),
      pgArray(changed.map((c) => c.clocks.dueDate)),
      pgArray(changed.map((c) => due(c.clocks, "RELEASE"))),
      pgArray(changed.map((c) => due(c.clocks, "COLLECTION"))),
      pgArray(changed.map((c) => due(c.clocks, "DELIVERY"))),
      pgArray(changed.map((c) => due(c.clocks, "RECEIPT"))),
      pgArray(changed.map((c) => [...c.clocks.breached].sort().join(","))),
      pgArray(changed.map((c) => c.clocks.deliveryWorkingDays)),
      pgArray(changed.map((c) => c.clocks.endToEndWorkingDays)),
    ],
    "refresh-movements-update",
  );
  return changed.length;
}

/** For commands running in a Prisma transaction. */
export function refreshMovements(tx: Prisma.TransactionClient, movementIds: readonly string[], now = new Date(), stats?: RefreshStats): Promise<number> {
  return refreshMovementsSql(prismaSql(tx), movementIds, now, stats);
}
