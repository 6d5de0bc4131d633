// `npm test`: the whole suite from a fresh clone. Unit tests; integration tests on a fresh database of a real
// PostgreSQL (embedded unless TEST_PG_ADMIN_URL names a local server); end-to-end tests in Debian's Chromium
// against a production build on another fresh database. Never touches the demo database.
//   npm test                    everything
//   npm test -- --only unit|integration|e2e
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/client";
import { loadReferenceData, sharedDataDir } from "@/lib/reference/load";
import { seedDemo } from "@/lib/demo/seed-demo";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { migrate, ROOT } from "./lib/database";
import { buildIfNeeded } from "./lib/build";
import { assertLocalDatabase, createFreshDatabase } from "../tests/fixtures/databases";
import { CHROMIUM_PATH } from "../tests/e2e/support/chromium";
import { DEMO_COURIER_KEY_ID, DEMO_COURIER_SECRET } from "@/lib/demo/courier-simulator";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const suites = (only ? [only] : ["unit", "integration", "e2e"]) as ("unit" | "integration" | "e2e")[];
const log = (line: string) => console.log(`\n[test] ${line}`);
const results: { suite: string; ok: boolean; seconds: number }[] = [];

function run(command: string, commandArgs: string[], env: Record<string, string> = {}): boolean {
  const r = spawnSync(command, commandArgs, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

async function time(suite: string, fn: () => Promise<boolean> | boolean) {
  const started = Date.now();
  let ok = false;
  try {
    ok = await fn();
  } catch (error) {
    console.error(error instanceof Error ? error.stack : error);
  }
  results.push({ suite, ok, seconds: (Date.now() - started) / 1000 });
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
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function runE2e(adminUrl: string): Promise<boolean> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.error(`\nChromium is not installed at ${CHROMIUM_PATH}. Install it with:\n\n  sudo apt-get update && sudo apt-get install -y chromium poppler-utils\n\n(or set CHROMIUM_PATH to another Chromium).`);
    return false;
  }
  if (spawnSync("pdftoppm", ["-v"]).error) {
    console.error("\npdftoppm (poppler-utils) is needed to read label barcodes back from PDFs. Install it with:\n\n  sudo apt-get update && sudo apt-get install -y poppler-utils\n");
    return false;
  }
  const databaseUrl = await createFreshDatabase(adminUrl, "e2e");
  migrate(databaseUrl);
  const db = createPrismaClient(databaseUrl, 2);
  await loadReferenceData(db);
  await seedDemo(db, { movements: 600, dataDir: sharedDataDir(), passwordRounds: 4 });
  await db.$disconnect();
  buildIfNeeded((line) => log(line), ".next-test");

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(ROOT, ".data", "e2e-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  const server = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-test",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use",
      ENABLE_DEMO_LOGIN: "true",
      COURIER_KEYS: `${DEMO_COURIER_KEY_ID}:${DEMO_COURIER_SECRET}`,
      LOG_LEVEL: "info",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  try {
    await waitForHealth(`${baseUrl}/api/health`, 60_000);
    const ok = run(process.execPath, [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", ...args.filter((a) => a.startsWith("--grep") || a.startsWith("-g"))], { BASE_URL: baseUrl, DATABASE_URL: databaseUrl });
    return ok && (await logsFreeOfPatientIdentifiers(logFile, databaseUrl));
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Patient identifiers never appear in logs: every NHS number in the test database is searched for in the server's log. */
async function logsFreeOfPatientIdentifiers(logFile: string, databaseUrl: string): Promise<boolean> {
  const db = createPrismaClient(databaseUrl, 1);
  const patients = await db.patient.findMany({ select: { nhsNumber: true } });
  await db.$disconnect();
  const text = fs.readFileSync(logFile, "utf8");
  const found = patients.filter((p) => text.includes(p.nhsNumber) || text.includes(`${p.nhsNumber.slice(0, 3)} ${p.nhsNumber.slice(3, 6)} ${p.nhsNumber.slice(6)}`));
  console.log(`[test] Server log check: ${text.split("\n").length} lines searched for ${patients.length} NHS numbers: ${found.length} found.`);
  return found.length === 0;
}

async function main() {
  let server: RunningPostgres | null = null;
  let adminUrl = process.env.TEST_PG_ADMIN_URL ?? null;
  if (suites.some((s) => s !== "unit") && !adminUrl) {
    server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", `test-pg-${process.pid}`), port: await freePort(), persistent: false });
    adminUrl = server.urlFor("postgres");
    log(`Embedded PostgreSQL for tests on port ${server.port} (thrown away afterwards).`);
  }
  if (adminUrl) assertLocalDatabase(adminUrl);
  try {
    for (const suite of suites) {
      log(`${suite} tests`);
      if (suite === "unit") await time(suite, () => run(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--project", "unit"]));
      if (suite === "integration") await time(suite, () => run(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--project", "integration"], { TEST_PG_ADMIN_URL: adminUrl! }));
      if (suite === "e2e") await time(suite, () => runE2e(adminUrl!));
    }
  } finally {
    await server?.stop();
  }
  console.log("\n[test] Summary");
  for (const r of results) console.log(`[test]   ${r.suite.padEnd(12)} ${r.ok ? "passed" : "FAILED"} in ${r.seconds.toFixed(1)} s`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`[test] suites: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

void main();
