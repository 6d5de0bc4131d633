import "server-only";
// /admin/jobs: each job's schedule, last run, duration and recent failures (their errors hold no patient data), the
// workers that are running, and "run now". Administrators only.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { JOBS, findJob } from "@/lib/jobs/registry";
import { enqueueJob } from "@/lib/jobs/queue";

/** A worker that has not been seen for this long is taken to be stopped. */
export const WORKER_STALE_MS = 2 * 60 * 1000;

export type JobRunRow = { id: string; job: string; trigger: string; status: string; startedAt: string; durationMs: number | null; summary: string | null; error: string | null };

/** A run's summary as words: `clocksBreached: 3, breachedByKind: (DELIVERY 2, RECEIPT 1)`, never a JSON blob with no
 * spaces (which would not wrap on a phone). */
function summaryText(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value);
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value as Record<string, unknown>);
  return entries.map(([k, v]) => (v !== null && typeof v === "object" ? `${k}: (${summaryText(v) || "none"})` : `${k}: ${String(v)}`)).join(", ");
}

const toRow = (r: { id: bigint; job: string; trigger: string; status: string; startedAt: Date; durationMs: number | null; summary: unknown; error: string | null }): JobRunRow => ({
  id: r.id.toString(),
  job: r.job,
  trigger: r.trigger,
  status: r.status,
  startedAt: r.startedAt.toISOString(),
  durationMs: r.durationMs,
  summary: r.summary ? summaryText(r.summary) : null,
  error: r.error,
});

const runSelect = { id: true, job: true, trigger: true, status: true, startedAt: true, durationMs: true, summary: true, error: true } as const;

export async function jobsOverview(db: Db, actor: Actor | null, now = new Date()) {
  requirePermission(actor, "jobs:manage");
  const workers = await db.jobWorker.findMany({ orderBy: { lastSeenAt: "desc" } });
  const jobs = await Promise.all(
    JOBS.map(async (job) => {
      const [last, lastSuccess, failures, runsToday] = await Promise.all([
        db.jobRun.findFirst({ where: { job: job.name }, orderBy: { startedAt: "desc" }, select: runSelect }),
        db.jobRun.findFirst({ where: { job: job.name, status: "SUCCEEDED" }, orderBy: { startedAt: "desc" }, select: runSelect }),
        db.jobRun.findMany({ where: { job: job.name, status: "FAILED" }, orderBy: { startedAt: "desc" }, take: 5, select: runSelect }),
        db.jobRun.count({ where: { job: job.name, startedAt: { gte: new Date(now.getTime() - 24 * 3600_000) } } }),
      ]);
      return { name: job.name, title: job.title, description: job.description, scheduleText: job.scheduleText, last: last ? toRow(last) : null, lastSuccess: lastSuccess ? toRow(lastSuccess) : null, failures: failures.map(toRow), runsToday };
    }),
  );
  const recent = await db.jobRun.findMany({ orderBy: { startedAt: "desc" }, take: 25, select: runSelect });
  return {
    jobs,
    workers: workers.map((w) => ({ id: w.id, startedAt: w.startedAt.toISOString(), lastSeenAt: w.lastSeenAt.toISOString(), alive: now.getTime() - w.lastSeenAt.getTime() < WORKER_STALE_MS })),
    recent: recent.map(toRow),
  };
}

const runSchema = z.object({ job: z.string().max(60) });

/** Queues a job for the worker. `enqueue` is injectable for tests (the default is pg-boss). */
export async function requestJobRun(db: Db, actor: Actor | null, raw: Record<string, unknown>, enqueue: (name: string, by: string) => Promise<string | null> = enqueueJob): Promise<{ job: string; queued: boolean }> {
  requirePermission(actor, "jobs:manage");
  const parsed = runSchema.safeParse(raw);
  const job = parsed.success ? findJob(parsed.data.job) : undefined;
  if (!job) throw new ValidationError({ job: ["Choose a job to run"] });
  let id: string | null;
  try {
    id = await enqueue(job.name, actor.id);
  } catch {
    throw new ValidationError({ job: ["The job queue could not be reached: check a worker has been started (npm run worker), then try again"] });
  }
  await recordAuditEvent(db, { actor, action: "RUN_JOB", entityType: "Job", entityId: job.name, details: { queued: id !== null } });
  return { job: job.name, queued: id !== null };
}
