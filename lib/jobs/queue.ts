import "server-only";
// "Run now" from /admin/jobs: a message on the job's pg-boss queue for the worker to pick up. The web process only
// publishes (no scheduling, supervision or schema changes).
import PgBoss from "pg-boss";
import { BOSS_SCHEMA } from "@/lib/jobs/registry";

let publisher: Promise<PgBoss> | null = null;

function boss(): Promise<PgBoss> {
  publisher ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const b = new PgBoss({ connectionString: url, schema: BOSS_SCHEMA, supervise: false, schedule: false, migrate: false, max: 2 });
    b.on("error", () => {});
    await b.start();
    return b;
  })().catch((error) => {
    publisher = null;
    throw error;
  });
  return publisher;
}

/** Queues a run of `name`; returns the queue's job id, or null when one is already waiting. */
export async function enqueueJob(name: string, requestedById: string): Promise<string | null> {
  return (await boss()).send(name, { trigger: "MANUAL", requestedById });
}
