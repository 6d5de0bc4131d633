import "server-only";
// Importing an incident's affected patients from a CSV file (docs/incidents.md, "The import"):
//   1. the file is streamed through csv-parse; each row's own fields are checked (NHS number check digit, dates,
//      priority...) and written in batches to the staging table IncidentImportRow (the next batch is read while one
//      is written), so memory holds two batches whatever the file's size; the import row's progress is updated
//      with each batch;
//   2. the checks that need the database run over the whole staging table at once: known practice, NHS number
//      repeated in the file or already in the incident, movement reference known and the same patient's;
//   3. if any row is rejected nothing is imported: the rejected rows stay for the downloadable report;
//   4. otherwise, in ONE transaction, set-based (INSERT ... SELECT from the staging table): patients, movements for
//      released records that have none, their events, their derived status and clocks (lib/tracking/refresh.ts, the
//      same derivation as every movement, run on one movement per release day and country and copied to the rest
//      of that group: see importStaged), the items, the practices' notifications. A failure rolls all of it back.
//      Foreign keys are checked set-based (one anti-join per reference before commit, lib/db/bulk.ts) where the
//      database allows the row-by-row checks to be skipped, which halves the import's time; row by row otherwise.
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type pg from "pg";
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { pgTransactions, type Sql } from "@/lib/db/sql";
import { assertReferencesHold, skipRowByRowReferenceChecks, type ReferenceCheck } from "@/lib/db/bulk";
import { refreshMovementsSql } from "@/lib/tracking/refresh";
import { REFERENCE_ALPHABET, normalisePrefixedReference } from "@/lib/movements/reference";
import { londonDate } from "@/lib/nhs/working-days";
import { NOTIFICATION_TEMPLATES, portalUrl } from "@/lib/notifications/outbox";
import { getRequestContext } from "@/lib/http/request-context";
import { logger } from "@/lib/logging/logger";
import { recordAuditEvent } from "@/lib/audit/record";
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, checkImportRow, normaliseHeader, type ImportColumn } from "@/lib/incidents/schemas";

/** Rows written to the staging table at once. */
const BATCH = 10_000;
/** The largest file taken (the 2016-18 incident was about 148,000 records). */
export const MAX_IMPORT_ROWS = 1_000_000;
/** Rows whose derived status and clocks are refreshed at once. */
const REFRESH_CHUNK = 2_000;

export type ImportSummary = {
  importId: string;
  status: "COMPLETED" | "REJECTED";
  rows: number;
  accepted: number;
  rejected: number;
  movementsLinked: number;
  movementsCreated: number;
  problem: string | null;
};

type Staged = (string | null)[][];

const STAGING_COLUMNS = ["nhsNumber", "practiceOdsCode", "heldFrom", "releasedOn", "movementReference", "priority", "familyName", "givenName", "dateOfBirth", "problem"] as const;

/** Writes one batch of rows to the staging table and the progress (rows read so far), in one round trip. */
async function writeBatch(pool: pg.Pool, importId: string, rowNumbers: number[], columns: Staged, read: number): Promise<void> {
  await pool.query(
    `WITH staged AS (
       INSERT INTO "IncidentImportRow" ("importId", "rowNumber", ${STAGING_COLUMNS.map((c) => `"${c}"`).join(", ")})
       SELECT $1::uuid, * FROM unnest($2::int[], ${STAGING_COLUMNS.map((_, i) => `$${i + 3}::text[]`).join(", ")})
     )
     UPDATE "IncidentImport" SET "rowsRead" = $${STAGING_COLUMNS.length + 3} WHERE id = $1`,
    [importId, rowNumbers, ...columns, read],
  );
}

const cut = (v: string | undefined, n: number) => (v === undefined ? null : v.slice(0, n));

/**
 * Imports a CSV of affected patients into an incident (PCSE supervisors). `body` is the file as it arrives (a
 * request body stream); `pool` runs the staging writes, the progress updates and the one import transaction.
 * `onStarted` gets the import's id as soon as it exists (the page polls its progress).
 */
export async function importIncidentItems(
  db: Db,
  actor: Actor | null,
  input: { reference: string; fileName: string; body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | Readable; pool: pg.Pool; onStarted?: (importId: string) => void; onPhase?: (phase: string, ms: number) => void },
  now = new Date(),
): Promise<ImportSummary> {
  requirePermission(actor, "incident:manage");
  const reference = normalisePrefixedReference(input.reference, "IN");
  const incident = reference ? await db.incident.findUnique({ where: { reference }, select: { id: true, reference: true, status: true, title: true } }) : null;
  if (!incident) throw new NotFoundError("The incident");
  if (incident.status !== "OPEN") throw new ValidationError({ file: ["This incident is closed: no more patients can be added"] });
  const fileName = (input.fileName || "upload.csv").replace(/[\u0000-\u001f\u007f<>]/g, "").slice(0, 200) || "upload.csv";
  const pool = input.pool;
  const running = await db.incidentImport.count({ where: { incidentId: incident.id, status: { in: ["RECEIVING", "CHECKING", "IMPORTING"] }, startedAt: { gt: new Date(now.getTime() - 30 * 60_000) } } });
  if (running > 0) throw new ValidationError({ file: ["Another file is being imported into this incident: wait for it to finish"] });
  const created = await db.incidentImport.create({ data: { incidentId: incident.id, fileName, status: "RECEIVING", createdById: actor.id, startedAt: now }, select: { id: true } });
  const importId = created.id;
  input.onStarted?.(importId);
  const today = londonDate(now);
  let last = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    input.onPhase?.(name, t - last);
    last = t;
  };

  // The batch being written to the staging table (the next is read while it is written).
  let writing: Promise<void> = Promise.resolve();
  try {
    // 1. Stream, check each row's own fields, stage in batches.
    let header: string[] | null = null;
    let columnAt: (ImportColumn | null)[] = []; // the import column of each field of a row, from the header
    let headerProblem: string | null = null;
    let rowNumber = 1; // the header is line 1
    let rowNumbers: number[] = [];
    let columns: Staged = STAGING_COLUMNS.map(() => []);
    let read = 0;
    const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, max_record_size: 10_000 });
    const source = input.body instanceof Readable ? input.body : Readable.from(input.body);
    source.on("error", (e) => parser.destroy(e));
    source.pipe(parser);
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record.map(normaliseHeader);
        columnAt = header.map((h) => ((IMPORT_COLUMNS as readonly string[]).includes(h) ? (h as ImportColumn) : null));
        const missing = REQUIRED_COLUMNS.filter((c) => !header!.includes(c));
        if (missing.length) {
          headerProblem = `The file's first row must name the columns; missing: ${missing.join(", ")}. Columns: ${IMPORT_COLUMNS.join(", ")}`;
          source.unpipe(parser);
          source.destroy();
          break;
        }
        continue;
      }
      rowNumber++;
      read++;
      if (read > MAX_IMPORT_ROWS) {
        headerProblem = `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows: split it`;
        source.unpipe(parser);
        source.destroy();
        break;
      }
      const raw: Partial<Record<ImportColumn, string>> = {};
      for (let i = 0; i < columnAt.length; i++) if (columnAt[i] !== null) raw[columnAt[i]!] = record[i];
      const { row, problems } = checkImportRow(raw, today);
      if (record.length !== header.length) problems.push(`the row has ${record.length} fields, the header ${header.length}`);
      const ok = problems.length === 0;
      const values = ok
        ? [row.nhsNumber, row.practiceOdsCode, row.heldFrom, row.releasedOn, row.movementReference, row.priority, row.familyName, row.givenName, row.dateOfBirth, null]
        : [cut(raw.nhs_number, 40), cut(raw.practice_ods_code, 40), cut(raw.held_from, 40), cut(raw.released_on, 40), cut(raw.movement_reference, 40), cut(raw.priority, 40), cut(raw.family_name, 100), cut(raw.given_name, 100), cut(raw.date_of_birth, 40), problems.join("; ").slice(0, 500)];
      rowNumbers.push(rowNumber);
      for (let c = 0; c < values.length; c++) columns[c].push(values[c] ?? null);
      if (rowNumbers.length >= BATCH) {
        // The previous batch must be written before this one starts (so at most two batches are held), but the file
        // goes on being read and checked while a batch is being written.
        await writing;
        writing = writeBatch(pool, importId, rowNumbers, columns, read);
        writing.catch(() => undefined); // awaited (and thrown) above or after the loop
        rowNumbers = [];
        columns = STAGING_COLUMNS.map(() => []);
      }
    }
    await writing;
    if (!header && !headerProblem) headerProblem = "The file is empty";
    if (!headerProblem && read === 0) headerProblem = "The file has a header row but no patients";
    if (headerProblem) return await finishRefused(pool, importId, read, headerProblem, now);
    if (rowNumbers.length) await writeBatch(pool, importId, rowNumbers, columns, read);
    await pool.query(`UPDATE "IncidentImport" SET "rowsRead" = $2, "rowsTotal" = $2, status = 'CHECKING' WHERE id = $1`, [importId, read]);

    phase("read and stage");
    // 2. The checks needing the database, over the whole file at once.
    await checkAgainstDatabase(pool, importId, incident.id);
    phase("database checks");
    const [{ rejected }] = (await pool.query<{ rejected: number }>(`SELECT count(*)::int AS rejected FROM "IncidentImportRow" WHERE "importId" = $1 AND problem IS NOT NULL`, [importId])).rows;
    if (rejected > 0) {
      // 3. Nothing is imported; the report keeps the rejected rows only.
      await pool.query(`DELETE FROM "IncidentImportRow" WHERE "importId" = $1 AND problem IS NULL`, [importId]);
      await pool.query(`UPDATE "IncidentImport" SET status = 'REJECTED', rejected = $2, accepted = 0, "finishedAt" = $3 WHERE id = $1`, [importId, rejected, now]);
      await audit(db, actor, incident.id, { reference: incident.reference, importId, rows: read, rejected, imported: 0 });
      return { importId, status: "REJECTED", rows: read, accepted: 0, rejected, movementsLinked: 0, movementsCreated: 0, problem: null };
    }

    // 4. Everything, or nothing.
    await pool.query(`UPDATE "IncidentImport" SET status = 'IMPORTING' WHERE id = $1`, [importId]);
    const { linked, createdMovements } = await pgTransactions(pool).transaction((sql) => importStaged(sql, { importId, incidentId: incident.id, reference: incident.reference, actorId: actor.id, now, phase }));
    await pool.query(`UPDATE "IncidentImport" SET status = 'COMPLETED', accepted = $2, rejected = 0, "movementsLinked" = $3, "movementsCreated" = $4, "finishedAt" = $5 WHERE id = $1`, [importId, read, linked, createdMovements, now]);
    await audit(db, actor, incident.id, { reference: incident.reference, importId, rows: read, rejected: 0, imported: read, movementsLinked: linked, movementsCreated: createdMovements });
    return { importId, status: "COMPLETED", rows: read, accepted: read, rejected: 0, movementsLinked: linked, movementsCreated: createdMovements, problem: null };
  } catch (error) {
    await writing.catch(() => undefined); // no staging write may land after the clean-up below
    const { requestId } = await getRequestContext();
    const csvProblem = error instanceof Error && "code" in error && typeof (error as { code: unknown }).code === "string" && String((error as { code: string }).code).startsWith("CSV_");
    if (csvProblem) return await finishRefused(pool, importId, 0, `The file could not be read as CSV: ${(error as Error).message.replace(/\d{10}/g, "[number]").slice(0, 300)}`, now);
    logger.error({ err: error, requestId, importId }, "incident import failed");
    await pool.query(`DELETE FROM "IncidentImportRow" WHERE "importId" = $1`, [importId]).catch(() => undefined);
    await pool.query(`UPDATE "IncidentImport" SET status = 'FAILED', problem = $2, "finishedAt" = $3 WHERE id = $1`, [importId, `Something went wrong and nothing was imported. Quote reference ${requestId} to the service desk.`, now]).catch(() => undefined);
    throw error;
  }
}

async function finishRefused(pool: pg.Pool, importId: string, read: number, problem: string, now: Date): Promise<ImportSummary> {
  await pool.query(`DELETE FROM "IncidentImportRow" WHERE "importId" = $1`, [importId]);
  await pool.query(`UPDATE "IncidentImport" SET status = 'REJECTED', problem = $2, "rowsRead" = $3, "finishedAt" = $4 WHERE id = $1`, [importId, problem, read, now]);
  return { importId, status: "REJECTED", rows: read, accepted: 0, rejected: 0, movementsLinked: 0, movementsCreated: 0, problem };
}

async function audit(db: Db, actor: Actor, incidentId: string, details: Record<string, string | number>) {
  await recordAuditEvent(db, { actor, action: "IMPORT_INCIDENT_ITEMS", entityType: "Incident", entityId: incidentId, details });
}

const addProblem = (text: string) => `problem = CASE WHEN r.problem IS NULL THEN '${text}' ELSE left(r.problem || '; ${text}', 500) END`;

/** Set-based checks over the staged rows that passed their own checks. */
async function checkAgainstDatabase(pool: pg.Pool, importId: string, incidentId: string): Promise<void> {
  // The practice: a GP practice the portal knows (ODS), still open.
  await pool.query(
    `UPDATE "IncidentImportRow" r SET ${addProblem("practice ODS code is not a GP practice the portal knows")}
     WHERE r."importId" = $1 AND r."practiceOdsCode" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Organisation" o WHERE o."odsCode" = r."practiceOdsCode" AND o.kind = 'GP_PRACTICE')`,
    [importId],
  );
  await pool.query(
    `UPDATE "IncidentImportRow" r SET ${addProblem("practice is closed")}
     FROM "Organisation" o WHERE r."importId" = $1 AND o."odsCode" = r."practiceOdsCode" AND o.kind = 'GP_PRACTICE' AND o."closedAt" IS NOT NULL`,
    [importId],
  );
  // The same NHS number twice in the file: every repeat after the first is rejected, naming the first.
  await pool.query(
    `UPDATE "IncidentImportRow" r SET ${addProblem("NHS number repeats row ' || d.first || '")}
     FROM (SELECT "rowNumber", min("rowNumber") OVER (PARTITION BY "nhsNumber") AS first FROM "IncidentImportRow" WHERE "importId" = $1 AND "nhsNumber" ~ '^[0-9]{10}$') d
     WHERE r."importId" = $1 AND r."rowNumber" = d."rowNumber" AND d.first <> d."rowNumber"`,
    [importId],
  );
  await pool.query(
    `UPDATE "IncidentImportRow" r SET ${addProblem("NHS number is already in this incident")}
     FROM "IncidentItem" i WHERE r."importId" = $1 AND i."incidentId" = $2 AND i."nhsNumber" = r."nhsNumber"`,
    [importId, incidentId],
  );
  // A movement reference must be a movement of the same patient.
  await pool.query(
    `UPDATE "IncidentImportRow" r SET ${addProblem("movement reference not found")}
     WHERE r."importId" = $1 AND r.problem IS NULL AND r."movementReference" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "RecordMovement" m WHERE m.reference = r."movementReference")`,
    [importId],
  );
  await pool.query(
    `UPDATE "IncidentImportRow" r SET ${addProblem("movement reference is another patient''s record")}
     FROM "RecordMovement" m JOIN "Patient" p ON p.id = m."patientId"
     WHERE r."importId" = $1 AND r.problem IS NULL AND m.reference = r."movementReference" AND p."nhsNumber" <> r."nhsNumber"`,
    [importId],
  );
  // A released record with no movement gets one: it needs the patient as on the envelope.
  await pool.query(
    `UPDATE "IncidentImportRow" r SET ${addProblem("released with no movement found: give family_name, given_name and date_of_birth (as on the envelope) so the record can be tracked")}
     WHERE r."importId" = $1 AND r.problem IS NULL AND r."releasedOn" IS NOT NULL AND r."movementReference" IS NULL
       AND (r."familyName" IS NULL OR r."givenName" IS NULL OR r."dateOfBirth" IS NULL)
       AND NOT EXISTS (SELECT 1 FROM "RecordMovement" m JOIN "Patient" p ON p.id = m."patientId" JOIN "Organisation" o ON o.id = m."toOrganisationId"
                       WHERE p."nhsNumber" = r."nhsNumber" AND o."odsCode" = r."practiceOdsCode")`,
    [importId],
  );
}

/** One random reference per row, in SQL: `RM-` and eight characters of the reference alphabet. */
const RANDOM_REFERENCE = `'RM-' || ${Array.from({ length: 8 }, (_, i) => `${i === 4 ? "'-' || " : ""}substr('${REFERENCE_ALPHABET}', 1 + floor(random() * ${REFERENCE_ALPHABET.length})::int, 1)`).join(" || ")}`;

/** The two events of each new movement (created, then collected a second later: released from the store). */
async function insertEvents(sql: Sql, p: { actorId: string; now: Date; reference: string }, join: string): Promise<void> {
  await sql.query(`INSERT INTO "TrackingEvent" (id, "movementId", type, source, "sourceEventId", "occurredAt", "receivedAt", note, "recordedById")
    SELECT gen_random_uuid(), t."newMovementId", e.type::"TrackingEventType", 'PCSE', 'incident:' || t."itemId" || ':' || e.key, (t."releasedOn" + time '12:00' + e.after) AT TIME ZONE 'UTC', $1::timestamptz, e.note, $2::uuid
    FROM incident_import_resolved t ${join} CROSS JOIN (VALUES ('CREATED', 'created', interval '0', NULL), ('COLLECTED', 'released', interval '1 second', $3::text)) AS e(type, key, after, note)
    WHERE t."newMovementId" IS NOT NULL`, [p.now.toISOString(), p.actorId, `Released from the archive (incident ${p.reference})`]);
}

/**
 * What the import refers to and did not create, locked FOR KEY SHARE as row-by-row foreign-key checks would lock it
 * (nothing referred to can be deleted before the import commits): the practices and the records store, the
 * patients, the policy versions, the regions, the incident and the supervisor.
 */
async function lockReferencedRows(sql: Sql, p: { incidentId: string; actorId: string }): Promise<void> {
  await sql.query(`SELECT count(*) FROM (SELECT 1 FROM "Organisation" WHERE id IN (SELECT DISTINCT "practiceId" FROM incident_import_resolved) OR "odsCode" = 'XPCSST' FOR KEY SHARE) x`);
  await sql.query(`SELECT count(*) FROM (SELECT 1 FROM "Patient" WHERE id IN (SELECT "patientId" FROM incident_import_resolved) FOR KEY SHARE) x`);
  await sql.query(`SELECT count(*) FROM (SELECT 1 FROM "ServiceLevelPolicy" WHERE version IN (SELECT DISTINCT "policyVersion" FROM incident_import_resolved) FOR KEY SHARE) x`);
  await sql.query(`SELECT count(*) FROM (SELECT 1 FROM "Region" WHERE code IN (SELECT DISTINCT "regionCode" FROM incident_import_resolved) FOR KEY SHARE) x`);
  await sql.query(`SELECT count(*) FROM (SELECT 1 FROM "Incident" WHERE id = $1 FOR KEY SHARE) x`, [p.incidentId]);
  await sql.query(`SELECT count(*) FROM (SELECT 1 FROM "User" WHERE id = $1 FOR KEY SHARE) x`, [p.actorId]);
}

/**
 * Every foreign key of every row the import writes ($1 the incident, $2 the import): the new movements, their
 * events, clocks and queue rows, and the items. Patients have no foreign keys; notifications name no case.
 */
export function importReferenceChecks(): ReferenceCheck[] {
  const movements = `FROM incident_import_resolved t JOIN "RecordMovement" w ON w.id = t."newMovementId" WHERE t."newMovementId" IS NOT NULL`;
  const byMovement = (table: string) => `FROM incident_import_resolved t JOIN "${table}" w ON w."movementId" = t."newMovementId" WHERE t."newMovementId" IS NOT NULL`;
  const items = `FROM "IncidentItem" w WHERE w."incidentId" = $1::uuid AND w."importId" = $2::uuid`;
  const ref = (constraint: string, rows: string, column: string, table: string, key = "id"): ReferenceCheck => ({ constraint, rows, column: `w."${column}"`, table: `"${table}"`, key });
  return [
    ref("RecordMovement_patientId_fkey", movements, "patientId", "Patient"),
    ref("RecordMovement_fromOrganisationId_fkey", movements, "fromOrganisationId", "Organisation"),
    ref("RecordMovement_toOrganisationId_fkey", movements, "toOrganisationId", "Organisation"),
    ref("RecordMovement_regionCode_fkey", movements, "regionCode", "Region", "code"),
    ref("RecordMovement_policyVersion_fkey", movements, "policyVersion", "ServiceLevelPolicy", "version"),
    ref("RecordMovement_createdById_fkey", movements, "createdById", "User"),
    ref("TrackingEvent_movementId_fkey", byMovement("TrackingEvent"), "movementId", "RecordMovement"),
    ref("TrackingEvent_recordedById_fkey", byMovement("TrackingEvent"), "recordedById", "User"),
    ref("TrackingEvent_labelId_fkey", byMovement("TrackingEvent"), "labelId", "CourierLabel"),
    ref("MovementClock_movementId_fkey", byMovement("MovementClock"), "movementId", "RecordMovement"),
    ref("AttentionQueueEntry_movementId_fkey", byMovement("AttentionQueueEntry"), "movementId", "RecordMovement"),
    ref("CollectionBacklogEntry_movementId_fkey", byMovement("CollectionBacklogEntry"), "movementId", "RecordMovement"),
    ref("IncidentItem_incidentId_fkey", items, "incidentId", "Incident"),
    ref("IncidentItem_patientId_fkey", items, "patientId", "Patient"),
    ref("IncidentItem_practiceId_fkey", items, "practiceId", "Organisation"),
    ref("IncidentItem_movementId_fkey", items, "movementId", "RecordMovement"),
  ];
}

async function importStaged(sql: Sql, p: { importId: string; incidentId: string; reference: string; actorId: string; now: Date; phase: (name: string) => void }): Promise<{ linked: number; createdMovements: number }> {
  const now = p.now.toISOString();
  // Foreign keys checked set-based rather than row by row where the database allows it (lib/db/bulk.ts): every
  // reference below comes from a row joined in the same statement, the rows referred to are locked, and one
  // statement proves before commit that none dangles.
  const setBased = await skipRowByRowReferenceChecks(sql);
  await sql.query(`INSERT INTO "Patient" (id, "nhsNumber", "createdAt", "updatedAt") SELECT gen_random_uuid(), d.n, $2::timestamptz, $2::timestamptz FROM (SELECT DISTINCT "nhsNumber" AS n FROM "IncidentImportRow" WHERE "importId" = $1) d ON CONFLICT ("nhsNumber") DO NOTHING`, [p.importId, now]);
  // Each row resolved: its practice, patient, and the movement it links to (by reference, else the latest movement of
  // the patient to that practice), or a new movement's id and reference when released with none.
  // A new movement's policy version is the one in force on the release day (the earliest if the release predates them all).
  await sql.query(`CREATE TEMP TABLE incident_import_resolved ON COMMIT DROP AS
    SELECT x.*,
           CASE WHEN x."movementId" IS NULL AND x."releasedOn" IS NOT NULL THEN gen_random_uuid() END AS "newMovementId",
           CASE WHEN x."movementId" IS NULL AND x."releasedOn" IS NOT NULL THEN ${RANDOM_REFERENCE} END AS "newReference",
           CASE WHEN x."movementId" IS NULL AND x."releasedOn" IS NOT NULL THEN
             COALESCE((SELECT v.version FROM "ServiceLevelPolicy" v WHERE v."effectiveFrom" <= x."releasedOn" ORDER BY v."effectiveFrom" DESC, v.version DESC LIMIT 1), (SELECT min(version) FROM "ServiceLevelPolicy"))
           END AS "policyVersion"
    FROM (
      SELECT r."rowNumber", gen_random_uuid() AS "itemId", pt.id AS "patientId", r."nhsNumber", o.id AS "practiceId", o."regionCode", o."icbCode", o.country,
             r."heldFrom"::date AS "heldFrom", r."releasedOn"::date AS "releasedOn", r.priority,
             r."familyName", r."givenName", r."dateOfBirth"::date AS "dateOfBirth",
             COALESCE(
               (SELECT m.id FROM "RecordMovement" m WHERE r."movementReference" IS NOT NULL AND m.reference = r."movementReference"),
               (SELECT m.id FROM "RecordMovement" m WHERE m."patientId" = pt.id AND m."toOrganisationId" = o.id ORDER BY m."createdAt" DESC, m.id DESC LIMIT 1)
             ) AS "movementId"
      FROM "IncidentImportRow" r JOIN "Organisation" o ON o."odsCode" = r."practiceOdsCode" AND o.kind = 'GP_PRACTICE' JOIN "Patient" pt ON pt."nhsNumber" = r."nhsNumber"
      WHERE r."importId" = $1
    ) x`, [p.importId]);
  await sql.query(`ANALYZE incident_import_resolved`);
  if (setBased) await lockReferencedRows(sql, p);
  const [{ linked }] = await sql.query<{ linked: number }>(`SELECT count(*)::int AS linked FROM incident_import_resolved WHERE "movementId" IS NOT NULL`);
  // A reference may clash with an existing movement's or another new one's (about 1 in 660,000 per pair): draw again.
  for (let round = 0; round < 10; round++) {
    const clashes = await sql.query<{ n: number }>(`WITH clash AS (
        SELECT t."rowNumber" FROM incident_import_resolved t WHERE t."newReference" IS NOT NULL AND EXISTS (SELECT 1 FROM "RecordMovement" m WHERE m.reference = t."newReference")
        UNION
        SELECT d."rowNumber" FROM (SELECT "rowNumber", row_number() OVER (PARTITION BY "newReference" ORDER BY "rowNumber") AS n FROM incident_import_resolved WHERE "newReference" IS NOT NULL) d WHERE d.n > 1
      ), c AS (UPDATE incident_import_resolved t SET "newReference" = ${RANDOM_REFERENCE} FROM clash WHERE t."rowNumber" = clash."rowNumber" RETURNING 1)
      SELECT count(*)::int AS n FROM c`);
    if (clashes[0].n === 0) break;
  }
  const [{ created }] = await sql.query<{ created: number }>(`SELECT count(*)::int AS created FROM incident_import_resolved WHERE "newMovementId" IS NOT NULL`);
  p.phase("patients, links and references");
  if (created > 0) {
    const [store] = await sql.query<{ id: string }>(`SELECT id FROM "Organisation" WHERE "odsCode" = 'XPCSST'`);
    if (!store) throw new Error("The PCSE records store (XPCSST) is missing from the organisations");
    const [incident] = await sql.query<{ responsibleOrganisation: string }>(`SELECT "responsibleOrganisation" FROM "Incident" WHERE id = $1`, [p.incidentId]);
    // Every new movement is the same journey: from the store to a practice, created and collected on its release day
    // (two events at fixed times of that day), routine, no problem reports, no labels, no demographics flag. What
    // the refresh derives from its events (status, attention, milestones, clocks and the queue rows) therefore
    // depends only on the release day, the policy version (chosen by that day) and the practice's country (its
    // bank-holiday calendar, and whether it crosses a border). So the general refresh runs on ONE movement per
    // (release day, policy version, country), the group's representative, and the others are inserted with its
    // derived columns and copies of its queue rows: the same result as refreshing each (the integration test
    // refreshes every imported movement afterwards and finds nothing to change), without deriving 120,000 times.
    await sql.query(`CREATE TEMP TABLE incident_import_groups ON COMMIT DROP AS
      SELECT DISTINCT ON ("releasedOn", "policyVersion", country) "releasedOn", "policyVersion", country, "newMovementId" AS "representativeId"
      FROM incident_import_resolved WHERE "newMovementId" IS NOT NULL ORDER BY "releasedOn", "policyVersion", country, "rowNumber"`);
    await sql.query(`ALTER TABLE incident_import_groups ADD PRIMARY KEY ("releasedOn", "policyVersion", country)`);
    await sql.query(`ANALYZE incident_import_groups`);
    const notes = `Released from the archive by ${incident.responsibleOrganisation}`;
    // Released from the archive on the day given: created and collected then (the record left the store), so the
    // practice confirms receipt like any other record and the clocks run as for any store-to-practice movement.
    // 1. The representatives, derived by the general refresh.
    await sql.query(`INSERT INTO "RecordMovement" (id, reference, type, reason, priority, status, "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth",
        "fromOrganisationId", "toOrganisationId", "regionCode", "policyVersion", "dueDate", "bagCount", notes, "createdById", "createdAt", "updatedAt", "statusChangedAt")
      SELECT t."newMovementId", t."newReference", 'STORE_TO_PRACTICE', 'RE_REGISTRATION', 'ROUTINE', 'REQUESTED', t."patientId", t."familyName", t."givenName", t."dateOfBirth",
        $1::uuid, t."practiceId", t."regionCode", t."policyVersion", t."releasedOn", 1, left($2 || ' (incident ' || $3 || ')', 500), $4::uuid,
        (t."releasedOn" + time '12:00') AT TIME ZONE 'UTC', $5::timestamptz, (t."releasedOn" + time '12:00') AT TIME ZONE 'UTC'
      FROM incident_import_resolved t JOIN incident_import_groups g ON g."representativeId" = t."newMovementId"`, [store.id, notes, p.reference, p.actorId, now]);
    await insertEvents(sql, p, `JOIN incident_import_groups g ON g."representativeId" = t."newMovementId"`);
    for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
      const ids = (await sql.query<{ id: string }>(`SELECT "representativeId"::text AS id FROM incident_import_groups WHERE "representativeId" > $1::uuid ORDER BY "representativeId" LIMIT ${REFRESH_CHUNK}`, [after])).map((r) => r.id);
      if (ids.length === 0) break;
      await refreshMovementsSql(sql, ids, p.now);
      after = ids[ids.length - 1];
    }
    p.phase("status and clocks derived (one movement per release day and country)");
    // 2. The rest of each group, with its representative's derived columns.
    await sql.query(`INSERT INTO "RecordMovement" (id, reference, type, reason, priority, status, "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth",
        "fromOrganisationId", "toOrganisationId", "regionCode", "policyVersion", "dueDate", "bagCount", notes, "createdById", "createdAt", "updatedAt", "statusChangedAt",
        "readyForCollectionAt", "needsAttention", "attentionReasons", "releasedAt", "collectedAt", "deliveredAt", "receivedAt",
        "releaseDueDate", "collectionDueDate", "deliveryDueDate", "receiptDueDate", "breachedClocks", "deliveryWorkingDays", "endToEndWorkingDays", "demographicsDisagreement")
      SELECT t."newMovementId", t."newReference", r.type, r.reason, r.priority, r.status, t."patientId", t."familyName", t."givenName", t."dateOfBirth",
        r."fromOrganisationId", t."practiceId", t."regionCode", r."policyVersion", r."dueDate", r."bagCount", r.notes, r."createdById", r."createdAt", r."updatedAt", r."statusChangedAt",
        r."readyForCollectionAt", r."needsAttention", r."attentionReasons", r."releasedAt", r."collectedAt", r."deliveredAt", r."receivedAt",
        r."releaseDueDate", r."collectionDueDate", r."deliveryDueDate", r."receiptDueDate", r."breachedClocks", r."deliveryWorkingDays", r."endToEndWorkingDays", r."demographicsDisagreement"
      FROM incident_import_resolved t
      JOIN incident_import_groups g ON g."releasedOn" = t."releasedOn" AND g."policyVersion" = t."policyVersion" AND g.country = t.country
      JOIN "RecordMovement" r ON r.id = g."representativeId"
      WHERE t."newMovementId" IS NOT NULL AND t."newMovementId" <> g."representativeId"`);
    p.phase("movements inserted");
    await insertEvents(sql, p, `JOIN incident_import_groups g ON g."releasedOn" = t."releasedOn" AND g."policyVersion" = t."policyVersion" AND g.country = t.country AND g."representativeId" <> t."newMovementId"`);
    p.phase("events inserted");
    const copies = `FROM incident_import_resolved t
      JOIN incident_import_groups g ON g."releasedOn" = t."releasedOn" AND g."policyVersion" = t."policyVersion" AND g.country = t.country AND g."representativeId" <> t."newMovementId"`;
    await sql.query(`INSERT INTO "MovementClock" ("movementId", kind, "startedAt", "dueDate", breached, "breachedAt")
      SELECT t."newMovementId", c.kind, c."startedAt", c."dueDate", c.breached, c."breachedAt" ${copies} JOIN "MovementClock" c ON c."movementId" = g."representativeId"`);
    await sql.query(`INSERT INTO "AttentionQueueEntry" ("movementId", reasons, since)
      SELECT t."newMovementId", a.reasons, a.since ${copies} JOIN "AttentionQueueEntry" a ON a."movementId" = g."representativeId"`);
    await sql.query(`INSERT INTO "CollectionBacklogEntry" ("movementId", "organisationId", "readyAt")
      SELECT t."newMovementId", b."organisationId", b."readyAt" ${copies} JOIN "CollectionBacklogEntry" b ON b."movementId" = g."representativeId"`);
    p.phase("clocks and queues copied");
  }
  await sql.query(`INSERT INTO "IncidentItem" (id, "incidentId", "patientId", "nhsNumber", "practiceId", "regionCode", "icbCode", "heldFrom", "releasedOn", "movementId", priority, "rowNumber", "importId", "createdAt")
    SELECT t."itemId", $1::uuid, t."patientId", t."nhsNumber", t."practiceId", t."regionCode", t."icbCode", t."heldFrom", t."releasedOn", COALESCE(t."movementId", t."newMovementId"), t.priority::"IncidentTriage", t."rowNumber", $2::uuid, $3::timestamptz
    FROM incident_import_resolved t`, [p.incidentId, p.importId, now]);
  // Each practice with patients in this file is told (one message per practice user, as the outbox does).
  const t = NOTIFICATION_TEMPLATES.INCIDENT_REVIEWS_REQUESTED;
  const link = portalUrl(`/practice/incidents/${p.reference}`);
  const subject = t.subject.replace("{reference}", p.reference);
  const body = `${t.body} Reference ${p.reference}. Sign in to see it: ${link}`;
  await sql.query(`INSERT INTO "Notification" (id, template, "toEmail", "userId", "organisationId", subject, body, personalisation, "createdAt", "nextAttemptAt")
    SELECT gen_random_uuid(), 'INCIDENT_REVIEWS_REQUESTED', u.email, u.id, u."organisationId", $1::text, $2::text, jsonb_build_object('subject', $1::text, 'body', $2::text, 'reference', $3::text, 'link', $4::text), $5::timestamptz, $5::timestamptz
    FROM "User" u JOIN "Organisation" o ON o.id = u."organisationId"
    WHERE u.disabled = false AND u.role IN ('PRACTICE_STAFF', 'PRACTICE_MANAGER')
      AND COALESCE(o."parentId", o.id) IN (SELECT DISTINCT "practiceId" FROM incident_import_resolved)`, [subject, body, p.reference, link, now]);
  await sql.query(`DELETE FROM "IncidentImportRow" WHERE "importId" = $1`, [p.importId]);
  p.phase("items and notifications");
  if (setBased) {
    await assertReferencesHold(sql, importReferenceChecks(), [p.incidentId, p.importId]);
    p.phase("references checked set-based");
  }
  return { linked, createdMovements: created };
}
