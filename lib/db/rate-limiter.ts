// Counters for rate limits kept in PostgreSQL (rate-limiter-flexible), so limits hold across server
// processes. The table is created by a migration (model RateLimit), so the limiter never runs DDL.
import type pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";

export function postgresRateLimiter(pool: pg.Pool, options: { keyPrefix: string; points: number; durationSeconds: number }) {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
  });
}
