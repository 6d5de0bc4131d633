// `npm run bench:incident-import`: the incident import (lib/incidents/import.ts) on a file the size of the 2016-18
// archive incident.
//   npm run bench:incident-import -- [--rows 150000] [--small 15000] [--released 0.8] [--setting name=value ...]
// Starts a fresh embedded PostgreSQL (fsync on, its default settings unless given), loads the real ODS practices,
// writes CSV files of `--small` and
// `--rows` affected patients spread over every English practice (a share `--released` released, with the patient
// as on the envelope, so each becomes a tracked store-to-practice movement; the rest still held), then imports
// each through the portal's own importIncidentItems, streamed from disk as a request body would be. Prints the time
// of each import, rows a second, and the process's resident memory before and at its peak during each import (so
// the two sizes show whether memory grows with the file), and the CPU seconds spent in Node and in PostgreSQL with the
// load average (the machine may be shared: the wall time then says more about the other work than about the import).
// Goal (issue 11): 150,000 rows in under 60 s.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { loadReferenceData } from "@/lib/reference/load";
import { loadActor } from "@/lib/auth/actor";
import { createIncident } from "@/lib/incidents/commands";
import { importIncidentItems } from "@/lib/incidents/import";
import { testNhsNumbers } from "@/lib/nhs/nhs-number";
import { freePort, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { migrate, ROOT } from "../scripts/lib/database";
import { runBench } from "./lib/run";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const ROWS = opt("rows", 150_000);
const SMALL = opt("small", 15_000);
const RELEASED = opt("released", 0.8);
// PostgreSQL settings for the embedded server (`--setting shared_buffers=1GB`, repeatable); its defaults otherwise.
// BENCH_PG_LOG=FILE writes the server's log there (with `--setting session_preload_libraries=auto_explain ...`).
const SETTINGS = args.flatMap((a, i) => (a === "--setting" && args[i + 1] ? [args[i + 1]] : []));
const GOAL_S = 60;
const log = (line: string) => console.log(`[bench] ${line}`);
// A full garbage collection before each import (without --expose-gc on the command line), so "before" is the memory
// actually held, not whatever garbage the previous step left.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

const GIVEN = ["Olivia", "Amelia", "Noah", "Oliver", "George", "Muhammad", "Grace", "Freya", "Aisha", "Priya", "Tomasz", "Chidi"];
const FAMILY = ["Smith", "Jones", "Taylor", "Brown", "Patel", "Khan", "Nowak", "Okafor", "O'Brien", "Hughes", "Begum", "Singh"];

async function writeFile(file: string, rows: number, odsCodes: string[], numbers: Generator<string>, seed: number): Promise<void> {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = fs.createWriteStream(file);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write("nhs_number,practice_ods_code,held_from,released_on,movement_reference,priority,family_name,given_name,date_of_birth\n");
  const day = (offset: number) => new Date(Date.UTC(2026, 10, 1) - offset * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < rows; i++) {
    const heldDays = 180 + Math.floor(rand() * 360); // most held 6-18 months
    const released = rand() < RELEASED;
    const releasedOffset = Math.floor(rand() * 90);
    const line = released
      ? `${numbers.next().value},${odsCodes[Math.floor(rand() * odsCodes.length)]},${day(releasedOffset + heldDays)},${day(releasedOffset)},,${rand() < 0.1 ? "high" : "low"},${FAMILY[Math.floor(rand() * FAMILY.length)]},${GIVEN[Math.floor(rand() * GIVEN.length)]},${day(3650 + Math.floor(rand() * 25_000))}\n`
      : `${numbers.next().value},${odsCodes[Math.floor(rand() * odsCodes.length)]},${day(heldDays)},,,${rand() < 0.1 ? "high" : "low"},,,\n`;
    await write(line);
  }
  await new Promise<void>((r) => out.end(() => r()));
}

// CPU seconds used so far by this process and by the PostgreSQL server (the postmaster, the backends it has reaped,
// and those still running), from /proc: on a shared machine the wall time depends on the other work running, the CPU
// time much less. Null where /proc is missing (not Linux).
const TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();
function statTicks(pid: number): { ppid: number; own: number; children: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" "); // fields from the 3rd (state)
    return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}
function cpuSeconds(dataDir: string): { node: number; postgres: number } | null {
  const node = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
  const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const pm = statTicks(postmaster);
  if (!pm) return null;
  let ticks = pm.own + pm.children;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const st = statTicks(Number(entry));
    if (st && st.ppid === postmaster) ticks += st.own;
  }
  return { node, postgres: ticks / TICKS };
}

async function main() {
  const dir = path.join(ROOT, ".data", `bench-incident-${process.pid}`);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false, fsync: true, settings: SETTINGS, log: process.env.BENCH_PG_LOG ? (line) => fs.appendFileSync(process.env.BENCH_PG_LOG!, line + "\n") : undefined });
  const results: Record<string, unknown>[] = [];
  try {
    await server.createDatabase("bench");
    const url = server.urlFor("bench");
    migrate(url);
    const db = createPrismaClient(url, 4);
    await loadReferenceData(db);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const office = await db.organisation.findFirstOrThrow({ where: { kind: "PCSE_OFFICE" }, select: { id: true } });
    const user = await db.user.create({ data: { email: "supervisor@bench.invalid", name: "Bench Supervisor", role: "PCSE_SUPERVISOR", organisationId: office.id } });
    const actor = (await loadActor(db, user.id))!;
    const practices = await db.organisation.findMany({ where: { kind: "GP_PRACTICE", country: "ENGLAND", closedAt: null }, select: { odsCode: true } });
    const odsCodes = practices.map((p) => p.odsCode);
    const numbers = testNhsNumbers(0);
    for (const [label, rows] of [["small", SMALL], ["full", ROWS]] as const) {
      if (rows <= 0) continue;
      const file = path.join(dir, `${label}.csv`);
      await writeFile(file, rows, odsCodes, numbers, label === "small" ? 11 : 7);
      const bytes = fs.statSync(file).size;
      const { reference } = await createIncident(db, actor, { title: `Bench ${label}`, category: "RECORDS_ARCHIVED_IN_ERROR", responsibleOrganisation: "Archive contractor", discoveredOn: "2026-11-01", reviewsDueDate: "2027-02-01", paymentScheme: "BANDED" });
      gc();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      log(`Importing ${rows.toLocaleString("en-GB")} rows (${mib(bytes)} of CSV, ${Math.round(RELEASED * 100)}% released) into ${reference} over ${odsCodes.length.toLocaleString("en-GB")} practices...`);
      const cpu0 = cpuSeconds(path.join(dir, "pg"));
      const t0 = performance.now();
      const summary = await importIncidentItems(db, actor, { reference, fileName: `${label}.csv`, body: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), pool, onPhase: (name, ms) => log(`  ${name}: ${(ms / 1000).toFixed(1)} s (RSS ${mib(process.memoryUsage().rss)}, heap ${mib(process.memoryUsage().heapUsed)})`) });
      const seconds = (performance.now() - t0) / 1000;
      const cpu1 = cpuSeconds(path.join(dir, "pg"));
      const cpu = cpu0 && cpu1 ? { nodeCpuSeconds: Number((cpu1.node - cpu0.node).toFixed(1)), postgresCpuSeconds: Number((cpu1.postgres - cpu0.postgres).toFixed(1)) } : null;
      const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (summary.status !== "COMPLETED") throw new Error(`import ${summary.status}: ${summary.problem ?? `${summary.rejected} rejected`}`);
      const line = { label, rows, csvBytes: bytes, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows / seconds), movementsCreated: summary.movementsCreated, rssBeforeMiB: Math.round(rssBefore / 1048576), rssPeakMiB: Math.round(peak / 1048576), rssGrowthMiB: Math.round((peak - rssBefore) / 1048576), ...cpu, loadAverage: load };
      results.push(line);
      log(`${label}: ${rows.toLocaleString("en-GB")} rows in ${seconds.toFixed(1)} s (${line.rowsPerSecond.toLocaleString("en-GB")} rows/s), ${summary.movementsCreated.toLocaleString("en-GB")} movements created; RSS ${mib(rssBefore)} before, peak ${mib(peak)} (+${line.rssGrowthMiB} MiB)`);
      if (cpu) log(`  CPU: ${cpu.nodeCpuSeconds} s in Node, ${cpu.postgresCpuSeconds} s in PostgreSQL; load average at the end ${load} (${os.cpus().length} cores)`);
      fs.rmSync(file);
    }
    await pool.end();
    await db.$disconnect();
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const full = results.find((r) => r.label === "full") as { seconds: number } | undefined;
  log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${mib(os.totalmem())}, Node ${process.version}, process max RSS ${mib(process.resourceUsage().maxRSS * 1024)}`);
  if (full) log(`${full.seconds <= GOAL_S ? "PASS" : "FAIL"}: ${ROWS.toLocaleString("en-GB")} rows in ${full.seconds} s (goal < ${GOAL_S} s)`);
  fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  const out = path.join(ROOT, "bench", "results", `incident-import-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(out, JSON.stringify({ rows: ROWS, small: SMALL, released: RELEASED, settings: SETTINGS, results, node: process.version, cores: os.cpus().length }, null, 2));
  log(`Wrote ${path.relative(ROOT, out)}`);
  if (full && full.seconds > GOAL_S) process.exitCode = 1;
}

runBench(main);
