// Issue 7, item 4: sessions end on the server (sign-out, idle 30 minutes, absolute 12 hours, disabled user),
// checked with an injected clock against the real session table.
import { describe, expect, it } from "vitest";
import { actorForSession, checkSession, extendSession, revokeSession, sessionPolicy, startSession } from "@/lib/auth/sessions";
import { authOptions } from "@/lib/auth/options";
import { createOrganisation, createUser } from "../fixtures/factories";
import { testDb } from "./setup";

const MIN = 60_000;
const policy = sessionPolicy({});
const t0 = new Date("2026-11-23T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

async function staff() {
  const org = await createOrganisation(testDb);
  return createUser(testDb, "PRACTICE_STAFF", { organisationId: org.id });
}

describe("server-side sessions", () => {
  it("default to 30 minutes idle, 12 hours in all and a 2-minute warning; the environment changes them", () => {
    expect(policy).toMatchObject({ idleMs: 30 * MIN, absoluteMs: 12 * 60 * MIN, warningMs: 2 * MIN });
    expect(sessionPolicy({ SESSION_IDLE_MINUTES: "15", SESSION_MAX_HOURS: "8", SESSION_WARNING_SECONDS: "60" })).toMatchObject({ idleMs: 15 * MIN, absoluteMs: 8 * 60 * MIN, warningMs: MIN });
    expect(sessionPolicy({ SESSION_IDLE_MINUTES: "nonsense" }).idleMs).toBe(30 * MIN);
  });

  it("end after 30 minutes without a request; activity moves the end on, written at most once a minute", async () => {
    const user = await staff();
    const sid = await startSession(testDb, user.id, t0, policy);
    const claims = { userId: user.id, sessionId: sid };
    const lastSeen = async () => (await testDb.userSession.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt.getTime();

    expect((await actorForSession(testDb, claims, { now: at(29 * MIN) }))?.actor.id).toBe(user.id);
    expect(await lastSeen()).toBe(at(29 * MIN).getTime());
    // Within the minute: no write.
    await checkSession(testDb, user.id, sid, { now: at(29 * MIN + 30_000), policy });
    expect(await lastSeen()).toBe(at(29 * MIN).getTime());
    // A status poll is not activity.
    await checkSession(testDb, user.id, sid, { now: at(40 * MIN), activity: false, policy });
    expect(await lastSeen()).toBe(at(29 * MIN).getTime());
    // 30 minutes after the last activity: signed out, and a request then does not bring it back.
    expect(await actorForSession(testDb, claims, { now: at(59 * MIN) })).toBeNull();
    expect(await checkSession(testDb, user.id, sid, { now: at(59 * MIN), policy })).toEqual({ live: false, reason: "idle" });
    expect(await actorForSession(testDb, claims, { now: at(59 * MIN + 10_000) })).toBeNull();
  });

  it("end 12 hours after sign-in however active; 'stay signed in' moves only the idle end", async () => {
    const user = await staff();
    const sid = await startSession(testDb, user.id, t0, policy);
    for (let m = 20; m < 12 * 60; m += 20) {
      const state = await checkSession(testDb, user.id, sid, { now: at(m * MIN), policy });
      expect(state.live, `at ${m} minutes`).toBe(true);
    }
    const extended = await extendSession(testDb, user.id, sid, at(12 * 60 * MIN - 5 * MIN), policy);
    expect(extended.live && extended.endsAt.getTime()).toBe(at(12 * 60 * MIN).getTime());
    expect(await checkSession(testDb, user.id, sid, { now: at(12 * 60 * MIN), policy })).toEqual({ live: false, reason: "expired" });
  });

  it("end at sign-out, and for every session of a user who is disabled", async () => {
    const user = await staff();
    const [one, two] = [await startSession(testDb, user.id, t0, policy), await startSession(testDb, user.id, t0, policy)];
    await revokeSession(testDb, one, "SIGN_OUT", at(MIN));
    expect(await checkSession(testDb, user.id, one, { now: at(2 * MIN), policy })).toEqual({ live: false, reason: "revoked" });
    expect((await checkSession(testDb, user.id, two, { now: at(2 * MIN), policy })).live).toBe(true);
    await testDb.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await checkSession(testDb, user.id, two, { now: at(3 * MIN), policy })).toEqual({ live: false, reason: "revoked" });
    expect((await testDb.userSession.findUniqueOrThrow({ where: { id: two } })).revokedReason).toBe("USER_DISABLED");
  });

  it("never accept another user's session id, or one that is not an id", async () => {
    const [a, b] = [await staff(), await staff()];
    const sid = await startSession(testDb, a.id, t0, policy);
    expect(await actorForSession(testDb, { userId: b.id, sessionId: sid }, { now: at(MIN) })).toBeNull();
    expect(await actorForSession(testDb, { userId: a.id, sessionId: "not-a-session" }, { now: at(MIN) })).toBeNull();
  });

  it("start at sign-in (the cookie names the session) and are revoked and audited at sign-out (next-auth callbacks)", async () => {
    const user = await staff();
    const jwt = authOptions.callbacks!.jwt!;
    const token = await jwt({ token: {}, user: { id: user.id }, account: null } as never);
    expect(token.sub).toBe(user.id);
    expect(typeof token.sid).toBe("string");
    // next-auth reading the cookie of a live session gets it back; of an ended one, an error (no session).
    await expect(jwt({ token } as never)).resolves.toMatchObject({ sid: token.sid });
    await authOptions.events!.signOut!({ token } as never);
    const row = await testDb.userSession.findUniqueOrThrow({ where: { id: token.sid as string } });
    expect(row.revokedReason).toBe("SIGN_OUT");
    await expect(jwt({ token } as never)).rejects.toThrow("SessionEnded");
    expect(await testDb.auditEvent.count({ where: { action: "SIGN_OUT", actorUserId: user.id } })).toBe(1);
  });
});
