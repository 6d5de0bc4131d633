// `npm run bench:workload`: the practice manager's workload page and a 12-month evidence PDF for a busy practice.
//   npm run bench:workload -- [--entries 5000] [--movements 3000] [--practices 1000] [--runs 60] [--pdf-runs 5] [--no-http]
// Loads the real ODS practices into a fresh embedded PostgreSQL (fsync on), gives one busy practice a year of work
// (--entries workload entries, half linked to its --movements records moved, bag-and-label runs over several records)
// and --practices other practices a year of lighter work and records each (the national median reads them all), then
// measures:
//   - the page's queries (workloadOverview: the figures, the chart's months, the national median), --runs times after
//     a warm-up, median and p95; and the national median's own cold cost (it is kept for 10 minutes per process);
//   - over HTTP on the production build (server.ts, signed in as the practice's manager): GET /practice/workload,
//     --runs times, median and p95;
//   - the 12-month evidence pack as a PDF: built and drawn in-process (collect + CSV + PDF), and over HTTP through
//     GET /api/workload/evidence?format=pdf, --pdf-runs times each.
// Beside each wall time, the CPU the Node process spent (the bench's own for in-process work; the server's, read from
// /proc, over HTTP): on a shared machine wall times grow with other people's load, CPU time much less. PostgreSQL's
// CPU is not in it.
// Prints the figures and writes bench/results/workload-<time>.json. Goals: page p95 < 150 ms; PDF < 2 s.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { loadReferenceData } from "@/lib/reference/load";
import { loadActor } from "@/lib/auth/actor";
import { londonDate } from "@/lib/nhs/working-days";
import { costPence, rateInForce, ratesFor } from "@/lib/workload/costs";
import { forgetNationalMedian, workloadOverview } from "@/lib/workload/queries";
import { evidenceForPeriod, renderEvidencePdf } from "@/lib/workload/evidence";
import { lastTwelveMonths } from "@/lib/workload/figures";
import { seededRandom } from "@/lib/demo/random";
import { picker } from "./lib/workload-tasks";
import { freePort, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { migrate, ROOT } from "../scripts/lib/database";
import { buildIfNeeded } from "../scripts/lib/build";
import { runBench } from "./lib/run";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const ENTRIES = opt("entries", 5000);
const MOVEMENTS = opt("movements", 3000);
const PRACTICES = opt("practices", 1000);
const RUNS = opt("runs", 60);
const PDF_RUNS = opt("pdf-runs", 5);
const HTTP = !args.includes("--no-http");
const PASSWORD = "bench-password-2026";
const log = (line: string) => console.log(`[bench] ${line}`);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Rows in one statement: one JSON parameter typed by jsonb_to_recordset (as the demo seed does). */
async function insertJson(db: Db, table: string, rows: object[], columns: Record<string, string>) {
  const names = Object.keys(columns).map((c) => `"${c}"`).join(", ");
  const types = Object.entries(columns).map(([c, t]) => `"${c}" ${t}`).join(", ");
  for (let i = 0; i < rows.length; i += 5000) {
    await db.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types})`, JSON.stringify(rows.slice(i, i + 5000)));
  }
}

let patientCounter = 0;
/** `n` records moved by a practice over the year (half sent, half received), spread over its days. */
async function movementsFor(db: Db, practiceId: string, partnerId: string, regionCode: string | null, n: number, from: Date, days: number, random: () => number): Promise<{ id: string; day: string }[]> {
  const patients = [];
  const movements = [];
  for (let i = 0; i < n; i++) {
    patientCounter++;
    const id = randomUUID();
    const created = new Date(from.getTime() + Math.floor(random() * days) * 86_400_000 + 10 * 3_600_000);
    const hex = patientCounter.toString(16).toUpperCase().padStart(8, "0");
    patients.push({ id: randomUUID(), nhsNumber: `8${String(patientCounter).padStart(9, "0")}`, updatedAt: created });
    const sent = i % 2 === 0;
    movements.push({ id, reference: `RM-${hex.slice(0, 4)}-${hex.slice(4)}`, patientId: patients[i].id, fromOrganisationId: sent ? practiceId : partnerId, toOrganisationId: sent ? partnerId : practiceId, regionCode, createdAt: created, dueDate: londonDate(new Date(created.getTime() + 40 * 86_400_000)) });
  }
  await insertJson(db, "Patient", patients, { id: "uuid", nhsNumber: "char(10)", updatedAt: "timestamptz" });
  const rows = movements.map((m) => ({ ...m, type: "PRACTICE_TO_PRACTICE", reason: "RE_REGISTRATION", priority: "ROUTINE", status: "RECEIVED", patientFamilyName: "Patient", patientGivenName: "Bench", patientDateOfBirth: "1980-01-01", policyVersion: 1, bagCount: 1, updatedAt: m.createdAt, statusChangedAt: m.createdAt }));
  await insertJson(db, "RecordMovement", rows, {
    id: "uuid",
    reference: "varchar",
    type: '"MovementType"',
    reason: '"MovementReason"',
    priority: '"Priority"',
    status: '"MovementStatus"',
    patientId: "uuid",
    patientFamilyName: "varchar",
    patientGivenName: "varchar",
    patientDateOfBirth: "date",
    fromOrganisationId: "uuid",
    toOrganisationId: "uuid",
    regionCode: "varchar",
    policyVersion: "int",
    dueDate: "date",
    bagCount: "smallint",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
    statusChangedAt: "timestamptz",
  });
  return movements.map((m) => ({ id: m.id, day: londonDate(m.createdAt) }));
}

/** `n` entries of a practice over the year, costed by the portal's rate rules, half linked to its movements. */
async function entriesFor(db: Db, practice: { id: string; regionCode: string | null; icbCode: string | null }, userId: string, n: number, moved: { id: string; day: string }[], from: Date, days: number, random: () => number) {
  const rates = await ratesFor(db, practice.id);
  const pick = picker(random);
  const entries = [];
  const links = [];
  for (let i = 0; i < n; i++) {
    const t = pick();
    const date = londonDate(new Date(from.getTime() + Math.floor(random() * days) * 86_400_000 + 12 * 3_600_000));
    const quantity = t.batch ? 1 + Math.floor(random() * 8) : 1;
    const minutes = Math.max(1, Math.round(t.perItem * quantity * (0.8 + random() * 0.5)));
    const rate = rateInForce(rates, t.grade, date)!;
    const id = randomUUID();
    const linked = moved.length && random() < 0.5 ? Array.from({ length: quantity }, () => moved[Math.floor(random() * moved.length)].id) : [];
    const unique = [...new Set(linked)];
    entries.push({ id, organisationId: practice.id, siteId: practice.id, regionCode: practice.regionCode, icbCode: practice.icbCode, grade: t.grade, taskCode: t.code, quantity, minutes, suggestedMinutes: t.batch ? t.perItem * quantity : null, date, cause: t.cause, movementId: unique.length === 1 ? unique[0] : null, source: t.batch ? "SUGGESTED_ACCEPTED" : "MANUAL", createdById: userId, ratePencePerHour: rate.pencePerHour, rateId: rate.id, costPence: costPence(minutes, rate.pencePerHour), createdAt: `${date}T12:00:00Z`, updatedAt: `${date}T12:00:00Z` });
    for (const movementId of unique) links.push({ entryId: id, movementId });
  }
  await insertJson(db, "WorkloadEntry", entries, {
    id: "uuid",
    organisationId: "uuid",
    siteId: "uuid",
    regionCode: "varchar",
    icbCode: "varchar",
    grade: '"StaffGrade"',
    taskCode: "varchar",
    quantity: "int",
    minutes: "int",
    suggestedMinutes: "int",
    date: "date",
    cause: '"WorkloadCause"',
    movementId: "uuid",
    source: '"WorkloadEntrySource"',
    createdById: "uuid",
    ratePencePerHour: "int",
    rateId: "uuid",
    costPence: "int",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
  });
  await insertJson(db, "WorkloadEntryMovement", links, { entryId: "uuid", movementId: "uuid" });
}

/** A session cookie for the manager, through next-auth's credentials endpoint (as a browser signs in). */
async function signIn(baseUrl: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair.split("=");
      jar.set(k, v.join("="));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${baseUrl}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: baseUrl }, body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true", callbackUrl: baseUrl }) });
  keep(answer);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in failed (${answer.status})`);
  return cookie();
}

/** CPU milliseconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** This process's CPU milliseconds while `fn` runs (PostgreSQL's own work is not in it). */
async function cpuOf(fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", `bench-workload-${process.pid}`), port: await freePort(), persistent: false, fsync: true });
  let portal: ReturnType<typeof spawn> | null = null;
  try {
    await server.createDatabase("bench");
    const url = server.urlFor("bench");
    migrate(url);
    const db = createPrismaClient(url, 4);
    const reference = await loadReferenceData(db);
    log(`Loaded ${reference.practices.active.toLocaleString("en-GB")} practices.`);
    const now = new Date();
    const { from, to } = lastTwelveMonths(londonDate(now));
    const start = new Date(`${from}T00:00:00Z`);
    const days = Math.max(1, Math.floor((Math.min(now.getTime(), new Date(`${to}T00:00:00Z`).getTime()) - start.getTime()) / 86_400_000));
    const random = seededRandom(10);
    const practices = await db.organisation.findMany({ where: { kind: "GP_PRACTICE", country: "ENGLAND", closedAt: null }, select: { id: true, odsCode: true, regionCode: true, icbCode: true }, orderBy: { odsCode: "asc" } });
    const busy = practices.find((p) => p.odsCode === "F84003") ?? practices[0];
    const partner = practices.find((p) => p.id !== busy.id)!;
    const manager = await db.user.create({ data: { email: "bench.manager@bench.test", name: "Bench Manager", role: "PRACTICE_MANAGER", organisationId: busy.id, passwordHash: await bcrypt.hash(PASSWORD, 4) } });

    const t0 = Date.now();
    const moved = await movementsFor(db, busy.id, partner.id, busy.regionCode, MOVEMENTS, start, days, random);
    await entriesFor(db, busy, manager.id, ENTRIES, moved, start, days, random);
    // Other practices: a year of lighter work and records each (what the national median reads).
    const others = practices.filter((p) => p.id !== busy.id && p.id !== partner.id).sort(() => random() - 0.5).slice(0, PRACTICES);
    let otherEntries = 0;
    for (const [i, p] of others.entries()) {
      const user = await db.user.create({ data: { email: `bench.${i}@bench.test`, name: "Bench", role: "PRACTICE_MANAGER", organisationId: p.id } });
      const m = await movementsFor(db, p.id, partner.id, p.regionCode, 40 + Math.floor(random() * 160), start, days, random);
      const n = 20 + Math.floor(random() * 200);
      await entriesFor(db, p, user.id, n, m, start, days, random);
      otherEntries += n;
    }
    await db.$executeRawUnsafe("ANALYZE");
    const counts = { entries: await db.workloadEntry.count(), movements: await db.recordMovement.count() };
    log(`Data: the busy practice ${busy.odsCode} with ${ENTRIES.toLocaleString("en-GB")} entries and ${MOVEMENTS.toLocaleString("en-GB")} records moved; ${others.length} other practices with ${otherEntries.toLocaleString("en-GB")} entries; ${counts.entries.toLocaleString("en-GB")} entries and ${counts.movements.toLocaleString("en-GB")} movements in all (${((Date.now() - t0) / 1000).toFixed(1)} s).`);

    const actor = (await loadActor(db, manager.id))!;
    // The page's queries.
    forgetNationalMedian();
    const cold = await timeIt(() => workloadOverview(db, actor, now));
    const overview = await workloadOverview(db, actor, now);
    log(`Overview: ${overview.year.entries.toLocaleString("en-GB")} entries in 12 months, ${overview.national.practices} practices behind the national median (${overview.national.medianPer100 ?? "*"} min per 100 records; the practice ${overview.national.practicePer100}).`);
    for (let i = 0; i < 5; i++) await workloadOverview(db, actor, now);
    const queryTimes: number[] = [];
    const queryCpu = await cpuOf(async () => {
      for (let i = 0; i < RUNS; i++) queryTimes.push(await timeIt(() => workloadOverview(db, actor, now)));
    });
    const coldNational: number[] = [];
    for (let i = 0; i < 5; i++) {
      forgetNationalMedian();
      coldNational.push(await timeIt(() => workloadOverview(db, actor, now)));
    }
    log(`/practice/workload queries (workloadOverview), ${RUNS} runs: median ${ms(median(queryTimes))}, p95 ${ms(p95(queryTimes))} (the national median cached; Node CPU ${ms(queryCpu / RUNS)} a run); with the national median computed afresh: first ${ms(cold)}, median of 5 ${ms(median(coldNational))}.`);

    // The 12-month evidence PDF, in-process.
    const request = { from, to: londonDate(now), format: "pdf" as const, scope: "ALL" as const, caseReference: null, incidentReference: null, pack: null };
    const pdfTimes: number[] = [];
    const pdfCpu: number[] = [];
    let pdfBytes = 0;
    let pdfPages = 0;
    for (let i = 0; i < PDF_RUNS; i++) {
      let wall = 0;
      pdfCpu.push(
        await cpuOf(async () => {
          wall = await timeIt(async () => {
            const file = await evidenceForPeriod(db, actor, request);
            const pdf = await renderEvidencePdf(file.document, file.sha256, file.signed);
            pdfBytes = pdf.length;
            pdfPages = (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
          });
        }),
      );
      pdfTimes.push(wall);
    }
    log(`12-month evidence PDF in-process (${ENTRIES.toLocaleString("en-GB")} lines, ${pdfPages} pages, ${(pdfBytes / 1024).toFixed(0)} KiB), ${PDF_RUNS} runs: median ${ms(median(pdfTimes))}, slowest ${ms(Math.max(...pdfTimes))}; Node CPU median ${ms(median(pdfCpu))}.`);

    let http: { page: { median: number; p95: number; serverCpuPerRequest: number | null }; pdf: { median: number; slowest: number; serverCpuPerRequest: number | null } } | null = null;
    if (HTTP) {
      buildIfNeeded(log, ".next-test");
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (as bench:ingest does).
      const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
      portal = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, "server.ts")], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: ".next-test", PORT: String(port), HOSTNAME: "127.0.0.1", DATABASE_URL: url, NEXTAUTH_SECRET: "bench-workload", NEXTAUTH_URL: baseUrl, ENABLE_DEMO_LOGIN: "true", LOG_LEVEL: "warn" },
      });
      for (let i = 0; i < 240; i++) {
        try {
          if ((await fetch(`${baseUrl}/api/health`)).ok) break;
        } catch {
          /* starting */
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      const cookie = await signIn(baseUrl, manager.email);
      const get = async (p: string, expect: string) => {
        const response = await fetch(`${baseUrl}${p}`, { headers: { cookie } });
        const body = Buffer.from(await response.arrayBuffer());
        if (response.status !== 200 || !body.toString("latin1").includes(expect)) throw new Error(`GET ${p}: ${response.status}`);
      };
      for (let i = 0; i < 5; i++) await get("/practice/workload", "Workload and its cost");
      // The server's own CPU per request (from /proc: load-independent, unlike wall time on a shared machine).
      const serverCpu = (runs: number, before: number | null) => {
        const after = processCpuMs(portal!.pid!);
        return before === null || after === null ? null : (after - before) / runs;
      };
      const pageTimes: number[] = [];
      const pageCpuStart = processCpuMs(portal.pid!);
      for (let i = 0; i < RUNS; i++) pageTimes.push(await timeIt(() => get("/practice/workload", "Workload and its cost")));
      const pageCpu = serverCpu(RUNS, pageCpuStart);
      log(`GET /practice/workload over HTTP (production build), ${RUNS} runs: median ${ms(median(pageTimes))}, p95 ${ms(p95(pageTimes))}; server CPU ${pageCpu === null ? "not measured" : ms(pageCpu)} a request.`);
      await get(`/api/workload/evidence?from=${request.from}&to=${request.to}&format=pdf`, "%PDF-");
      const pdfHttp: number[] = [];
      const pdfCpuStart = processCpuMs(portal.pid!);
      for (let i = 0; i < PDF_RUNS; i++) pdfHttp.push(await timeIt(() => get(`/api/workload/evidence?from=${request.from}&to=${request.to}&format=pdf`, "%PDF-")));
      const pdfServerCpu = serverCpu(PDF_RUNS, pdfCpuStart);
      log(`GET /api/workload/evidence (12 months, PDF) over HTTP, ${PDF_RUNS} runs: median ${ms(median(pdfHttp))}, slowest ${ms(Math.max(...pdfHttp))}; server CPU ${pdfServerCpu === null ? "not measured" : ms(pdfServerCpu)} a request.`);
      http = { page: { median: median(pageTimes), p95: p95(pageTimes), serverCpuPerRequest: pageCpu }, pdf: { median: median(pdfHttp), slowest: Math.max(...pdfHttp), serverCpuPerRequest: pdfServerCpu } };
    }

    const result = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() },
      data: { busyPractice: busy.odsCode, entries: ENTRIES, movements: MOVEMENTS, otherPractices: others.length, otherEntries, allEntries: counts.entries, allMovements: counts.movements },
      queries: { runs: RUNS, median: median(queryTimes), p95: p95(queryTimes), cpuPerRun: queryCpu / RUNS, coldNationalFirst: cold, coldNationalMedian: median(coldNational) },
      pdfInProcess: { runs: PDF_RUNS, median: median(pdfTimes), slowest: Math.max(...pdfTimes), cpuMedian: median(pdfCpu), pages: pdfPages, bytes: pdfBytes },
      http,
      goals: { pageP95Ms: 150, pdfMs: 2000 },
    };
    fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench", "results", `workload-${result.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
    const pageP95 = http ? http.page.p95 : result.queries.p95;
    const pdfWorst = Math.max(result.pdfInProcess.slowest, http?.pdf.slowest ?? 0);
    log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (1 / 5 / 15 min) at the end (other work on the machine slows every figure).`);
    log(`Goals: page p95 ${ms(pageP95)} (goal < 150 ms): ${pageP95 < 150 ? "met" : "NOT met"}; 12-month PDF slowest ${ms(pdfWorst)} (goal < 2000 ms): ${pdfWorst < 2000 ? "met" : "NOT met"}.`);
    await db.$disconnect();
  } finally {
    if (portal && portal.exitCode === null) portal.kill("SIGTERM");
    await server.stop();
  }
}

runBench(main);
