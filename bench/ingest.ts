// `npm run bench:ingest`: courier ingest through the real endpoint of a production build, against the
// physical ceiling of the same PostgreSQL (a raw COPY of the same number of rows), plus label PDF timing.
//   npm run bench:ingest -- [--events 200000] [--batch 500] [--senders 4] [--pdf-labels 500]
// Prints events/s for both, their ratio, and the PDF medians; writes bench/results/ingest-<time>.json.
// BENCH_PG_SETTINGS="name=value;..." passes settings to the embedded PostgreSQL (e.g. auto_explain's) and
// BENCH_PG_LOG=FILE writes its log there.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { signCourierBody } from "@/lib/tracking/courier-signature";
import { prepareLabels } from "@/lib/labels/commands";
import { renderLabelsPdf } from "@/lib/labels/pdf";
import { loadActor } from "@/lib/auth/actor";
import { freePort } from "../scripts/lib/embedded-postgres";
import { STEPS, journeyBatches, labelledBenchMovements, processCpuSeconds, startBenchDatabase, treeCpuSeconds } from "./lib/courier-data";
import { ROOT } from "../scripts/lib/database";
import { buildIfNeeded } from "../scripts/lib/build";
import { runBench } from "./lib/run";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const EVENTS = opt("events", 200_000);
const BATCH = Math.min(500, opt("batch", 500));
const SENDERS = opt("senders", 4);
const PDF_LABELS = opt("pdf-labels", 500);
/** `--pg-stats`: load pg_stat_statements and print the statements that took the database's time. */
const PG_STATS = args.includes("--pg-stats");
const KEY_ID = "bench";
const SECRET = randomUUID();
const log = (line: string) => console.log(`[bench] ${line}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { server, url, db } = await startBenchDatabase({ pgStats: PG_STATS });
  let next: ReturnType<typeof spawn> | null = null;
  try {
    // One label per movement; every label gets the five scans of a journey.
    // Plus PDF_LABELS movements that no courier touches, for the label PDF timing.
    const scanned = Math.ceil(EVENTS / STEPS.length);
    log(`Preparing ${(scanned + PDF_LABELS).toLocaleString("en-GB")} labelled movements for ${EVENTS.toLocaleString("en-GB")} events...`);
    const { user, barcodes, refs } = await labelledBenchMovements(db, scanned, PDF_LABELS);

    // The production server, on its own port, with a rate limit that does not get in the way.
    buildIfNeeded(log, ".next-test");
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // The portal's own server (server.ts) at the production log level: its per-request log line is part of the cost.
    // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load.
    const serverArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
    next = spawn(process.execPath, [...serverArgs, "--import", "tsx", path.join(ROOT, "server.ts")], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: ".next-test", PORT: String(port), HOSTNAME: "127.0.0.1", DATABASE_URL: url, NEXTAUTH_SECRET: "bench", NEXTAUTH_URL: baseUrl, COURIER_KEYS: `${KEY_ID}:${SECRET}`, COURIER_RATE_LIMIT_PER_SECOND: "100000", LOG_LEVEL: "info" },
    });
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${baseUrl}/api/health`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 250));
    }

    // Bodies encoded once, before the clock starts, and posted with node:http on kept-alive connections: the courier's
    // client runs on the courier's machines, not the portal's, so the bench's own sender should take as little of these
    // two cores as it can (fetch cost about as much CPU as the portal's server; its CPU is printed below).
    const bodies = journeyBatches(barcodes, EVENTS, BATCH, Date.now() - 3 * 86_400_000).map((events) => Buffer.from(JSON.stringify({ events })));
    const made = Math.min(EVENTS, barcodes.length * STEPS.length);
    const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
    const post = (body: Buffer) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const request = http.request(
          `${baseUrl}/api/courier/v1/events`,
          {
            method: "POST",
            agent,
            headers: { "content-type": "application/json", "content-length": body.length, "x-courier-key-id": KEY_ID, "x-courier-timestamp": timestamp, "x-courier-signature": signCourierBody(SECRET, timestamp, body) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
            response.on("error", reject);
          },
        );
        request.on("error", reject);
        request.end(body);
      });

    if (PG_STATS) await db.$queryRawUnsafe("SELECT pg_stat_statements_reset()::text");
    log(`Posting ${made.toLocaleString("en-GB")} events in ${bodies.length} signed batches of ${BATCH} from ${SENDERS} concurrent senders...`);
    let next_ = 0;
    let accepted = 0;
    let failures = 0;
    let duplicates = 0;
    let rejected = 0;
    let firstRejection = "";
    const latencies: number[] = [];
    // CPU of the portal's server process, of the database's backends and of this sender over the posting alone.
    const cpuBefore = treeCpuSeconds(next.pid);
    const senderCpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next_ < bodies.length) {
          const body = bodies[next_++];
          const t = performance.now();
          const response = await post(body);
          latencies.push(performance.now() - t);
          if (response.status !== 200) failures++;
          else {
            const r = JSON.parse(response.text) as { accepted: number; duplicates: number; rejected: { reason: string }[] };
            accepted += r.accepted;
            duplicates += r.duplicates;
            rejected += r.rejected.length;
            if (r.rejected.length && !firstRejection) firstRejection = r.rejected[0].reason;
          }
        }
      }),
    );
    const apiSeconds = (performance.now() - started) / 1000;
    const serverCpu = treeCpuSeconds(next.pid) - cpuBefore;
    const senderCpuUsage = process.cpuUsage(senderCpuBefore);
    const senderCpu = (senderCpuUsage.user + senderCpuUsage.system) / 1e6;
    agent.destroy();
    // The server's pool connected for this run (the health check needs no database), so its backends' whole CPU
    // time is the posting's, plus a few rate-limiter and connection-setup statements.
    const backends = await db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND backend_start >= now() - make_interval(secs => $1)`, apiSeconds + 5);
    const pgCpu = backends.reduce((sum, b) => sum + processCpuSeconds(b.pid), 0);
    const apiRate = made / apiSeconds;
    const delivered = await db.recordMovement.count({ where: { status: "DELIVERED" } });
    log(`API: ${accepted.toLocaleString("en-GB")} accepted, ${duplicates} duplicates, ${rejected} rejected${firstRejection ? ` (${firstRejection})` : ""}, ${failures} failed batches, ${apiSeconds.toFixed(1)} s: ${Math.round(apiRate).toLocaleString("en-GB")} events/s (median batch ${median(latencies).toFixed(0)} ms); ${delivered.toLocaleString("en-GB")} movements now delivered.`);

    log(`CPU per event: server ${((serverCpu * 1e6) / made).toFixed(0)} us, PostgreSQL ${((pgCpu * 1e6) / made).toFixed(0)} us (${backends.length} backends), this bench's sender ${((senderCpu * 1e6) / made).toFixed(0)} us; ${(serverCpu / apiSeconds).toFixed(2)}, ${(pgCpu / apiSeconds).toFixed(2)} and ${(senderCpu / apiSeconds).toFixed(2)} cores busy.`);
    if (PG_STATS) {
      const top = await db.$queryRawUnsafe<{ calls: number; ms: number; plan: number; query: string }[]>(
        `SELECT calls::int, round(total_exec_time)::float8 AS ms, round(total_plan_time)::float8 AS plan, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 110) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12`,
      );
      for (const t of top) log(`pg: ${String(t.ms).padStart(7)} ms executing, ${String(t.plan).padStart(6)} ms planning, ${String(t.calls).padStart(6)} calls  ${t.query}`);
    }
    // How many movement updates stayed heap-only (no index writes): the design depends on it (docs/database.md).
    const stats = await db.$queryRawUnsafe<{ relname: string; upd: number; hot: number; ins: number; del: number }[]>(
      `SELECT relname::text AS relname, n_tup_upd::int AS upd, n_tup_hot_upd::int AS hot, n_tup_ins::int AS ins, n_tup_del::int AS del FROM pg_stat_user_tables WHERE relname IN ('RecordMovement', 'MovementClock', 'TrackingEvent')`,
    );
    for (const t of stats) log(`${t.relname}: ${t.ins.toLocaleString("en-GB")} inserts, ${t.upd.toLocaleString("en-GB")} updates (${t.upd ? Math.round((100 * t.hot) / t.upd) : 0}% heap-only), ${t.del.toLocaleString("en-GB")} deletes.`);

    // The ceiling: COPY the same number of event-shaped rows into a scratch table with the same keys.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE copy_scratch (id uuid PRIMARY KEY, "movementId" uuid NOT NULL, type text NOT NULL, source text NOT NULL, "sourceEventId" varchar(100) NOT NULL, "occurredAt" timestamptz NOT NULL, location text, UNIQUE (source, "sourceEventId"))`);
    const copyStarted = performance.now();
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(`COPY copy_scratch (id, "movementId", type, source, "sourceEventId", "occurredAt", location) FROM STDIN`));
      stream.on("finish", () => resolve());
      stream.on("error", reject);
      const movementId = randomUUID();
      let i = 0;
      const write = () => {
        let ok = true;
        while (i < made && ok) {
          ok = stream.write(`${randomUUID()}\t${movementId}\tCOLLECTED\tCOURIER\tcopy-${i}\t2026-11-20T10:00:00Z\tBench hub\n`);
          i++;
        }
        if (i < made) stream.once("drain", write);
        else stream.end();
      };
      write();
    });
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copyRate = made / copySeconds;
    await client.end();
    log(`COPY: ${made.toLocaleString("en-GB")} rows in ${copySeconds.toFixed(1)} s: ${Math.round(copyRate).toLocaleString("en-GB")} rows/s.`);
    log(`Ratio API / COPY: ${(apiRate / copyRate).toFixed(3)} (${(100 * apiRate / copyRate).toFixed(1)}% of the raw insert ceiling).`);

    // Labels: a 500-label PDF, rendering alone and with the database work of preparing them.
    const actor = (await loadActor(db, user.id))!;
    const pdfRefs = refs.slice(scanned);
    const prepareAndRender: number[] = [];
    const renderOnly: number[] = [];
    let size = 0;
    for (let run = 0; run < 5; run++) {
      const t = performance.now();
      const prepared = await prepareLabels(db, actor, pdfRefs);
      const t2 = performance.now();
      const pdf = await renderLabelsPdf(prepared.labels, "a4");
      const t3 = performance.now();
      prepareAndRender.push(t3 - t);
      renderOnly.push(t3 - t2);
      size = pdf.length;
      if (prepared.labels.length !== PDF_LABELS) throw new Error(`expected ${PDF_LABELS} labels, got ${prepared.labels.length}: ${JSON.stringify(prepared.problems.slice(0, 3))}`);
    }
    log(`${PDF_LABELS}-label A4 PDF (${(size / 1024).toFixed(0)} KiB): median ${median(prepareAndRender).toFixed(0)} ms with the database work, ${median(renderOnly).toFixed(0)} ms rendering alone (5 runs).`);

    const result = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: "17 (embedded, fsync on)" },
      events: made, batch: BATCH, senders: SENDERS,
      api: { seconds: apiSeconds, eventsPerSecond: apiRate, accepted, failedBatches: failures, medianBatchMs: median(latencies) },
      cpuMicrosecondsPerEvent: { server: (serverCpu * 1e6) / made, postgres: (pgCpu * 1e6) / made, sender: (senderCpu * 1e6) / made },
      copy: { seconds: copySeconds, rowsPerSecond: copyRate },
      ratio: apiRate / copyRate,
      pdf: { labels: PDF_LABELS, medianMsWithDatabase: median(prepareAndRender), medianMsRenderOnly: median(renderOnly), bytes: size },
    };
    fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench", "results", `ingest-${result.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
    await db.$disconnect();
    if (accepted !== made || failures) process.exitCode = 1;
  } finally {
    next?.kill("SIGTERM");
    await server.stop();
  }
}

runBench(main);
