// The mix of workload a practice logs in the benchmarks (bench/workload.ts for one busy practice, bench/dashboards.ts
// for a national year): task codes from the WorkloadTask table (prisma/migrations, workload_rates_evidence_claims),
// the grade that usually does each, the cause, minutes per item and how often each is logged. `batch` tasks cover
// several records at once (the portal suggests them after a print run or a receipt round).
import type { StaffGrade, WorkloadCause } from "@/lib/db/generated/enums";

export type BenchTask = { code: string; perItem: number; grade: StaffGrade; cause: WorkloadCause; weight: number; batch?: boolean };

export const TASKS: readonly BenchTask[] = [
  { code: "BAG_AND_LABEL", perItem: 2, grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", weight: 30, batch: true },
  { code: "RECEIVE_AND_CONFIRM", perItem: 1, grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", weight: 20, batch: true },
  { code: "LOCATE_RECORD", perItem: 6, grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", weight: 10 },
  { code: "CHASE", perItem: 12, grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", weight: 15 },
  { code: "CHASE", perItem: 10, grade: "PRACTICE_MANAGER", cause: "COURIER", weight: 5 },
  { code: "REPORT_PROBLEM", perItem: 5, grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", weight: 5 },
  { code: "WRONG_RECORD", perItem: 25, grade: "PRACTICE_MANAGER", cause: "RECORDS_SERVICE", weight: 2 },
  { code: "SEARCH_ON_REQUEST", perItem: 20, grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", weight: 4 },
  { code: "URGENT_REQUEST", perItem: 15, grade: "ADMINISTRATOR", cause: "OTHER_PRACTICE", weight: 3 },
  { code: "BOOK_COLLECTION", perItem: 5, grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", weight: 3 },
  { code: "RECONSTITUTE_RECORD", perItem: 140, grade: "SALARIED_GP", cause: "RECORDS_SERVICE", weight: 0.5 },
  { code: "PATIENT_CONTACT", perItem: 10, grade: "GP_PARTNER", cause: "OTHER_PROVIDER", weight: 2 },
];

/** Picks tasks in proportion to their weights (from `tasks`, by default all of them). */
export function picker(random: () => number, tasks: readonly BenchTask[] = TASKS) {
  const total = tasks.reduce((n, t) => n + t.weight, 0);
  return () => {
    let x = random() * total;
    for (const t of tasks) if ((x -= t.weight) <= 0) return t;
    return tasks[0];
  };
}
