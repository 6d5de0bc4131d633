// Database scripts: `npm run db:migrate`, `db:seed`, `db:reset`, `db:import-ods -- FILE`,
// `db:new-migration -- NAME`, `db:drift`. They use DATABASE_URL, or the embedded PostgreSQL under .data/pg.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/client";
import { importPractices, parseEpraccur } from "@/lib/organisations/ods-import";
import { loadReferenceData } from "@/lib/reference/load";
import { seedDemo } from "@/lib/demo/seed-demo";
import { seedDemoCases } from "@/lib/demo/seed-cases";
import { seedDemoIncident } from "@/lib/demo/seed-incidents";
import { seedDemoWorkload } from "@/lib/demo/seed-workload";
import { refreshDashboards } from "@/lib/dashboards/rollup";
import { pgTransactions } from "@/lib/db/sql";
import { migrate, openDatabase, prismaCli, PRISMA_PRELOAD, ROOT } from "./lib/database";
import { freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import pg from "pg";
import { runPendingBackfills } from "@/lib/jobs/backfills";

/** Migrations, then any data backfill they asked for (lib/jobs/backfills.ts). */
async function migrateAndBackfill(url: string) {
  migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await runPendingBackfills(pool, new Date(), (line) => console.log(line));
  } finally {
    await pool.end();
  }
}

const [command, ...args] = process.argv.slice(2);
const log = (line: string) => console.log(line);

async function withDb<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await fn(database.url);
  } finally {
    await database.stop();
  }
}

/** A throwaway empty database for schema diffs (the JS schema engine applies migrations there). */
async function withScratchDb<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", `scratch-${process.pid}`), port: await freePort(), persistent: false });
  try {
    await server.createDatabase("scratch");
    return await fn(server.urlFor("scratch"));
  } finally {
    await server.stop();
  }
}

async function seed(url: string, demo: boolean, movements: number) {
  const db = createPrismaClient(url);
  try {
    const reference = await loadReferenceData(db);
    log(`Reference data: ${reference.practices.active} active practices (${reference.practices.closed} newly closed), ${reference.icbs} ICBs, ${reference.holidays} bank holidays.`);
    if (demo) {
      const result = await seedDemo(db, { movements });
      log(result.skipped ? "Demo movements already present: kept." : `Demo data: ${result.movements} movements, ${result.events} tracking events.`);
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      process.env.DATABASE_URL = url; // the send limit's hot-path pool reads it
      try {
        await runPendingBackfills(pool, new Date(), log);
        const cases = await seedDemoCases(db, pool, { log });
        log(cases.skipped ? "Demo cases already present: kept." : `Demo cases: ${cases.cases} cases, ${cases.urgentRequests} urgent requests.`);
        const incident = await seedDemoIncident(db, pool, { log });
        if (incident.skipped) log("Demo incident already present: kept.");
        const workload = await seedDemoWorkload(db, { log });
        log(workload.skipped ? "Demo workload already present: kept." : `Demo workload: ${workload.entries} entries, ${workload.claims} claims.`);
        const rollup = await refreshDashboards(pgTransactions(pool), new Date());
        log(`Commissioner dashboards: ${rollup.months.length} month(s) computed from ${rollup.movementsScanned} movements.`);
      } finally {
        await pool.end();
      }
    }
  } finally {
    await db.$disconnect();
  }
}

const MIGRATION_NAME = /^[a-z0-9_]{3,60}$/;

async function main() {
  switch (command) {
    case "migrate":
      await withDb(async (url) => {
        await migrateAndBackfill(url);
        log("Migrations applied.");
      });
      break;
    case "seed": {
      const demo = !args.includes("--reference-only");
      const n = Number(args[args.indexOf("--movements") + 1]) || 3000;
      await withDb(async (url) => {
        migrate(url);
        await seed(url, demo, n);
      });
      break;
    }
    case "reset":
      await withDb(async (url) => {
        const db = createPrismaClient(url);
        await db.$executeRawUnsafe(`DROP SCHEMA public CASCADE`);
        await db.$executeRawUnsafe(`CREATE SCHEMA public`);
        await db.$disconnect();
        migrate(url);
        await seed(url, true, 3000);
        log("Database reset: migrations applied and demo data seeded.");
      });
      break;
    case "import-ods": {
      const file = args[0];
      if (!file || !fs.existsSync(file)) throw new Error("Usage: npm run db:import-ods -- path/to/epraccur.csv");
      await withDb(async (url) => {
        migrate(url);
        const db = createPrismaClient(url);
        try {
          const summary = await importPractices(db, parseEpraccur(fs.readFileSync(file, "utf8")), new Date(), path.basename(file));
          log(
            `Imported ${summary.active} active practices: ${summary.added} added, ${summary.updated} updated, ${summary.reopened} open again, ${summary.closed} marked closed; ` +
              `${summary.skippedUnknownIcb} with an unknown ICB code kept without one. Recorded as import run ${summary.runId} (see /admin/organisations).`,
          );
        } finally {
          await db.$disconnect();
        }
      });
      break;
    }
    case "new-migration": {
      const name = args[0];
      if (!name || !MIGRATION_NAME.test(name)) throw new Error("Usage: npm run db:new-migration -- short_snake_case_name");
      const previous = path.join(ROOT, ".data", "previous-schema.prisma");
      fs.mkdirSync(path.dirname(previous), { recursive: true });
      // The committed migrations are the "before"; the edited schema is the "after".
      await withScratchDb(async (url) => {
        const sql = execFileSync(process.execPath, ["--import", PRISMA_PRELOAD, path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
          encoding: "utf8",
        });
        if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
          log("The schema matches the migrations: nothing to write.");
          return;
        }
        const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
        const dir = path.join(ROOT, "prisma", "migrations", `${stamp}_${name}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "migration.sql"), sql);
        log(`Wrote ${path.relative(ROOT, dir)}/migration.sql: read it before committing.`);
      });
      break;
    }
    case "drift":
      await withScratchDb(async (url) => {
        const status = prismaCli(["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], url);
        if (status !== 0) throw new Error("The migrations do not produce schema.prisma (drift). Run npm run db:new-migration -- NAME");
        log("No drift: the migrations produce exactly schema.prisma.");
      });
      break;
    default:
      throw new Error(`Unknown command ${command}. Try migrate, seed, reset, import-ods, new-migration or drift.`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
