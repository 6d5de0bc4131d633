// PCSE cases on a real PostgreSQL with an injected clock: opening (by a practice, by a problem report, by the case
// sweep) and never twice for one problem; every transition and who may take it; the clocks with pauses (over a bank
// holiday, capped), reopen keeping history, the missing-record search's 5 working days and 6 months; tasks to
// reconstitute and merge; what a practice sees; the notifications queued.
import { describe, expect, it } from "vitest";
import { createMovement } from "@/lib/movements/commands";
import { prepareLabels } from "@/lib/labels/commands";
import { markReadyForCollection } from "@/lib/collections/commands";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { sweepClocks } from "@/lib/jobs/clock-sweep";
import { reportProblem } from "@/lib/receipt/commands";
import { actOnCase, assignCases, completePracticeTask, raiseCase, replyToCase, takeNextCase } from "@/lib/cases/commands";
import { caseQueue, casesForMovement, getCase, getPracticeCase, listCaseworkers, listPracticeCases, casesWaitingForPractice, teamOverview } from "@/lib/cases/queries";
import { searchPcse } from "@/lib/cases/search";
import { sweepCases } from "@/lib/cases/sweep";
import { CASE_KINDS } from "@/lib/cases/kinds";
import { CaseKind as PrismaCaseKind } from "@/lib/db/generated/enums";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { addWorkingDays } from "@/lib/nhs/working-days";
import { bankHolidayDates } from "@/lib/reference/files";
import { runPendingBackfills } from "@/lib/jobs/backfills";
import { createOrganisation, createUser, nextNhsNumber, sendRecordForm } from "../fixtures/factories";
import { testDb, testPool, testTransactions } from "./setup";

const holidays = bankHolidayDates("england-and-wales");
const wdAt = (day: string, n: number, hour = 10) => new Date(`${addWorkingDays(day, n, holidays)}T${String(hour).padStart(2, "0")}:00:00Z`);
const iso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const CS = /^CS-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

async function expectRefused(promise: Promise<unknown>, kind: typeof ValidationError | typeof ForbiddenError | typeof NotFoundError, message?: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(kind);
  if (message && error instanceof ValidationError) expect(Object.values(error.fieldErrors).flat().join(" ")).toMatch(message);
}

/** Two practices with staff, a PCSE caseworker and supervisor, and a movement sent between them at `sentAt`. */
async function world(sentAt: Date, patient: Record<string, string> = {}) {
  const sender = await createOrganisation(testDb);
  const receiver = await createOrganisation(testDb);
  const senderStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
  const senderManager = await createUser(testDb, "PRACTICE_MANAGER", { organisationId: sender.id });
  const receiverStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: receiver.id });
  const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
  const supervisor = await createUser(testDb, "PCSE_SUPERVISOR");
  const nhsNumber = nextNhsNumber();
  const movement = await createMovement(testDb, senderStaff, sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: receiver.odsCode, nhsNumber, ...patient }), sentAt);
  return { sender, receiver, senderStaff, senderManager, receiverStaff, caseworker, supervisor, movement, nhsNumber };
}

async function collected(w: Awaited<ReturnType<typeof world>>, readyAt: Date, collectedAt: Date) {
  const labels = await prepareLabels(testDb, w.senderStaff, [w.movement.reference], readyAt);
  await markReadyForCollection(testDb, w.senderStaff, [w.movement.reference], readyAt);
  const barcode = labels.labels[0].barcode;
  await ingestCourierEvents(testTransactions, [{ eventId: `c-${w.movement.id}`, barcode, type: "COLLECTED", occurredAt: collectedAt }], [], collectedAt);
  return barcode;
}

async function caseRow(reference: string) {
  return testDb.case.findUniqueOrThrow({ where: { reference }, include: { events: { orderBy: { id: "asc" } }, tasks: true, movements: true } });
}

describe("case kinds", () => {
  it("the kinds the code knows are exactly the database's", () => {
    expect([...CASE_KINDS].sort()).toEqual(Object.values(PrismaCaseKind).sort());
  });
});

describe("a practice raises a case", () => {
  it("'not arrived' before any delivery scan opens one case with its clocks under the policy in force; a second report joins it", async () => {
    const opened = wdAt("2026-11-02", 0);
    const w = await world(opened);
    const first = await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Expected last week; nothing has come" }, opened);
    expect(first.created).toBe(true);
    expect(first.reference).toMatch(CS);
    const c = await caseRow(first.reference);
    expect(c.status).toBe("OPEN");
    expect(c.policyVersion).toBe(1);
    expect(c.raisedByOrganisationId).toBe(w.receiver.id);
    // Record not received: first response in 2 working days, resolution in 10 (policy version 1).
    expect(iso(c.firstResponseDueDate)).toBe(addWorkingDays("2026-11-02", 2, holidays));
    expect(iso(c.resolutionDueDate)).toBe(addWorkingDays("2026-11-02", 10, holidays));
    expect(iso(c.nextDueDate)).toBe(addWorkingDays("2026-11-02", 2, holidays));
    expect(c.events.map((e) => e.type)).toEqual(["OPENED"]);
    // The sending practice hears of it (the raiser knows already); no patient identifier in the message.
    const mail = await testDb.notification.findMany({ where: { caseId: c.id } });
    expect(mail.map((m) => m.toEmail).sort()).toEqual([w.senderStaff.email, w.senderManager.email].sort());
    for (const m of mail) expect(`${m.subject} ${m.body}`).not.toContain(w.nhsNumber);

    const again = await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Still nothing" }, wdAt("2026-11-02", 1));
    expect(again).toEqual({ id: c.id, reference: c.reference, created: false });
    expect((await caseRow(first.reference)).events.map((e) => e.type)).toEqual(["OPENED", "ALSO_REPORTED"]);
  });

  it("two reports of the same problem at the same instant make one case", async () => {
    const at = wdAt("2026-11-03", 0);
    const w = await world(at);
    const results = await Promise.all([1, 2, 3].map((i) => raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: `Report ${i}` }, at)));
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await testDb.case.count({ where: { movements: { some: { movementId: w.movement.id } } } })).toBe(1);
  });

  it("refuses what a practice may not raise, with a message, and writes nothing", async () => {
    const at = wdAt("2026-11-03", 0);
    const w = await world(at);
    const stranger = await createUser(testDb, "PRACTICE_STAFF", { organisationId: (await createOrganisation(testDb)).id });
    const before = await testDb.case.count();
    await expectRefused(raiseCase(testDb, stranger, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Not mine" }, at), ValidationError, /your practice sent or is expecting/);
    await expectRefused(raiseCase(testDb, w.senderStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "x" }, at), ValidationError, /Only the practice expecting the record/);
    await expectRefused(raiseCase(testDb, w.receiverStaff, { kind: "LABEL_PROBLEM", reference: w.movement.reference, summary: "x" }, at), ValidationError, /Only the sending practice/);
    await expectRefused(raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "<script>" }, at), ValidationError, /must not contain/);
    await expectRefused(raiseCase(testDb, w.receiverStaff, { kind: "SERVICE_PAYMENTS", summary: "Underpaid", paymentPeriod: "2026-13", expectedPounds: "10", receivedPounds: "5" }, at), ValidationError, /payment period/);
    await expectRefused(raiseCase(testDb, w.caseworker, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "x" }, at), ForbiddenError);
    expect(await testDb.case.count()).toBe(before);
  });

  it("a failure in one of PCSE's other services is raised with that area's fields and concerns no movement", async () => {
    const at = wdAt("2026-11-04", 0);
    const w = await world(at);
    const opened = await raiseCase(testDb, w.senderManager, { kind: "SERVICE_PAYMENTS", summary: "October's global sum underpaid", paymentPeriod: "2026-10", expectedPounds: "41250.00", receivedPounds: "40100.00" }, at);
    const c = await caseRow(opened.reference);
    expect(c.movements).toHaveLength(0);
    expect(c.details).toMatchObject({ paymentPeriod: "2026-10", expectedPounds: "41250.00", receivedPounds: "40100.00" });
    expect(c.regionCode).toBe("Y63");
    expect((await listPracticeCases(testDb, w.senderStaff)).rows.map((r) => r.reference)).toContain(opened.reference);
  });
});

describe("a problem report opens a case", () => {
  it("the wrong patient's record: a case linking the movement delivered and the expected patient's own movement; the sender hears", async () => {
    const at = wdAt("2026-11-09", 0);
    const w = await world(at);
    const barcode = await collected(w, wdAt("2026-11-09", 0, 11), wdAt("2026-11-09", 1));
    await ingestCourierEvents(testTransactions, [{ eventId: `d-${w.movement.id}`, barcode, type: "DELIVERED", occurredAt: wdAt("2026-11-09", 3) }], [], wdAt("2026-11-09", 3));
    // The record that arrived is another patient's, whose own movement the portal knows.
    const other = await world(at);
    const report = await reportProblem(testDb, w.receiverStaff, { reference: w.movement.reference, kind: "WRONG_PATIENT", receivedNhsNumber: other.nhsNumber, note: "Envelope held someone else's notes" }, wdAt("2026-11-09", 3, 14));
    const c = await caseRow(report.caseReference);
    expect(c.kind).toBe("WRONG_PATIENT");
    expect(c.receivedNhsNumber).toBe(other.nhsNumber);
    expect(c.movements.map((m) => [m.movementId, m.role]).sort()).toEqual([[w.movement.id, "CONCERNS"], [other.movement.id, "DELIVERED"]].sort());
    expect(await testDb.problemReport.findFirstOrThrow({ where: { movementId: w.movement.id } })).toMatchObject({ caseId: c.id });
    expect((await testDb.notification.findMany({ where: { caseId: c.id } })).map((n) => n.organisationId)).toContain(w.sender.id);
    // The practice whose patient's movement is linked does not see the other patient's movement.
    const seenByOther = await getPracticeCase(testDb, other.receiverStaff, c.reference);
    expect(seenByOther.movements.map((m) => m.reference)).toEqual([other.movement.reference]);
    expect(seenByOther.receivedNhsNumber).toBeNull();
    // The receiver who reported it does, and that view is audited as a view of the reported patient.
    const seenByReceiver = await getPracticeCase(testDb, w.receiverStaff, c.reference);
    expect(seenByReceiver.receivedNhsNumber).toBe(other.nhsNumber);
    expect(await testDb.auditEvent.count({ where: { action: "VIEW_REPORTED_PATIENT", entityId: c.id, actorUserId: w.receiverStaff.id } })).toBe(1);
  });

  it("problem reports made before cases existed get one by the backfill, once", async () => {
    const at = wdAt("2026-11-10", 0);
    const w = await world(at);
    const barcode = await collected(w, at, wdAt("2026-11-10", 1));
    await ingestCourierEvents(testTransactions, [{ eventId: `d-${w.movement.id}`, barcode, type: "DELIVERED", occurredAt: wdAt("2026-11-10", 2) }], [], wdAt("2026-11-10", 2));
    const old = await testDb.problemReport.create({ data: { movementId: w.movement.id, kind: "INCOMPLETE", note: "Empty Lloyd George envelope", reportedById: w.receiverStaff.id, reportedByOrganisationId: w.receiver.id, createdAt: wdAt("2026-11-10", 2, 15) } });
    await testDb.dataBackfill.upsert({ where: { name: "problem-reports-to-cases" }, create: { name: "problem-reports-to-cases" }, update: { completedAt: null } });
    expect(await runPendingBackfills(testPool, wdAt("2026-11-10", 3))).toContain("problem-reports-to-cases");
    const linked = await testDb.problemReport.findUniqueOrThrow({ where: { id: old.id } });
    expect(linked.caseId).not.toBeNull();
    const c = await testDb.case.findUniqueOrThrow({ where: { id: linked.caseId! } });
    expect(c).toMatchObject({ kind: "INCOMPLETE_RECORD", status: "OPEN" });
    // Its clocks run from when the practice reported it.
    expect(c.openedAt.toISOString()).toBe(old.createdAt.toISOString());
    expect(await runPendingBackfills(testPool, wdAt("2026-11-10", 3))).toEqual([]);
  });
});

describe("PCSE works a case", () => {
  it("take, a shared note (the first response), ask the sender to search (paused), the sender answers, resolve, reopen: every step on the timeline", async () => {
    const opened = wdAt("2026-11-16", 0);
    const w = await world(opened);
    const { reference } = await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Not arrived" }, opened);

    // Practices cannot act as PCSE; PCSE's own rules refuse what the status does not allow.
    await expectRefused(actOnCase(testDb, w.receiverStaff, { action: "take", reference }, opened), ForbiddenError);
    await expectRefused(actOnCase(testDb, w.caseworker, { action: "markMissing", reference }, opened), ValidationError, /cannot mark the record missing on this kind of case/);
    await expectRefused(actOnCase(testDb, w.caseworker, { action: "reopen", reference, note: "x" }, opened), ValidationError, /while the case is open/);

    await actOnCase(testDb, w.caseworker, { action: "take", reference }, wdAt("2026-11-16", 0, 11));
    let c = await caseRow(reference);
    expect(c).toMatchObject({ status: "IN_PROGRESS", ownerId: w.caseworker.id, firstResponseAt: null });
    await actOnCase(testDb, w.caseworker, { action: "note", reference, note: "Courier says the bag is at the Leeds hub", visibility: "INTERNAL" }, wdAt("2026-11-16", 0, 12));
    expect((await caseRow(reference)).firstResponseAt).toBeNull();
    await actOnCase(testDb, w.caseworker, { action: "note", reference, note: "We are looking into it", visibility: "SHARED" }, wdAt("2026-11-16", 0, 13));
    c = await caseRow(reference);
    expect(c.firstResponseAt?.toISOString()).toBe(wdAt("2026-11-16", 0, 13).toISOString());
    // The first response clock stopped in time: the queue now sorts on the resolution clock.
    expect(iso(c.nextDueDate)).toBe(addWorkingDays("2026-11-16", 10, holidays));

    const askedAt = wdAt("2026-11-16", 2);
    await actOnCase(testDb, w.caseworker, { action: "askPracticeToSearch", reference, odsCode: w.sender.odsCode, note: "Please check your post room" }, askedAt);
    c = await caseRow(reference);
    expect(c.status).toBe("WAITING_ON_PRACTICE");
    expect(c.pausedSince?.toISOString()).toBe(askedAt.toISOString());
    const task = c.tasks.find((t) => t.kind === "SEARCH_FOR_RECORD")!;
    expect(task).toMatchObject({ organisationId: w.sender.id, status: "OPEN" });
    expect(await testDb.notification.count({ where: { caseId: c.id, template: "SEARCH_REQUESTED", organisationId: w.sender.id } })).toBe(2);
    // The sender sees it waiting for them, at the top of its list.
    expect(await casesWaitingForPractice(testDb, w.senderStaff)).toMatchObject({ total: 1, rows: [{ reference, openTasks: ["SEARCH_FOR_RECORD"] }] });
    // Not the receiver's: the task is the sender's.
    expect((await casesWaitingForPractice(testDb, w.receiverStaff)).total).toBe(0);
    const list = await listPracticeCases(testDb, w.senderStaff);
    expect(list.rows[0]).toMatchObject({ reference, waitingForYou: true });

    // Three working days later the sender answers: the pause ends and the resolution date moves on by 3.
    await replyToCase(testDb, w.senderStaff, { reference, reply: "FOUND_SENDING", note: "It was in our post room" }, wdAt("2026-11-16", 5));
    c = await caseRow(reference);
    expect(c).toMatchObject({ status: "IN_PROGRESS", pausedSince: null, pausedWorkingDays: 3 });
    expect(iso(c.resolutionDueDate)).toBe(addWorkingDays("2026-11-16", 13, holidays));
    expect(c.tasks.find((t) => t.id === task.id)).toMatchObject({ status: "DONE", completedById: w.senderStaff.id });

    await expectRefused(actOnCase(testDb, w.caseworker, { action: "resolve", reference, outcome: "RECONSTITUTED", note: "x" }, wdAt("2026-11-16", 6)), ValidationError, /outcome for this kind/);
    await actOnCase(testDb, w.caseworker, { action: "resolve", reference, outcome: "FOUND_AT_SENDER", note: "Found at the sender and sent" }, wdAt("2026-11-16", 6));
    c = await caseRow(reference);
    expect(c).toMatchObject({ status: "RESOLVED", outcome: "FOUND_AT_SENDER", resolutionBreached: false, nextDueDate: null });
    expect(await testDb.openCaseKey.count({ where: { caseId: c.id } })).toBe(0);
    // A new report of the same problem after it was resolved opens a new case...
    // ...unless PCSE reopens this one first, which keeps its history.
    await actOnCase(testDb, w.caseworker, { action: "reopen", reference, note: "The record never arrived after all" }, wdAt("2026-11-16", 8));
    c = await caseRow(reference);
    expect(c).toMatchObject({ status: "IN_PROGRESS", outcome: null, resolvedAt: null, resolutionClockStoppedAt: null });
    expect(c.events.map((e) => e.type)).toEqual(["OPENED", "ASSIGNED", "STATUS_CHANGED", "NOTE", "NOTE", "SEARCH_REQUESTED", "TASK_CREATED", "STATUS_CHANGED", "PRACTICE_REPLY", "TASK_COMPLETED", "STATUS_CHANGED", "STATUS_CHANGED", "RESOLVED", "STATUS_CHANGED", "REOPENED"]);
    expect(await testDb.openCaseKey.count({ where: { caseId: c.id } })).toBe(1);
    expect((await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Again" }, wdAt("2026-11-16", 8))).reference).toBe(reference);

    // What each side sees: PCSE everything, the practices only what was shared (no internal note, no caseworker).
    const pcse = await getCase(testDb, w.caseworker, reference, wdAt("2026-11-16", 8));
    expect(pcse.timeline.some((e) => e.note === "Courier says the bag is at the Leeds hub")).toBe(true);
    expect(pcse.contacts.map((x) => x.odsCode).sort()).toEqual([w.sender.odsCode, w.receiver.odsCode].sort());
    for (const viewer of [w.senderStaff, w.receiverStaff]) {
      const seen = await getPracticeCase(testDb, viewer, reference, wdAt("2026-11-16", 8));
      expect(seen.timeline.some((e) => e.note?.includes("Leeds hub"))).toBe(false);
      expect(seen.timeline.some((e) => e.note === "We are looking into it")).toBe(true);
      expect(seen.timeline.some((e) => e.note?.includes("It was in our post room"))).toBe(true);
      expect(JSON.stringify(seen)).not.toContain(w.caseworker.name);
      expect(seen.owner).toBeNull();
    }
    // Another practice: not found, like a case that does not exist.
    const stranger = await createUser(testDb, "PRACTICE_MANAGER", { organisationId: (await createOrganisation(testDb)).id });
    await expectRefused(getPracticeCase(testDb, stranger, reference), NotFoundError);
    await expectRefused(replyToCase(testDb, stranger, { reference, reply: "INFORMATION", note: "x" }), NotFoundError);
    await expectRefused(getPracticeCase(testDb, w.receiverStaff, "CS-2222-2222"), NotFoundError);
  });

  it("a pause over Christmas counts working days only, and the pause days are capped by the policy", async () => {
    // Opened Monday 14 December 2026: resolution (10 working days) due Wednesday 30 December (25 and 28 December are bank holidays).
    const w = await world(new Date("2026-12-14T09:00:00Z"));
    expect(["2026-12-25", "2026-12-28", "2027-01-01"].every((d) => holidays.has(d))).toBe(true);
    const { reference } = await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Not arrived" }, new Date("2026-12-14T10:00:00Z"));
    expect(iso((await caseRow(reference)).resolutionDueDate)).toBe("2026-12-30");
    // Waiting on the sender from Wednesday 23rd to Tuesday 29th: 24th and 29th are the only working days paused.
    await actOnCase(testDb, w.caseworker, { action: "askPracticeToSearch", reference, odsCode: w.sender.odsCode, note: "Please look" }, new Date("2026-12-23T10:00:00Z"));
    // While paused the due date moves on day by day: as of Monday 28th (a bank holiday) one working day has been paused.
    const during = await getCase(testDb, w.caseworker, reference, new Date("2026-12-28T12:00:00Z"));
    expect(during.clocks.resolution).toMatchObject({ state: "paused", pausedWorkingDays: 1, dueDate: "2026-12-31" });
    await replyToCase(testDb, w.senderStaff, { reference, reply: "SEARCHED_NOT_HERE", note: "Not here" }, new Date("2026-12-29T10:00:00Z"));
    const c = await caseRow(reference);
    expect(c.pausedWorkingDays).toBe(2);
    // 12 working days from 14 December: 31 December, then 1 January is a bank holiday, so Monday 4 January 2027.
    expect(iso(c.resolutionDueDate)).toBe("2027-01-04");

    // A second, long pause: 30 working days waiting on a third party add only what is left of the 15-day cap.
    await actOnCase(testDb, w.caseworker, { action: "waitOnThirdParty", reference, note: "Waiting on the hospital trust" }, new Date("2027-01-04T10:00:00Z"));
    await actOnCase(testDb, w.caseworker, { action: "resume", reference, note: "" }, wdAt("2027-01-04", 30));
    const capped = await caseRow(reference);
    expect(capped.pausedWorkingDays).toBe(32);
    expect(iso(capped.resolutionDueDate)).toBe(addWorkingDays("2026-12-14", 10 + 15, holidays));
  });

  it("supervisors assign one case or many; caseworkers take the next case, breached first; the team view counts them", async () => {
    const at = wdAt("2026-11-18", 0);
    const w = await world(at);
    const other = await world(at);
    const a = await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "A" }, at);
    const b = await raiseCase(testDb, other.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: other.movement.reference, summary: "B" }, at);
    await expectRefused(actOnCase(testDb, w.caseworker, { action: "assign", reference: a.reference, ownerId: w.supervisor.id }, at), ValidationError, /Only a supervisor/);
    const result = await assignCases(testDb, w.supervisor, { references: [a.reference, b.reference, "CS-2222-2222"], ownerId: w.caseworker.id }, at);
    expect(result.assigned).toEqual([a.reference, b.reference]);
    expect(result.refused).toEqual([{ reference: "CS-2222-2222", reason: expect.stringMatching(/could not be found/i) }]);
    expect((await caseQueue(testDb, w.caseworker, { owner: "me" }, at)).rows.map((r) => r.reference).sort()).toEqual([a.reference, b.reference].sort());
    const team = await teamOverview(testDb, w.supervisor, at);
    expect(team.caseworkers.find((p) => p.id === w.caseworker.id)).toMatchObject({ open: 2, byKind: { RECORD_NOT_RECEIVED: 2 } });
    await expectRefused(teamOverview(testDb, w.caseworker, at), ForbiddenError);

    // Take the next: the unowned case nearest (or past) its breach, here one breached by the sweep.
    const late = await world(wdAt("2026-10-01", 0));
    const lateCase = await raiseCase(testDb, late.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: late.movement.reference, summary: "Old" }, wdAt("2026-10-01", 0));
    await sweepCases(testDb, wdAt("2026-10-01", 20));
    expect((await caseRow(lateCase.reference)).breached).toBe(true);
    const next = await takeNextCase(testDb, late.caseworker, wdAt("2026-10-01", 20));
    expect(next).not.toBeNull();
    const taken = await testDb.case.findUniqueOrThrow({ where: { reference: next!.reference } });
    expect(taken).toMatchObject({ ownerId: late.caseworker.id, status: "IN_PROGRESS", breached: true });
  });
});

describe("the case sweep", () => {
  it("a record collected and not delivered within 12 working days becomes a missing-record case; missing after the 5-day search; lost at 6 months; reconstituted; merged when found", async () => {
    const sent = wdAt("2026-06-01", 0);
    const w = await world(sent);
    await collected(w, wdAt("2026-06-01", 1), wdAt("2026-06-01", 2));
    const collectedOn = iso(wdAt("2026-06-01", 2))!;
    // The contract's delivery clock: due 12 working days after collection; the sweeps on the due date find nothing.
    const due = addWorkingDays(collectedOn, 12, holidays);
    await sweepClocks(testTransactions, new Date(`${due}T18:00:00Z`));
    await sweepCases(testDb, new Date(`${due}T18:00:00Z`));
    expect(await testDb.caseMovement.count({ where: { movementId: w.movement.id } })).toBe(0);
    // The day after: breached, and a missing-record case opens by itself, searching.
    const dayAfter = new Date(`${addWorkingDays(due, 1, holidays)}T07:00:00Z`);
    await sweepClocks(testTransactions, dayAfter);
    const first = await sweepCases(testDb, dayAfter);
    expect(first.casesOpened).toBeGreaterThanOrEqual(1);
    const link = await testDb.caseMovement.findFirstOrThrow({ where: { movementId: w.movement.id } });
    let c = await testDb.case.findUniqueOrThrow({ where: { id: link.caseId } });
    expect(c).toMatchObject({ kind: "MISSING_RECORD", origin: "CLOCK_SWEEP", missingStage: "SEARCHING", status: "OPEN" });
    // Sweeping again opens nothing new for it.
    await sweepCases(testDb, dayAfter);
    expect(await testDb.caseMovement.count({ where: { movementId: w.movement.id } })).toBe(1);
    // The receiver reporting it not arrived joins the same case (one problem, one case).
    const joined = await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Where is it?" }, dayAfter);
    expect(joined).toMatchObject({ id: c.id, created: false });

    // PCSE records a search step.
    await actOnCase(testDb, w.caseworker, { action: "recordSearchStep", reference: c.reference, step: "STORE_RECHECKED", result: "NOT_FOUND", note: "" }, dayAfter);
    // Searching: 5 working days from the case opening. On the last day, still searching; the day after, missing.
    const openedOn = iso(c.openedAt)!;
    const searchEnds = addWorkingDays(openedOn, 5, holidays);
    await sweepCases(testDb, new Date(`${searchEnds}T16:00:00Z`));
    expect((await testDb.case.findUniqueOrThrow({ where: { id: c.id } })).missingStage).toBe("SEARCHING");
    const afterSearch = new Date(`${addWorkingDays(searchEnds, 1, holidays)}T08:00:00Z`);
    const swept = await sweepCases(testDb, afterSearch);
    expect(swept.markedMissing).toBeGreaterThanOrEqual(1);
    c = await testDb.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(c.missingStage).toBe("MISSING");
    expect((await testDb.recordMovement.findUniqueOrThrow({ where: { id: w.movement.id } })).status).toBe("MISSING");

    // Six calendar months after the case opened it is lost; the day before, still missing.
    const [y, m, d] = openedOn.split("-").map(Number);
    const lostOn = new Date(Date.UTC(y, m - 1 + 6, d)).toISOString().slice(0, 10);
    const dayBefore = new Date(new Date(`${lostOn}T12:00:00Z`).getTime() - 86_400_000);
    await sweepCases(testDb, dayBefore);
    expect((await testDb.case.findUniqueOrThrow({ where: { id: c.id } })).missingStage).toBe("MISSING");
    await sweepCases(testDb, new Date(`${lostOn}T12:00:00Z`));
    c = await testDb.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(c).toMatchObject({ missingStage: "LOST", status: "WAITING_ON_PRACTICE" });
    expect((await testDb.recordMovement.findUniqueOrThrow({ where: { id: w.movement.id } })).status).toBe("LOST");
    const reconstitute = await testDb.practiceTask.findFirstOrThrow({ where: { caseId: c.id, kind: "RECONSTITUTE_RECORD" } });
    expect(reconstitute.organisationId).toBe(w.receiver.id);
    // The receiver makes the reconstituted record: the case resolves.
    await expectRefused(completePracticeTask(testDb, w.receiverStaff, { kind: "RECONSTITUTE_RECORD", taskId: reconstitute.id, completedOn: lostOn, note: "" }), ValidationError, /clearly marked/);
    await completePracticeTask(testDb, w.receiverStaff, { kind: "RECONSTITUTE_RECORD", taskId: reconstitute.id, completedOn: lostOn, clearlyMarked: "yes", note: "" }, new Date(`${lostOn}T15:00:00Z`));
    c = await testDb.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(c).toMatchObject({ status: "RESOLVED", outcome: "RECONSTITUTED", missingStage: "RECONSTITUTED" });

    // The original turns up later: reopened, found (where and how), and the receiver is asked to merge the two.
    const later = new Date(new Date(`${lostOn}T10:00:00Z`).getTime() + 30 * 86_400_000);
    await actOnCase(testDb, w.caseworker, { action: "reopen", reference: c.reference, note: "Original found in a courier depot" }, later);
    await actOnCase(testDb, w.caseworker, { action: "markFound", reference: c.reference, foundWhere: "Courier depot, Wakefield", foundHow: "Depot clear-out" }, later);
    c = await testDb.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(c).toMatchObject({ foundWhere: "Courier depot, Wakefield", missingStage: "RECONSTITUTED" });
    const merge = await testDb.practiceTask.findFirstOrThrow({ where: { caseId: c.id, kind: "MERGE_FOUND_RECORD" } });
    await completePracticeTask(testDb, w.receiverStaff, { kind: "MERGE_FOUND_RECORD", taskId: merge.id, completedOn: iso(later)!, merged: "yes" }, later);
    c = await testDb.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(c).toMatchObject({ missingStage: "MERGED", status: "RESOLVED", outcome: "MERGED" });
    await expectRefused(completePracticeTask(testDb, w.receiverStaff, { kind: "MERGE_FOUND_RECORD", taskId: merge.id, completedOn: iso(later)!, merged: "yes" }, later), ValidationError, /already done/);
    // Another practice cannot complete (or see) the task.
    await expectRefused(completePracticeTask(testDb, w.senderStaff, { kind: "MERGE_FOUND_RECORD", taskId: merge.id, completedOn: iso(later)!, merged: "yes" }, later), NotFoundError);
  });

  it("a record not received by its due date opens 'record not received' (cross-border: 'cross-border delay')", async () => {
    const sent = wdAt("2026-09-01", 0);
    const w = await world(sent);
    const due = iso((await testDb.recordMovement.findUniqueOrThrow({ where: { id: w.movement.id } })).dueDate)!;
    const after = new Date(`${addWorkingDays(due, 1, holidays)}T07:00:00Z`);
    await sweepClocks(testTransactions, after);
    await sweepCases(testDb, after);
    const c = await testDb.case.findFirstOrThrow({ where: { movements: { some: { movementId: w.movement.id } } } });
    expect(c).toMatchObject({ kind: "RECORD_NOT_RECEIVED", origin: "CLOCK_SWEEP" });

    const wales = await createOrganisation(testDb, { kind: "CROSS_BORDER_AGENCY", country: "WALES", regionCode: null });
    const cb = await createMovement(testDb, w.senderStaff, sendRecordForm({ fromOrganisationId: w.sender.id, destinationOdsCode: wales.odsCode, purpose: "PRACTICE_TO_CROSS_BORDER/CROSS_BORDER_REGISTRATION" }), sent);
    const cbDue = iso((await testDb.recordMovement.findUniqueOrThrow({ where: { id: cb.id } })).dueDate)!;
    const cbAfter = new Date(`${addWorkingDays(cbDue, 1, holidays)}T07:00:00Z`);
    await sweepClocks(testTransactions, cbAfter);
    await sweepCases(testDb, cbAfter);
    expect(await testDb.case.findFirstOrThrow({ where: { movements: { some: { movementId: cb.id } } } })).toMatchObject({ kind: "CROSS_BORDER_DELAY" });
  });

  it("a demographics disagreement between senders is PCSE's alone: its case is in no practice's list, case page or movement page", async () => {
    const at = wdAt("2026-11-16", 0);
    const w = await world(at);
    const third = await createOrganisation(testDb);
    const thirdStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: third.id });
    // Another practice sends the same NHS number with another date of birth: PCSE must check it is the right patient.
    const differing = await createMovement(testDb, thirdStaff, sendRecordForm({ nhsNumber: w.nhsNumber, dobYear: "1979", fromOrganisationId: third.id, destinationOdsCode: w.receiver.odsCode }), wdAt("2026-11-16", 1));
    await sweepCases(testDb, wdAt("2026-11-16", 1, 12));
    const c = await testDb.case.findFirstOrThrow({ where: { kind: "DEMOGRAPHICS_DISAGREEMENT", movements: { some: { movementId: differing.id } } }, include: { movements: true } });
    expect(c.movements.map((m) => m.movementId).sort()).toEqual([w.movement.id, differing.id].sort());
    expect((await getCase(testDb, w.caseworker, c.reference)).kind).toBe("DEMOGRAPHICS_DISAGREEMENT");
    // Every practice on either movement: not in its list, not found by reference, not on the movement's page.
    for (const [actor, movement] of [
      [w.senderStaff, w.movement.reference],
      [w.receiverStaff, w.movement.reference],
      [w.receiverStaff, differing.reference],
      [thirdStaff, differing.reference],
    ] as const) {
      expect((await listPracticeCases(testDb, actor, { show: "all" })).rows.map((r) => r.reference)).not.toContain(c.reference);
      await expectRefused(getPracticeCase(testDb, actor, c.reference), NotFoundError);
      expect((await casesForMovement(testDb, actor, movement)).map((l) => l.reference)).not.toContain(c.reference);
    }
    expect((await casesForMovement(testDb, w.caseworker, differing.reference)).map((l) => l.reference)).toContain(c.reference);
  });

  it("a booked collection whose day passed with no collection scan is marked missed and opens one case; a resolved one is not reopened by the next sweep", async () => {
    const at = wdAt("2026-08-03", 0);
    const w = await world(at);
    await prepareLabels(testDb, w.senderStaff, [w.movement.reference], at);
    await markReadyForCollection(testDb, w.senderStaff, [w.movement.reference], at);
    const { bookCollection } = await import("@/lib/collections/commands");
    const { bookableDates } = await import("@/lib/collections/queries");
    const date = (await bookableDates(testDb, at))[0];
    const booking = await bookCollection(testDb, w.senderStaff, { siteId: w.sender.id, collectionDate: date, references: [w.movement.reference], bagCount: "1" }, at);
    const next = new Date(`${addWorkingDays(date, 1, holidays)}T08:00:00Z`);
    await sweepCases(testDb, next);
    const collection = await testDb.collection.findUniqueOrThrow({ where: { reference: booking.reference } });
    expect(collection.status).toBe("MISSED");
    const c = await testDb.case.findFirstOrThrow({ where: { collectionId: collection.id } });
    expect(c).toMatchObject({ kind: "COLLECTION_MISSED", origin: "CLOCK_SWEEP" });
    await actOnCase(testDb, w.caseworker, { action: "resolve", reference: c.reference, outcome: "SERVICE_PUT_RIGHT", note: "Courier rebooked" }, next);
    await sweepCases(testDb, new Date(next.getTime() + 3_600_000));
    expect(await testDb.case.count({ where: { collectionId: collection.id } })).toBe(1);
  });

  it("case clocks: a breach is recorded once, supervisors told once per sweep; resolved cases close after 10 working days", async () => {
    const at = wdAt("2026-07-06", 0);
    const w = await world(at);
    const { reference } = await raiseCase(testDb, w.senderStaff, { kind: "LABEL_PROBLEM", reference: w.movement.reference, summary: "Label printed blank" }, at);
    // Label problems: first response 1 working day, resolution 3.
    const breachDay = wdAt("2026-07-06", 4);
    const before = await testDb.notification.count({ where: { template: "BREACHES", toEmail: w.supervisor.email } });
    await sweepCases(testDb, breachDay);
    let c = await caseRow(reference);
    expect(c).toMatchObject({ firstResponseBreached: true, resolutionBreached: true, breached: true });
    expect(c.events.filter((e) => e.type === "CLOCK_BREACHED")).toHaveLength(1);
    expect(await testDb.notification.count({ where: { template: "BREACHES", toEmail: w.supervisor.email } })).toBe(before + 1);
    await sweepCases(testDb, breachDay);
    expect((await caseRow(reference)).events.filter((e) => e.type === "CLOCK_BREACHED")).toHaveLength(1);
    // Resolving late keeps the breach.
    await actOnCase(testDb, w.caseworker, { action: "resolve", reference, outcome: "SERVICE_PUT_RIGHT", note: "Reprinted" }, breachDay);
    c = await caseRow(reference);
    expect(c).toMatchObject({ status: "RESOLVED", resolutionBreached: true });
    await sweepCases(testDb, wdAt(iso(breachDay)!, 10, 8));
    expect((await caseRow(reference)).status).toBe("RESOLVED");
    await sweepCases(testDb, wdAt(iso(breachDay)!, 11, 8));
    expect((await caseRow(reference)).status).toBe("CLOSED");
  });
});

describe("the queue and search", () => {
  it("filters, counts per filter and pages; holds no patient identifiers", async () => {
    const at = wdAt("2026-11-19", 0);
    const w = await world(at);
    const { reference } = await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Queue test" }, at);
    const q = await caseQueue(testDb, w.caseworker, { kind: "RECORD_NOT_RECEIVED", owner: "none", status: "open" }, at);
    // The database is shared with the other files' tests, which raise cases of their own at the same time: the new
    // case is on one of the filter's pages, not necessarily the first.
    const listed = q.rows.map((r) => r.reference);
    for (let page = 2; page <= q.pageCount; page++) {
      listed.push(...(await caseQueue(testDb, w.caseworker, { kind: "RECORD_NOT_RECEIVED", owner: "none", status: "open", page }, at)).rows.map((r) => r.reference));
    }
    expect(listed).toContain(reference);
    expect(new Set(listed).size).toBe(listed.length);
    expect(q.counts.kind.RECORD_NOT_RECEIVED).toBe(q.total);
    expect(q.counts.status.open).toBe(q.total);
    expect(JSON.stringify(q)).not.toContain(w.nhsNumber);
    // Breached first, then the nearest due date.
    const all = await caseQueue(testDb, w.caseworker, {}, at);
    const keys = all.rows.map((r) => `${r.breached ? 0 : 1}${r.nextDueDate ?? "9999"}`);
    expect(keys).toEqual([...keys].sort());
    // The caseworker owns one, so "mine" and a caseworker chosen by id have something to count.
    await actOnCase(testDb, w.caseworker, { action: "take", reference }, at);
    // Every count the filters show equals a plain count of what choosing that filter would list.
    for (const params of [{}, { owner: "none" }, { owner: "me" }, { due: "breached" }, { due: "week" }, { kind: "RECORD_NOT_RECEIVED" }, { status: "all" }, { status: "RESOLVED" }, { status: "OPEN", due: "today" }, { owner: w.caseworker.id }, { owner: w.caseworker.id, due: "week", status: "all" }]) {
      const q2 = await caseQueue(testDb, w.caseworker, params, at);
      // What the list itself holds, page by page (rows come from their own query, not from the counts).
      const listed = async (more: Record<string, string>) => {
        let n = 0;
        for (let page = 1; ; page++) {
          const q3 = await caseQueue(testDb, w.caseworker, { ...params, ...more, page: String(page) }, at);
          n += q3.rows.length;
          if (page >= q3.pageCount) return n;
        }
      };
      expect(q2.total).toBe(await listed({}));
      for (const d of ["any", "breached", "today", "week"] as const) expect(q2.counts.due[d]).toBe(await listed({ due: d }));
      expect(q2.counts.unassigned).toBe(await listed({ owner: "none" }));
      expect(q2.counts.mine).toBe(await listed({ owner: "me" }));
      for (const k of ["all", "RECORD_NOT_RECEIVED", "MISSING_RECORD"]) expect(q2.counts.kind[k] ?? 0).toBe(await listed({ kind: k }));
      for (const st of Object.keys(q2.counts.status)) expect(q2.counts.status[st]).toBe(await listed({ status: st }));
      const total = await testDb.case.count({ where: { status: { in: ["OPEN", "IN_PROGRESS", "WAITING_ON_PRACTICE", "WAITING_ON_COURIER", "WAITING_ON_THIRD_PARTY"] } } });
      if (Object.keys(params).length === 0) expect(q2.total).toBe(total);
      // Resolved and closed cases are counted only when the filter asks for them.
      expect("CLOSED" in q2.counts.status).toBe("status" in params && ["all", "RESOLVED"].includes(params.status as string));
    }
    // Who cases can be assigned to: PCSE's caseworkers and supervisors still enabled, by name.
    const disabled = await testDb.user.create({ data: { email: `disabled-${nextNhsNumber()}@pcse.test`, name: "A disabled caseworker", role: "PCSE_CASEWORKER", disabled: true } });
    const people = await listCaseworkers(testDb, w.caseworker);
    expect(people).toContainEqual({ id: w.caseworker.id, name: w.caseworker.name, role: "PCSE_CASEWORKER" });
    expect(people).toContainEqual({ id: w.supervisor.id, name: w.supervisor.name, role: "PCSE_SUPERVISOR" });
    expect(people.map((p) => p.id)).not.toContain(disabled.id);
    expect(people.map((p) => p.id)).not.toContain(w.senderStaff.id);
    expect(people.map((p) => p.name)).toEqual([...people.map((p) => p.name)].sort());
    // Nonsense filters fall back to the defaults rather than erroring.
    expect((await caseQueue(testDb, w.caseworker, { kind: "NOPE", page: "-3", owner: "<x>" }, at)).params).toMatchObject({ kind: "all", page: 1, owner: "any" });
  });

  it("PCSE finds by case reference, movement reference, bag barcode, NHS number, surname and date of birth, and ODS code", async () => {
    const at = wdAt("2026-11-20", 0);
    const w = await world(at, { familyName: "Quennell", dobDay: "3", dobMonth: "4", dobYear: "1961" });
    const labels = await prepareLabels(testDb, w.senderStaff, [w.movement.reference], at);
    const { reference } = await raiseCase(testDb, w.receiverStaff, { kind: "RECORD_NOT_RECEIVED", reference: w.movement.reference, summary: "Search test" }, at);
    const byCase = await searchPcse(testDb, w.caseworker, reference.toLowerCase());
    expect(byCase.single).toBe(`/pcse/cases/${reference}`);
    expect((await searchPcse(testDb, w.caseworker, w.movement.reference)).cases.map((c) => c.reference)).toEqual([reference]);
    const byBag = await searchPcse(testDb, w.caseworker, ` ${labels.labels[0].barcode.toLowerCase()} `);
    expect(byBag).toMatchObject({ kind: "barcode", single: `/pcse/movements/${w.movement.reference}` });
    const byNumber = await searchPcse(testDb, w.caseworker, w.nhsNumber);
    expect(byNumber.movements.map((m) => m.reference)).toEqual([w.movement.reference]);
    const byName = await searchPcse(testDb, w.caseworker, "quennell 3/4/1961");
    expect(byName.kind).toBe("nameAndBirth");
    expect(byName.movements.map((m) => m.reference)).toEqual([w.movement.reference]);
    expect((await searchPcse(testDb, w.caseworker, "Quennell 1961-04-03")).movements.map((m) => m.reference)).toEqual([w.movement.reference]);
    expect((await searchPcse(testDb, w.caseworker, "Quennell 4/3/1961")).movements).toEqual([]);
    const byOds = await searchPcse(testDb, w.caseworker, w.sender.odsCode.toLowerCase());
    expect(byOds.movements.map((m) => m.reference)).toContain(w.movement.reference);
    expect(byOds.single).toBeNull();
    expect((await searchPcse(testDb, w.caseworker, "zz")).message).toMatch(/Nothing matches/);
    // Searches naming a patient are audited; the NHS number itself is never in the audit trail.
    const audits = await testDb.auditEvent.findMany({ where: { actorUserId: w.caseworker.id } });
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["SEARCH_NHS_NUMBER", "SEARCH_MOVEMENTS"]));
    expect(JSON.stringify(audits, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(w.nhsNumber);
  });
});
