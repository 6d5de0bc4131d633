import { AsyncLocalStorage } from "node:async_hooks";
import { afterAll, inject } from "vitest";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { pgTransactions } from "@/lib/db/sql";

// Next's request scope (tests/fixtures/next-request-scope.ts) needs AsyncLocalStorage on globalThis, as Next's own
// server sets it, before any of Next's modules loads.
(globalThis as { AsyncLocalStorage?: typeof AsyncLocalStorage }).AsyncLocalStorage ??= AsyncLocalStorage;

// lib/db/client's shared `db` reads DATABASE_URL; point it at this run's fresh database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUDIT_HASH_KEY ??= "integration-test-key";

export const testDb = createPrismaClient(inject("databaseUrl"), 4);

/** node-postgres transactions on the same database: the courier ingest's production path. */
export const testPool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 6 });
testPool.on("error", () => {});
export const testTransactions = pgTransactions(testPool);

afterAll(async () => {
  await testDb.$disconnect();
  await testPool.end();
});
