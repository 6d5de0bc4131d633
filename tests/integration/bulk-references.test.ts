// Bulk writes that check foreign keys set-based (lib/db/bulk.ts), on a real PostgreSQL: a dangling reference is
// caught and rolls everything back; the courier ingest skips the row-by-row checks where it may, and the labels its
// events refer to stay locked until it commits (a label cannot be deleted under it); a database that does not allow
// skipping keeps them and the ingest still stores its batch, and the incident import completes there too; the history
// tables' append-only triggers fire in replica mode; and the import checks every foreign key of every table it writes
// (a new one added to those tables fails here until the import checks it).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { assertReferencesHold, DanglingReferenceError, skipRowByRowReferenceChecks } from "@/lib/db/bulk";
import { pgTransactions, type Sql, type Transactions } from "@/lib/db/sql";
import { ingestCourierEvents, type CourierEvent } from "@/lib/tracking/ingest";
import { labelledMovements } from "../fixtures/labelled";
import { createIncident } from "@/lib/incidents/commands";
import { importIncidentItems, importReferenceChecks } from "@/lib/incidents/import";
import { createMovement } from "@/lib/movements/commands";
import { createOrganisation, createUser, nextNhsNumber, sendRecordForm } from "../fixtures/factories";
import { expectQueuesConsistent } from "../fixtures/queues";
import { testDb, testPool, testTransactions } from "./setup";

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}

// A login role with every privilege on the portal's tables but not allowed to set session_replication_role, as an
// application role on a managed PostgreSQL would be.
const limitedRole = `portal_limited_${randomUUID().slice(0, 8)}`;
let limitedPool: pg.Pool | null = null;
async function limited(): Promise<pg.Pool> {
  if (limitedPool) return limitedPool;
  const [{ db }] = (await testPool.query<{ db: string }>(`SELECT current_database() AS db`)).rows;
  await testPool.query(`CREATE ROLE ${limitedRole} LOGIN PASSWORD 'limited'`);
  await testPool.query(`GRANT CONNECT, TEMPORARY ON DATABASE "${db}" TO ${limitedRole}`);
  await testPool.query(`GRANT USAGE ON SCHEMA public TO ${limitedRole}`);
  await testPool.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${limitedRole}`);
  await testPool.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${limitedRole}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.username = limitedRole;
  url.password = "limited";
  limitedPool = new pg.Pool({ connectionString: url.toString(), max: 3 });
  limitedPool.on("error", () => {});
  return limitedPool;
}

afterAll(async () => {
  if (!limitedPool) return;
  await limitedPool.end();
  await testPool.query(`DROP OWNED BY ${limitedRole}`);
  await testPool.query(`DROP ROLE ${limitedRole}`);
});

const clockRows = (movementId: string) => ({ constraint: "MovementClock_movementId_fkey", rows: `FROM "MovementClock" w WHERE w."movementId" = $1::uuid`, column: `w."movementId"`, table: `"RecordMovement"`, key: "id", values: [movementId] });

describe("bulk writes check their references set-based", () => {
  it("a row referring to nothing is caught before commit, and the whole transaction rolls back", async () => {
    const ghost = randomUUID();
    const { values, ...check } = clockRows(ghost);
    const error = await refusal(
      testTransactions.transaction(async (sql) => {
        expect(await skipRowByRowReferenceChecks(sql)).toBe(true);
        // Accepted by the table: the row-by-row check is off for this transaction.
        await sql.query(`INSERT INTO "MovementClock" ("movementId", kind, "startedAt", "dueDate", breached) VALUES ($1::uuid, 'RELEASE', now(), current_date, false)`, [ghost]);
        await assertReferencesHold(sql, [check], values);
      }),
    );
    expect(error).toBeInstanceOf(DanglingReferenceError);
    expect(error).toMatchObject({ constraint: "MovementClock_movementId_fkey", count: 1 });
    expect((await testPool.query(`SELECT count(*)::int AS n FROM "MovementClock" WHERE "movementId" = $1`, [ghost])).rows[0].n).toBe(0);
    // The setting ended with the transaction: the next one checks row by row again.
    const next = await refusal(testPool.query(`INSERT INTO "MovementClock" ("movementId", kind, "startedAt", "dueDate", breached) VALUES ($1::uuid, 'RELEASE', now(), current_date, false)`, [ghost]));
    expect(next).toMatchObject({ code: "23503" });
  });

  it("references to rows that exist pass", async () => {
    const org = await createOrganisation(testDb);
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: org.id });
    const to = await createOrganisation(testDb);
    const movement = await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: org.id, destinationOdsCode: to.odsCode }));
    expect(await testDb.movementClock.count({ where: { movementId: movement.id } })).toBeGreaterThan(0); // the release clock runs
    const { values, ...check } = clockRows(movement.id);
    await testTransactions.transaction(async (sql) => {
      expect(await skipRowByRowReferenceChecks(sql)).toBe(true);
      await assertReferencesHold(sql, [check], values);
    });
  });

  it("where the database does not allow skipping them, the row-by-row checks stay and the transaction goes on", async () => {
    const pool = await limited();
    const ghost = randomUUID();
    const error = await refusal(
      pgTransactions(pool).transaction(async (sql) => {
        expect(await skipRowByRowReferenceChecks(sql)).toBe(false);
        expect(await sql.query<{ ok: number }>(`SELECT 1 AS ok`)).toEqual([{ ok: 1 }]); // not aborted by the refusal
        await sql.query(`INSERT INTO "MovementClock" ("movementId", kind, "startedAt", "dueDate", breached) VALUES ($1::uuid, 'RELEASE', now(), current_date, false)`, [ghost]);
      }),
    );
    expect(error).toMatchObject({ code: "23503" });
  });

  it("the incident import completes on such a database too, with the same result", async () => {
    const pool = await limited();
    const practice = await createOrganisation(testDb);
    const sender = await createOrganisation(testDb);
    const senderStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
    const supervisor = await createUser(testDb, "PCSE_SUPERVISOR");
    const linked = nextNhsNumber();
    const existing = await createMovement(testDb, senderStaff, sendRecordForm({ nhsNumber: linked, fromOrganisationId: sender.id, destinationOdsCode: practice.odsCode }));
    const now = new Date("2026-11-23T10:00:00Z");
    const { reference } = await createIncident(testDb, supervisor, { title: "Held in the archive", category: "RECORDS_ARCHIVED_IN_ERROR", responsibleOrganisation: "Archive Ltd", discoveredOn: "2026-10-01", reviewsDueDate: "2027-01-31", paymentScheme: "NONE" }, now);
    const body = (async function* () {
      yield "nhs_number,practice_ods_code,held_from,released_on,movement_reference,priority,family_name,given_name,date_of_birth\n";
      yield `${linked},${practice.odsCode},2025-06-01,2026-10-20,,high,,,\n`;
      yield `${nextNhsNumber()},${practice.odsCode},2025-01-15,2026-11-02,,low,Lovelace,Ada,1985-12-10\n`;
      yield `${nextNhsNumber()},${practice.odsCode},2025-01-15,2026-11-02,,low,Hopper,Grace,1970-01-01\n`;
    })();
    const summary = await importIncidentItems(testDb, supervisor, { reference, fileName: "affected.csv", body, pool }, now);
    expect(summary).toMatchObject({ status: "COMPLETED", accepted: 3, movementsLinked: 1, movementsCreated: 2 });
    const items = await testDb.incidentItem.findMany({ where: { importId: summary.importId }, include: { movement: { include: { trackingEvents: true } } }, orderBy: { rowNumber: "asc" } });
    expect(items[0].movementId).toBe(existing.id);
    for (const item of items.slice(1)) {
      expect(item.movement).toMatchObject({ type: "STORE_TO_PRACTICE", status: "COLLECTED", toOrganisationId: practice.id });
      expect(item.movement!.trackingEvents).toHaveLength(2);
    }
    await expectQueuesConsistent(testDb);
  });

  it("the triggers that keep history append-only fire in replica mode too", async () => {
    const admin = await createUser(testDb, "ADMINISTRATOR");
    await testDb.auditEvent.create({ data: { actorUserId: admin.id, actorRole: "ADMINISTRATOR", action: "VIEW_AUDIT_LOG", entityType: "AuditEvent", entityId: admin.id } });
    for (const statement of [`UPDATE "AuditEvent" SET action = action WHERE "actorUserId" = $1::uuid`, `DELETE FROM "AuditEvent" WHERE "actorUserId" = $1::uuid`]) {
      const error = await refusal(
        testTransactions.transaction(async (sql) => {
          expect(await skipRowByRowReferenceChecks(sql)).toBe(true);
          await sql.query(statement, [admin.id]);
        }),
      );
      expect(String(error)).toMatch(/AuditEvent is append-only/);
    }
    const error = await refusal(
      testTransactions.transaction(async (sql) => {
        await skipRowByRowReferenceChecks(sql);
        await sql.query(`UPDATE "ServiceLevelPolicy" SET summary = summary`);
      }),
    );
    expect(String(error)).toMatch(/never changed/);
    expect(await testDb.auditEvent.count({ where: { actorUserId: admin.id } })).toBe(1);
  });

  it("the import checks every foreign key of every table it writes", async () => {
    const tables = ["RecordMovement", "TrackingEvent", "MovementClock", "AttentionQueueEntry", "CollectionBacklogEntry", "IncidentItem"];
    const { rows } = await testPool.query<{ name: string }>(`SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY($1::text[]) ORDER BY 1`, [tables.map((t) => `"${t}"`)]);
    expect(rows.length).toBeGreaterThan(10);
    expect(importReferenceChecks().map((c) => c.constraint).sort()).toEqual(rows.map((r) => r.name).sort());
  });
});

describe("the courier ingest's references", () => {
  const events = (barcodes: string[], tag: string): CourierEvent[] =>
    barcodes.map((barcode, i) => ({ eventId: `${tag}-${randomUUID()}`, barcode, type: "COLLECTED", occurredAt: new Date(Date.UTC(2026, 10, 20, 9, i)), location: "Darlington hub" }));

  /** Runs `during` on another connection right after the ingest's insert statement, inside its transaction. */
  function pausingAfterInsert(db: Transactions, during: () => Promise<void>, seen: string[]): Transactions {
    return {
      transaction: (fn) =>
        db.transaction((sql) =>
          fn({
            query: async <T,>(text: string, values?: unknown[], name?: string) => {
              seen.push(name ?? text.slice(0, 60));
              const rows = await (sql as Sql).query<T>(text, values, name);
              if (name === "courier-ingest-insert") await during();
              return rows;
            },
          }),
        ),
    };
  }

  it("skips the row-by-row checks where allowed, keeps the labels locked until commit, and every event refers to what exists", async () => {
    const { barcodes } = await labelledMovements(testDb, 2);
    const label = await testDb.courierLabel.findUniqueOrThrow({ where: { barcode: barcodes[0] }, select: { id: true } });
    const seen: string[] = [];
    let deleteAttempt: unknown = "not tried";
    const result = await ingestCourierEvents(
      pausingAfterInsert(testTransactions, async () => {
        // Another session tries to delete a label the batch refers to (no committed event refers to it yet, so only
        // the ingest's lock stands in the way): it must wait, here until its lock timeout.
        const client = await testPool.connect();
        try {
          await client.query("BEGIN");
          await client.query("SET LOCAL lock_timeout = '300ms'");
          await client.query(`DELETE FROM "CourierLabel" WHERE id = $1`, [label.id]).then(() => (deleteAttempt = "deleted"), (e: unknown) => (deleteAttempt = e));
        } finally {
          await client.query("ROLLBACK");
          client.release();
        }
      }, seen),
      events(barcodes, "refs"),
    );
    expect(result).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
    expect(seen).toContain("SET LOCAL session_replication_role = replica");
    expect(deleteAttempt).toMatchObject({ code: "55P03" }); // lock_not_available: the label was locked
    const dangling = await testPool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "TrackingEvent" e WHERE e."sourceEventId" LIKE 'refs-%'
         AND (NOT EXISTS (SELECT 1 FROM "RecordMovement" m WHERE m.id = e."movementId") OR NOT EXISTS (SELECT 1 FROM "CourierLabel" l WHERE l.id = e."labelId"))`,
    );
    expect(dangling.rows[0].n).toBe(0);
    // Known to be allowed now: the next batch sets it in one statement, without the savepoint.
    const { barcodes: more } = await labelledMovements(testDb, 1);
    const next: string[] = [];
    expect((await ingestCourierEvents(pausingAfterInsert(testTransactions, async () => {}, next), events(more, "refs-next"))).accepted).toBe(1);
    expect(next).toContain("SET LOCAL session_replication_role = replica");
    expect(next).not.toContain("SAVEPOINT bulk_reference_checks");
    // The setting ended with the ingest's transaction.
    expect((await testPool.query<{ session_replication_role: string }>("SHOW session_replication_role")).rows[0].session_replication_role).toBe("origin");
  });

  // Runs after the test above (this file's module state knows the database allows skipping), as a portal whose grant
  // was revoked while it ran: one batch fails (the courier gets a 503 and resends), the next asks again, is refused,
  // keeps the row-by-row checks and stores its batch, and the one after does not ask.
  it("as a role not allowed to skip them: one batch refused, then the row-by-row checks kept and the batch stored", async () => {
    const { barcodes, references } = await labelledMovements(testDb, 2);
    const limitedDb = pgTransactions(await limited());
    const refusedBatch = events(barcodes, "limited-refused");
    expect(await refusal(ingestCourierEvents(limitedDb, refusedBatch))).toMatchObject({ code: "42501" });
    expect(await testDb.trackingEvent.count({ where: { sourceEventId: { in: refusedBatch.map((e) => e.eventId) } } })).toBe(0);
    const seen: string[] = [];
    const result = await ingestCourierEvents(pausingAfterInsert(limitedDb, async () => {}, seen), events(barcodes, "limited"));
    expect(result).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
    expect(seen).toContain("SAVEPOINT bulk_reference_checks"); // asked again, refused
    const secondBatch: string[] = [];
    const again = await ingestCourierEvents(pausingAfterInsert(limitedDb, async () => {}, secondBatch), events(barcodes, "limited-again"));
    expect(again.accepted).toBe(2);
    expect(secondBatch).toContain("courier-ingest-insert");
    expect(secondBatch).not.toContain("SAVEPOINT bulk_reference_checks"); // not asked again in this process
    expect(secondBatch).not.toContain("SET LOCAL session_replication_role = replica");
    for (const reference of references) expect((await testDb.recordMovement.findUniqueOrThrow({ where: { reference }, select: { status: true } })).status).toBe("COLLECTED");
  });
});
