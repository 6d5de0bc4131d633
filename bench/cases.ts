// `npm run bench:cases`: PCSE's case queue, team overview and search over a national year's cases.
//   npm run bench:cases -- [--cases 300000] [--runs 40] [--caseworkers 60]
// Loads the real ODS practices, COPYs N cases opened over the last 365 days (kinds in proportion to what the
// service sees: most are late or missing records; about a tenth still open, the recent ones more likely, a share
// breached, most open ones assigned to one of the caseworkers), then times the portal's own query functions with a
// caseworker's actor: the first page of the queue and the filtered pages a caseworker uses (each as the page asks
// for it: rows, total and every filter's counts), the team overview and a search by case reference. Prints median
// and p95 per view and writes bench/results/cases-<time>.json. Goal (issue 9): p95 < 150 ms for every queue page.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createPrismaClient } from "@/lib/db/client";
import { loadReferenceData } from "@/lib/reference/load";
import { loadActor } from "@/lib/auth/actor";
import { caseQueue, teamOverview } from "@/lib/cases/queries";
import { searchPcse } from "@/lib/cases/search";
import { benchReference } from "./lib/references";
import { freePort, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { migrate, ROOT } from "../scripts/lib/database";
import { runBench } from "./lib/run";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const CASES = opt("cases", 300_000);
const RUNS = opt("runs", 40);
const CASEWORKERS = opt("caseworkers", 60);
const GOAL_MS = 150;
const log = (line: string) => console.log(`[bench] ${line}`);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const DAY = 86_400_000;

async function copyRows(client: pg.Client, sql: string, rows: Iterable<string>) {
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(sql));
    stream.on("finish", () => resolve());
    stream.on("error", reject);
    const it = rows[Symbol.iterator]();
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

// Share of the year's cases by kind (weights, roughly: late and missing records dominate).
const KIND_WEIGHTS: [string, number][] = [
  ["RECORD_NOT_RECEIVED", 34],
  ["MISSING_RECORD", 22],
  ["INCOMPLETE_RECORD", 8],
  ["WRONG_PATIENT", 3],
  ["DAMAGED_RECORD", 2],
  ["LABEL_PROBLEM", 7],
  ["COLLECTION_MISSED", 9],
  ["URGENT_REQUEST_CHASE", 3],
  ["CROSS_BORDER_DELAY", 2],
  ["DEMOGRAPHICS_DISAGREEMENT", 2],
  ["SERVICE_REGISTRATIONS", 2],
  ["SERVICE_PERFORMERS_LIST", 1],
  ["SERVICE_SUPPLIES", 2],
  ["SERVICE_PAYMENTS", 2],
  ["SERVICE_PENSIONS", 1],
  ["SERVICE_COMMUNICATIONS", 1],
];
const OPEN_STATUSES = ["OPEN", "IN_PROGRESS", "WAITING_ON_PRACTICE", "WAITING_ON_COURIER", "WAITING_ON_THIRD_PARTY"];

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", `bench-cases-${process.pid}`), port: await freePort(), persistent: false, fsync: true });
  try {
    await server.createDatabase("bench");
    const url = server.urlFor("bench");
    migrate(url);
    const db = createPrismaClient(url, 8);
    await loadReferenceData(db);
    const practices = await db.organisation.findMany({ where: { kind: "GP_PRACTICE", country: "ENGLAND", closedAt: null }, select: { id: true, regionCode: true } });
    const pcseOffice = await db.organisation.findFirstOrThrow({ where: { kind: "PCSE_OFFICE" }, select: { id: true } });
    const workers: string[] = [];
    for (let i = 0; i < CASEWORKERS; i++) {
      const user = await db.user.create({ data: { email: `caseworker-${i}@bench.invalid`, name: `Caseworker ${i + 1}`, role: i % 10 === 0 ? "PCSE_SUPERVISOR" : "PCSE_CASEWORKER", organisationId: pcseOffice.id } });
      workers.push(user.id);
    }

    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    log(`Generating ${CASES.toLocaleString("en-GB")} cases opened over the 365 days to ${today}, raised by ${practices.length.toLocaleString("en-GB")} English practices...`);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const totalWeight = KIND_WEIGHTS.reduce((n, [, w]) => n + w, 0);
    const pickKind = () => {
      let r = rand() * totalWeight;
      for (const [k, w] of KIND_WEIGHTS) if ((r -= w) < 0) return k;
      return KIND_WEIGHTS[0][0];
    };
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const rows: string[] = [];
    let open = 0;
    let breachedOpen = 0;
    const t0 = performance.now();
    for (let i = 0; i < CASES; i++) {
      const ageDays = rand() * 365;
      const opened = new Date(now.getTime() - ageDays * DAY);
      const practice = practices[Math.floor(rand() * practices.length)];
      const kind = pickKind();
      // Open: a share of recent cases, and a few old missing records still being searched for or lost.
      const isOpen = rand() < (ageDays < 60 ? 0.03 + 0.8 * (1 - ageDays / 60) ** 2 : kind === "MISSING_RECORD" ? 0.08 : 0.01);
      const status = isOpen ? OPEN_STATUSES[Math.floor(rand() * OPEN_STATUSES.length)] : rand() < 0.6 ? "CLOSED" : "RESOLVED";
      const firstDue = new Date(opened.getTime() + 3 * DAY);
      const resolutionDue = new Date(opened.getTime() + (kind === "MISSING_RECORD" || kind === "RECORD_NOT_RECEIVED" ? 7 : 21) * DAY);
      const breached = resolutionDue < now && (isOpen || rand() < 0.15);
      const owner = isOpen ? (rand() < 0.7 ? workers[Math.floor(rand() * workers.length)] : null) : workers[Math.floor(rand() * workers.length)];
      const nextDue = isOpen ? (firstDue > now || !breached ? (firstDue > now ? firstDue : resolutionDue) : resolutionDue) : null;
      const resolvedAt = isOpen ? null : new Date(Math.min(now.getTime(), opened.getTime() + (1 + rand() * 20) * DAY));
      const missingStage = kind === "MISSING_RECORD" ? (isOpen ? (ageDays > 180 ? "LOST" : ageDays > 7 ? "MISSING" : "SEARCHING") : rand() < 0.7 ? "FOUND" : "RECONSTITUTED") : null;
      if (isOpen) {
        open++;
        if (breached) breachedOpen++;
      }
      const origin = kind === "RECORD_NOT_RECEIVED" || kind === "MISSING_RECORD" ? (rand() < 0.6 ? "CLOCK_SWEEP" : "PRACTICE") : "PRACTICE";
      const paused = status.startsWith("WAITING_ON") ? new Date(now.getTime() - rand() * 5 * DAY).toISOString() : "\\N";
      rows.push(
        [
          randomUUID(),
          benchReference("CS", i),
          kind,
          status,
          origin,
          `Bench case ${i}`,
          origin === "PRACTICE" ? practice.id : "\\N",
          owner ?? "\\N",
          practice.regionCode ?? "\\N",
          1,
          opened.toISOString(),
          isOpen && rand() < 0.4 ? "\\N" : new Date(opened.getTime() + DAY).toISOString(),
          iso(firstDue),
          iso(resolutionDue),
          resolvedAt ? resolvedAt.toISOString() : "\\N",
          paused,
          breached ? "t" : "f",
          breached ? "t" : "f",
          nextDue ? iso(nextDue) : "\\N",
          resolvedAt ? resolvedAt.toISOString() : "\\N",
          status === "CLOSED" && resolvedAt ? resolvedAt.toISOString() : "\\N",
          missingStage ?? "\\N",
          opened.toISOString(),
          opened.toISOString(),
        ].join("\t") + "\n",
      );
    }
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    await client.connect();
    await copyRows(
      client,
      `COPY "Case" (id, reference, kind, status, origin, summary, "raisedByOrganisationId", "ownerId", "regionCode", "policyVersion", "openedAt", "firstResponseAt",
        "firstResponseDueDate", "resolutionDueDate", "resolutionClockStoppedAt", "pausedSince", "resolutionBreached", breached, "nextDueDate", "resolvedAt", "closedAt",
        "missingStage", "createdAt", "updatedAt") FROM STDIN`,
      rows,
    );
    // What autovacuum does to a table after this many inserts (PostgreSQL 13+): statistics, and the visibility map
    // that lets the queue's counts read their index alone.
    await client.query('VACUUM (ANALYZE) "Case"');
    await client.query("ANALYZE");
    await client.end();
    log(`Loaded ${CASES.toLocaleString("en-GB")} cases (${open.toLocaleString("en-GB")} open, ${breachedOpen.toLocaleString("en-GB")} of them breached) by COPY in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);

    const actor = (await loadActor(db, workers[1]))!;
    const supervisor = (await loadActor(db, workers[0]))!;
    const someReference = benchReference("CS", Math.floor(CASES / 2));
    const views: [string, () => Promise<unknown>][] = [
      ["queue: first page (open, breached and nearest due first)", () => caseQueue(db, actor, {}, now)],
      ["queue: page 20", () => caseQueue(db, actor, { page: "20" }, now)],
      ["queue: breached", () => caseQueue(db, actor, { due: "breached" }, now)],
      ["queue: due this week", () => caseQueue(db, actor, { due: "week" }, now)],
      ["queue: missing records", () => caseQueue(db, actor, { kind: "MISSING_RECORD" }, now)],
      ["queue: mine", () => caseQueue(db, actor, { owner: "me" }, now)],
      ["queue: unassigned", () => caseQueue(db, actor, { owner: "none" }, now)],
      ["queue: London, not received", () => caseQueue(db, actor, { region: "Y56", kind: "RECORD_NOT_RECEIVED" }, now)],
      ["queue: waiting on the practice", () => caseQueue(db, actor, { status: "WAITING_ON_PRACTICE" }, now)],
      ["queue: all statuses (the year)", () => caseQueue(db, actor, { status: "all" }, now)],
      ["team overview (supervisor)", () => teamOverview(db, supervisor, now)],
      ["search by case reference", () => searchPcse(db, actor, someReference, 1, now)],
    ];
    const results: { view: string; medianMs: number; p95Ms: number; goalMs: number | null; met: boolean | null }[] = [];
    for (const [name, run] of views) {
      for (let i = 0; i < 3; i++) await run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
      const goal = name.startsWith("queue") ? GOAL_MS : null;
      results.push({ view: name, medianMs: Math.round(median(times) * 10) / 10, p95Ms: Math.round(p95(times) * 10) / 10, goalMs: goal, met: goal === null ? null : p95(times) < goal });
    }
    await db.$disconnect();

    console.log("");
    console.log(`PCSE cases over ${CASES.toLocaleString("en-GB")} cases (${open.toLocaleString("en-GB")} open), ${RUNS} runs each after 3 warm-ups, one caseworker at a time`);
    console.log(`${"view".padEnd(58)} ${"median".padStart(9)} ${"p95".padStart(9)}  goal`);
    for (const r of results) console.log(`${r.view.padEnd(58)} ${`${r.medianMs} ms`.padStart(9)} ${`${r.p95Ms} ms`.padStart(9)}  ${r.goalMs === null ? "" : `p95 < ${r.goalMs} ms: ${r.met ? "met" : "NOT MET"}`}`);
    console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    const dir = path.join(ROOT, "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `cases-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify({ cases: CASES, open, breachedOpen, runs: RUNS, results, machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version } }, null, 2));
    log(`Written ${path.relative(ROOT, file)}`);
    if (results.some((r) => r.met === false)) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

runBench(main);
