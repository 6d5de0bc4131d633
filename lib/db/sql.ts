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
        client.removeListener("error", onError);
        client.release(broken);
      }
    },
  };
}

let sharedPool: pg.Pool | null = null;

/** The process's pool for hot paths; connects on first use. */
export function hotPathPool(): pg.Pool {
  if (!sharedPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    sharedPool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
    // An idle connection dropped by the server must not crash the process.
    sharedPool.on("error", () => {});
  }
  return sharedPool;
}
