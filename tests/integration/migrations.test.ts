import { describe, expect, it, inject } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
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

  it("move each patient's names and date of birth onto its movements, and revoke a disabled user's sessions", async () => {
    const url = await createFreshDatabase(inject("adminUrl"), "datamig");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const dirs = fs.readdirSync("prisma/migrations").filter((d) => /^\d{14}_/.test(d)).sort();
      const split = dirs.findIndex((d) => d.endsWith("_security_demographics_sessions"));
      expect(split).toBeGreaterThan(0);
      const apply = async (dir: string) => client.query(fs.readFileSync(path.join("prisma/migrations", dir, "migration.sql"), "utf8"));
      for (const dir of dirs.slice(0, split)) await apply(dir);
      // Data as it was before: names and date of birth on the shared patient row.
      await client.query(`INSERT INTO "Organisation" (id, "odsCode", kind, name, country, "updatedAt") VALUES
        ('00000000-0000-4000-8000-000000000001', 'MIG001', 'GP_PRACTICE', 'From', 'ENGLAND', now()),
        ('00000000-0000-4000-8000-000000000002', 'MIG002', 'GP_PRACTICE', 'To', 'ENGLAND', now())`);
      await client.query(`INSERT INTO "Patient" (id, "nhsNumber", "familyName", "givenName", "dateOfBirth", "updatedAt")
        VALUES ('00000000-0000-4000-8000-000000000003', '9990000018', 'Lovelace', 'Ada', '1985-12-10', now())`);
      await client.query(`INSERT INTO "RecordMovement" (id, reference, type, reason, priority, status, "patientId", "fromOrganisationId", "toOrganisationId", "dueDate", "bagCount", "updatedAt", "policyVersion")
        VALUES ('00000000-0000-4000-8000-000000000004', 'RM-2222-3333', 'PRACTICE_TO_PRACTICE', 'RE_REGISTRATION', 'ROUTINE', 'REQUESTED',
                '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '2026-12-01', 1, now(), 1)`);
      for (const dir of dirs.slice(split)) await apply(dir);
      const { rows } = await client.query(`SELECT "patientFamilyName", "patientGivenName", to_char("patientDateOfBirth", 'YYYY-MM-DD') AS dob FROM "RecordMovement"`);
      expect(rows).toEqual([{ patientFamilyName: "Lovelace", patientGivenName: "Ada", dob: "1985-12-10" }]);
      const { rows: columns } = await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Patient' ORDER BY 1`);
      expect(columns.map((c) => c.column_name)).toEqual(["createdAt", "id", "nhsNumber", "updatedAt"]);

      await client.query(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ('00000000-0000-4000-8000-000000000005', 'mig@test.records.test', 'Mig', 'PRACTICE_STAFF', now())`);
      await client.query(`INSERT INTO "UserSession" (id, "userId", "lastSeenAt", "expiresAt") VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000005', now(), now() + interval '1 hour')`);
      await client.query(`UPDATE "User" SET disabled = true WHERE id = '00000000-0000-4000-8000-000000000005'`);
      const { rows: sessions } = await client.query(`SELECT "revokedReason", "revokedAt" IS NOT NULL AS revoked FROM "UserSession"`);
      expect(sessions).toEqual([{ revokedReason: "USER_DISABLED", revoked: true }]);
    } finally {
      await client.end();
    }
  }, 60_000);
});
