import "server-only";
// Password sign-in for demo and test accounts: constant-time-ish checks and a brute-force limit per email
// (10 failed attempts, then locked for 15 minutes; a success clears the count), counted in PostgreSQL.
import bcrypt from "bcryptjs";
import type pg from "pg";
import { postgresRateLimiter } from "@/lib/db/rate-limiter";
import { z } from "zod";
import type { Db } from "@/lib/db/client";

export const MAX_FAILED_SIGN_INS = 10;
export const LOCKOUT_SECONDS = 15 * 60;

/** Thrown to the sign-in form: next-auth passes the message through as the result's `error`. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

// A real bcrypt hash of a random string: unknown emails cost the same time as wrong passwords.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.qE0yKqz3L7H0rNxMGUK6s1fOS7m2";

export type SignInLimiter = { blocked(email: string): Promise<boolean>; failed(email: string): Promise<void>; succeeded(email: string): Promise<void> };

export function postgresSignInLimiter(pool: pg.Pool): SignInLimiter {
  const limiter = postgresRateLimiter(pool, { keyPrefix: "signin", points: MAX_FAILED_SIGN_INS, durationSeconds: LOCKOUT_SECONDS });
  return {
    async blocked(email) {
      const res = await limiter.get(email);
      return (res?.consumedPoints ?? 0) >= MAX_FAILED_SIGN_INS;
    },
    async failed(email) {
      await limiter.penalty(email, 1);
    },
    async succeeded(email) {
      await limiter.delete(email);
    },
  };
}

export type VerifiedUser = { id: string; name: string; email: string };

/** Returns the user for a correct email and password, null otherwise; throws TOO_MANY_ATTEMPTS when locked. */
export async function verifyCredentials(db: Db, limiter: SignInLimiter, raw: unknown): Promise<VerifiedUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (await limiter.blocked(email)) throw new Error(TOO_MANY_ATTEMPTS);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, passwordHash: true, disabled: true } });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !matches || user.disabled) {
    await limiter.failed(email);
    return null;
  }
  await limiter.succeeded(email);
  return { id: user.id, name: user.name, email: user.email };
}
