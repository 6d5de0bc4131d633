// The application's Prisma client: the Rust-free client over @prisma/adapter-pg (see docs/database.md).
// One pool per process; in development the instance survives hot reloads.
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "@/lib/db/generated/client";

export type Db = PrismaClient;

export function createPrismaClient(connectionString: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

const overPools = new WeakMap<pg.Pool, PrismaClient>();

/** A Prisma client sharing an existing pg pool (the job worker's, a test's): one per pool, and disconnecting it leaves
 * the pool open for its owner to end. */
export function prismaOverPool(pool: pg.Pool): PrismaClient {
  let client = overPools.get(pool);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg(pool) });
    overPools.set(pool, client);
  }
  return client;
}

const globalForPrisma = globalThis as unknown as { portalPrisma?: PrismaClient };

function lazyClient(): PrismaClient {
  if (!globalForPrisma.portalPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    globalForPrisma.portalPrisma = createPrismaClient(url);
  }
  return globalForPrisma.portalPrisma;
}

/** Connects on first use, so importing this module (e.g. during `next build`) needs no database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = lazyClient();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
