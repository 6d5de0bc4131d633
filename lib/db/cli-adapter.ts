// Driver adapter for the Prisma CLI (migrate deploy / status / diff) with the JavaScript schema engine.
//
// Works around prisma/orm#27403: through @prisma/adapter-pg the JS schema engine cannot deserialise
// PostgreSQL's internal `name` type (OID 19), which it meets in catalogue queries; the same holds for the
// internal single-byte `"char"` (OID 18, e.g. pg_class.relkind, met when diffing a database with triggers)
// and `name[]`. We rewrite those OIDs to `text` / `text[]` on every result. pg.Pool calls `client.query(text, values, callback)`, so both the callback
// and the promise forms are handled. The application's own client does not need this.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const REWRITES: Record<number, number> = { 18: 25, 19: 25 };

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> } | Array<{ fields?: Array<{ dataTypeID: number }> }>;

function rewriteNameColumns<T>(result: T): T {
  const results = (Array.isArray(result) ? result : [result]) as Array<{ fields?: Array<{ dataTypeID: number }> }>;
  for (const r of results) {
    for (const field of r?.fields ?? []) {
      const replacement = REWRITES[field.dataTypeID];
      if (replacement !== undefined) field.dataTypeID = replacement;
    }
  }
  return result;
}

class NameTolerantClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const callback = last as (err: Error | null, res: QueryResultLike) => void;
      args[args.length - 1] = (err: Error | null, res: QueryResultLike) => callback(err, err ? res : rewriteNameColumns(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    return out && typeof out.then === "function" ? out.then(rewriteNameColumns) : out;
  }
}

export function createCliAdapter(connectionString: string) {
  // allowExitOnIdle: without it every CLI command waits out the pool's 10 s idle timeout before exiting.
  const pool = new pg.Pool({ connectionString, Client: NameTolerantClient, max: 4, allowExitOnIdle: true, idleTimeoutMillis: 1000 });
  return new PrismaPg(pool);
}
