// One fresh database per integration run on a real PostgreSQL: the server given by TEST_PG_ADMIN_URL
// (set by `npm test`), or an embedded one started here when the suite is run on its own.
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db/client";
import { loadBankHolidayFile, loadRegionsAndIcbs, loadServiceOrganisations } from "@/lib/reference/load";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "../../scripts/lib/embedded-postgres";
import { migrate } from "../../scripts/lib/database";
import { assertLocalDatabase, createFreshDatabase } from "../fixtures/databases";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminUrl: string;
  }
}

let embedded: RunningPostgres | null = null;

export async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(".data", `it-${process.pid}`), port: await freePort(), persistent: false });
    adminUrl = embedded.urlFor("postgres");
  }
  assertLocalDatabase(adminUrl);
  const databaseUrl = await createFreshDatabase(adminUrl, "it");
  migrate(databaseUrl);
  const db = createPrismaClient(databaseUrl, 2);
  await loadRegionsAndIcbs(db);
  await loadBankHolidayFile(db);
  await loadServiceOrganisations(db);
  await db.$disconnect();
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminUrl", adminUrl);
}

export async function teardown() {
  await embedded?.stop();
}
