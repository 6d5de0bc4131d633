import { describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { MAX_FAILED_SIGN_INS, TOO_MANY_ATTEMPTS, postgresSignInLimiter, verifyCredentials } from "@/lib/auth/credentials";
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
});
