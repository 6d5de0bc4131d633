// `npm run bench:dashboards`: the commissioner dashboards at national scale, through HTTP on the production build.
//   npm run bench:dashboards -- [--movements 5000000] [--cases 300000] [--runs 30] [--load-seconds 60] [--connections 50]
//                                [--think-seconds 5] [--ramp-up-seconds 10] [--saturation-seconds 20]
//                                [--data-only: stop after the rollup] [--in-process: time the views' code without a build, then stop]
//                                [--keep-data DIR: keep the generated database in DIR] [--reuse-data DIR: time against it]
// 1. Loads the real ODS practices (6,651 open in England), ICBs and bank holidays into a fresh PostgreSQL, then a
//    national year made in Node (bench/lib/national-year.ts): N movements from every practice in proportion to its
//    registered patients (May 2022 list sizes), to another practice chosen the same way (some to the store,
//    cross-border, urgent), with milestones spread like the service's (release, weekly-ish collection, courier days
//    with a tail, receipt), each with its tracking events (created, label, ready, collected, hub arrival and departure,
//    out for delivery, delivered, received: as far as it has got; about 8.6 a movement), a share cancelled, with no
//    paper record, returned, marked missing, held, failed a delivery; its label, and a year of workload entries from
//    4 practices in 10. Every stored column, running clock and queue entry comes from the portal's own derivations
//    (status, attention, milestones and clocks under the policy), streamed in with COPY while the next slice is made
//    (bench/lib/national-year-load.ts; progress lines give movements/s, events/s and the cores Node and PostgreSQL
//    use). A sample is then re-derived by the portal's refresh (lib/tracking/refresh.ts), in place and from nothing:
//    any difference fails the bench. Then cases linked to movements, problem reports (the movements reported
//    re-derived by the refresh, as the report command does) and urgent requests.
// 2. Builds the rollup with the portal's own job code (refreshDashboards) and times it.
// 3. Starts the production server (server.ts, .next-test build) and times every commissioner view and its CSV export
//    over HTTP as a national commissioner (p50, p95 of --runs each), then 50 signed-in users for --load-seconds
//    (bench/lib/user-load.ts: practice staff on their lists, caseworkers on the case queue, commissioners on the
//    dashboards, a page every --think-seconds each), then the same 50 connections with no think time (capacity),
//    sampling the server's RSS throughout.
// Prints the figures and writes bench/results/dashboards-<time>.json. Goal (issue 12): p95 < 250 ms per view.
import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { encode } from "next-auth/jwt";
import { parse } from "csv-parse/sync";
import { createPrismaClient } from "@/lib/db/client";
import { pgTransactions, type Transactions } from "@/lib/db/sql";
import { describeLoad, userLoad, type UserGroup } from "./lib/user-load";
import { runBench } from "./lib/run";
import { treeCpuSeconds } from "./lib/courier-data";
import { loadReferenceData } from "@/lib/reference/load";
import { readReferenceFile } from "@/lib/reference/files";
import { startSession } from "@/lib/auth/sessions";
import { refreshDashboards } from "@/lib/dashboards/rollup";
import { refreshMovementsSql } from "@/lib/tracking/refresh";
import { dashboardView } from "@/lib/dashboards/queries";
import { dashboardExport } from "@/lib/dashboards/export";
import { loadActor } from "@/lib/auth/actor";
import { serverProcesses } from "@/lib/http/cluster";
import { benchReference } from "./lib/references";
import { freePort, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { migrate, ROOT } from "../scripts/lib/database";
import { buildIfNeeded } from "../scripts/lib/build";
import type { Org } from "./lib/national-year";
import { loadNationalYear } from "./lib/national-year-load";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const MOVEMENTS = opt("movements", 5_000_000);
const CASES = opt("cases", 300_000);
const RUNS = opt("runs", 30);
const LOAD_SECONDS = opt("load-seconds", 60);
const CONNECTIONS = opt("connections", 50);
/** Seconds between one user's pages (docs/dashboards.md, "Load"); the capacity run that follows has none. */
const THINK_SECONDS = opt("think-seconds", 5);
const SATURATION_SECONDS = opt("saturation-seconds", 20);
/** Seconds the users run before the measured --load-seconds (bench/lib/user-load.ts). */
const RAMP_UP_SECONDS = opt("ramp-up-seconds", 10);
/** Stop after the rollup (to time generation and the rollup alone). */
const DATA_ONLY = args.includes("--data-only");
/** Time the views' server code in-process (no build, no HTTP, no rendering), then stop. */
const IN_PROCESS = args.includes("--in-process");
/**
 * PostgreSQL as a national deployment would run it: shared_buffers a sixth of this machine's memory (PostgreSQL's
 * default is 128 MB, tuned for a machine that runs nothing else's share of it). `--pg-default-buffers` keeps 128 MB.
 */
/**
 * `--keep-data DIR` keeps the database the bench generated (and its rollup) in DIR; `--reuse-data DIR` starts from such a
 * database and goes straight to the timings: one generation (about 13 minutes at national scale), many timing runs.
 */
const KEEP_DATA = args.includes("--keep-data") ? path.resolve(args[args.indexOf("--keep-data") + 1]) : null;
const REUSE_DATA = args.includes("--reuse-data") ? path.resolve(args[args.indexOf("--reuse-data") + 1]) : null;
const PG_SETTINGS = args.includes("--pg-default-buffers") ? [] : ["shared_buffers=4GB"];
const GOAL_MS = 250;
const DAY = 86_400_000;
const SECRET = "bench-dashboards-secret";
const log = (line: string) => console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${line}`);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.max(0, Math.ceil(xs.length * p) - 1))];

async function copyRows(client: pg.PoolClient | pg.Client, sql: string, rows: () => Generator<string>) {
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(sql));
    stream.on("finish", () => resolve());
    stream.on("error", reject);
    const it = rows();
    const write = () => {
      for (;;) {
        const next = it.next();
        if (next.done) return stream.end();
        if (!stream.write(next.value)) return stream.once("drain", write);
      }
    };
    write();
  });
}

let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

async function main() {
  const dataDir = REUSE_DATA ?? KEEP_DATA ?? path.join(ROOT, ".data", `bench-dashboards-${process.pid}`);
  if (REUSE_DATA && !fs.existsSync(path.join(REUSE_DATA, "PG_VERSION"))) throw new Error(`--reuse-data ${REUSE_DATA}: no database there (make one with --keep-data)`);
  if (KEEP_DATA && fs.existsSync(KEEP_DATA)) throw new Error(`--keep-data ${KEEP_DATA}: already exists (time against it with --reuse-data)`);
  // wal_level=minimal: the tables the load truncates and copies in one transaction (tracking events, running clocks)
  // and the indexes it builds skip the write-ahead log (synced at commit instead). Nothing here replicates.
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: Boolean(KEEP_DATA ?? REUSE_DATA), fsync: true, settings: ["max_wal_size=8GB", "checkpoint_timeout=30min", "wal_level=minimal", "max_wal_senders=0", ...PG_SETTINGS] });
  let portal: ReturnType<typeof spawn> | null = null;
  const result: Record<string, unknown> = { at: new Date().toISOString(), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: "embedded, fsync on" } };
  try {
    if (!REUSE_DATA) await server.createDatabase("bench");
    const url = server.urlFor("bench");
    if (!REUSE_DATA) migrate(url);
    const db = createPrismaClient(url, 8);
    if (!REUSE_DATA) await loadReferenceData(db);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on("error", () => {});

    if (!REUSE_DATA) {
      await generate(db, pool, url, dataDir, result);
      // Making the year left gigabytes of garbage in this process, which also sends the users' requests below: a full
      // collection in the middle of the load would pause every user's answer at once. Collected now, before timing.
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) {
        const before = process.memoryUsage().heapUsed;
        gc();
        log(`Collected this process's garbage after generating: heap ${Math.round(before / 2 ** 20)} -> ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB.`);
      }
    } else log(`Reusing the database in ${REUSE_DATA} (made by --keep-data; VACUUM and CHECKPOINT below as after a generation).`);

    if (DATA_ONLY) {
      result.benchPeakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
      log(`The bench process's peak RSS: ${result.benchPeakRssMiB} MiB (PostgreSQL's processes not included).`);
      writeResult(result);
      await pool.end();
      await db.$disconnect();
      return;
    }
    // Users and sessions (cookies as next-auth writes them); upserted, for a reused database.
    const office = await db.organisation.findFirstOrThrow({ where: { kind: "PCSE_OFFICE" }, select: { id: true } });
    const benchUser = (email: string, data: { name: string; role: "COMMISSIONER" | "PRACTICE_STAFF" | "PCSE_CASEWORKER"; organisationId?: string }) => db.user.upsert({ where: { email }, create: { email, ...data }, update: {} });
    const commissioner = await benchUser("commissioner@bench.invalid", { name: "Bench commissioner", role: "COMMISSIONER" });
    const busiest = await db.$queryRawUnsafe<{ ods: string; id: string; icb: string; region: string }[]>(
      `SELECT o."odsCode" AS ods, o.id, o."icbCode" AS icb, o."regionCode" AS region FROM "DashboardRollup" r JOIN "Organisation" o ON o."odsCode" = r.code WHERE r.level = 'PRACTICE' AND r.side = 'SENDING' ORDER BY r.collected DESC LIMIT 1`,
    );
    const practiceUser = await benchUser("practice@bench.invalid", { name: "Bench practice", role: "PRACTICE_STAFF", organisationId: busiest[0].id });
    const caseworker = await benchUser("caseworker@bench.invalid", { name: "Bench caseworker", role: "PCSE_CASEWORKER", organisationId: office.id });
    const cookieFor = async (userId: string) => `next-auth.session-token=${await encode({ token: { sub: userId, sid: await startSession(db, userId) }, secret: SECRET })}`;
    const cookies = { commissioner: await cookieFor(commissioner.id), practice: await cookieFor(practiceUser.id), pcse: await cookieFor(caseworker.id) };

    if (IN_PROCESS) {
      // The views' own code (queries and figures, not React or HTTP), as a national commissioner.
      const actor = (await loadActor(db, commissioner.id))!;
      const [{ ods, icb, region }] = busiest;
      const calls: [string, () => Promise<unknown>][] = [
        ["England", () => dashboardView(db, actor, "NATIONAL", null, {})],
        ["Region", () => dashboardView(db, actor, "REGION", region, {})],
        ["ICB (practices league)", () => dashboardView(db, actor, "ICB", icb, {})],
        ["ICB sorted by end-to-end p90", () => dashboardView(db, actor, "ICB", icb, { sort: "endToEndP90", dir: "worst" })],
        ["Practice", () => dashboardView(db, actor, "PRACTICE", ods, {})],
        ["Export: England", () => dashboardExport(db, actor, { view: "national" })],
        ["Export: ICB", () => dashboardExport(db, actor, { view: "icb", code: icb })],
      ];
      const inProcess: Record<string, { p50: number; p95: number }> = {};
      for (const [name, call] of calls) {
        const ms: number[] = [];
        for (let i = 0; i < RUNS + 2; i++) {
          const t = performance.now();
          await call();
          if (i >= 2) ms.push(performance.now() - t);
        }
        inProcess[name] = { p50: pct(ms, 0.5), p95: pct(ms, 0.95) };
        log(`in-process ${name.padEnd(30)} p50 ${pct(ms, 0.5).toFixed(1).padStart(6)} ms  p95 ${pct(ms, 0.95).toFixed(1).padStart(6)} ms  (load ${os.loadavg()[0].toFixed(1)})`);
      }
      result.inProcess = inProcess;
      // One call of each page's view with every query timed: where the time goes.
      const spans: string[] = [];
      const traced = db.$extends({
        query: {
          async $allOperations({ model, operation, args, query }) {
            const t = performance.now();
            const out = await query(args);
            spans.push(`${model ?? "raw"}.${operation} ${(performance.now() - t).toFixed(1)} ms`);
            return out;
          },
        },
      }) as unknown as typeof db;
      for (const [name, level, code] of [["England", "NATIONAL", null], ["ICB", "ICB", icb], ["Practice", "PRACTICE", ods]] as const) {
        spans.length = 0;
        const t = performance.now();
        await dashboardView(traced, actor, level, code, {});
        log(`in-process ${name}: ${(performance.now() - t).toFixed(1)} ms in all; queries: ${spans.join(", ")}`);
      }
      await pool.end();
      await db.$disconnect();
      return;
    }
    // Settle PostgreSQL after the bulk writes (cases, reports, the rollup) as a running service would be: autovacuum
    // working through them, or a checkpoint writing out their pages, in the middle of the timings below would be
    // measured as the portal's latency (both showed as every page slow at the same moment).
    const settleStarted = performance.now();
    await pool.query("VACUUM (ANALYZE)");
    await pool.query("CHECKPOINT");
    log(`Vacuumed, analysed and checkpointed before the timings in ${((performance.now() - settleStarted) / 1000).toFixed(1)} s.`);
    buildIfNeeded(log, ".next-test");
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // BENCH_PORTAL_NODE_ARGS: extra Node flags for the portal's process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.BENCH_PORTAL_NODE_ARGS ?? "").split(" ").filter(Boolean);
    portal = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, "server.ts")], {
      cwd: ROOT,
      stdio: ["ignore", process.env.BENCH_PORTAL_STDOUT ? "inherit" : "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: ".next-test", PORT: String(port), HOSTNAME: "127.0.0.1", DATABASE_URL: url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: baseUrl, LOG_LEVEL: "warn" },
    });
    result.serverProcesses = serverProcesses();
    log(`The portal: ${result.serverProcesses} server process(es) (WEB_CONCURRENCY, default the machine's cores; lib/http/cluster.ts).`);
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${baseUrl}/api/health`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 250));
    }

    const { ods, icb, region } = busiest[0];
    const views: [string, string][] = [
      ["England", "/commissioner"],
      ["England, sorted by backlog", "/commissioner?sort=backlog&dir=desc"],
      ["Region", `/commissioner/regions/${region}`],
      ["ICB (practices league)", `/commissioner/icbs/${icb}`],
      ["ICB sorted by end-to-end p90", `/commissioner/icbs/${icb}?sort=endToEndP90&dir=worst`],
      ["Practice", `/commissioner/practices/${ods}`],
      ["Export: England", "/api/commissioner/export?view=national"],
      ["Export: region", `/api/commissioner/export?view=region&code=${region}`],
      ["Export: ICB", `/api/commissioner/export?view=icb&code=${icb}`],
      ["Export: practice", `/api/commissioner/export?view=practice&code=${ods}`],
    ];
    // Every view one request at a time, with the server's CPU per request (what the load below multiplies), and the
    // pages the load's practice and PCSE users ask for, at the same scale.
    const pages: [string, string, string, number][] = [
      ...views.map(([name, p]) => [name, p, cookies.commissioner, GOAL_MS] as [string, string, string, number]),
      ["Practice: outgoing list", "/practice/outgoing", cookies.practice, 150],
      ["Practice: overview", "/practice", cookies.practice, 150],
      ["PCSE: case queue", "/pcse/cases", cookies.pcse, 150],
    ];
    // Warm every server process on every page first: the timings below use one kept-alive connection, so one
    // process; a process that has never served a page compiles its code on the first requests. Each request here
    // is on its own connection, and the primary hands connections to its processes in turn.
    const warmUps = 10 * Number(result.serverProcesses);
    for (const [, url, cookie] of pages) {
      for (let i = 0; i < warmUps; i++) {
        const status = await new Promise<number>((resolve, reject) => {
          const req = http.get(`${baseUrl}${url}`, { headers: { cookie }, agent: false }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          });
          req.on("error", reject);
        });
        if (status !== 200) throw new Error(`${url}: ${status} while warming up`);
      }
    }
    log(`Warmed up: ${warmUps} requests per page, each on its own connection.`);
    const timings: Record<string, { p50: number; p95: number; bytes: number; serverCpuMs: number }> = {};
    for (const [name, url, cookie, goal] of pages) {
      const ms: number[] = [];
      let bytes = 0;
      let cpuBefore = 0;
      for (let i = 0; i < RUNS + 2; i++) {
        if (i === 2) cpuBefore = treeCpuSeconds(portal.pid);
        const t = performance.now();
        const res = await fetch(`${baseUrl}${url}`, { headers: { cookie }, redirect: "manual" });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        if (i >= 2) ms.push(performance.now() - t); // two warm-up requests
        bytes = body.length;
      }
      const serverCpuMs = ((treeCpuSeconds(portal.pid) - cpuBefore) * 1000) / RUNS;
      timings[name] = { p50: pct(ms, 0.5), p95: pct(ms, 0.95), bytes, serverCpuMs };
      log(`${name.padEnd(32)} p50 ${pct(ms, 0.5).toFixed(0).padStart(5)} ms  p95 ${pct(ms, 0.95).toFixed(0).padStart(5)} ms  server CPU ${serverCpuMs.toFixed(0).padStart(4)} ms  ${(bytes / 1024).toFixed(0).padStart(4)} KiB  ${pct(ms, 0.95) < goal ? "ok" : `over the ${goal} ms goal`}`);
    }
    result.views = timings;

    if (LOAD_SECONDS > 0) {

      // 50 signed-in users at once (docs/dashboards.md, "Load"): practice staff on their outgoing list and overview,
      // PCSE caseworkers on the case queue, commissioners on the dashboards, each asking for a page every
      // THINK_SECONDS; then the same connections with no think time, for the most pages a second the portal serves.
      const practiceUsers = Math.max(1, Math.round(CONNECTIONS * 0.4));
      const pcseUsers = Math.max(1, Math.round(CONNECTIONS * 0.3));
      const groups: UserGroup[] = [
        { name: "Practice lists (outgoing, overview)", users: practiceUsers, goalP95Ms: 150, requests: ["/practice/outgoing", "/practice"].map((p) => ({ method: "GET" as const, path: p, headers: { cookie: cookies.practice } })) },
        { name: "PCSE case queue", users: pcseUsers, goalP95Ms: 150, requests: ["/pcse/cases"].map((p) => ({ method: "GET" as const, path: p, headers: { cookie: cookies.pcse } })) },
        { name: "Commissioner dashboards", users: Math.max(1, CONNECTIONS - practiceUsers - pcseUsers), goalP95Ms: GOAL_MS, requests: views.slice(0, 6).map(([, p]) => ({ method: "GET" as const, path: p, headers: { cookie: cookies.commissioner } })) },
      ];
      log(`Load: ${CONNECTIONS} signed-in users for ${LOAD_SECONDS} s, a page every ${THINK_SECONDS} s each...`);
      const users = await userLoad(baseUrl, groups, { seconds: LOAD_SECONDS, thinkSeconds: THINK_SECONDS, portalPid: portal.pid, rampUpSeconds: RAMP_UP_SECONDS });
      for (const line of describeLoad(users)) log(line);
      result.load = { users };
      if (SATURATION_SECONDS > 0) {
        log(`Load: ${CONNECTIONS} connections for ${SATURATION_SECONDS} s with no think time (capacity)...`);
        const saturation = await userLoad(baseUrl, groups, { seconds: SATURATION_SECONDS, thinkSeconds: null, portalPid: portal.pid });
        for (const line of describeLoad(saturation)) log(line);
        result.load = { users, saturation };
      }
    }
    writeResult(result);
    await pool.end();
    await db.$disconnect();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    if (portal && portal.exitCode === null) {
      const exited = new Promise((resolve) => portal!.once("exit", resolve));
      portal.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await server.stop();
  }
}

/** Steps 1 and 2: the national year, its cases, reports and urgent requests, and the rollup (into `result`). */
async function generate(db: ReturnType<typeof createPrismaClient>, pool: pg.Pool, url: string, dataDir: string, result: Record<string, unknown>) {
  // Practices weighted by registered patients.
  const orgColumns = { id: true, odsCode: true, kind: true, country: true, regionCode: true, icbCode: true } as const;
  const practices: Org[] = await db.organisation.findMany({ where: { kind: "GP_PRACTICE", country: "ENGLAND", closedAt: null }, select: orgColumns, orderBy: { odsCode: "asc" } });
  const volumes = new Map<string, number>();
  for (const row of parse(readReferenceFile("volumes/gp-reg-pat-prac-all_2022-05.csv"), { columns: true, skip_empty_lines: true }) as Record<string, string>[]) volumes.set(row.CODE, Number(row.NUMBER_OF_PATIENTS));
  const known = [...volumes.values()].sort((a, b) => a - b);
  const medianList = known[Math.floor(known.length / 2)] ?? 8000;
  const weights = practices.map((p) => volumes.get(p.odsCode) ?? medianList);
  const total = weights.reduce((a, b) => a + b, 0);
  const store: Org = await db.organisation.findFirstOrThrow({ where: { kind: "PCSE_STORE" }, select: orgColumns });
  const agencies: Org[] = await db.organisation.findMany({ where: { kind: "CROSS_BORDER_AGENCY" }, select: orgColumns, orderBy: { odsCode: "asc" } });
  log(`${practices.length.toLocaleString("en-GB")} practices (${volumes.size.toLocaleString("en-GB")} with a list size), ${total.toLocaleString("en-GB")} registered patients.`);

  // 1. A national year, made in Node through the portal's own derivations (bench/lib/national-year.ts) and streamed
  // into PostgreSQL with COPY while the next slice is made.
  const now = new Date();
  const t0 = performance.now();
  const loaded = await loadNationalYear(pool, url, { dataDir, now, movements: MOVEMENTS, practices, weights, store, agencies, seed: 12345 });
  const client = await pool.connect();
  client.on("error", () => {});
  await client.query("SET synchronous_commit = off");
  // Bulk load of the cases below: foreign-key triggers off for this session (the generator writes consistent rows).
  await client.query("SET session_replication_role = replica");
  const movementCount = loaded.counts.RecordMovement;
  const events = loaded.counts.TrackingEvent;
  const caseLinks = (await client.query<{ id: string; from: string; to: string; created: Date }>(
    // Shuffled: the heap is in creation order, so the sample's first rows would all be the oldest movements.
    `SELECT id, "fromOrganisationId" AS from, "toOrganisationId" AS to, "createdAt" AS created FROM "RecordMovement" TABLESAMPLE SYSTEM (10) WHERE status <> 'CANCELLED' ORDER BY random() LIMIT $1`,
    [Math.max(1000, Math.ceil(CASES / 2))],
  )).rows.map((r) => ({ ...r, created: r.created.getTime() }));
  const loadSeconds = (performance.now() - t0) / 1000;
  result.data = { ...loaded.summary, seconds: loadSeconds };
  log(`Loaded ${movementCount.toLocaleString("en-GB")} movements and ${events.toLocaleString("en-GB")} tracking events in ${loadSeconds.toFixed(0)} s.`);
  const iso = (ms: number) => new Date(ms).toISOString();

  // Cases linked to movements (the missing-record cases to late ones), problem reports and urgent requests.
  const reporter = await db.user.create({ data: { email: "reporter@bench.invalid", name: "Bench reporter", role: "PRACTICE_STAFF", organisationId: practices[0].id } });
  const KINDS = ["RECORD_NOT_RECEIVED", "MISSING_RECORD", "MISSING_RECORD", "INCOMPLETE_RECORD", "LABEL_PROBLEM", "COLLECTION_MISSED", "WRONG_PATIENT", "SERVICE_PAYMENTS", "SERVICE_REGISTRATIONS", "CROSS_BORDER_DELAY"];
  const caseRows: string[] = [];
  const caseMovementRows: string[] = [];
  const problemRows: string[] = [];
  const urgentRows: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const link = caseLinks[i % caseLinks.length];
    const kind = KINDS[Math.floor(rand() * KINDS.length)];
    const opened = Math.min(now.getTime() - 3_600_000, link.created + (10 + rand() * 40) * DAY);
    const closed = rand() < 0.9 && opened + 10 * DAY < now.getTime();
    const missingStage = kind === "MISSING_RECORD" ? (closed ? (rand() < 0.7 ? "FOUND" : "LOST") : "SEARCHING") : null;
    const id = randomUUID();
    const f = (x: number | null) => (x === null ? "\\N" : iso(x));
    const responded = opened + rand() * 3 * DAY;
    const stopped = closed ? opened + rand() * 20 * DAY : null;
    caseRows.push(
      [id, benchReference("CS", i), kind, closed ? "CLOSED" : "OPEN", "PRACTICE", "Bench case", link.to, 1, iso(opened), f(responded), iso(opened + 2 * DAY).slice(0, 10), iso(opened + 10 * DAY).slice(0, 10), f(stopped), responded > opened + 2 * DAY ? "t" : "f", stopped !== null && stopped > opened + 10 * DAY ? "t" : "f", f(stopped), missingStage ?? "\\N", missingStage && missingStage !== "FOUND" ? iso(opened + 7 * DAY) : "\\N", missingStage === "LOST" ? f(Math.min(now.getTime(), opened + 183 * DAY)) : "\\N", missingStage === "FOUND" ? f(opened + rand() * 6 * DAY) : "\\N", iso(opened), iso(opened)].join("\t") + "\n",
    );
    if (!kind.startsWith("SERVICE_")) caseMovementRows.push(`${id}\t${link.id}\tCONCERNS\n`);
    if (i % 6 === 0) problemRows.push(`${randomUUID()}\t${link.id}\t${["INCOMPLETE", "DAMAGED", "WRONG_PATIENT"][i % 3]}\tOPEN\t${reporter.id}\t${link.to}\t${iso(opened)}\n`);
    if (i % 15 === 0) {
      const target = new Date(opened + 5 * DAY).toISOString().slice(0, 10);
      urgentRows.push(`${randomUUID()}\t${benchReference("UR", i)}\t${link.to}\t${link.from}\t${(await firstPatient(pool))}\tPatient\tBench\t1980-01-01\tCLINICAL_NEED\t${iso(opened).slice(0, 10)}\t${target}\t${closed ? "RECEIVED" : "REQUESTED"}\t1\t${closed && rand() < 0.2 ? iso(opened + 6 * DAY) : "\\N"}\t${iso(opened)}\t${iso(opened)}\n`);
    }
  }
  await copyRows(client, `COPY "Case" (id, reference, kind, status, origin, summary, "raisedByOrganisationId", "policyVersion", "openedAt", "firstResponseAt", "firstResponseDueDate", "resolutionDueDate", "resolutionClockStoppedAt", "firstResponseBreached", "resolutionBreached", "resolvedAt", "missingStage", "markedMissingAt", "markedLostAt", "foundAt", "createdAt", "updatedAt") FROM STDIN`, function* () {
    yield* caseRows;
  });
  await copyRows(client, `COPY "CaseMovement" ("caseId", "movementId", role) FROM STDIN`, function* () {
    yield* caseMovementRows;
  });
  await copyRows(client, `COPY "ProblemReport" (id, "movementId", kind, status, "reportedById", "reportedByOrganisationId", "createdAt") FROM STDIN`, function* () {
    yield* problemRows;
  });
  await copyRows(client, `COPY "UrgentRequest" (id, reference, "requestingOrganisationId", "holderOrganisationId", "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth", basis, "receivedOn", "internalTargetDate", status, "policyVersion", "breachedAt", "createdAt", "updatedAt") FROM STDIN`, function* () {
    yield* urgentRows;
  });
  client.release();
  // A problem reported at receipt is PCSE's to look at: each reported movement is re-derived as the portal's report
  // command does (lib/receipt/commands.ts, through lib/tracking/refresh.ts), so it carries PROBLEM_REPORTED.
  const reported = [...new Set(problemRows.map((row) => row.split("\t")[1]))];
  for (let i = 0; i < reported.length; i += 500) await pgTransactions(pool).transaction((sql) => refreshMovementsSql(sql, reported.slice(i, i + 500), now));
  await pool.query("ANALYZE");
  log(`${caseRows.length.toLocaleString("en-GB")} cases, ${problemRows.length.toLocaleString("en-GB")} problem reports, ${urgentRows.length.toLocaleString("en-GB")} urgent requests.`);

  // The rollup, by the job's own code.
  const r0 = performance.now();
  const timed = timedTransactions(pool);
  const rollup = await refreshDashboards(timed.db, now, { rebuild: true, log: timed.log });
  const rollupSeconds = (performance.now() - r0) / 1000;
  const split = timed.split();
  result.rollup = { seconds: rollupSeconds, months: rollup.months.length, rows: rollup.rows, movementsScanned: rollup.movementsScanned, split };
  log(`Rollup: ${rollup.months.length} months, ${rollup.rows.toLocaleString("en-GB")} rows from ${rollup.movementsScanned.toLocaleString("en-GB")} movements in ${rollupSeconds.toFixed(1)} s.`);
  log(
    `Rollup split: movement scan ${split.scanSeconds.toFixed(1)} s (reading rows ${split.movementReadSeconds.toFixed(1)} s, counting ${(split.scanSeconds - split.movementReadSeconds).toFixed(1)} s), ` +
      `then other reads ${split.otherQuerySeconds.toFixed(1)} s, writing rows ${split.writeSeconds.toFixed(1)} s, the rest (cases, workload, sums to ICB/region/England) ${(rollupSeconds - split.scanSeconds - split.otherQuerySeconds - split.writeSeconds).toFixed(1)} s.`,
  );
  const r1 = performance.now();
  const hourly = await refreshDashboards(pgTransactions(pool), new Date(now.getTime() + 60_000), { log });
  result.hourlyRefresh = { seconds: (performance.now() - r1) / 1000, months: hourly.months };
  log(`An hourly refresh (provisional months only: ${hourly.months.join(", ")}) took ${((performance.now() - r1) / 1000).toFixed(1)} s.`);
}

function writeResult(result: Record<string, unknown>) {
  fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  const file = path.join(ROOT, "bench", "results", `dashboards-${String(result.at).replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  log(`Written ${path.relative(ROOT, file)}.`);
}

/**
 * The rollup's transactions with every statement timed (reading movements, writing rollup rows, the rest) and the
 * moment its movement scan ended (its "scanned" log line): where the rollup's time goes, without changing it.
 */
function timedTransactions(pool: pg.Pool) {
  const inner = pgTransactions(pool);
  const started = performance.now();
  let scanEnded = 0;
  const spent = { movementReads: 0, writes: 0, other: 0 };
  const db: Transactions = {
    transaction: (fn) =>
      inner.transaction((sql) =>
        fn({
          async query<T>(text: string, values?: unknown[], name?: string): Promise<T[]> {
            const t = performance.now();
            try {
              return await sql.query<T>(text, values, name);
            } finally {
              const ms = performance.now() - t;
              if (/FROM "RecordMovement" WHERE "createdAt" >=/.test(text)) spent.movementReads += ms;
              else if (/^\s*(INSERT INTO|DELETE FROM) "Dashboard/.test(text)) spent.writes += ms;
              else if (scanEnded) spent.other += ms;
            }
          },
        }),
      ),
  };
  return {
    db,
    log: (line: string) => {
      if (line.startsWith("scanned ")) scanEnded = performance.now();
      log(line);
    },
    split: () => ({ scanSeconds: ((scanEnded || performance.now()) - started) / 1000, movementReadSeconds: spent.movementReads / 1000, writeSeconds: spent.writes / 1000, otherQuerySeconds: spent.other / 1000 }),
  };
}

let patientCache: string | null = null;
async function firstPatient(pool: pg.Pool): Promise<string> {
  patientCache ??= (await pool.query<{ id: string }>(`SELECT id FROM "Patient" LIMIT 1`)).rows[0].id;
  return patientCache;
}

runBench(main);
