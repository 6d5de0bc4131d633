import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import type { Actor } from "@/lib/auth/actor";
import { actorForSession, type SessionClaims } from "@/lib/auth/sessions";
import { ROLE_AUDIENCE, homeFor, type Audience } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The user and session ids in the request's session cookie (a JWT signed with NEXTAUTH_SECRET), or null. */
export async function sessionClaims(): Promise<SessionClaims | null> {
  // Not wrapped in try/catch: reading cookies is what tells Next.js a page is per-request (during a build it
  // throws on purpose, so that the page is not prerendered as signed out).
  const jar = await cookies();
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!token) return null;
  try {
    const payload = await decode({ token, secret });
    return typeof payload?.sub === "string" && typeof payload.sid === "string" ? { userId: payload.sub, sessionId: payload.sid } : null;
  } catch {
    return null;
  }
}

/** The signed-in user and their live session for this request (a request is activity), or null. Cached per request. */
export const getSignedIn = cache(async () => actorForSession(db, await sessionClaims()));

/** The signed-in, enabled user of a live session, or null. Cached per request. */
export async function getActor(): Promise<Actor | null> {
  return (await getSignedIn())?.actor ?? null;
}

/**
 * For route-group layouts and pages: anyone not signed in goes to sign-in, anyone of another audience goes
 * to their own home. Convenience only: data access checks permissions again.
 */
export async function requireAudience(audience: Audience): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  if (ROLE_AUDIENCE[actor.role] !== audience) redirect(homeFor(actor.role));
  return actor;
}
