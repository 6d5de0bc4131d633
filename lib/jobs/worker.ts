// The job runner: pg-boss on the portal's own PostgreSQL (its tables live in the `pgboss` schema, created and
// upgraded by pg-boss itself). Schedules every job in lib/jobs/registry.ts (cron in Europe/London), runs queued
// "run now" requests, finishes pending data backfills and sweeps the clocks once at start, and records a heartbeat
// so the admin pages can tell whether a worker is running. Two workers are safe: pg-boss hands each scheduled tick
// to one of them, and runJob's advisory lock skips a job already running elsewhere.
import PgBoss from "pg-boss";
import pg from "pg";
import { logger } from "@/lib/logging/logger";
import { BOSS_SCHEMA, JOBS } from "@/lib/jobs/registry";
import { runJob, WORKER_ID } from "@/lib/jobs/runner";


export type RunningWorker = { stop(): Promise<void> };

export async function startWorker(connectionString: string, options: { heartbeatMs?: number; pollingIntervalSeconds?: number } = {}): Promise<RunningWorker> {
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  pool.on("error", (error) => logger.warn({ err: error }, "worker pool connection lost"));
  const boss = new PgBoss({ connectionString, schema: BOSS_SCHEMA, application_name: "records-portal-worker", max: 4 });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();

  const beat = async () => {
    await pool.query(`INSERT INTO "JobWorker" (id, "startedAt", "lastSeenAt") VALUES ($1, now(), now()) ON CONFLICT (id) DO UPDATE SET "lastSeenAt" = now()`, [WORKER_ID]).catch((error) => logger.warn({ err: error }, "worker heartbeat failed"));
  };
  await beat();
  const heartbeat = setInterval(() => void beat(), options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  for (const job of JOBS) {
    // "stately": at most one waiting and one running per job, so missed ticks never pile up.
    await boss.createQueue(job.name, { name: job.name, policy: "stately", retryLimit: 2, retryDelay: 30, expireInSeconds: 15 * 60 });
    if (job.schedule) await boss.schedule(job.name, job.schedule, { trigger: "SCHEDULE" }, { tz: "Europe/London" });
    else await boss.unschedule(job.name).catch(() => {});
    await boss.work<{ trigger?: "SCHEDULE" | "MANUAL" | "STARTUP"; requestedById?: string }>(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([item]) => {
      const result = await runJob(pool, job.name, { trigger: item?.data?.trigger ?? "SCHEDULE", requestedById: item?.data?.requestedById ?? null });
      // A failure goes back to pg-boss, which retries it; the run and its error are already recorded.
      if (result.status === "FAILED") throw new Error(result.error);
    });
  }
  // At start: finish backfills first (the sweep reads what they derive), then catch up on breaches.
  await runJob(pool, "backfills", { trigger: "STARTUP" });
  await boss.send("clock-sweep", { trigger: "STARTUP" });
  await boss.send("dashboard-rollup", { trigger: "STARTUP" });
  logger.info({ worker: WORKER_ID, jobs: JOBS.map((j) => j.name) }, "job worker started");

  return {
    async stop() {
      clearInterval(heartbeat);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
      await pool.query(`DELETE FROM "JobWorker" WHERE id = $1`, [WORKER_ID]).catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
