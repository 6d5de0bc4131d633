// What the work costs: each entry is costed at its grade's rate in force on the entry's date. A practice's own
// rate (set by its manager, from a date) comes first; otherwise the national default for the grade, which names its
// source and pay year. The rules are pure; the loaders read the rates a practice can use.
import type { Prisma } from "@/lib/db/generated/client";
import type { StaffGrade } from "@/lib/db/generated/enums";

export type RateRow = { id: string; organisationId: string | null; grade: StaffGrade; effectiveFrom: string; pencePerHour: number; source: string; sourceYear: string | null };

/** Pence for minutes at a rate per hour, to the nearest penny. */
export function costPence(minutes: number, pencePerHour: number): number {
  return Math.round((minutes * pencePerHour) / 60);
}

/**
 * The rate in force for a grade on a date: the practice's latest rate effective on or before the date; else the
 * latest national default effective then; else (a date before any default) the earliest national default, so an
 * entry always has a cost (docs/workload.md). Null only if the grade has no rate at all.
 */
export function rateInForce(rates: readonly RateRow[], grade: StaffGrade, date: string): RateRow | null {
  let own: RateRow | null = null;
  let national: RateRow | null = null;
  let earliestNational: RateRow | null = null;
  for (const r of rates) {
    if (r.grade !== grade) continue;
    if (r.organisationId === null && (!earliestNational || r.effectiveFrom < earliestNational.effectiveFrom)) earliestNational = r;
    if (r.effectiveFrom > date) continue;
    if (r.organisationId !== null) {
      if (!own || r.effectiveFrom > own.effectiveFrom) own = r;
    } else if (!national || r.effectiveFrom > national.effectiveFrom) national = r;
  }
  return own ?? national ?? earliestNational;
}

/** The window a practice rate governs: from its date to the day before the practice's next rate for the grade. */
export function rateWindow(rates: readonly RateRow[], rate: RateRow): { from: string; until: string | null } {
  const later = rates
    .filter((r) => r.organisationId === rate.organisationId && r.grade === rate.grade && r.effectiveFrom > rate.effectiveFrom)
    .map((r) => r.effectiveFrom)
    .sort();
  return { from: rate.effectiveFrom, until: later[0] ?? null };
}

type RateReader = { gradeRate: Pick<Prisma.TransactionClient["gradeRate"], "findMany"> };

/** Every rate a practice's entries can be costed at: its own and the national defaults. */
export async function ratesFor(db: RateReader, practiceId: string): Promise<RateRow[]> {
  const rows = await db.gradeRate.findMany({
    where: { OR: [{ organisationId: practiceId }, { organisationId: null }] },
    select: { id: true, organisationId: true, grade: true, effectiveFrom: true, pencePerHour: true, source: true, sourceYear: true },
    orderBy: [{ effectiveFrom: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((r) => ({ ...r, effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10) }));
}
