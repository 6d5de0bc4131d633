// Issue 7, items 1, 2 and 10: a practice's send never changes what another practice sees and never reveals what
// the portal holds for an NHS number; every send attempt is audited and rate-limited; showing the NHS number
// reported on a wrong-patient problem is an audited view of that patient.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createMovement } from "@/lib/movements/commands";
import { getMovement, listPracticeMovements } from "@/lib/movements/queries";
import { searchPcse } from "@/lib/cases/search";
import { attentionQueue } from "@/lib/tracking/queries";
import { reportProblem } from "@/lib/receipt/commands";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { TooManyRequestsError, ValidationError } from "@/lib/errors";
import { createOrganisation, createUser, nextNhsNumber, sendRecordForm } from "../fixtures/factories";
import { labelledMovements } from "../fixtures/labelled";
import { testDb, testTransactions } from "./setup";

type Org = Awaited<ReturnType<typeof createOrganisation>>;

const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

describe("patient demographics are the sender's own, per movement", () => {
  let a: Org, b: Org, c: Org, d: Org;
  let staffA: Actor, staffB: Actor, staffC: Actor, caseworker: Actor;

  beforeAll(async () => {
    [a, b, c, d] = await Promise.all([createOrganisation(testDb), createOrganisation(testDb), createOrganisation(testDb), createOrganisation(testDb)]);
    staffA = await createUser(testDb, "PRACTICE_STAFF", { organisationId: a.id });
    staffB = await createUser(testDb, "PRACTICE_STAFF", { organisationId: b.id });
    staffC = await createUser(testDb, "PRACTICE_STAFF", { organisationId: c.id });
    caseworker = await createUser(testDb, "PCSE_CASEWORKER");
  });

  it("another practice sending the same NHS number with other names and date of birth renames nobody (item 1)", async () => {
    const nhsNumber = nextNhsNumber();
    const original = await createMovement(testDb, staffA, sendRecordForm({ nhsNumber, givenName: "Ada", familyName: "Lovelace", dobDay: "10", dobMonth: "12", dobYear: "1985", fromOrganisationId: a.id, destinationOdsCode: b.odsCode }));
    // A hostile practice C, with no relationship to the patient, sends the same NHS number with other details.
    const hostile = await createMovement(testDb, staffC, sendRecordForm({ nhsNumber, givenName: "Mallory", familyName: "Renamed", dobDay: "1", dobMonth: "1", dobYear: "1950", fromOrganisationId: c.id, destinationOdsCode: d.odsCode }));

    for (const viewer of [staffA, staffB, caseworker]) {
      const seen = await getMovement(testDb, viewer, original.reference);
      expect(seen.patientName).toBe("LOVELACE, Ada");
      expect(seen.dateOfBirth).toBe("1985-12-10");
    }
    const incoming = await listPracticeMovements(testDb, staffB, "incoming", { status: "all", q: nhsNumber });
    expect(incoming.rows.map((r) => r.patientName)).toEqual(["LOVELACE, Ada"]);
    // C's own movement keeps what C recorded (what is on C's envelope).
    expect((await getMovement(testDb, staffC, hostile.reference)).patientName).toBe("RENAMED, Mallory");

    // PCSE sees both movements of the NHS number, linked, each with its sender's details.
    const found = await searchPcse(testDb, caseworker, nhsNumber);
    expect(found.movements.map((r) => `${r.reference} ${r.patientName}`).sort()).toEqual([`${original.reference} LOVELACE, Ada`, `${hostile.reference} RENAMED, Mallory`].sort());
    const pcseView = await getMovement(testDb, caseworker, hostile.reference);
    expect(pcseView.otherMovements.map((o) => [o.reference, o.patientName, o.dateOfBirth])).toEqual([[original.reference, "LOVELACE, Ada", "1985-12-10"]]);
    expect(await testDb.patient.count({ where: { nhsNumber } })).toBe(1);
    expect(await testDb.auditEvent.count({ where: { action: "UPDATE_PATIENT_NAME", actorUserId: staffC.id } })).toBe(0);
  });

  it("a disagreement between senders goes to PCSE's queue on the new movement; neither practice is told", async () => {
    const nhsNumber = nextNhsNumber();
    const first = await createMovement(testDb, staffA, sendRecordForm({ nhsNumber, fromOrganisationId: a.id, destinationOdsCode: b.odsCode }));
    // The same practice sending again with a new surname (a marriage) is its own business: no flag.
    const again = await createMovement(testDb, staffA, sendRecordForm({ nhsNumber, familyName: "King", fromOrganisationId: a.id, destinationOdsCode: c.odsCode }));
    // Another organisation agreeing with the latest other record, up to case and spacing, raises nothing.
    const agreeing = await createMovement(testDb, staffB, sendRecordForm({ nhsNumber, givenName: " ADA ", familyName: "king", fromOrganisationId: b.id, destinationOdsCode: c.odsCode }));
    const differing = await createMovement(testDb, staffC, sendRecordForm({ nhsNumber, familyName: "King", dobYear: "1986", fromOrganisationId: c.id, destinationOdsCode: d.odsCode }));
    const flags = await testDb.recordMovement.findMany({ where: { patient: { nhsNumber } }, select: { reference: true, attentionReasons: true } });
    const reasonsOf = (ref: string) => flags.find((f) => f.reference === ref)!.attentionReasons;
    expect(reasonsOf(first.reference)).toEqual([]);
    expect(reasonsOf(again.reference)).toEqual([]);
    expect(reasonsOf(agreeing.reference)).toEqual([]);
    expect(reasonsOf(differing.reference)).toEqual(["DEMOGRAPHICS_DISAGREEMENT"]);
    const queue = await attentionQueue(testDb, caseworker, { reason: "DEMOGRAPHICS_DISAGREEMENT" });
    expect(queue.rows.map((r) => r.reference)).toContain(differing.reference);
    // The sender and the receiver see no trace of it.
    expect((await getMovement(testDb, staffC, differing.reference)).attentionReasons).toEqual([]);
    expect((await getMovement(testDb, await createUser(testDb, "PRACTICE_STAFF", { organisationId: d.id }), differing.reference)).attentionReasons).toEqual([]);
  });

  it("the send form answers the same whether or not the NHS number is known, whatever date of birth is typed (item 2)", async () => {
    const known = nextNhsNumber();
    await createMovement(testDb, staffA, sendRecordForm({ nhsNumber: known, fromOrganisationId: a.id, destinationOdsCode: b.odsCode }));
    const unknown = nextNhsNumber();
    // Wrong date of birth for a known number, and any date of birth for an unknown one: both are simply sent.
    const guesses = await Promise.all([
      createMovement(testDb, staffC, sendRecordForm({ nhsNumber: known, dobYear: "1999", fromOrganisationId: c.id, destinationOdsCode: d.odsCode })),
      createMovement(testDb, staffC, sendRecordForm({ nhsNumber: unknown, dobYear: "1999", fromOrganisationId: c.id, destinationOdsCode: d.odsCode })),
    ]);
    expect(guesses.map((g) => Object.keys(g).sort())).toEqual([["id", "reference"], ["id", "reference"]]);
    // A refusal names only the fields wrong in the form itself, never what the portal holds.
    const refused = (await createMovement(testDb, staffC, sendRecordForm({ nhsNumber: known, dobDay: "31", dobMonth: "2", fromOrganisationId: c.id, destinationOdsCode: d.odsCode })).catch((e) => e)) as ValidationError;
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.fieldErrors.dateOfBirth[0]).toMatch(/real date/);
  });

  it("audits every send attempt, refused ones with a keyed hash of the NHS number and never the number", async () => {
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: a.id });
    const nhsNumber = nextNhsNumber();
    const before = new Date(Date.now() - 1000);
    await createMovement(testDb, staff, sendRecordForm({ nhsNumber, fromOrganisationId: a.id, destinationOdsCode: "ZZ9999" })).catch(() => null);
    await createMovement(testDb, staff, sendRecordForm({ nhsNumber, fromOrganisationId: a.id, destinationOdsCode: b.odsCode }));
    const commissioner = await createUser(testDb, "COMMISSIONER");
    await createMovement(testDb, commissioner, sendRecordForm({ nhsNumber, destinationOdsCode: b.odsCode })).catch(() => null);
    const rows = await testDb.auditEvent.findMany({ where: { actorUserId: { in: [staff.id, commissioner.id] }, occurredAt: { gte: before } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.action === "SEND_REFUSED" ? (r.details as { reason: string }).reason : null])).toEqual([
      ["SEND_REFUSED", "invalid"],
      ["CREATE_MOVEMENT", null],
      ["SEND_REFUSED", "forbidden"],
    ]);
    const refusal = rows[0].details as { fields: string[]; nhsNumberHash: string };
    expect(refusal.fields).toEqual(["destinationOdsCode"]);
    expect(refusal.nhsNumberHash).toMatch(/^[0-9a-f]{32}$/);
    expect((rows[2].details as { nhsNumberHash: string }).nhsNumberHash).toBe(refusal.nhsNumberHash);
    expect(rows.every((r) => r.requestId)).toBe(true);
    expect(json(rows)).not.toContain(nhsNumber);
  });

  describe("rate limit", () => {
    afterEach(() => vi.unstubAllEnvs());

    it("refuses a user's sends over the limit with a clear message, counting refused attempts, and audits it", async () => {
      vi.stubEnv("SEND_RATE_LIMIT_PER_10_MINUTES", "3");
      const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: a.id });
      const colleague = await createUser(testDb, "PRACTICE_STAFF", { organisationId: a.id });
      await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: a.id, destinationOdsCode: "ZZ9999" })).catch(() => null);
      await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: a.id, destinationOdsCode: b.odsCode }));
      await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: a.id, destinationOdsCode: b.odsCode }));
      const movements = await testDb.recordMovement.count();
      const over = await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: a.id, destinationOdsCode: b.odsCode })).catch((e) => e);
      expect(over).toBeInstanceOf(TooManyRequestsError);
      expect((over as Error).message).toMatch(/You have sent 3 records in 10 minutes.*Wait 10 minutes/);
      expect(await testDb.recordMovement.count()).toBe(movements);
      expect(await testDb.auditEvent.count({ where: { actorUserId: staff.id, action: "SEND_REFUSED", details: { path: ["reason"], equals: "rate-limited" } } })).toBe(1);
      // Another user of the same practice is counted separately.
      await createMovement(testDb, colleague, sendRecordForm({ fromOrganisationId: a.id, destinationOdsCode: b.odsCode }));
    });
  });
});

describe("the NHS number reported on a wrong-patient problem (item 10)", () => {
  it("is an audited view of that patient when shown: its id when known, else a keyed hash; the sender never sees it", async () => {
    const { references, barcodes, receiverStaff, staff: senderStaff, sender, receiver } = await labelledMovements(testDb, 2);
    const at = (minutes: number) => new Date(Date.now() - 60 * 60_000 + minutes * 60_000);
    await ingestCourierEvents(
      testTransactions,
      barcodes.flatMap((barcode) => [
        { eventId: randomUUID(), barcode, type: "COLLECTED" as const, occurredAt: at(1) },
        { eventId: randomUUID(), barcode, type: "DELIVERED" as const, occurredAt: at(2) },
      ]),
    );
    // A patient the portal knows (another practice sent their record), and a number it has never seen.
    const knownNumber = nextNhsNumber();
    const other = await createOrganisation(testDb);
    const otherStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: other.id });
    await createMovement(testDb, otherStaff, sendRecordForm({ nhsNumber: knownNumber, fromOrganisationId: other.id, destinationOdsCode: sender.odsCode }));
    const knownPatient = await testDb.patient.findUniqueOrThrow({ where: { nhsNumber: knownNumber } });
    const unknownNumber = nextNhsNumber();
    await reportProblem(testDb, receiverStaff, { reference: references[0], kind: "WRONG_PATIENT", receivedNhsNumber: knownNumber });
    await reportProblem(testDb, receiverStaff, { reference: references[1], kind: "WRONG_PATIENT", receivedNhsNumber: unknownNumber });
    const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    expect(receiver.id).toBeTruthy();

    const before = new Date(Date.now() - 1000);
    const shown = await getMovement(testDb, receiverStaff, references[0]);
    expect(shown.problems[0].receivedNhsNumber).toBe(knownNumber);
    await getMovement(testDb, caseworker, references[1]);
    const views = await testDb.auditEvent.findMany({ where: { action: "VIEW_REPORTED_PATIENT", occurredAt: { gte: before } }, orderBy: { id: "asc" } });
    expect(views.map((v) => [v.actorUserId, v.patientId])).toEqual([
      [receiverStaff.id, knownPatient.id],
      [caseworker.id, null],
    ]);
    expect((views[1].details as { nhsNumberHash: string }).nhsNumberHash).toMatch(/^[0-9a-f]{32}$/);
    expect(json(views)).not.toContain(unknownNumber);
    // The sender is not shown another patient's NHS number, so nothing is audited for it either.
    const senderView = await getMovement(testDb, senderStaff, references[0]);
    expect(senderView.problems[0].receivedNhsNumber).toBeNull();
    expect(await testDb.auditEvent.count({ where: { action: "VIEW_REPORTED_PATIENT", actorUserId: senderStaff.id } })).toBe(0);
  });
});
