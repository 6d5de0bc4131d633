// The server action as the browser calls it (a FormData post), including wrong types posted straight at it.
// Only our own session lookup is replaced, to say who is signed in; the database is real.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createOrganisation, createUser, sendRecordForm } from "../fixtures/factories";
import { testDb } from "./setup";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));

const { sendRecordAction } = await import("@/lib/movements/actions");

function formData(values: Record<string, unknown>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v instanceof Blob ? v : String(v));
  return fd;
}

describe("sendRecordAction", () => {
  let staff: Actor;
  let destination: string;

  beforeAll(async () => {
    const practice = await createOrganisation(testDb);
    destination = (await createOrganisation(testDb)).odsCode;
    staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
  });

  it("redirects to the new movement on success", async () => {
    session.actor = staff;
    const error = await sendRecordAction({ status: "idle" }, formData(sendRecordForm({ fromOrganisationId: staff.organisationId, destinationOdsCode: destination }))).catch((e) => e);
    expect(String((error as { digest?: string }).digest)).toMatch(/NEXT_REDIRECT;.*\/practice\/movements\/RM-/);
  });

  it("returns field errors and the user's values for bad input, writing nothing", async () => {
    session.actor = staff;
    const before = await testDb.recordMovement.count();
    const fd = formData(sendRecordForm({ fromOrganisationId: staff.organisationId, destinationOdsCode: destination, nhsNumber: "123", bagCount: "lots" }));
    fd.set("givenName", new Blob(["not text"]));
    const state = await sendRecordAction({ status: "idle" }, fd);
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.nhsNumber?.[0]).toMatch(/10 digits/);
    expect(state.fieldErrors?.bagCount?.[0]).toMatch(/number/);
    expect(state.fieldErrors?.givenName?.[0]).toMatch(/given name/);
    expect(state.values?.familyName).toBe("Lovelace");
    expect(await testDb.recordMovement.count()).toBe(before);
  });

  it("refuses a commissioner or a signed-out caller, with a message and no write", async () => {
    const before = await testDb.recordMovement.count();
    session.actor = await createUser(testDb, "COMMISSIONER");
    expect((await sendRecordAction({ status: "idle" }, formData(sendRecordForm({ destinationOdsCode: destination })))).formError).toMatch(/permission/);
    session.actor = null;
    expect((await sendRecordAction({ status: "idle" }, formData(sendRecordForm({ destinationOdsCode: destination })))).formError).toMatch(/Sign in/);
    expect(await testDb.recordMovement.count()).toBe(before);
  });

  it("refuses a NUL byte in a field with a message on that field, audited, writing nothing (issue 7)", async () => {
    session.actor = staff;
    const before = await testDb.recordMovement.count();
    const refusals = await testDb.auditEvent.count({ where: { action: "SEND_REFUSED", actorUserId: staff.id } });
    const fd = formData(sendRecordForm({ fromOrganisationId: staff.organisationId, destinationOdsCode: destination, givenName: "A\u0000da" }));
    const state = await sendRecordAction({ status: "idle" }, fd);
    expect(state.fieldErrors?.givenName?.[0]).toMatch(/unusual character/);
    expect(state.formError ?? "").not.toMatch(/Something went wrong/);
    expect(await testDb.recordMovement.count()).toBe(before);
    expect(await testDb.auditEvent.count({ where: { action: "SEND_REFUSED", actorUserId: staff.id } })).toBe(refusals + 1);
  });

  it("answers a call with something other than form data with a message, not an exception (issue 7)", async () => {
    session.actor = staff;
    for (const notAForm of ["hello", undefined, { nhsNumber: "9434765919" }, 42]) {
      const state = await sendRecordAction({ status: "idle" }, notAForm as unknown as FormData);
      expect(state).toMatchObject({ status: "error", formError: expect.stringMatching(/could not be read/) });
    }
  });
});
