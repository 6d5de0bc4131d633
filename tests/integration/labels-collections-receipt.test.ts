import { beforeAll, describe, expect, it } from "vitest";
import { prepareLabels, voidAndReissueLabel } from "@/lib/labels/commands";
import { renderLabelsPdf } from "@/lib/labels/pdf";
import { bookCollection, markReadyForCollection } from "@/lib/collections/commands";
import { manifestFor, nationalBacklog, practiceBacklog } from "@/lib/collections/queries";
import { receiveByCode, reportProblem } from "@/lib/receipt/commands";
import { getMovement } from "@/lib/movements/queries";
import { createMovement } from "@/lib/movements/commands";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { loadBankHolidays } from "@/lib/nhs/bank-holidays";
import { addWorkingDays, londonDate } from "@/lib/nhs/working-days";
import type { Actor } from "@/lib/auth/actor";
import { createOrganisation, createPracticeWithBranch, createUser, nextNhsNumber, sendRecordForm } from "../fixtures/factories";
import { testDb, testTransactions } from "./setup";
import { expectQueuesConsistent } from "../fixtures/queues";

async function status(reference: string) {
  return testDb.recordMovement.findUniqueOrThrow({ where: { reference }, select: { status: true, needsAttention: true, attentionReasons: true, readyForCollectionAt: true } });
}

describe("labels, collections and receipt", () => {
  let tree: Awaited<ReturnType<typeof createPracticeWithBranch>>;
  let receiverOrg: Awaited<ReturnType<typeof createOrganisation>>;
  let sender: Actor;
  let receiver: Actor;
  let outsider: Actor;
  let caseworker: Actor;
  let ref: string;

  beforeAll(async () => {
    tree = await createPracticeWithBranch(testDb);
    receiverOrg = await createOrganisation(testDb, { regionCode: "Y56" });
    sender = await createUser(testDb, "PRACTICE_STAFF", { organisationId: tree.practice.id });
    receiver = await createUser(testDb, "PRACTICE_MANAGER", { organisationId: receiverOrg.id });
    outsider = await createUser(testDb, "PRACTICE_STAFF", { organisationId: (await createOrganisation(testDb)).id });
    caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    ref = (await createMovement(testDb, sender, sendRecordForm({ fromOrganisationId: tree.practice.id, destinationOdsCode: receiverOrg.odsCode, bagCount: "2", priority: "URGENT" }))).reference;
  });

  it("prints one live label per bag, records the first print once, and reprints the same labels", async () => {
    const first = await prepareLabels(testDb, sender, [ref.toLowerCase()]);
    expect(first.labels.map((l) => l.barcode)).toEqual([`${ref}-1A`, `${ref}-2A`]);
    expect(first.labels[0]).toMatchObject({ bagNumber: 1, bagCount: 2, urgent: true, reference: ref });
    expect(JSON.stringify(first.labels)).not.toMatch(/Lovelace|\d{10}/);
    expect((await status(ref)).status).toBe("LABELLED");
    const again = await prepareLabels(testDb, sender, [ref]);
    expect(again.labels.map((l) => l.barcode)).toEqual([`${ref}-1A`, `${ref}-2A`]);
    const m = await testDb.recordMovement.findUniqueOrThrow({ where: { reference: ref }, include: { trackingEvents: true, labels: true } });
    expect(m.trackingEvents.filter((e) => e.type === "LABEL_PRINTED")).toHaveLength(1);
    expect(m.labels).toHaveLength(2);
    const pdf = await renderLabelsPdf(first.labels, "thermal");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("only the sending practice (or PCSE) can print; others get not found; receivers cannot", async () => {
    expect((await prepareLabels(testDb, receiver, [ref])).problems).toEqual([{ reference: ref, reason: "not found" }]);
    expect((await prepareLabels(testDb, outsider, [ref])).labels).toEqual([]);
    expect((await prepareLabels(testDb, caseworker, [ref])).labels).toHaveLength(2);
    await expect(prepareLabels(testDb, await createUser(testDb, "COMMISSIONER"), [ref])).rejects.toBeInstanceOf(ForbiddenError);
    await expect(prepareLabels(testDb, sender, [])).rejects.toBeInstanceOf(ValidationError);
    await expect(prepareLabels(testDb, sender, "RM-2222-2222")).rejects.toBeInstanceOf(ValidationError);
  });

  it("voids and reissues a label with a reason, keeping every version", async () => {
    await expect(voidAndReissueLabel(testDb, sender, { barcode: `${ref}-2A` })).rejects.toBeInstanceOf(ValidationError);
    await expect(voidAndReissueLabel(testDb, outsider, { barcode: `${ref}-2A`, reason: "DAMAGED" })).rejects.toBeInstanceOf(NotFoundError);
    const result = await voidAndReissueLabel(testDb, sender, { barcode: `${ref}-2a`, reason: "DAMAGED", note: "Coffee" });
    expect(result).toEqual({ voided: `${ref}-2A`, reissued: `${ref}-2B`, reference: ref });
    await expect(voidAndReissueLabel(testDb, sender, { barcode: `${ref}-2A`, reason: "LOST" })).rejects.toThrow(ValidationError);
    const detail = await getMovement(testDb, sender, ref);
    expect(detail.labels.map((l) => [l.barcode, l.status, l.voidReason])).toEqual([
      [`${ref}-1A`, "LIVE", null],
      [`${ref}-2B`, "LIVE", null],
      [`${ref}-2A`, "VOIDED", "DAMAGED"],
    ]);
  });

  it("marks ready only with every bag labelled, then books a collection on a working day", async () => {
    const unlabelled = (await createMovement(testDb, sender, sendRecordForm({ fromOrganisationId: tree.branch.id, destinationOdsCode: receiverOrg.odsCode }))).reference;
    const ready = await markReadyForCollection(testDb, sender, [ref, unlabelled, "RM-2222-2222"]);
    expect(ready.ready).toEqual([ref]);
    expect(ready.problems).toEqual(expect.arrayContaining([{ reference: unlabelled, reason: "print its labels first" }, { reference: "RM-2222-2222", reason: "not found" }]));
    expect((await status(ref)).status).toBe("READY_FOR_COLLECTION");
    expect((await status(ref)).readyForCollectionAt).not.toBeNull();
    expect((await markReadyForCollection(testDb, sender, [ref])).already).toEqual([ref]);

    const backlog = await practiceBacklog(testDb, sender);
    expect(backlog.map((b) => [b.key, b.total])).toEqual([[tree.practice.id, 1], [tree.branch.id, 0]]);
    await expectQueuesConsistent(testDb);
    expect((await nationalBacklog(testDb, caseworker)).totals.total).toBeGreaterThanOrEqual(1);
    await expect(nationalBacklog(testDb, sender)).rejects.toBeInstanceOf(ForbiddenError);

    const holidays = await loadBankHolidays(testDb);
    const saturday = ["2026-11-28", "2026-12-05", "2026-12-12"].find((d) => d > londonDate(new Date()))!;
    const workingDay = addWorkingDays(londonDate(new Date()), 1, holidays);
    const bad = await bookCollection(testDb, sender, { siteId: tree.practice.id, collectionDate: saturday, references: [ref], bagCount: "2" }).catch((e) => e);
    expect((bad as ValidationError).fieldErrors.collectionDate[0]).toMatch(/working day/);
    const wrongSite = await bookCollection(testDb, sender, { siteId: tree.branch.id, collectionDate: workingDay, references: [ref], bagCount: "2" }).catch((e) => e);
    expect((wrongSite as ValidationError).fieldErrors.references[0]).toMatch(/not ready/);
    const notMine = await bookCollection(testDb, outsider, { siteId: tree.practice.id, collectionDate: workingDay, references: [ref], bagCount: "2" }).catch((e) => e);
    expect((notMine as ValidationError).fieldErrors.siteId).toBeDefined();
    const booked = await bookCollection(testDb, sender, { siteId: tree.practice.id, collectionDate: workingDay, references: [ref], bagCount: "2" });
    expect(booked.reference).toMatch(/^CL-/);
    const twice = await bookCollection(testDb, sender, { siteId: tree.practice.id, collectionDate: workingDay, references: [ref], bagCount: "2" }).catch((e) => e);
    expect(twice).toBeInstanceOf(ValidationError);
    const manifest = await manifestFor(testDb, sender, booked.reference);
    expect(manifest.rows.map((r) => r.barcode)).toEqual([`${ref}-1A`, `${ref}-2B`]);
    await expect(manifestFor(testDb, receiver, booked.reference)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("receives by barcode once, flags a voided label scanned, and refuses other practices", async () => {
    const labels = await testDb.courierLabel.findMany({ where: { movement: { reference: ref } }, select: { barcode: true } });
    expect(labels).toHaveLength(3);
    await ingestCourierEvents(testTransactions, [
      { eventId: `rx-${ref}-1`, barcode: `${ref}-1A`, type: "COLLECTED", occurredAt: new Date(Date.now() - 3_600_000) },
      { eventId: `rx-${ref}-2`, barcode: `${ref}-1A`, type: "DELIVERED", occurredAt: new Date(Date.now() - 600_000) },
    ]);
    expect((await status(ref)).status).toBe("DELIVERED");
    expect(await receiveByCode(testDb, outsider, `${ref}-1A`)).toMatchObject({ outcome: "not-found" });
    expect(await receiveByCode(testDb, sender, `${ref}-1A`)).toMatchObject({ outcome: "not-found" });
    expect(await receiveByCode(testDb, receiver, "nonsense")).toMatchObject({ outcome: "not-found" });
    const first = await receiveByCode(testDb, receiver, ` ${ref.toLowerCase()}-2a `);
    expect(first).toMatchObject({ outcome: "received", reference: ref, voidedLabel: true });
    expect(await receiveByCode(testDb, receiver, `${ref}-1A`)).toMatchObject({ outcome: "already-received" });
    const after = await status(ref);
    expect(after.status).toBe("RECEIVED");
    expect(after.attentionReasons).toEqual(["VOIDED_LABEL_SCANNED"]);
    expect(await testDb.auditEvent.count({ where: { action: "RECEIVE_MOVEMENT", actorUserId: receiver.id } })).toBe(2);
  });

  it("records problem reports, including the NHS number on a wrong patient's record", async () => {
    const missing = await reportProblem(testDb, receiver, { reference: ref, kind: "WRONG_PATIENT" }).catch((e) => e);
    expect((missing as ValidationError).fieldErrors.receivedNhsNumber[0]).toMatch(/NHS number written/);
    const invalid = await reportProblem(testDb, receiver, { reference: ref, kind: "WRONG_PATIENT", receivedNhsNumber: "9434765918" }).catch((e) => e);
    expect((invalid as ValidationError).fieldErrors.receivedNhsNumber[0]).toMatch(/check digit/);
    await expect(reportProblem(testDb, outsider, { reference: ref, kind: "DAMAGED" })).rejects.toBeInstanceOf(NotFoundError);
    const other = nextNhsNumber();
    await reportProblem(testDb, receiver, { reference: ref, kind: "WRONG_PATIENT", receivedNhsNumber: other, note: "Envelope says Smith" });
    await reportProblem(testDb, receiver, { reference: ref, kind: "INCOMPLETE" });
    const s = await status(ref);
    expect(s.attentionReasons).toEqual(["VOIDED_LABEL_SCANNED", "PROBLEM_REPORTED"]);
    const pcseView = await getMovement(testDb, caseworker, ref);
    expect(pcseView.problems.map((p) => p.kind).sort()).toEqual(["INCOMPLETE", "WRONG_PATIENT"]);
    expect(pcseView.problems.find((p) => p.kind === "WRONG_PATIENT")?.receivedNhsNumber).toBe(other);
    // Not before the record has arrived.
    const early = (await createMovement(testDb, sender, sendRecordForm({ fromOrganisationId: tree.practice.id, destinationOdsCode: receiverOrg.odsCode }))).reference;
    const tooSoon = await reportProblem(testDb, receiver, { reference: early, kind: "DAMAGED" }).catch((e) => e);
    expect((tooSoon as ValidationError).fieldErrors.kind[0]).toMatch(/arrived/);
    await expectQueuesConsistent(testDb);
  });
});

describe("bookable collection dates", () => {
  it("are working days only: never a weekend or bank holiday, today only when it is a working day", async () => {
    const { bookableDatesFrom } = await import("@/lib/collections/queries");
    const holidays = await loadBankHolidays(testDb);
    const sunday = bookableDatesFrom("2026-11-22", holidays);
    expect(sunday[0]).toBe("2026-11-23");
    expect(sunday).toHaveLength(20);
    expect(bookableDatesFrom("2026-11-23", holidays)[0]).toBe("2026-11-23");
    const christmas = bookableDatesFrom("2026-12-24", holidays);
    expect(christmas.slice(0, 3)).toEqual(["2026-12-24", "2026-12-29", "2026-12-30"]);
  });
});
