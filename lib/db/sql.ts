import "server-only";
// A minimal SQL interface so hot paths (courier ingest) can run on node-postgres directly while the same
// statements also run inside Prisma transactions elsewhere. Statements use $1..$n placeholders.
import pg from "pg";
import type { Prisma } from "@/lib/db/generated/client";
import { NativeDate } from "@/lib/runtime/native-date";

/**
 * `name` makes a statement prepared once per connection and reused (node-postgres's named statements): for the
 * hot path's few constant statements, PostgreSQL then skips parsing and, once it settles on a generic plan,
 * planning (unless the session's plans are dropped: see lib/db/bulk.ts). A name must always stand for the same text. Prisma's transactions ignore it.
 */
export type Sql = { query<T>(text: string, values?: unknown[], name?: string): Promise<T[]> };

export type Transactions = { transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> };

export function prismaSql(tx: Prisma.TransactionClient): Sql {
  return { query: <T>(text: string, values: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...values) };
}

/** Values for a statement built in parts: `param(v)` adds one and gives its placeholder (`$n`, with an optional cast). */
export function sqlParams(initial: unknown[] = []) {
  const values = [...initial];
  const param = (v: unknown, cast = "") => {
    values.push(v);
    return `$${values.length}${cast}`;
  };
  return { values, param };
}

const NEEDS_QUOTES = /[\s",\\{}]/;

/**
 * A PostgreSQL array literal (`{a,b,NULL}`) for a parameter cast to an array type (`$1::uuid[]`). node-postgres
 * would escape the elements one by one with two regular expressions each; the hot path sends tens of thousands a
 * second, most of them uuids, timestamps and codes that need no quoting at all. Strings that do (spaces, quotes,
 * commas, backslashes, braces, the empty string, the word NULL) are quoted and escaped as PostgreSQL reads them.
 */
export function pgArray(values: readonly (string | number | boolean | null | undefined)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ",";
    const v = values[i];
    if (v === null || v === undefined) out += "NULL";
    else if (typeof v !== "string") out += String(v);
    else if (v.length > 0 && !NEEDS_QUOTES.test(v) && !(v.length === 4 && v.toUpperCase() === "NULL")) out += v;
    else out += `"${v.replace(/[\\"]/g, "\\$&")}"`;
  }
  return out + "}";
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
        const result = await fn({ query: async <T>(text: string, values: unknown[] = [], name?: string) => (await (name ? client.query({ name, text, values }) : client.query(text, values))).rows as T[] });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          broken = true; // the connection is gone (e.g. the server stopped): do not return it to the pool
        }
        // A prepared statement this connection holds no longer fits the tables (a migration changed a column's type
        // while the portal ran: "cached plan must not change result type"), or is gone: the connection is dropped,
        // so the next one prepares afresh, and the caller's retry succeeds.
        const code = (error as { code?: string }).code;
        if (code === "0A000" || code === "26000") broken = true;
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
const defaultTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID);

/** The number written by `count` ASCII digits of `text` from `at`, or -1 if one of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The timestamptz parser for the hot path. PostgreSQL prints `2026-11-23 15:02:01.123456+00` (or `+05:30`); that
 * form is read digit by digit into the engine's own Date (lib/runtime/native-date.ts), with no regular expression
 * and no string parsing; anything else (BC dates, infinity, years before 100 or after 9999) goes to node-postgres's
 * own parser. Fractions beyond milliseconds are dropped, as the Date constructor and node-postgres both do.
 */
export function parseTimestamptz(text: string): Date {
  const len = text.length;
  if (len >= 22 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 32 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = digits(text, 17, 2);
    let i = 19;
    let ms = 0;
    if (text.charCodeAt(i) === 46) {
      let scale = 100;
      for (i++; i < len; i++) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
      }
      ms = Math.floor(ms);
    }
    const sign = text.charCodeAt(i) === 43 ? 1 : text.charCodeAt(i) === 45 ? -1 : 0;
    const offsetHours = digits(text, i + 1, 2);
    let offsetMinutes = 0;
    let end = i + 3;
    if (end < len && text.charCodeAt(end) === 58) {
      offsetMinutes = digits(text, end + 1, 2);
      end += 3;
    }
    if (end === len && sign !== 0 && year >= 100 && (month | day | hour | minute | second | offsetHours | offsetMinutes) >= 0) {
      return new NativeDate(Date.UTC(year, month - 1, day, hour, minute, second, ms) - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
    }
  }
  return defaultTimestamptz(text) as Date;
}

const hotPathTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === TIMESTAMPTZ_OID && format !== "binary" ? parseTimestamptz : pg.types.getTypeParser(oid, format as "text"))) as typeof pg.types.getTypeParser,
};

/** The process's pool for hot paths; connects on first use. */
export function hotPathPool(): pg.Pool {
  if (!sharedPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    sharedPool = createHotPathPool(url, Number(process.env.DATABASE_POOL_SIZE ?? 10));
  }
  return sharedPool;
}

/** A pool with the hot path's settings (its timestamp parser, timeouts); the benchmarks make their own. */
export function createHotPathPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, types: hotPathTypes });
  // An idle connection dropped by the server must not crash the process.
  pool.on("error", () => {});
  return pool;
}
