import "server-only";
// Per-key request rate for the courier webhook, counted in PostgreSQL (rate-limiter-flexible), so the limit
// holds across every server process. The table is created by a migration (model RateLimit).
import pg from "pg";
import { RateLimiterRes } from "rate-limiter-flexible";
import { postgresRateLimiter } from "@/lib/db/rate-limiter";
import type { RateLimiter } from "@/lib/tracking/courier-webhook";

export function createPostgresRateLimiter(connectionString: string, requestsPerSecond: number): RateLimiter & { close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 3_000, allowExitOnIdle: true });
  // An idle connection dropped by the server (a restart) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const limiter = postgresRateLimiter(pool, { keyPrefix: "courier", points: requestsPerSecond, durationSeconds: 1 });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true, retryAfterSeconds: 0 };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
        throw rejection;
      }
    },
    close: () => pool.end(),
  };
}
