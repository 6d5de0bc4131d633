import { db } from "@/lib/db/client";
import { sessionClaims } from "@/lib/auth/session";
import { checkSession, extendSession, timeLeft, type SessionState } from "@/lib/auth/sessions";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

function answer(state: SessionState): Response {
  const headers = { "cache-control": "private, no-store" };
  if (!state.live) return Response.json({ error: "Sign in to continue" }, { status: 401, headers });
  return Response.json(timeLeft(state), { headers });
}

/** When the signed-in session ends (idle and absolute), for the sign-out warning. Asking is not activity. */
export const GET = routeHandler({ name: "session", auth: "public" }, async () => {
  const claims = await sessionClaims();
  if (!claims) return answer({ live: false, reason: "missing" });
  return answer(await checkSession(db, claims.userId, claims.sessionId, { activity: false }));
});

/** "Stay signed in": the idle deadline starts again from now. */
export const POST = routeHandler({ name: "session", auth: "public", sameOrigin: true }, async () => {
  const claims = await sessionClaims();
  if (!claims) return answer({ live: false, reason: "missing" });
  return answer(await extendSession(db, claims.userId, claims.sessionId));
});
