import { beforeAll, describe, expect, it } from "vitest";
import { createMovement } from "@/lib/movements/commands";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { createOrganisation, createPracticeWithBranch, createUser, sendRecordForm } from "../fixtures/factories";
import { testDb } from "./setup";

/** Everything a send writes, apart from the audit trail (a refused attempt is audited: SEND_REFUSED). */
async function counts() {
  const [movements, patients, events, otherAudits] = await Promise.all([
    testDb.recordMovement.count(),
    testDb.patient.count(),
    testDb.trackingEvent.count(),
    testDb.auditEvent.count({ where: { action: { not: "SEND_REFUSED" } } }),
  ]);
  return { movements, patients, events, otherAudits };
}

async function expectValidation(actor: Actor, form: Record<string, unknown>, field: string, message: RegExp) {
  const before = await counts();
  const refusals = await testDb.auditEvent.count({ where: { action: "SEND_REFUSED", actorUserId: actor.id } });
  const error = await createMovement(testDb, actor, form).catch((e) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fieldErrors[field]?.[0]).toMatch(message);
  expect(await counts()).toEqual(before);
  expect(await testDb.auditEvent.count({ where: { action: "SEND_REFUSED", actorUserId: actor.id } })).toBe(refusals + 1);
}

describe("creating a record movement", () => {
  let sender: Awaited<ReturnType<typeof createPracticeWithBranch>>;
  let receiver: Awaited<ReturnType<typeof createOrganisation>>;
  let staff: Actor;

  beforeAll(async () => {
    sender = await createPracticeWithBranch(testDb, "Y63");
    receiver = await createOrganisation(testDb, { regionCode: "Y56" });
    staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.practice.id });
  });

  it("creates the movement, its first event and an audit row, with a working-day due date", async () => {
    const form = sendRecordForm({ fromOrganisationId: sender.practice.id, destinationOdsCode: receiver.odsCode.toLowerCase(), priority: "URGENT" });
    // Friday 20 November 2026, 16:00 London. Policy version 1, urgent practice to practice: released within 2 working
    // days (Tuesday 24 November), the whole journey within 8 (Wednesday 2 December).
    const now = new Date("2026-11-20T16:00:00Z");
    const created = await createMovement(testDb, staff, form, now);
    expect(created.reference).toMatch(/^RM-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const m = await testDb.recordMovement.findUniqueOrThrow({ where: { id: created.id }, include: { trackingEvents: true, patient: true } });
    expect(m.status).toBe("REQUESTED");
    expect(m.priority).toBe("URGENT");
    expect(m.policyVersion).toBe(1);
    expect(m.dueDate.toISOString().slice(0, 10)).toBe("2026-12-02");
    expect(m.releaseDueDate?.toISOString().slice(0, 10)).toBe("2026-11-24");
    const clocks = await testDb.movementClock.findMany({ where: { movementId: m.id }, orderBy: { kind: "asc" } });
    expect(clocks.map((c) => [c.kind, c.dueDate.toISOString().slice(0, 10), c.breachedAt])).toEqual([
      ["RELEASE", "2026-11-24", null],
      ["END_TO_END", "2026-12-02", null],
    ]);
    expect(m.regionCode).toBe("Y56");
    expect(m.toOrganisationId).toBe(receiver.id);
    expect(m.patient.nhsNumber).toBe(form.nhsNumber);
    expect(m.trackingEvents.map((e) => e.type)).toEqual(["CREATED"]);
    const audit = await testDb.auditEvent.findFirst({ where: { action: "CREATE_MOVEMENT", entityId: m.id } });
    expect(audit?.actorUserId).toBe(staff.id);
    expect(audit?.patientId).toBe(m.patientId);
    expect(JSON.stringify(audit, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(String(form.nhsNumber));
  });

  it("lets a practice send from its branch surgery, and branch staff send for the practice", async () => {
    const fromBranch = await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: sender.branch.id, destinationOdsCode: receiver.odsCode }));
    expect(fromBranch.reference).toBeTruthy();
    const branchStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.branch.id });
    expect(branchStaff.scopeOrganisationIds.sort()).toEqual([sender.practice.id, sender.branch.id].sort());
    await createMovement(testDb, branchStaff, sendRecordForm({ fromOrganisationId: sender.practice.id, destinationOdsCode: receiver.odsCode }));
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const base = { fromOrganisationId: sender.practice.id, destinationOdsCode: receiver.odsCode };
    await expectValidation(staff, sendRecordForm({ ...base, nhsNumber: "9434765918" }), "nhsNumber", /check digit/);
    await expectValidation(staff, sendRecordForm({ ...base, destinationOdsCode: "ZZ9999" }), "destinationOdsCode", /No organisation has the ODS code ZZ9999/);
    await expectValidation(staff, sendRecordForm({ ...base, givenName: "x".repeat(101) }), "givenName", /100 characters/);
    await expectValidation(staff, sendRecordForm({ ...base, notes: "<script>alert(1)</script>" }), "notes", /< or >/);
    await expectValidation(staff, sendRecordForm({ ...base, bagCount: ["2"] }), "bagCount", /number/);
    await expectValidation(staff, sendRecordForm({ ...base, destinationOdsCode: sender.branch.odsCode }), "destinationOdsCode", /your own practice/);
    await expectValidation(staff, sendRecordForm({ ...base, purpose: "PRACTICE_TO_STORE/DECEASED" }), "destinationOdsCode", /cannot go to a GP practice/);
    const closed = await createOrganisation(testDb, { closed: true });
    await expectValidation(staff, sendRecordForm({ ...base, destinationOdsCode: closed.odsCode }), "destinationOdsCode", /closed/);
    const wales = await createOrganisation(testDb, { country: "WALES", regionCode: null });
    await expectValidation(staff, sendRecordForm({ ...base, destinationOdsCode: wales.odsCode }), "destinationOdsCode", /outside England/);
  });

  it("never sends from a site outside the user's practice (id guessing)", async () => {
    const other = await createOrganisation(testDb);
    await expectValidation(staff, sendRecordForm({ fromOrganisationId: other.id, destinationOdsCode: receiver.odsCode }), "fromOrganisationId", /sending/);
  });

  it("keeps each send's names and date of birth on its own movement: a later send never renames an earlier one", async () => {
    const form = sendRecordForm({ fromOrganisationId: sender.practice.id, destinationOdsCode: receiver.odsCode });
    const first = await createMovement(testDb, staff, form);
    const renamed = await createMovement(testDb, staff, { ...form, familyName: "King", dobYear: "1986" });
    const [m1, m2] = await Promise.all([first, renamed].map((c) => testDb.recordMovement.findUniqueOrThrow({ where: { id: c.id } })));
    expect([m1.patientFamilyName, m1.patientDateOfBirth.toISOString().slice(0, 10)]).toEqual(["Lovelace", "1985-12-10"]);
    expect([m2.patientFamilyName, m2.patientDateOfBirth.toISOString().slice(0, 10)]).toEqual(["King", "1986-12-10"]);
    expect(m1.patientId).toBe(m2.patientId);
  });

  it("refuses every role that may not send, writing nothing", async () => {
    for (const role of ["PCSE_CASEWORKER", "PCSE_SUPERVISOR", "COMMISSIONER", "ADMINISTRATOR"] as const) {
      const actor = await createUser(testDb, role, { organisationId: sender.practice.id });
      const before = await counts();
      await expect(createMovement(testDb, actor, sendRecordForm({ fromOrganisationId: sender.practice.id, destinationOdsCode: receiver.odsCode }))).rejects.toBeInstanceOf(ForbiddenError);
      expect(await counts()).toEqual(before);
    }
    await expect(createMovement(testDb, null, sendRecordForm())).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("treats a disabled user as signed out", async () => {
    const disabled = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.practice.id });
    await testDb.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const { loadActor } = await import("@/lib/auth/actor");
    expect(await loadActor(testDb, disabled.id)).toBeNull();
  });
});

describe("two practices sending the same new patient's record at the same moment", () => {
  it("both succeed, with one patient", async () => {
    const a = await createOrganisation(testDb);
    const b = await createOrganisation(testDb);
    const to = await createOrganisation(testDb);
    const staffA = await createUser(testDb, "PRACTICE_STAFF", { organisationId: a.id });
    const staffB = await createUser(testDb, "PRACTICE_STAFF", { organisationId: b.id });
    const form = sendRecordForm({ destinationOdsCode: to.odsCode });
    const results = await Promise.all([
      createMovement(testDb, staffA, { ...form, fromOrganisationId: a.id }),
      createMovement(testDb, staffB, { ...form, fromOrganisationId: b.id }),
    ]);
    expect(results.every((r) => r.reference)).toBe(true);
    const patients = await testDb.patient.findMany({ where: { nhsNumber: String(form.nhsNumber) }, include: { movements: true } });
    expect(patients).toHaveLength(1);
    expect(patients[0].movements).toHaveLength(2);
  });
});
