import "server-only";
// Bulk writes (the incident import: 150,000 rows in one transaction; the courier ingest: 500 events a batch, many
// batches a second) and their foreign keys.
//
// PostgreSQL checks a foreign key row by row: one lookup and one lock per row written, per constraint. For a bulk
// insert of 120,000 movements, 240,000 events and 150,000 items that was half the import's time (docs/database.md).
// A bulk write can instead check its references set-based, as `ALTER TABLE ... ADD FOREIGN KEY` does when it
// validates a constraint: one anti-join per reference over the rows written. So a bulk write may, inside its own
// transaction only, set `session_replication_role = replica` (which skips the row-by-row checks) when the database
// allows it (a superuser, or on PostgreSQL 15+ a role granted `SET ON PARAMETER session_replication_role`), and then:
//   - takes every reference from rows joined in the same statement (never from input as given);
//   - locks the rows it refers to that it did not create itself FOR KEY SHARE, as the row-by-row checks would, so
//     nothing it refers to can be deleted before it commits;
//   - before it commits, proves with `assertReferencesHold` that no row it wrote refers to a row that does not exist,
//     and rolls everything back if one does.
// Where the setting is not allowed, the same statements run with the row-by-row checks: slower, never less safe.
// Replica mode skips ordinary triggers too: the append-only triggers that guard history fire ALWAYS (migration
// 20261124070000_triggers_fire_always), and no table a bulk write touches has any other trigger.
import type { Sql } from "@/lib/db/sql";

/** Whether the row-by-row checks were skipped, the database does not allow it (insufficient privilege: it will not
 * change until someone grants it), or the attempt failed for another reason (worth asking again next time). */
export type SkipOutcome = "skipped" | "not-allowed" | "failed";

/**
 * Asks to skip row-by-row foreign-key checks for the rest of the caller's transaction. When the database refuses,
 * nothing changes and the caller's transaction goes on (the attempt runs in a savepoint).
 * Note: PostgreSQL drops every cached plan of the session when the setting changes (and again when the transaction
 * ends), so prepared statements run in such a transaction are planned afresh.
 */
export async function trySkipRowByRowReferenceChecks(sql: Sql): Promise<SkipOutcome> {
  await sql.query("SAVEPOINT bulk_reference_checks");
  try {
    await sql.query("SET LOCAL session_replication_role = replica");
    await sql.query("RELEASE SAVEPOINT bulk_reference_checks");
    return "skipped";
  } catch (error) {
    await sql.query("ROLLBACK TO SAVEPOINT bulk_reference_checks");
    await sql.query("RELEASE SAVEPOINT bulk_reference_checks");
    return (error as { code?: string }).code === "42501" ? "not-allowed" : "failed";
  }
}

/** trySkipRowByRowReferenceChecks for callers that only need to know whether the checks are skipped. */
export async function skipRowByRowReferenceChecks(sql: Sql): Promise<boolean> {
  return (await trySkipRowByRowReferenceChecks(sql)) === "skipped";
}

/** A reference a bulk write made: the rows it wrote (`rows`, a FROM clause naming them `w`) and what each refers to. */
export type ReferenceCheck = {
  /** The foreign key's name, for the error (e.g. `RecordMovement_patientId_fkey`). */
  constraint: string;
  /** `FROM ... w [JOIN ...] [WHERE ...]`: exactly the rows this write added to the referencing table. */
  rows: string;
  /** The referencing column of `w`, e.g. `w."patientId"` (NULL refers to nothing and passes). */
  column: string;
  /** The referenced table and column, e.g. `"Patient"` and `id`. */
  table: string;
  key: string;
};

export class DanglingReferenceError extends Error {
  constructor(readonly constraint: string, readonly count: number) {
    super(`${count} row(s) written would break ${constraint}: the bulk write was rolled back`);
    this.name = "DanglingReferenceError";
  }
}

/**
 * Proves, set-based, that every row a bulk write added refers to a row that exists (one anti-join per reference,
 * all in one statement); throws DanglingReferenceError naming the first reference broken, so the caller's
 * transaction rolls back. `values` are the statement parameters the `rows` clauses use.
 */
export async function assertReferencesHold(sql: Sql, checks: readonly ReferenceCheck[], values: unknown[] = []): Promise<void> {
  if (checks.length === 0) return;
  const counts = checks.map(
    (c, i) => `(SELECT count(*)::int ${c.rows} AND ${c.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${c.table} r WHERE r.${c.key} = ${c.column})) AS c${i}`,
  );
  const [row] = await sql.query<Record<string, number>>(`SELECT ${counts.join(", ")}`, values);
  checks.forEach((c, i) => {
    if (row[`c${i}`] > 0) throw new DanglingReferenceError(c.constraint, row[`c${i}`]);
  });
}
