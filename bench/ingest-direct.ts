// `npm run bench:ingest-direct`: the courier ingest's own code (lib/tracking/ingest.ts and the refresh) called in
// process, without HTTP, Next.js or the webhook's checks, against the same embedded PostgreSQL and data as
// `npm run bench:ingest`, so the two together tell the ingest's cost from the web server's.
//   npm run bench:ingest-direct -- [--events 60000] [--batch 500] [--senders 4] [--pg-stats]
// Prints events/s and this process's CPU per event, and a fingerprint of every movement's derived columns and clock
// rows: events and "now" are fixed, so two versions of the code that store the same results print the same
// fingerprint (run it before and after a change to the derivation). PROFILE=FILE writes a CPU profile of the run.
import fs from "node:fs";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { createHotPathPool, pgTransactions } from "@/lib/db/sql";
import { STEPS, journeyBatches, labelledBenchMovements, processCpuSeconds, startBenchDatabase } from "./lib/courier-data";
import { runBench } from "./lib/run";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const EVENTS = opt("events", 60_000);
const BATCH = Math.min(500, opt("batch", 500));
const SENDERS = opt("senders", 4);
/** `--pg-stats`: load pg_stat_statements and print the statements that took the database's time. */
const PG_STATS = args.includes("--pg-stats");
const log = (line: string) => console.log(`[bench-direct] ${line}`);

async function main() {
  const { server, url, db } = await startBenchDatabase({ pgStats: PG_STATS });
  try {
    // One label per movement; every label gets the five scans of a journey. Events and "now" are fixed, so the
    // fingerprint below depends only on the code.
    const scanned = Math.ceil(EVENTS / STEPS.length);
    log(`Preparing ${scanned.toLocaleString("en-GB")} labelled movements for ${EVENTS.toLocaleString("en-GB")} events...`);
    const { barcodes } = await labelledBenchMovements(db, scanned, 0);
    const fixedNow = new Date(Date.UTC(2026, 10, 23, 12));
    const batches = journeyBatches(barcodes, EVENTS, BATCH, Date.UTC(2026, 10, 20, 9));
    const made = batches.reduce((n, b) => n + b.length, 0);

    const pool = createHotPathPool(url, 10);
    const tx = pgTransactions(pool);
    const parsed = batches.map((events) => events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })));
    if (PG_STATS) await db.$queryRawUnsafe("SELECT pg_stat_statements_reset()::text");
    let next_ = 0;
    let accepted = 0;
    const inspector = await import("node:inspector/promises");
    const session = new inspector.Session();
    if (process.env.PROFILE) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 200 });
      await session.post("Profiler.start");
    }
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next_ < parsed.length) {
          const r = await ingestCourierEvents(tx, parsed[next_++], [], fixedNow);
          accepted += r.accepted;
        }
      }),
    );
    const secs = (performance.now() - started) / 1000;
    if (process.env.PROFILE) {
      const { profile } = await session.post("Profiler.stop");
      fs.writeFileSync(process.env.PROFILE, JSON.stringify(profile));
    }
    const cpu = process.cpuUsage(cpu0);
    // The database's CPU: the pool's backends were all started for this run, so their whole CPU time is its own.
    const pids = (await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`)).rows.map((r) => r.pid);
    const pgCpu = pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
    log(`direct: ${accepted} accepted in ${secs.toFixed(2)} s: ${Math.round(made / secs)} events/s; node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s = ${((cpu.user + cpu.system) / made).toFixed(1)} us/event; PostgreSQL CPU ${pgCpu.toFixed(2)} s = ${((pgCpu * 1e6) / made).toFixed(1)} us/event (${pids.length} backends)`);
    if (PG_STATS) {
      const top = await db.$queryRawUnsafe<{ calls: number; ms: number; query: string }[]>(
        `SELECT calls::int, round(total_exec_time)::float8 AS ms, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 110) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12`,
      );
      for (const t of top) log(`pg: ${String(t.ms).padStart(7)} ms ${String(t.calls).padStart(6)} calls  ${t.query}`);
    }
    const fp = await db.$queryRawUnsafe<{ m: string; c: string }[]>(`SELECT (SELECT md5(string_agg(concat_ws('|', reference, status, "attentionReasons", "readyForCollectionAt", "releasedAt", "collectedAt", "deliveredAt", "receivedAt", "dueDate", "releaseDueDate", "collectionDueDate", "deliveryDueDate", "receiptDueDate", "breachedClocks", "deliveryWorkingDays", "endToEndWorkingDays", "needsAttention"), ',' ORDER BY reference)) FROM "RecordMovement") AS m,
      (SELECT md5(string_agg(concat_ws('|', m.reference, c.kind, CASE WHEN c."startedAt" = m."createdAt" THEN NULL ELSE c."startedAt" END, c."dueDate", c.breached, c."breachedAt"), ',' ORDER BY m.reference, c.kind)) FROM "MovementClock" c JOIN "RecordMovement" m ON m.id = c."movementId") AS c`);
    log(`fingerprint movements ${fp[0].m} clocks ${fp[0].c}`);
    await pool.end();
    await db.$disconnect();
  } finally {
    await server.stop();
  }
}
runBench(main);
