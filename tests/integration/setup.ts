import { afterAll, inject } from "vitest";
import { createPrismaClient } from "@/lib/db/client";

// lib/db/client's shared `db` reads DATABASE_URL; point it at this run's fresh database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUDIT_HASH_KEY ??= "integration-test-key";

export const testDb = createPrismaClient(inject("databaseUrl"), 4);

afterAll(async () => {
  await testDb.$disconnect();
});
