import "server-only";
// Server-side sessions. The session cookie is a signed JWT holding the user id and this session's id; every
// request checks the session row, so
//   - signing out ends the session on the server: a copied cookie stops working at once;
//   - a session ends after SESSION_IDLE_MINUTES (default 30) without a request, and SESSION_MAX_HOURS (default
//     12) after sign-in whatever its activity;
//   - disabling a user revokes their sessions (a database trigger), and loadActor refuses them anyway.
// lastSeenAt is written at most once a minute per session, so reading a page costs one indexed read, not a write.
// Every function takes `now`, so the rules are tested with an injected clock.
import type { Db } from "@/lib/db/client";
import { loadActor, type Actor } from "@/lib/auth/actor";

export type SessionPolicy = { idleMs: number; absoluteMs: number; warningMs: number; touchEveryMs: number };

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function sessionPolicy(env: Record<string, string | undefined> = process.env): SessionPolicy {
  const idleMs = positive(env.SESSION_IDLE_MINUTES, 30) * 60_000;
  return {
    idleMs,
    absoluteMs: positive(env.SESSION_MAX_HOURS, 12) * 3_600_000,
    // The warning never takes more than half the idle time.
    warningMs: Math.min(positive(env.SESSION_WARNING_SECONDS, 120) * 1000, idleMs / 2),
    touchEveryMs: 60_000,
  };
}

export type SessionRow = { id: string; userId: string; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null };
export type SessionState =
  | { live: true; idleEndsAt: Date; endsAt: Date }
  | { live: false; reason: "missing" | "revoked" | "idle" | "expired" };

/** Whether a session is live at `now`, and when it ends (idle and absolute). Pure. */
export function sessionState(row: SessionRow | null, userId: string, now: Date, policy: SessionPolicy): SessionState {
  if (!row || row.userId !== userId) return { live: false, reason: "missing" };
  if (row.revokedAt) return { live: false, reason: "revoked" };
  if (now.getTime() >= row.expiresAt.getTime()) return { live: false, reason: "expired" };
  const idleEndsAt = new Date(row.lastSeenAt.getTime() + policy.idleMs);
  if (now.getTime() >= idleEndsAt.getTime()) return { live: false, reason: "idle" };
  return { live: true, idleEndsAt, endsAt: row.expiresAt };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Read on every request: a raw statement (a Prisma model query costs the server a query compilation each time). */
async function findSession(db: Db, sessionId: string): Promise<SessionRow | null> {
  if (!UUID.test(sessionId)) return null;
  const [row] = await db.$queryRawUnsafe<SessionRow[]>(`SELECT id, "userId", "lastSeenAt", "expiresAt", "revokedAt" FROM "UserSession" WHERE id = $1::uuid`, sessionId);
  return row ?? null;
}

/** A new session for a user who has just signed in; its id goes into the session cookie. */
export async function startSession(db: Db, userId: string, now = new Date(), policy = sessionPolicy()): Promise<string> {
  const row = await db.userSession.create({
    data: { userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + policy.absoluteMs) },
    select: { id: true },
  });
  return row.id;
}

/**
 * Checks the session of a request. `activity` (a page, an action, an API call by the user) moves the idle
 * deadline on, writing lastSeenAt when it is more than a minute old; a status poll passes `activity: false`.
 */
export async function checkSession(db: Db, userId: string, sessionId: string, options: { now?: Date; activity?: boolean; policy?: SessionPolicy } = {}): Promise<SessionState> {
  const now = options.now ?? new Date();
  const policy = options.policy ?? sessionPolicy();
  const row = await findSession(db, sessionId);
  const state = sessionState(row, userId, now, policy);
  if (!state.live || options.activity === false || !row) return state;
  if (now.getTime() - row.lastSeenAt.getTime() < policy.touchEveryMs) return state;
  // Only a live, unrevoked row is moved on (a sign-out racing this request wins).
  await db.userSession.updateMany({ where: { id: row.id, revokedAt: null, lastSeenAt: { lt: now } }, data: { lastSeenAt: now } });
  return { live: true, idleEndsAt: new Date(now.getTime() + policy.idleMs), endsAt: row.expiresAt };
}

/** "Stay signed in": moves the idle deadline on now, whatever the once-a-minute rule. */
export async function extendSession(db: Db, userId: string, sessionId: string, now = new Date(), policy = sessionPolicy()): Promise<SessionState> {
  const state = await checkSession(db, userId, sessionId, { now, activity: false, policy });
  if (!state.live) return state;
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
  return { live: true, idleEndsAt: new Date(now.getTime() + policy.idleMs), endsAt: state.endsAt };
}

export async function revokeSession(db: Db, sessionId: string, reason = "SIGN_OUT", now = new Date()): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason.slice(0, 40) } });
}

/** How long a live session has left, as durations (the browser's clock may be wrong), for the sign-out warning. */
export function timeLeft(state: { idleEndsAt: Date; endsAt: Date }, now = new Date(), policy = sessionPolicy()) {
  return { idleMsLeft: state.idleEndsAt.getTime() - now.getTime(), msLeft: state.endsAt.getTime() - now.getTime(), warningMs: policy.warningMs };
}

export type SessionClaims = { userId: string; sessionId: string };

/** The actor of a request's session claims, or null when the session has ended or the user is disabled. */
export async function actorForSession(db: Db, claims: SessionClaims | null, options: { now?: Date; activity?: boolean } = {}): Promise<{ actor: Actor; session: Extract<SessionState, { live: true }> } | null> {
  if (!claims) return null;
  const session = await checkSession(db, claims.userId, claims.sessionId, options);
  if (!session.live) return null;
  const actor = await loadActor(db, claims.userId);
  return actor ? { actor, session } : null;
}
