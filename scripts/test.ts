// `npm test`: the whole suite from a fresh clone. Unit tests; integration tests on a fresh database of a real
// PostgreSQL (embedded unless TEST_PG_ADMIN_URL names a local server); end-to-end tests in Debian's Chromium
// against a production build on another fresh database. Never touches the demo database.
// Each suite's verdict comes from its runner's JSON result (scripts/lib/test-results.ts), never from an exit code
// alone: a suite in which no test ran, or whose setup crashed, has FAILED.
//   npm test                    everything
//   npm test -- --only unit|integration|e2e
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/client";
import { loadReferenceData } from "@/lib/reference/load";
import { seedDemo } from "@/lib/demo/seed-demo";
import { seedDemoCases } from "@/lib/demo/seed-cases";
import { seedDemoIncident } from "@/lib/demo/seed-incidents";
import { refreshDashboards } from "@/lib/dashboards/rollup";
import { pgTransactions } from "@/lib/db/sql";
import pg from "pg";
import { seedDemoWorkload } from "@/lib/demo/seed-workload";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { migrate, ROOT } from "./lib/database";
import { buildIfNeeded } from "./lib/build";
import { readPlaywrightResult, readVitestResult, suiteFailedToStart, summaryLines, type SuiteOutcome } from "./lib/test-results";
import { assertLocalDatabase, createFreshDatabase } from "../tests/fixtures/databases";
import { CHROMIUM_PATH } from "../tests/e2e/support/chromium";
import { DEMO_COURIER_KEY_ID, DEMO_COURIER_SECRET } from "@/lib/demo/courier-simulator";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const SUITES = ["unit", "integration", "e2e"] as const;
type Suite = (typeof SUITES)[number];
if (only && !SUITES.includes(only as Suite)) {
  console.error(`Unknown suite "${only}": use --only unit, --only integration or --only e2e.`);
  process.exit(2);
}
const suites = (only ? [only] : SUITES) as Suite[];
const log = (line: string) => console.log(`\n[test] ${line}`);
const results: (SuiteOutcome & { seconds: number })[] = [];
const RESULTS_DIR = path.join(ROOT, ".data", "test-results");

/** Runs a command with its output shown as it comes, keeping the tail to explain a crash. */
function run(command: string, commandArgs: string[], env: Record<string, string> = {}): Promise<{ code: number | null; tail: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) tail.push(line);
      if (tail.length > 200) tail.splice(0, tail.length - 200);
    };
    child.stdout.on("data", (c: Buffer) => {
      process.stdout.write(c);
      keep(c);
    });
    child.stderr.on("data", (c: Buffer) => {
      process.stderr.write(c);
      keep(c);
    });
    child.on("error", (error) => resolve({ code: 1, tail: [...tail, String(error)] }));
    child.on("close", (code) => resolve({ code, tail }));
  });
}

/** The most telling error line of a crashed run, with ANSI colours removed. */
function crashHint(tail: string[]): string | null {
  const clean = tail.map((l) => l.replace(/\u001b\[[0-9;]*m/g, "").trim());
  const reversed = [...clean].reverse();
  const line =
    reversed.find((l) => /^(\w*Error:|error:)/.test(l) && !l.startsWith("Serialized Error")) ??
    reversed.find((l) => /ECONNREFUSED|No test files found|Startup Error|Error/.test(l));
  return line ? line.slice(0, 300) : null;
}

function readIfExists(file: string): string | null {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
}

async function time(suite: Suite, fn: () => Promise<SuiteOutcome>) {
  const started = Date.now();
  let result: SuiteOutcome;
  try {
    result = await fn();
  } catch (error) {
    console.error(error instanceof Error ? error.stack : error);
    result = suiteFailedToStart(suite, error instanceof Error ? error.message.split("\n")[0] : String(error));
  }
  results.push({ ...result, seconds: (Date.now() - started) / 1000 });
}

async function runVitest(project: "unit" | "integration", env: Record<string, string> = {}): Promise<SuiteOutcome> {
  const file = path.join(RESULTS_DIR, `${project}.json`);
  fs.rmSync(file, { force: true });
  const { code, tail } = await run(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], env);
  return readVitestResult(project, readIfExists(file), code, crashHint(tail));
}

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the portal did not answer ${url} within ${timeoutMs / 1000} s (see .data/e2e-server.log)`);
}

/** Chromium and pdftoppm must be there before anything else is started. Returns the reason when not. */
function e2ePrerequisiteProblem(): string | null {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.error(`\nChromium is not installed at ${CHROMIUM_PATH}. Install it with:\n\n  sudo apt-get update && sudo apt-get install -y chromium poppler-utils\n\n(or set CHROMIUM_PATH to another Chromium).`);
    return `Chromium not found at ${CHROMIUM_PATH}`;
  }
  if (spawnSync("pdftoppm", ["-v"]).error) {
    console.error("\npdftoppm (poppler-utils) is needed to read label barcodes back from PDFs. Install it with:\n\n  sudo apt-get update && sudo apt-get install -y poppler-utils\n");
    return "pdftoppm (poppler-utils) not found";
  }
  return null;
}

async function runE2e(adminUrl: string): Promise<SuiteOutcome> {
  const databaseUrl = await createFreshDatabase(adminUrl, "e2e");
  migrate(databaseUrl);
  const db = createPrismaClient(databaseUrl, 2);
  await loadReferenceData(db);
  await seedDemo(db, { movements: 600, passwordRounds: 4 });
  // Cases of every kind and status, urgent requests and the outbox, made by the portal's own code (about 20 s here):
  // the case, request and outbox pages are checked with real content, and the role matrix opens one of each.
  const started = Date.now();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  process.env.DATABASE_URL = databaseUrl; // the send limit's pool (createMovement, createUrgentRequest) reads it
  try {
    const cases = await seedDemoCases(db, pool);
    log(`Demo cases for the end-to-end tests: ${cases.cases} cases, ${cases.urgentRequests} urgent requests, ${cases.notifications} emails (${((Date.now() - started) / 1000).toFixed(1)} s).`);
    await seedDemoIncident(db, pool);
    // The workload pages, their role matrix and the claims journey need the demo's year of workload and its claims.
    await seedDemoWorkload(db);
    // The commissioner dashboards' figures, by the job's own code, so their pages have content.
    await refreshDashboards(pgTransactions(pool), new Date());
  } finally {
    await pool.end();
  }
  await db.$disconnect();
  buildIfNeeded((line) => log(line), ".next-test");

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(ROOT, ".data", "e2e-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  // The portal's own server (server.ts), as in production: its request log is what the log check searches.
  const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server.ts")], {
    cwd: ROOT,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-test",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use",
      ENABLE_DEMO_LOGIN: "true",
      COURIER_KEYS: `${DEMO_COURIER_KEY_ID}:${DEMO_COURIER_SECRET}`,
      LOG_LEVEL: "info",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  // The job runner beside the portal, as `npm run demo` starts it (clock sweep, "run now" from /admin/jobs).
  const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    stdio: ["ignore", out, out],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, LOG_LEVEL: "info" },
  });
  try {
    await waitForHealth(`${baseUrl}/api/health`, 60_000);
    const file = path.join(RESULTS_DIR, "e2e.json");
    fs.rmSync(file, { force: true });
    const grep = args.filter((a, i) => a.startsWith("--grep") || a === "-g" || args[i - 1] === "-g" || args[i - 1] === "--grep");
    const { code } = await run(process.execPath, [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", ...grep], { BASE_URL: baseUrl, DATABASE_URL: databaseUrl, PLAYWRIGHT_JSON_FILE: file });
    const result = readPlaywrightResult("e2e", readIfExists(file), code);
    const leak = await patientIdentifiersInLog(logFile, databaseUrl, grep.length === 0);
    if (leak) return { ...result, ok: false, reason: [result.reason, leak].filter(Boolean).join("; ") };
    return result;
  } finally {
    server.kill("SIGTERM");
    worker.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

/**
 * Patient identifiers never appear in logs: every NHS number in the test database is searched for in the server's
 * log (which has one line per request answered, so thousands of lines). Returns the problem, or null.
 */
async function patientIdentifiersInLog(logFile: string, databaseUrl: string, wholeSuite: boolean): Promise<string | null> {
  const db = createPrismaClient(databaseUrl, 1);
  const patients = await db.patient.findMany({ select: { nhsNumber: true } });
  await db.$disconnect();
  const text = fs.readFileSync(logFile, "utf8");
  const lines = text.split("\n").filter(Boolean);
  const requests = lines.filter((l) => l.includes('"msg":"request"')).length;
  const found = patients.filter((p) => text.includes(p.nhsNumber) || text.includes(`${p.nhsNumber.slice(0, 3)} ${p.nhsNumber.slice(3, 6)} ${p.nhsNumber.slice(6)}`));
  console.log(`[test] Server log check: ${lines.length} lines (${requests} request lines) searched for ${patients.length} NHS numbers: ${found.length} found.`);
  if (found.length > 0) return `${found.length} NHS numbers found in the server log`;
  // The whole suite makes thousands of requests; a near-empty log means the request log broke (the check would be empty).
  if (wholeSuite && requests < 500) return `the server log has only ${requests} request lines: the request log is not working`;
  return null;
}

async function main() {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const e2eProblem = suites.includes("e2e") ? e2ePrerequisiteProblem() : null;
  let server: RunningPostgres | null = null;
  let adminUrl = process.env.TEST_PG_ADMIN_URL ?? null;
  try {
    const needsDatabase = suites.includes("integration") || (suites.includes("e2e") && !e2eProblem);
    if (needsDatabase && !adminUrl) {
      server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", `test-pg-${process.pid}`), port: await freePort(), persistent: false });
      adminUrl = server.urlFor("postgres");
      log(`Embedded PostgreSQL for tests on port ${server.port} (thrown away afterwards).`);
    }
    if (adminUrl) assertLocalDatabase(adminUrl);
    for (const suite of suites) {
      log(`${suite} tests`);
      if (suite === "unit") await time(suite, () => runVitest("unit"));
      if (suite === "integration") await time(suite, () => runVitest("integration", { TEST_PG_ADMIN_URL: adminUrl! }));
      if (suite === "e2e") await time(suite, async () => (e2eProblem ? suiteFailedToStart("e2e", e2eProblem) : runE2e(adminUrl!)));
    }
  } catch (error) {
    // The test database server could not be started or is not local: every suite not yet run has failed.
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(error instanceof Error ? error.stack : error);
    for (const suite of suites) if (!results.some((r) => r.suite === suite)) results.push({ ...suiteFailedToStart(suite, reason), seconds: 0 });
  } finally {
    await server?.stop();
  }
  const { lines, ok } = summaryLines(results);
  console.log("\n[test] Summary");
  for (const line of lines.slice(0, -1)) console.log(`[test]   ${line}`);
  console.log(lines[lines.length - 1]);
  process.exit(ok ? 0 : 1);
}

void main();
