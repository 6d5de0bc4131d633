// `npm run demo`: embedded PostgreSQL (or DATABASE_URL), migrations, idempotent demo seed, production build
// when sources changed, then the portal on http://localhost:$PORT. Ctrl-C stops everything.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/client";
import { loadBankHolidayFile, loadReferenceData } from "@/lib/reference/load";
import { importPractices, parseEpraccur } from "@/lib/organisations/ods-import";
import { readReferenceFile } from "@/lib/reference/files";
import { runPendingBackfills } from "@/lib/jobs/backfills";
import { seedDemoCases } from "@/lib/demo/seed-cases";
import { seedDemoIncident } from "@/lib/demo/seed-incidents";
import { seedDemoWorkload } from "@/lib/demo/seed-workload";
import { refreshDashboards } from "@/lib/dashboards/rollup";
import { pgTransactions } from "@/lib/db/sql";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed-demo";
import { DEMO_COURIER_KEY_ID, DEMO_COURIER_SECRET } from "@/lib/demo/courier-simulator";
import { migrate, openDatabase, ROOT } from "./lib/database";
import { buildIfNeeded } from "./lib/build";
import { localSecret } from "./lib/secrets";

const mode = process.argv[2] === "--dev" ? "dev" : "production";
const port = Number(process.env.PORT ?? 3000);
const t0 = Date.now();
const log = (line: string) => console.log(`[demo ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);

async function main() {
  const started = Date.now();
  const database = await openDatabase();
  log(database.description);
  let server: ChildProcess | null = null;
  let worker: ChildProcess | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping...");
    for (const child of [worker, server]) if (child && child.exitCode === null) child.kill("SIGTERM");
    if (server || worker) await new Promise((resolve) => setTimeout(resolve, 1500));
    await database.stop();
    log(database.embedded ? "Stopped. No PostgreSQL process is left running." : "Stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    migrate(database.url);
    log("Migrations applied.");
    const db = createPrismaClient(database.url);
    const organisations = await db.organisation.count();
    if (organisations < 6000) {
      const reference = await loadReferenceData(db);
      log(`Loaded ${reference.practices.active} practices, ${reference.icbs} ICBs, ${reference.holidays} bank holidays.`);
    } else {
      // Bank holidays of every division (idempotent: an older demo database may have only England and Wales's).
      await loadBankHolidayFile(db);
      // Telephone numbers came with the cases (PCSE rings practices): an older demo database gets them from the file.
      if ((await db.organisation.count({ where: { kind: "GP_PRACTICE", phone: { not: null } } })) === 0) {
        await importPractices(db, parseEpraccur(readReferenceFile("ods/epraccur.csv")));
      }
    }
    const seeded = await seedDemo(db, { movements: Number(process.env.DEMO_MOVEMENTS ?? 3000) });
    log(seeded.skipped ? "Demo data already present: reused." : `Seeded ${seeded.movements} movements and ${seeded.events} tracking events.`);
    // A demo database made by an older version may need new columns derived (the worker would do it too, later).
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    await runPendingBackfills(pool, new Date(), log);
    // Cases, urgent requests and email, made by the sweeps and the demo accounts through the portal's own code
    // (some of which, like the send limit, use the hot-path pool that reads DATABASE_URL).
    process.env.DATABASE_URL = database.url;
    const cases = await seedDemoCases(db, pool, { log });
    log(cases.skipped ? "Demo cases already present: reused." : `Demo cases: ${cases.cases} cases, ${cases.urgentRequests} urgent requests, ${cases.notifications} emails in the outbox.`);
    const incident = await seedDemoIncident(db, pool, { log });
    if (incident.skipped) log("Demo incident already present: reused.");
    // A year of the practices' workload, their rates, evidence packs and claims (after the cases, whose actions left suggestions).
    const workload = await seedDemoWorkload(db, { log });
    log(workload.skipped ? "Demo workload already present: reused." : `Demo workload: ${workload.entries} entries, ${workload.suggestions} suggestions, ${workload.claims} claims.`);
    const rollup = await refreshDashboards(pgTransactions(pool), new Date());
    log(`Commissioner dashboards: ${rollup.months.length} month(s) computed from ${rollup.movementsScanned} movements.`);
    await pool.end();
    await db.$disconnect();

    if (mode === "production") buildIfNeeded(log);
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("nextauth"),
      ENABLE_DEMO_LOGIN: "true",
      // The documented demo courier key (docs/courier-api.md), unless real keys are configured.
      COURIER_KEYS: process.env.COURIER_KEYS ?? `${DEMO_COURIER_KEY_ID}:${DEMO_COURIER_SECRET}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: (mode === "dev" ? "development" : "production") as "development" | "production",
    };
    // Production: the portal's own server (server.ts: request ids, client address, one log line per request).
    // Dev: Next's dev server for hot reload.
    const child =
      mode === "dev"
        ? spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "dev", "-p", String(port)], { cwd: ROOT, env, stdio: "inherit" })
        : spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server.ts")], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: "inherit" });
    child.on("exit", (code) => void stop(code ?? 0));
    server = child;
    // The job runner beside the portal (clock sweep every 5 minutes, and once now), as `npm run worker` in production.
    worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")], { cwd: ROOT, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
    worker.on("exit", (code) => {
      if (!stopping) log(`The job worker stopped (exit ${code}); the portal keeps running without scheduled jobs.`);
    });

    log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://localhost:${port}`);
    log(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) log(`  ${a.email.padEnd(38)} ${a.what}`);
    log(`Courier webhook: POST /api/courier/v1/events with key id ${DEMO_COURIER_KEY_ID} (secret in docs/courier-api.md); npm run courier:simulate moves records.`);
    log("Press Ctrl-C to stop.");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
