import "server-only";
// Password sign-in for demo and test accounts, with limits against guessing, counted in PostgreSQL so they hold
// across server processes. Only failures count; every lock expires on its own.
//   - Per email: 10 failures in 15 minutes lock the email for 15 minutes (a success clears the count)...
//     ...except from a client address the account has signed in from successfully in the last 30 days: someone
//     guessing elsewhere cannot lock a known user out, however long they keep at it.
//   - Per client address: 30 failures in 15 minutes block that address for 15 minutes, whatever emails it tries
//     (password spraying: one password against many accounts).
//   - Globally: above 100 failures a minute across the portal (spraying from many addresses), every attempt is
//     slowed by a second. It slows; it never blocks, so it cannot be used to lock everyone out.
import bcrypt from "bcryptjs";
import type pg from "pg";
import { postgresRateLimiter } from "@/lib/db/rate-limiter";
import { z } from "zod";
import type { Db } from "@/lib/db/client";

export const MAX_FAILED_SIGN_INS = 10;
export const LOCKOUT_SECONDS = 15 * 60;
export const MAX_FAILED_SIGN_INS_PER_ADDRESS = 30;
export const GLOBAL_FAILURES_PER_MINUTE = 100;
export const GLOBAL_SLOWDOWN_MS = 1000;
export const KNOWN_ADDRESS_DAYS = 30;

/** Thrown to the sign-in form: next-auth passes the message through as the result's `error`. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";
export const TOO_MANY_ATTEMPTS_FROM_ADDRESS = "TooManyAttemptsFromAddress";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

// A real bcrypt hash of a random string: unknown emails cost the same time as wrong passwords.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.qE0yKqz3L7H0rNxMGUK6s1fOS7m2";

export type SignInLimiter = {
  /** Why this attempt is refused before the password is checked, or null. */
  blocked(email: string, ip?: string | null): Promise<typeof TOO_MANY_ATTEMPTS | typeof TOO_MANY_ATTEMPTS_FROM_ADDRESS | null>;
  failed(email: string, ip?: string | null): Promise<void>;
  succeeded(email: string, ip?: string | null): Promise<void>;
  /** How long to hold every attempt back while failures portal-wide are unusually many. */
  slowdownMs(): Promise<number>;
};

export type SignInLimits = {
  perEmail: number;
  perAddress: number;
  lockoutSeconds: number;
  globalPerMinute: number;
  globalSlowdownMs: number;
  knownAddressDays: number;
};

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perEmail: MAX_FAILED_SIGN_INS,
  perAddress: MAX_FAILED_SIGN_INS_PER_ADDRESS,
  lockoutSeconds: LOCKOUT_SECONDS,
  globalPerMinute: GLOBAL_FAILURES_PER_MINUTE,
  globalSlowdownMs: GLOBAL_SLOWDOWN_MS,
  knownAddressDays: KNOWN_ADDRESS_DAYS,
};

/** `keyPrefix` keeps tests' counters apart from each other and from the portal's. */
export function postgresSignInLimiter(pool: pg.Pool, limits: Partial<SignInLimits> = {}, keyPrefix = "signin"): SignInLimiter {
  const l = { ...DEFAULT_SIGN_IN_LIMITS, ...limits };
  const byEmail = postgresRateLimiter(pool, { keyPrefix, points: l.perEmail, durationSeconds: l.lockoutSeconds });
  const byAddress = postgresRateLimiter(pool, { keyPrefix: `${keyPrefix}-ip`, points: l.perAddress, durationSeconds: l.lockoutSeconds });
  const everyone = postgresRateLimiter(pool, { keyPrefix: `${keyPrefix}-all`, points: l.globalPerMinute, durationSeconds: 60 });
  const known = postgresRateLimiter(pool, { keyPrefix: `${keyPrefix}-known`, points: 1, durationSeconds: l.knownAddressDays * 86_400 });
  const pair = (email: string, ip: string) => `${email}|${ip}`;
  const consumed = async (limiter: typeof byEmail, key: string) => (await limiter.get(key))?.consumedPoints ?? 0;
  return {
    async blocked(email, ip) {
      if (ip && (await consumed(byAddress, ip)) >= l.perAddress) return TOO_MANY_ATTEMPTS_FROM_ADDRESS;
      if ((await consumed(byEmail, email)) < l.perEmail) return null;
      // Locked, unless this is an address the account signed in from before.
      return ip && (await consumed(known, pair(email, ip))) > 0 ? null : TOO_MANY_ATTEMPTS;
    },
    async failed(email, ip) {
      await Promise.all([byEmail.penalty(email, 1), everyone.penalty("all", 1), ip ? byAddress.penalty(ip, 1) : null]);
    },
    async succeeded(email, ip) {
      await byEmail.delete(email);
      if (ip) await known.set(pair(email, ip), 1, l.knownAddressDays * 86_400);
    },
    async slowdownMs() {
      return (await consumed(everyone, "all")) >= l.globalPerMinute ? l.globalSlowdownMs : 0;
    },
  };
}

export type VerifiedUser = { id: string; name: string; email: string };

/**
 * Returns the user for a correct email and password, null otherwise; throws TOO_MANY_ATTEMPTS when the email is
 * locked (for this address) and TOO_MANY_ATTEMPTS_FROM_ADDRESS when the client address is.
 */
export async function verifyCredentials(db: Db, limiter: SignInLimiter, raw: unknown, client: { ip?: string | null } = {}): Promise<VerifiedUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = client.ip ?? null;
  const delay = await limiter.slowdownMs();
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const refusal = await limiter.blocked(email, ip);
  if (refusal) throw new Error(refusal);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, passwordHash: true, disabled: true } });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !matches || user.disabled) {
    await limiter.failed(email, ip);
    return null;
  }
  await limiter.succeeded(email, ip);
  return { id: user.id, name: user.name, email: user.email };
}
