import { describe, expect, it, inject } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createFreshDatabase } from "../fixtures/databases";
import { testDb } from "./setup";
import { PRISMA_PRELOAD } from "../../scripts/lib/database";

describe("migrations", () => {
  it("produce exactly the schema in schema.prisma (no drift)", async () => {
    const empty = await createFreshDatabase(inject("adminUrl"), "drift");
    const result = spawnSync(process.execPath, ["--import", PRISMA_PRELOAD, path.resolve("node_modules/prisma/build/index.js"), "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], {
      env: { ...process.env, DATABASE_URL: empty, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      encoding: "utf8",
    });
    expect(result.stdout + result.stderr).toContain("No difference detected");
    expect(result.status).toBe(0);
  }, 60_000);

  it("keep the audit trail append-only", async () => {
    const row = await testDb.auditEvent.create({ data: { action: "SIGN_IN" } });
    await expect(testDb.auditEvent.update({ where: { id: row.id }, data: { action: "EDITED" } })).rejects.toThrow(/append-only/);
    await expect(testDb.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(testDb.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await testDb.auditEvent.findUnique({ where: { id: row.id } })).not.toBeNull();
  });

  it("store each (source, sourceEventId) once", async () => {
    const count = await testDb.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_indexes WHERE indexname = 'TrackingEvent_source_sourceEventId_key'`;
    expect(Number(count[0].n)).toBe(1);
  });
});
