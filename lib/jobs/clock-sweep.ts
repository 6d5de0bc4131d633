// The clock sweep: time passing is a reason to re-derive. Every running clock whose due date has passed and that
// is not yet marked breached is re-derived by the same refresh that handles events (lib/tracking/refresh.ts), which
// records the breach (or, for a clock paused while the record is held, moves its due date). Reads only the narrow,
// indexed MovementClock table to find its work; idempotent and safe on two workers at once (each batch is one
// transaction that locks its movements in id order, and a second pass finds nothing left to do).
import type { Transactions } from "@/lib/db/sql";
import { londonDate } from "@/lib/nhs/working-days";
import { refreshMovementsSql, type RefreshStats } from "@/lib/tracking/refresh";

export type SweepResult = { movementsChecked: number; clocksBreached: number; batches: number; breachedByKind: Record<string, number> };

export const SWEEP_BATCH = 2000;

export async function sweepClocks(db: Transactions, now: Date, batchSize = SWEEP_BATCH): Promise<SweepResult> {
  const today = londonDate(now);
  const processed = new Set<string>();
  let batches = 0;
  const stats: RefreshStats = { newBreaches: [] };
  for (;;) {
    const ids = await db.transaction(async (sql) => {
      // Straight off the (breached, dueDate) index: a re-derived clock is either breached now or (paused) due later,
      // so it drops out of this set; `processed` guards against one that would not.
      const due = await sql.query<{ movementId: string }>(
        `SELECT DISTINCT "movementId" FROM (SELECT "movementId" FROM "MovementClock" WHERE breached = false AND "dueDate" < $1::date LIMIT $2) d`,
        [today, batchSize * 2],
      );
      const batch = due.map((d) => d.movementId).filter((id) => !processed.has(id)).slice(0, batchSize);
      if (batch.length) await refreshMovementsSql(sql, batch, now, stats);
      return batch;
    });
    if (ids.length === 0) break;
    batches++;
    for (const id of ids) processed.add(id);
  }
  const breachedByKind: Record<string, number> = {};
  for (const b of stats.newBreaches) breachedByKind[b.kind] = (breachedByKind[b.kind] ?? 0) + 1;
  return { movementsChecked: processed.size, clocksBreached: stats.newBreaches.length, batches, breachedByKind };
}

/** Every movement with a running clock, re-derived (after the calendar changed). Batches in id order. */
export async function rederiveRunningClocks(db: Transactions, now: Date, batchSize = SWEEP_BATCH): Promise<{ movements: number }> {
  let after = "00000000-0000-0000-0000-000000000000";
  let movements = 0;
  for (;;) {
    const ids = await db.transaction(async (sql) => {
      const rows = await sql.query<{ movementId: string }>(`SELECT DISTINCT "movementId" FROM "MovementClock" WHERE "movementId" > $1::uuid ORDER BY "movementId" LIMIT $2`, [after, batchSize]);
      const batch = rows.map((r) => r.movementId);
      if (batch.length) await refreshMovementsSql(sql, batch, now);
      return batch;
    });
    if (ids.length === 0) break;
    movements += ids.length;
    after = ids[ids.length - 1];
  }
  return { movements };
}
