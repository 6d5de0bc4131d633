// Issue 13: a movement sent to the wrong place can be corrected or cancelled, and a practice can say "no paper record"
// or "held at the practice", from the movement page: within the lifecycle's rules, audited, on the timeline.
import { describe, expect, it } from "vitest";
import { createMovement } from "@/lib/movements/commands";
import { cancelMovement, correctDestination, markHeldAtPractice, markNoPaperRecord } from "@/lib/movements/amendments";
import { getMovement } from "@/lib/movements/queries";
import { prepareLabels } from "@/lib/labels/commands";
import { bookCollection, markReadyForCollection } from "@/lib/collections/commands";
import { bookableDates } from "@/lib/collections/queries";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createOrganisation, createPracticeWithBranch, createUser, sendRecordForm } from "../fixtures/factories";
import { expectQueuesConsistent } from "../fixtures/queues";
import { testDb, testTransactions } from "./setup";

async function setup() {
  const { practice, branch } = await createPracticeWithBranch(testDb);
  const wrong = await createOrganisation(testDb, { regionCode: "Y56" });
  const right = await createOrganisation(testDb, { regionCode: "Y61" });
  const sender = await createUser(testDb, "PRACTICE_STAFF", { organisationId: branch.id });
  const wrongStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: wrong.id });
  const rightStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: right.id });
  const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
  const send = async (to = wrong.odsCode, extra: Record<string, unknown> = {}, now = new Date()) =>
    (await createMovement(testDb, sender, sendRecordForm({ fromOrganisationId: practice.id, destinationOdsCode: to, ...extra }), now)).reference;
  return { practice, branch, wrong, right, sender, wrongStaff, rightStaff, caseworker, send };
}

const row = (reference: string) =>
  testDb.recordMovement.findUniqueOrThrow({
    where: { reference },
    select: { id: true, status: true, toOrganisationId: true, regionCode: true, dueDate: true, labels: { select: { barcode: true, status: true, voidNote: true }, orderBy: { barcode: "asc" } }, collectionItems: true, trackingEvents: { select: { type: true, note: true, source: true } } },
  });

describe("correcting where a record is going", () => {
  it("before collection: labels voided, out of the booked collection, back to needing labels, on the timeline, audited; the old receiver loses it", async () => {
    const t = await setup();
    const reference = await t.send();
    await prepareLabels(testDb, t.sender, [reference]);
    await markReadyForCollection(testDb, t.sender, [reference]);
    const collection = await bookCollection(testDb, t.sender, { siteId: t.practice.id, collectionDate: (await bookableDates(testDb)).at(-1), references: [reference], bagCount: "1" });
    expect((await getMovement(testDb, t.wrongStaff, reference)).reference).toBe(reference);

    const result = await correctDestination(testDb, t.sender, { reference: reference.toLowerCase(), destinationOdsCode: t.right.odsCode.toLowerCase(), reason: "Registered at the practice next door" });
    expect(result).toEqual({ reference, side: "sender" });
    const m = await row(reference);
    expect(m.status).toBe("REQUESTED");
    expect(m.toOrganisationId).toBe(t.right.id);
    expect(m.regionCode).toBe("Y61");
    expect(m.labels.map((l) => [l.status, l.voidNote])).toEqual([["VOIDED", `Destination corrected to ${t.right.odsCode}`]]);
    expect(m.collectionItems).toEqual([]);
    const event = m.trackingEvents.find((e) => e.type === "DESTINATION_CORRECTED")!;
    expect(event.source).toBe("PRACTICE");
    expect(event.note).toBe(`From ${t.wrong.name} (${t.wrong.odsCode}) to ${t.right.name} (${t.right.odsCode}): Registered at the practice next door`);
    const audit = await testDb.auditEvent.findFirstOrThrow({ where: { action: "CORRECT_DESTINATION", entityId: m.id } });
    expect(audit.details).toMatchObject({ reference, from: t.wrong.odsCode, to: t.right.odsCode, labelsVoided: 1, withdrawnFrom: [collection.reference] });
    // The wrong practice no longer sees the patient's movement; the right one does, with its timeline.
    await expect(getMovement(testDb, t.wrongStaff, reference)).rejects.toBeInstanceOf(NotFoundError);
    const seen = await getMovement(testDb, t.rightStaff, reference);
    expect(seen.events.map((e) => e.type)).toContain("DESTINATION_CORRECTED");
    // New labels (the next version, with the new address) make it "label printed" again, and it can be made ready.
    const reprinted = await prepareLabels(testDb, t.sender, [reference]);
    expect(reprinted.labels.map((l) => [l.barcode, l.to.name])).toEqual([[`${reference}-1B`, t.right.name]]);
    expect((await row(reference)).status).toBe("LABELLED");
    expect((await markReadyForCollection(testDb, t.sender, [reference])).ready).toEqual([reference]);
    await expectQueuesConsistent(testDb);
  });

  it("cross-border: the due date follows the new receiver's nation, as if it had been sent there in the first place", async () => {
    const t = await setup();
    const wales = await createOrganisation(testDb, { country: "WALES", regionCode: null });
    const scotland = await createOrganisation(testDb, { kind: "CROSS_BORDER_AGENCY", country: "SCOTLAND", regionCode: null });
    const sentAt = new Date(Date.now() - 3 * 86_400_000);
    const form = { purpose: "PRACTICE_TO_CROSS_BORDER/CROSS_BORDER_REGISTRATION" };
    const reference = await t.send(wales.odsCode, form, sentAt);
    const direct = await t.send(scotland.odsCode, form, sentAt);
    await correctDestination(testDb, t.caseworker, { reference, destinationOdsCode: scotland.odsCode, reason: "Moved to Scotland, not Wales" });
    const [corrected, straight] = [await row(reference), await row(direct)];
    expect(corrected.dueDate).toEqual(straight.dueDate);
    expect(corrected.trackingEvents.find((e) => e.type === "DESTINATION_CORRECTED")!.source).toBe("PCSE");
  });

  it("refuses what the lifecycle or the purpose does not allow, with words for the form", async () => {
    const t = await setup();
    const store = await testDb.organisation.findUniqueOrThrow({ where: { odsCode: "XPCSST" } });
    const reference = await t.send();
    const refused = async (p: Promise<unknown>) => ((await p.then(() => null, (e: unknown) => e)) as ValidationError).fieldErrors;
    expect(await refused(correctDestination(testDb, t.sender, { reference, destinationOdsCode: t.wrong.odsCode, reason: "x" }))).toEqual({ destinationOdsCode: ["That is where the record is already going. Choose the right destination"] });
    expect((await refused(correctDestination(testDb, t.sender, { reference, destinationOdsCode: store.odsCode, reason: "x" })))?.destinationOdsCode?.[0]).toMatch(/records store.*cancel this movement and send it again/);
    expect((await refused(correctDestination(testDb, t.sender, { reference, destinationOdsCode: t.practice.odsCode, reason: "x" })))?.destinationOdsCode?.[0]).toMatch(/own practice/);
    expect(await refused(correctDestination(testDb, t.sender, { reference, destinationOdsCode: t.right.odsCode }))).toEqual({ reason: ["Say why the destination was wrong"] });
    // Only the sender or PCSE: the receiver is told who can.
    expect((await refused(correctDestination(testDb, t.wrongStaff, { reference, destinationOdsCode: t.right.odsCode, reason: "x" })))?.destinationOdsCode?.[0]).toMatch(/^Only the sending organisation or PCSE can correct/);
    // Another practice cannot find it at all.
    await expect(correctDestination(testDb, t.rightStaff, { reference, destinationOdsCode: t.right.odsCode, reason: "x" })).rejects.toBeInstanceOf(NotFoundError);
    // Once the courier has it, nothing of this kind is possible.
    const [label] = (await prepareLabels(testDb, t.sender, [reference])).labels;
    await ingestCourierEvents(testTransactions, [{ eventId: `amend-${reference}`, barcode: label.barcode, type: "COLLECTED", occurredAt: new Date(Date.now() - 60_000) }]);
    expect((await refused(correctDestination(testDb, t.sender, { reference, destinationOdsCode: t.right.odsCode, reason: "x" })))?.destinationOdsCode?.[0]).toBe("You cannot correct where the record is going while the record is with the courier");
    expect((await refused(cancelMovement(testDb, t.sender, { reference, reason: "x" })))?.reason?.[0]).toBe("You cannot cancel a movement made in error while the record is with the courier");
    expect(await testDb.auditEvent.count({ where: { action: { in: ["CORRECT_DESTINATION", "CANCEL_MOVEMENT"] }, details: { path: ["reference"], equals: reference } } })).toBe(0);
  });
});

describe("cancelling, no paper record, held at the practice", () => {
  it("cancels with a reason: final, labels voided, audited, on the timeline", async () => {
    const t = await setup();
    const reference = await t.send();
    await prepareLabels(testDb, t.sender, [reference]);
    await cancelMovement(testDb, t.sender, { reference, reason: "Sent twice" });
    const m = await row(reference);
    expect(m.status).toBe("CANCELLED");
    expect(m.labels.every((l) => l.status === "VOIDED")).toBe(true);
    expect(m.trackingEvents.find((e) => e.type === "CANCELLED")!.note).toBe("Sent twice");
    expect(await testDb.auditEvent.count({ where: { action: "CANCEL_MOVEMENT", entityId: m.id } })).toBe(1);
    await expect(cancelMovement(testDb, t.sender, { reference, reason: "again" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("no paper record: the sender's to say (not the receiver's, not PCSE's); final", async () => {
    const t = await setup();
    const reference = await t.send();
    await expect(markNoPaperRecord(testDb, t.wrongStaff, { reference })).rejects.toThrow(ValidationError);
    await expect(markNoPaperRecord(testDb, t.caseworker, { reference })).rejects.toThrow(ValidationError);
    await markNoPaperRecord(testDb, t.sender, { reference, note: "" });
    const m = await row(reference);
    expect(m.status).toBe("NO_PAPER_RECORD");
    expect(m.trackingEvents.find((e) => e.type === "MARKED_NO_PAPER_RECORD")!.note).toBeNull();
    expect(await testDb.auditEvent.count({ where: { action: "MARK_NO_PAPER_RECORD", entityId: m.id } })).toBe(1);
  });

  it("held at the practice: keeps its labels, leaves the booked collection, and is made ready again later", async () => {
    const t = await setup();
    const reference = await t.send();
    await prepareLabels(testDb, t.sender, [reference]);
    await markReadyForCollection(testDb, t.sender, [reference]);
    await bookCollection(testDb, t.sender, { siteId: t.practice.id, collectionDate: (await bookableDates(testDb)).at(-1), references: [reference], bagCount: "1" });
    await markHeldAtPractice(testDb, t.sender, { reference, note: "Waiting for a scanned letter" });
    const m = await row(reference);
    expect(m.status).toBe("HELD_AT_PRACTICE");
    expect(m.labels.map((l) => l.status)).toEqual(["LIVE"]);
    expect(m.collectionItems).toEqual([]);
    expect(m.trackingEvents.find((e) => e.type === "MARKED_HELD_AT_PRACTICE")!.note).toBe("Waiting for a scanned letter");
    expect((await markReadyForCollection(testDb, t.sender, [reference])).ready).toEqual([reference]);
    expect((await row(reference)).status).toBe("READY_FOR_COLLECTION");
    await expectQueuesConsistent(testDb);
  });

  it("a correction racing the courier's collection scan: one wins, and the result is consistent", async () => {
    const t = await setup();
    const reference = await t.send();
    const [label] = (await prepareLabels(testDb, t.sender, [reference])).labels;
    const [corrected] = await Promise.allSettled([
      correctDestination(testDb, t.sender, { reference, destinationOdsCode: t.right.odsCode, reason: "Wrong practice" }),
      ingestCourierEvents(testTransactions, [{ eventId: `race-${reference}`, barcode: label.barcode, type: "COLLECTED", occurredAt: new Date() }]),
    ]);
    const m = await row(reference);
    // The courier has the record either way (it did collect it).
    expect(m.status).toBe("COLLECTED");
    if (corrected.status === "fulfilled") {
      // Corrected just before: the courier took a bag whose label is now void (PCSE sees such scans).
      expect(m.toOrganisationId).toBe(t.right.id);
      expect(m.labels.map((l) => l.status)).toEqual(["VOIDED"]);
    } else {
      expect(corrected.reason).toBeInstanceOf(ValidationError);
      expect(m.toOrganisationId).toBe(t.wrong.id);
    }
    await expectQueuesConsistent(testDb);
  });
});
