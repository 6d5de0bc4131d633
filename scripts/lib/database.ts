// Where the database is: DATABASE_URL if set, else the embedded PostgreSQL under .data/pg. Shared by the
// demo, dev and db scripts.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const DEMO_DATA_DIR = path.join(ROOT, ".data", "pg");
export const DEMO_DB_PORT = Number(process.env.RMP_PG_PORT ?? 54329);
export const DEMO_DB_NAME = "portal";

/** See scripts/lib/unref-long-timers.mjs: without it every Prisma CLI command takes 10 s longer. */
export const PRISMA_PRELOAD = pathToFileURL(path.join(ROOT, "scripts/lib/unref-long-timers.mjs")).href;

export type Database = { url: string; embedded: RunningPostgres | null; description: string; stop(): Promise<void> };

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Uses DATABASE_URL, or starts (or joins an already running) embedded PostgreSQL for local work. */
export async function openDatabase(log: (line: string) => void = () => {}): Promise<Database> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: null, description: "Using the database in DATABASE_URL.", async stop() {} };
  }
  const adminUrl = `postgresql://portal:portal-local-only@127.0.0.1:${DEMO_DB_PORT}/postgres`;
  const url = `postgresql://portal:portal-local-only@127.0.0.1:${DEMO_DB_PORT}/${DEMO_DB_NAME}`;
  if (fs.existsSync(path.join(DEMO_DATA_DIR, "postmaster.pid")) && (await reachable(adminUrl))) {
    const description = `Joined the embedded PostgreSQL already running on 127.0.0.1:${DEMO_DB_PORT} (data in .data/pg); it keeps running after this stops.`;
    log(description);
    return { url, embedded: null, description, async stop() {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: DEMO_DATA_DIR, port: DEMO_DB_PORT, persistent: true, log });
  await embedded.createDatabase(DEMO_DB_NAME);
  return { url, embedded, description: `Embedded PostgreSQL on 127.0.0.1:${DEMO_DB_PORT} (data in .data/pg).`, stop: () => embedded.stop() };
}

export function prismaCli(args: string[], databaseUrl: string, options: { quiet?: boolean } = {}) {
  const result = spawnSync(process.execPath, ["--import", PRISMA_PRELOAD, path.join(ROOT, "node_modules/prisma/build/index.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (!options.quiet || result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
  }
  return result.status ?? 1;
}

export function migrate(databaseUrl: string) {
  const status = prismaCli(["migrate", "deploy"], databaseUrl, { quiet: true });
  if (status !== 0) throw new Error("prisma migrate deploy failed");
}
