// Runs one job and records the run (JobRun) for /admin/jobs: status, duration, what it did, and on failure the
// error's message with anything NHS-number-shaped masked (jobs never put patient data in errors; this is the second
// line of defence). A session advisory lock per job name means a job already running elsewhere is skipped, not run
// twice at once. Used by the worker (pg-boss), by "run now" fallbacks and by tests with an injected clock.
import { hostname } from "node:os";
import type pg from "pg";
import type { JobTrigger } from "@/lib/db/generated/enums";
import { pgTransactions } from "@/lib/db/sql";
import { prismaOverPool } from "@/lib/db/client";
import { redactNhsNumbers } from "@/lib/nhs/nhs-number";
import { logger } from "@/lib/logging/logger";
import { findJob } from "@/lib/jobs/registry";

const LOCK_NAMESPACE = 727_002;

export type JobRunResult = { runId: string; status: "SUCCEEDED" | "FAILED" | "SKIPPED"; summary?: Record<string, unknown>; error?: string; durationMs: number };

export const WORKER_ID = `${hostname()}:${process.pid}`;

export async function runJob(pool: pg.Pool, name: string, options: { now?: Date; trigger: JobTrigger; requestedById?: string | null; worker?: string } ): Promise<JobRunResult> {
  const job = findJob(name);
  if (!job) throw new Error(`Unknown job ${name}`);
  const now = options.now ?? new Date();
  const worker = options.worker ?? WORKER_ID;
  const lock = await pool.connect();
  const started = Date.now();
  try {
    const { rows } = await lock.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok`, [LOCK_NAMESPACE, name]);
    if (!rows[0].ok) {
      const skipped = await pool.query<{ id: string }>(
        `INSERT INTO "JobRun" (job, trigger, status, "startedAt", "finishedAt", "durationMs", summary, "requestedById", worker) VALUES ($1, $2::"JobTrigger", 'SKIPPED', $3, $3, 0, $4, $5, $6) RETURNING id::text`,
        [name, options.trigger, new Date(), JSON.stringify({ reason: "already running in another process" }), options.requestedById ?? null, worker],
      );
      return { runId: skipped.rows[0].id, status: "SKIPPED", durationMs: 0 };
    }
    const run = await pool.query<{ id: string }>(
      `INSERT INTO "JobRun" (job, trigger, status, "startedAt", "requestedById", worker) VALUES ($1, $2::"JobTrigger", 'RUNNING', $3, $4, $5) RETURNING id::text`,
      [name, options.trigger, new Date(started), options.requestedById ?? null, worker],
    );
    const runId = run.rows[0].id;
    try {
      const summary = await job.run({ pool, db: pgTransactions(pool), prisma: prismaOverPool(pool), now, log: (line) => logger.info({ job: name }, line) });
      const durationMs = Date.now() - started;
      await pool.query(`UPDATE "JobRun" SET status = 'SUCCEEDED', "finishedAt" = $2, "durationMs" = $3, summary = $4 WHERE id = $1::bigint`, [runId, new Date(), durationMs, JSON.stringify(summary)]);
      logger.info({ job: name, runId, durationMs, summary }, "job succeeded");
      return { runId, status: "SUCCEEDED", summary, durationMs };
    } catch (error) {
      const durationMs = Date.now() - started;
      const message = redactNhsNumbers(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);
      await pool.query(`UPDATE "JobRun" SET status = 'FAILED', "finishedAt" = $2, "durationMs" = $3, error = $4 WHERE id = $1::bigint`, [runId, new Date(), durationMs, message]);
      logger.error({ job: name, runId, durationMs, err: error }, "job failed");
      return { runId, status: "FAILED", error: message, durationMs };
    }
  } finally {
    await lock.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [LOCK_NAMESPACE, name]).catch(() => {});
    lock.release();
  }
}
