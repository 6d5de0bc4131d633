import { describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { MAX_FAILED_SIGN_INS, TOO_MANY_ATTEMPTS, TOO_MANY_ATTEMPTS_FROM_ADDRESS, postgresSignInLimiter, verifyCredentials } from "@/lib/auth/credentials";
import { testDb, testPool } from "./setup";

describe("password sign-in (demo and test accounts)", () => {
  const limiter = postgresSignInLimiter(testPool);

  async function account(disabled = false) {
    const email = `signin.${Math.random().toString(36).slice(2, 8)}@test.records.test`;
    await testDb.user.create({ data: { email, name: "Sign In", role: "PRACTICE_STAFF", passwordHash: await bcrypt.hash("right-password", 4), disabled } });
    return email;
  }

  it("accepts the right password (email case and spaces ignored), refuses wrong, unknown, disabled and bad input", async () => {
    const email = await account();
    expect(await verifyCredentials(testDb, limiter, { email: ` ${email.toUpperCase()} `, password: "right-password" })).toMatchObject({ email });
    expect(await verifyCredentials(testDb, limiter, { email, password: "wrong" })).toBeNull();
    expect(await verifyCredentials(testDb, limiter, { email: "nobody@test.records.test", password: "right-password" })).toBeNull();
    expect(await verifyCredentials(testDb, limiter, { email: await account(true), password: "right-password" })).toBeNull();
    expect(await verifyCredentials(testDb, limiter, { email: ["x"], password: 1 })).toBeNull();
  });

  it(`locks an email after ${MAX_FAILED_SIGN_INS} failures, even for the right password; other emails are unaffected`, async () => {
    const email = await account();
    const other = await account();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect(await verifyCredentials(testDb, limiter, { email, password: `guess-${i}` })).toBeNull();
    await expect(verifyCredentials(testDb, limiter, { email, password: "right-password" })).rejects.toThrow(TOO_MANY_ATTEMPTS);
    expect(await verifyCredentials(testDb, limiter, { email: other, password: "right-password" })).toMatchObject({ email: other });
  });

  it("a success clears earlier failures", async () => {
    const email = await account();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await verifyCredentials(testDb, limiter, { email, password: "wrong" });
    expect(await verifyCredentials(testDb, limiter, { email, password: "right-password" })).not.toBeNull();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await verifyCredentials(testDb, limiter, { email, password: "wrong" });
    expect(await verifyCredentials(testDb, limiter, { email, password: "right-password" })).not.toBeNull();
  });

  describe("against password spraying, without locking a known user out (issue 7, item 9)", () => {
    const prefix = () => `t${Math.random().toString(36).slice(2, 8)}`;

    it("blocks a client address after too many failures across any emails; other addresses are unaffected", async () => {
      const spray = postgresSignInLimiter(testPool, { perAddress: 5 }, prefix());
      const victims = await Promise.all(Array.from({ length: 5 }, () => account()));
      for (const email of victims) expect(await verifyCredentials(testDb, spray, { email, password: "Winter2026!" }, { ip: "203.0.113.7" })).toBeNull();
      const target = await account();
      await expect(verifyCredentials(testDb, spray, { email: target, password: "right-password" }, { ip: "203.0.113.7" })).rejects.toThrow(TOO_MANY_ATTEMPTS_FROM_ADDRESS);
      expect(await verifyCredentials(testDb, spray, { email: target, password: "right-password" }, { ip: "198.51.100.2" })).toMatchObject({ email: target });
      // Each victim had one failure: none of them is locked.
      expect(await verifyCredentials(testDb, spray, { email: victims[0], password: "right-password" }, { ip: "198.51.100.2" })).toMatchObject({ email: victims[0] });
    });

    it("a locked email still signs in from an address it signed in from before; locks expire", async () => {
      const limiter = postgresSignInLimiter(testPool, { lockoutSeconds: 2 }, prefix());
      const email = await account();
      const home = "192.0.2.10";
      expect(await verifyCredentials(testDb, limiter, { email, password: "right-password" }, { ip: home })).not.toBeNull();
      // Someone elsewhere guesses until the email locks.
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await verifyCredentials(testDb, limiter, { email, password: `guess-${i}` }, { ip: `203.0.113.${i}` });
      await expect(verifyCredentials(testDb, limiter, { email, password: "right-password" }, { ip: "203.0.113.99" })).rejects.toThrow(TOO_MANY_ATTEMPTS);
      // The user, from where they usually sign in, is not locked out.
      expect(await verifyCredentials(testDb, limiter, { email, password: "right-password" }, { ip: home })).toMatchObject({ email });
      // And the lock ends on its own.
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await verifyCredentials(testDb, limiter, { email, password: `guess-${i}` }, { ip: "203.0.113.50" });
      await expect(verifyCredentials(testDb, limiter, { email, password: "right-password" }, { ip: "203.0.113.99" })).rejects.toThrow(TOO_MANY_ATTEMPTS);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect(await verifyCredentials(testDb, limiter, { email, password: "right-password" }, { ip: "203.0.113.99" })).toMatchObject({ email });
    });

    it("slows every attempt when failures portal-wide are unusually many, but never blocks", async () => {
      const limiter = postgresSignInLimiter(testPool, { globalPerMinute: 4, globalSlowdownMs: 400 }, prefix());
      expect(await limiter.slowdownMs()).toBe(0);
      for (let i = 0; i < 4; i++) await verifyCredentials(testDb, limiter, { email: await account(), password: "Spring2026!" }, { ip: `198.18.0.${i}` });
      expect(await limiter.slowdownMs()).toBe(400);
      const email = await account();
      const started = Date.now();
      expect(await verifyCredentials(testDb, limiter, { email, password: "right-password" }, { ip: "198.18.1.1" })).toMatchObject({ email });
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    });
  });
});
