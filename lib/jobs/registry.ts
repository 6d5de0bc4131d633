// Every scheduled or queued job the portal runs, in one list: /admin/jobs shows it, the worker schedules it. Jobs
// are idempotent (running one twice, or on two workers at once, leaves the same result) and take their clock from
// the context, so tests can say "it is now 13 working days after collection" without waiting.
import type pg from "pg";
import type { Transactions } from "@/lib/db/sql";
import type { Db } from "@/lib/db/client";
import { sweepCases } from "@/lib/cases/sweep";
import { sendPendingNotifications } from "@/lib/notifications/send";
import { sweepClocks } from "@/lib/jobs/clock-sweep";
import { runPendingBackfills } from "@/lib/jobs/backfills";
import { rederiveRunningClocks } from "@/lib/jobs/clock-sweep";
import { refreshDashboards } from "@/lib/dashboards/rollup";

export type JobContext = { pool: pg.Pool; db: Transactions; prisma: Db; now: Date; log: (line: string) => void };

export type JobDefinition = {
  name: string;
  title: string;
  description: string;
  /** Cron expression in Europe/London, or null for a job that runs only when asked (or at start). */
  schedule: string | null;
  scheduleText: string;
  run(ctx: JobContext): Promise<Record<string, unknown>>;
};

export const JOB_HISTORY_DAYS = 90;

/** pg-boss keeps its queues in this schema (it creates and upgrades it itself). */
export const BOSS_SCHEMA = "pgboss";

export const JOBS: readonly JobDefinition[] = [
  {
    name: "clock-sweep",
    title: "Clock sweep",
    description: "Records service-level breaches as they happen: every running clock past its due date is re-derived, so late records show as overdue in the practices' lists and PCSE's queue.",
    schedule: "*/5 * * * *",
    scheduleText: "Every 5 minutes, and when the worker starts",
    run: ({ db, now }) => sweepClocks(db, now),
  },
  {
    name: "case-sweep",
    title: "Case sweep",
    description: "Opens PCSE cases the clocks call for (a delivery late past its target becomes a missing-record case, a record not received by the end-to-end target a not-received case, a missed collection or an urgent request past its date a case), moves searches to missing and lost on the policy's dates, records case-clock breaches, tells supervisors, and closes resolved cases nobody reopened.",
    schedule: "*/5 * * * *",
    scheduleText: "Every 5 minutes, after the clock sweep",
    run: ({ prisma, now }) => sweepCases(prisma, now),
  },
  {
    name: "dashboard-rollup",
    title: "Commissioner dashboards",
    description: "Sweeps the clocks, then recomputes the commissioner dashboards' monthly figures for every month still provisional, and finalises a month (computed once more as at its cut-off, then frozen) once its cut-off has passed (docs/dashboards.md).",
    schedule: "20 * * * *",
    scheduleText: "Hourly at 20 minutes past, after a clock sweep",
    run: async ({ db, now, log }) => {
      const sweep = await sweepClocks(db, now);
      const result = await refreshDashboards(db, now, { log });
      return { clocksBreached: sweep.clocksBreached, months: result.months.join(", ") || "none", finalised: result.finalised.join(", ") || "none", movementsScanned: result.movementsScanned, rows: result.rows };
    },
  },
  {
    name: "send-notifications",
    title: "Send notifications",
    description: "Sends queued emails (GOV.UK Notify when NOTIFY_API_KEY is set; otherwise they are logged as sent to the outbox only), retrying a failure up to 5 times with a growing wait.",
    schedule: "* * * * *",
    scheduleText: "Every minute",
    run: async ({ pool, now }) => sendPendingNotifications(pool, now),
  },
  {
    name: "backfills",
    title: "Data backfills",
    description: "Finishes any data backfill a database migration asked for (for example deriving new columns from events).",
    schedule: null,
    scheduleText: "When the worker starts, or when run here",
    run: async ({ pool, now, log }) => ({ ran: (await runPendingBackfills(pool, now, log)).join(", ") || "none pending" }),
  },
  {
    name: "rederive-running-clocks",
    title: "Re-derive running clocks",
    description: "Re-derives every open movement's clocks, for example after a one-off bank holiday is added (due dates after it move on by a working day).",
    schedule: null,
    scheduleText: "When a bank holiday is added, or when run here",
    run: ({ db, now }) => rederiveRunningClocks(db, now),
  },
  {
    name: "job-history-cleanup",
    title: "Job history clean-up",
    description: `Deletes job-run history older than ${JOB_HISTORY_DAYS} days (it holds no patient data; the audit trail is kept separately and never deleted).`,
    schedule: "30 3 * * *",
    scheduleText: "Daily at 03:30",
    run: async ({ db, now }) => {
      const rows = await db.transaction((sql) => sql.query<{ n: number }>(`WITH gone AS (DELETE FROM "JobRun" WHERE "startedAt" < $1::timestamptz - make_interval(days => $2) RETURNING 1) SELECT count(*)::int AS n FROM gone`, [now, JOB_HISTORY_DAYS]));
      return { deleted: rows[0].n };
    },
  },
];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
