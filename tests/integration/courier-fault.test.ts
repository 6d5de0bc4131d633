// The database stops in the middle of a batch: the courier gets a 503, nothing of the batch is stored, and
// the same batch resent after the restart is stored in full. Runs on its own PostgreSQL, stopped for real.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { pgTransactions } from "@/lib/db/sql";
import { handleCourierRequest, type WebhookDeps } from "@/lib/tracking/courier-webhook";
import { REGIONS, loadBankHolidayFile } from "@/lib/reference/load";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "../../scripts/lib/embedded-postgres";
import { migrate } from "../../scripts/lib/database";
import { TEST_KEY_ID, TEST_SECRET, courierEvent, signedRequest } from "../fixtures/courier";
import { labelledMovements } from "../fixtures/labelled";

const dataDir = path.resolve(".data", `fault-${process.pid}`);
let server: RunningPostgres | null = null;
const clients: Db[] = [];
const pools: pg.Pool[] = [];

function openPool(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on("error", () => {}); // idle connections die with the server; that is the point of this test
  pools.push(pool);
  return pgTransactions(pool);
}

async function openDb(url: string) {
  const db = createPrismaClient(url, 3);
  clients.push(db);
  return db;
}

const within = (promise: Promise<unknown>, ms: number) => Promise.race([promise.catch(() => {}), new Promise((resolve) => setTimeout(resolve, ms))]);

afterAll(async () => {
  // The first client's connections died with the server: do not wait on it for long.
  for (const c of clients) await within(c.$disconnect(), 2_000);
  for (const p of pools) await within(p.end(), 2_000);
  if (server) {
    await within(server.stop(), 10_000);
    const { rmSync } = await import("node:fs");
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe("courier webhook when the database stops mid-batch", () => {
  it("answers 503, stores nothing, and the resend after restart completes the batch", async () => {
    const port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    await server.createDatabase("fault");
    const url = server.urlFor("fault");
    migrate(url);
    const db = await openDb(url);
    for (const r of REGIONS) await db.region.create({ data: r });
    await loadBankHolidayFile(db);
    const { barcodes, references } = await labelledMovements(db, 3);

    // Hold a lock on one movement so the batch is caught mid-transaction (its events already inserted).
    const blocker = new pg.Client({ connectionString: url });
    blocker.on("error", () => {});
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query(`SELECT id FROM "RecordMovement" WHERE reference = $1 FOR UPDATE`, [references[1]]);

    const events = barcodes.flatMap((b, i) => [courierEvent(b, "COLLECTED", i, `fault-${b}-1`), courierEvent(b, "ARRIVED_AT_HUB", 60 + i, `fault-${b}-2`)]);
    const body = JSON.stringify({ events });
    const deps: WebhookDeps = { db: openPool(url), keys: new Map([[TEST_KEY_ID, TEST_SECRET]]), rateLimiter: { consume: async () => ({ allowed: true, retryAfterSeconds: 0 }) } };
    const pending = handleCourierRequest(signedRequest(body), deps);

    const watcher = new pg.Client({ connectionString: url });
    watcher.on("error", () => {});
    await watcher.connect();
    for (let i = 0; i < 100; i++) {
      const waiting = await watcher.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'fault'`);
      if (waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const midway = await watcher.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'fault'`);
    expect(midway.rows[0].n).toBe(1);
    await watcher.end();

    await server.stop();
    const response = await pending;
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();

    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    const after = await openDb(url);
    expect(await after.trackingEvent.count({ where: { source: "COURIER", sourceEventId: { startsWith: "fault-" } } })).toBe(0);
    expect((await after.recordMovement.findMany({ where: { reference: { in: references } }, select: { status: true } })).map((m) => m.status)).toEqual(["LABELLED", "LABELLED", "LABELLED"]);

    const resend = await handleCourierRequest(signedRequest(body), { ...deps, db: openPool(url) });
    expect(resend.status).toBe(200);
    expect(await resend.json()).toEqual({ accepted: 6, duplicates: 0, rejected: [] });
    const statuses = await after.recordMovement.findMany({ where: { reference: { in: references } }, select: { status: true } });
    expect(statuses.map((m) => m.status)).toEqual(["IN_TRANSIT", "IN_TRANSIT", "IN_TRANSIT"]);
  }, 120_000);
});
