// The manager's figures, worked out from grouped rows (pure): months, totals by task, grade and cause, minutes per
// record moved, and the national comparison under disclosure control.
import type { StaffGrade, WorkloadCause } from "@/lib/db/generated/enums";
import type { PolicyRules } from "@/lib/service-levels/policy";
import { CAUSE_LABELS, GRADE_LABELS, WORKLOAD_CAUSES } from "@/lib/workload/schemas";

export type GroupedRow = { month: string; taskCode: string; grade: StaffGrade; cause: WorkloadCause; minutes: number; costPence: number; entries: number };

export type Line = { key: string; label: string; minutes: number; costPence: number; entries: number };

export type Totals = { minutes: number; costPence: number; entries: number; movements: number; minutesPerRecord: number | null; byTask: Line[]; byGrade: Line[]; byCause: Line[] };

export type MonthFigure = { month: string; label: string; minutes: number; costPence: number; entries: number; movements: number; minutesPerRecord: number | null; byCause: Record<WorkloadCause, number> };

const monthLabel = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** The 12 months ending with the month of `today` (YYYY-MM), oldest first, and the date range they cover. */
export function lastTwelveMonths(today: string): { months: string[]; from: string; to: string } {
  const [y, m] = today.split("-").map(Number);
  const months: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return { months, from: `${months[0]}-01`, to: next };
}

export function labelOfMonth(month: string): string {
  return monthLabel.format(new Date(`${month}-01T00:00:00Z`));
}

function lines(rows: readonly GroupedRow[], keyOf: (r: GroupedRow) => string, labelOf: (key: string) => string): Line[] {
  const out = new Map<string, Line>();
  for (const r of rows) {
    const key = keyOf(r);
    const line = out.get(key) ?? { key, label: labelOf(key), minutes: 0, costPence: 0, entries: 0 };
    line.minutes += r.minutes;
    line.costPence += r.costPence;
    line.entries += r.entries;
    out.set(key, line);
  }
  return [...out.values()].sort((a, b) => b.minutes - a.minutes || a.label.localeCompare(b.label));
}

/** Minutes per record moved, to one decimal place; null with no records moved. */
export function perRecord(minutes: number, movements: number): number | null {
  return movements > 0 ? Math.round((minutes / movements) * 10) / 10 : null;
}

/**
 * Totals of grouped rows. Minutes per record moved count only the months in which the practice moved records through
 * the portal (`movementsByMonth`): a practice that joined the portal in mid-year is not measured against months it had
 * no records here.
 */
export function totalsOf(rows: readonly GroupedRow[], movementsByMonth: ReadonlyMap<string, number>, taskNames: ReadonlyMap<string, string>): Totals {
  const minutes = rows.reduce((n, r) => n + r.minutes, 0);
  const movements = [...movementsByMonth.values()].reduce((n, m) => n + m, 0);
  const counted = rows.filter((r) => (movementsByMonth.get(r.month) ?? 0) > 0).reduce((n, r) => n + r.minutes, 0);
  return {
    minutes,
    costPence: rows.reduce((n, r) => n + r.costPence, 0),
    entries: rows.reduce((n, r) => n + r.entries, 0),
    movements,
    minutesPerRecord: perRecord(counted, movements),
    byTask: lines(rows, (r) => r.taskCode, (k) => taskNames.get(k) ?? k),
    byGrade: lines(rows, (r) => r.grade, (k) => GRADE_LABELS[k as StaffGrade]),
    byCause: lines(rows, (r) => r.cause, (k) => CAUSE_LABELS[k as WorkloadCause]),
  };
}

export function monthFigures(months: readonly string[], rows: readonly GroupedRow[], movementsByMonth: ReadonlyMap<string, number>): MonthFigure[] {
  return months.map((month) => {
    const these = rows.filter((r) => r.month === month);
    const minutes = these.reduce((n, r) => n + r.minutes, 0);
    const movements = movementsByMonth.get(month) ?? 0;
    const byCause = Object.fromEntries(WORKLOAD_CAUSES.map((c) => [c, these.filter((r) => r.cause === c).reduce((n, r) => n + r.minutes, 0)])) as Record<WorkloadCause, number>;
    return { month, label: labelOfMonth(month), minutes, costPence: these.reduce((n, r) => n + r.costPence, 0), entries: these.reduce((n, r) => n + r.entries, 0), movements, minutesPerRecord: perRecord(minutes, movements), byCause };
  });
}

export type NationalComparison = {
  /** Practices in England logging workload in the period with records moved (a count of practices: never suppressed). */
  practices: number;
  /** The median of practices' minutes per 100 records moved; null when suppressed or nobody logs. */
  medianPer100: number | null;
  suppressed: boolean;
  practicePer100: number | null;
  rule: string;
};

/**
 * The national median is a national figure (exact), but a median of a handful of practices would show another
 * practice's own figure: it is shown only when more practices contribute than the policy's disclosure control
 * suppresses (counts 1 to 7 shown as *), docs/workload.md.
 */
export function nationalComparison(practices: number, median: number | null, practicePer100: number | null, rules: PolicyRules["disclosure"]): NationalComparison {
  const suppressed = practices >= rules.suppressFrom && practices <= rules.suppressTo;
  return {
    practices,
    medianPer100: suppressed || median === null ? null : Math.round(median),
    suppressed,
    practicePer100: practicePer100 === null ? null : Math.round(practicePer100),
    rule: `The median is shown when more than ${rules.suppressTo} practices contribute (NHS Digital's disclosure control: below national level, counts of ${rules.suppressFrom} to ${rules.suppressTo} are not shown).`,
  };
}
