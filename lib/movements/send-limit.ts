import "server-only";
// Sends per user, counted in PostgreSQL so the limit holds across server processes. Every attempt counts, the
// refused ones included: the send form must not be a way to try thousands of NHS numbers or dates of birth.
// SEND_RATE_LIMIT_PER_10_MINUTES (default 60: one every ten seconds, well above a person typing) is read
// at each call, so tests and deployments can change it.
import { RateLimiterRes, type RateLimiterPostgres } from "rate-limiter-flexible";
import { hotPathPool } from "@/lib/db/sql";
import { postgresRateLimiter } from "@/lib/db/rate-limiter";
import { TooManyRequestsError } from "@/lib/errors";

export const SEND_LIMIT_WINDOW_SECONDS = 10 * 60;

export function sendLimitPerWindow(value = process.env.SEND_RATE_LIMIT_PER_10_MINUTES): number {
  const n = Number(value ?? 60);
  return Number.isInteger(n) && n > 0 ? n : 60;
}

const limiters = new Map<number, RateLimiterPostgres>();

/** Counts one send attempt by the user; throws TooManyRequestsError when over the limit. */
export async function consumeSendAttempt(userId: string): Promise<void> {
  const points = sendLimitPerWindow();
  let limiter = limiters.get(points);
  if (!limiter) {
    limiter = postgresRateLimiter(hotPathPool(), { keyPrefix: `send${points}`, points, durationSeconds: SEND_LIMIT_WINDOW_SECONDS });
    limiters.set(points, limiter);
  }
  try {
    await limiter.consume(userId);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const minutes = Math.max(1, Math.ceil(rejection.msBeforeNext / 60_000));
    throw new TooManyRequestsError(
      `You have sent ${points} records in 10 minutes, the most the portal allows. Wait ${minutes} ${minutes === 1 ? "minute" : "minutes"}, then send this one again. Nothing was saved`,
      Math.ceil(rejection.msBeforeNext / 1000),
    );
  }
}
