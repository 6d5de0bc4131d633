import "server-only";
// A minimal SQL interface so hot paths (courier ingest) can run on node-postgres directly while the same
// statements also run inside Prisma transactions elsewhere. Statements use $1..$n placeholders.
import pg from "pg";
import type { Prisma } from "@/lib/db/generated/client";

export type Sql = { query<T>(text: string, values?: unknown[]): Promise<T[]> };

export type Transactions = { transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> };

export function prismaSql(tx: Prisma.TransactionClient): Sql {
  return { query: <T>(text: string, values: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...values) };
}

/** Transactions on a node-postgres pool: BEGIN, work, COMMIT, or ROLLBACK on any error. */
export function pgTransactions(pool: pg.Pool): Transactions {
  return {
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      // A checked-out client has no pool listener: without this, the server going away mid-transaction emits an
      // 'error' nobody handles and the process dies (the failed query rejects as well, and is handled below).
      const onError = () => {
        broken = true;
      };
      client.on("error", onError);
      try {
        await client.query("BEGIN");
        const result = await fn({ query: async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as T[] });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          broken = true; // the connection is gone (e.g. the server stopped): do not return it to the pool
        }
        throw error;
      } finally {
        // A broken client is ended by the pool; its dying socket may still report, so keep listening then.
        if (!broken) client.removeListener("error", onError);
        client.release(broken);
      }
    },
  };
}

let sharedPool: pg.Pool | null = null;

const TIMESTAMPTZ_OID = 1184;
/** PostgreSQL's own text for a timestamptz, e.g. `2026-11-23 15:02:01.123+00` (or `+05:30`). */
const PG_TIMESTAMPTZ = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d{1,6})?)([+-]\d\d)(:\d\d)?$/;
const defaultTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID);

/**
 * The timestamptz parser for the hot path: the engine's own ISO parser for the usual form (node-postgres's
 * JavaScript one was a tenth of the courier path's CPU), the default for anything else (BC dates, infinity).
 */
export function parseTimestamptz(text: string): Date {
  const m = PG_TIMESTAMPTZ.exec(text);
  if (!m) return defaultTimestamptz(text) as Date;
  return new Date(`${m[1]}T${m[2]}${m[3]}${m[4] ?? ":00"}`);
}

const hotPathTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === TIMESTAMPTZ_OID && format !== "binary" ? parseTimestamptz : pg.types.getTypeParser(oid, format as "text"))) as typeof pg.types.getTypeParser,
};

/** The process's pool for hot paths; connects on first use. */
export function hotPathPool(): pg.Pool {
  if (!sharedPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    sharedPool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, types: hotPathTypes });
    // An idle connection dropped by the server must not crash the process.
    sharedPool.on("error", () => {});
  }
  return sharedPool;
}
