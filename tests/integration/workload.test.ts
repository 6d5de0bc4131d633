// The workload log, rates, evidence packs and claims on a real PostgreSQL with an injected clock: the suggestion each
// real action offers (and never twice, and never again once dismissed), accepting as offered or edited, manual
// entries, edits with history, costs at the rate in force on each entry's day with a rate change in mid-period
// (backdated, re-costing what it governs except signed evidence), the manager's figures and the national median under
// disclosure control, the evidence CSV and PDF (every NHS number of the database searched for in both, the hash
// stored and checkable), every claim transition and who may take it, and scope (another practice's entries and
// claims are "not found").
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { Actor } from "@/lib/auth/actor";
import { startSession } from "@/lib/auth/sessions";
import { createMovement } from "@/lib/movements/commands";
import { prepareLabels } from "@/lib/labels/commands";
import { bookCollection, markReadyForCollection } from "@/lib/collections/commands";
import { bookableDates } from "@/lib/collections/queries";
import { receiveByCode, reportProblem } from "@/lib/receipt/commands";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { actOnCase, completePracticeTask, raiseCase, replyToCase } from "@/lib/cases/commands";
import { createUrgentRequest, respondToUrgentRequest } from "@/lib/urgent/commands";
import { createIncident, recordHarmReview, recordNoHarmReviews } from "@/lib/incidents/commands";
import { importIncidentItems } from "@/lib/incidents/import";
import { offerWorkloadSuggestions } from "@/lib/workload/suggestions";
import { decideSuggestion, editWorkloadEntry, logWorkload, setGradeRate, updateWorkloadTask, withdrawWorkloadEntry } from "@/lib/workload/commands";
import { forgetNationalMedian, getWorkloadEntry, listWorkloadEntries, pendingSuggestions, practiceRates, workloadOverview } from "@/lib/workload/queries";
import { createEvidencePack, evidenceForClaim, evidenceForPeriod, incidentsWithWorkload, listEvidencePacks, parseEvidenceQuery } from "@/lib/workload/evidence";
import { answerClaimOffer, decideClaim, submitClaim } from "@/lib/claims/commands";
import { getClaimForCommissioner, getPracticeClaim, listClaimsForCommissioner, listPracticeClaims } from "@/lib/claims/queries";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createOrganisation, createPracticeWithBranch, createUser, nextNhsNumber, sendRecordForm } from "../fixtures/factories";
import { inRequestScope } from "../fixtures/next-request-scope";
import { testDb, testPool, testTransactions } from "./setup";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
const SECRET = "integration-workload-secret";
process.env.NEXTAUTH_SECRET = SECRET;
process.env.NEXTAUTH_URL ??= "http://localhost:3000";

const at = (iso: string, hour = 10) => new Date(`${iso}T${String(hour).padStart(2, "0")}:00:00Z`);
const parts = (prefix: string, iso: string) => ({ [`${prefix}Day`]: iso.slice(8), [`${prefix}Month`]: iso.slice(5, 7), [`${prefix}Year`]: iso.slice(0, 4) });

async function expectRefused(promise: Promise<unknown>, kind: typeof ValidationError | typeof ForbiddenError | typeof NotFoundError, message?: RegExp) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(kind);
  if (message && error instanceof ValidationError) expect(Object.values(error.fieldErrors).flat().join(" ")).toMatch(message);
}

/** A practice with a branch surgery, its staff and manager, and another practice to send to. */
async function practiceWorld(regionCode = "Y63") {
  const { practice, branch } = await createPracticeWithBranch(testDb, regionCode);
  const other = await createOrganisation(testDb, { regionCode });
  const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
  const colleague = await createUser(testDb, "PRACTICE_STAFF", { organisationId: branch.id });
  const manager = await createUser(testDb, "PRACTICE_MANAGER", { organisationId: practice.id });
  const otherStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: other.id });
  return { practice, branch, other, staff, colleague, manager, otherStaff };
}

async function send(actor: Actor, fromId: string, toOds: string, when: Date) {
  return createMovement(testDb, actor, sendRecordForm({ fromOrganisationId: fromId, destinationOdsCode: toOds }), when);
}

async function suggestionsOf(userId: string) {
  return testDb.workloadSuggestion.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

describe("suggestions after the real actions", () => {
  it("labels printed for N records offer N × bag and label, once per record; a print run in chunks is one suggestion; PCSE printing offers nothing", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-11", 9);
    const refs = [];
    for (let i = 0; i < 5; i++) refs.push((await send(w.staff, w.practice.id, w.other.odsCode, now)).reference);
    await prepareLabels(testDb, w.staff, refs.slice(0, 3), now);
    let s = await suggestionsOf(w.staff.id);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ trigger: "LABELS_PRINTED", taskCode: "BAG_AND_LABEL", quantity: 3, suggestedMinutes: 6, cause: "RECORDS_SERVICE", status: "PENDING", siteId: w.practice.id, organisationId: w.practice.id });
    expect(s[0].movementIds).toHaveLength(3);
    expect(s[0].summary).toBe("Labels printed for 3 records: bagging and labelling them");
    // The PDF route prepares the same records again: no second suggestion.
    await prepareLabels(testDb, w.staff, refs.slice(0, 3), new Date(now.getTime() + 60_000));
    // The next chunk of the same sitting joins the suggestion.
    await prepareLabels(testDb, w.staff, refs.slice(3), new Date(now.getTime() + 120_000));
    s = await suggestionsOf(w.staff.id);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ quantity: 5, suggestedMinutes: 10 });
    expect(new Set(s[0].movementIds)).toEqual(new Set(await testDb.recordMovement.findMany({ where: { reference: { in: refs } }, select: { id: true } }).then((r) => r.map((x) => x.id))));
    // A record sent from the branch surgery is its own suggestion (another site).
    const fromBranch = await send(w.colleague, w.branch.id, w.other.odsCode, now);
    await prepareLabels(testDb, w.colleague, [fromBranch.reference], now);
    expect(await suggestionsOf(w.colleague.id)).toMatchObject([{ siteId: w.branch.id, quantity: 1, movementId: fromBranch.id }]);
    // PCSE may print a practice's labels: nobody's workload is suggested.
    const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    const another = await send(w.staff, w.practice.id, w.other.odsCode, now);
    const before = await testDb.workloadSuggestion.count();
    await prepareLabels(testDb, caseworker, [another.reference], now);
    expect(await testDb.workloadSuggestion.count()).toBe(before);
  });

  it("the suggestions shown: the newest first, at most the limit asked for, with the total of all waiting", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-11", 9);
    // Three print runs hours apart: three suggestions.
    for (let i = 0; i < 3; i++) {
      const when = new Date(now.getTime() + i * 3 * 3_600_000);
      await prepareLabels(testDb, w.staff, [(await send(w.staff, w.practice.id, w.other.odsCode, when)).reference], when);
    }
    const newestFirst = (await suggestionsOf(w.staff.id)).map((x) => x.id).reverse();
    expect(newestFirst).toHaveLength(3);
    const two = await pendingSuggestions(testDb, w.staff, 2);
    expect(two.total).toBe(3);
    expect(two.suggestions.map((x) => x.id)).toEqual(newestFirst.slice(0, 2));
    for (const limit of [3, 10]) {
      const shown = await pendingSuggestions(testDb, w.staff, limit);
      expect(shown.total).toBe(3);
      expect(shown.suggestions.map((x) => x.id)).toEqual(newestFirst);
    }
    expect(await pendingSuggestions(testDb, w.manager)).toMatchObject({ suggestions: [], total: 0 });
  });

  it("a collection booked at a branch surgery offers booking it and carrying the bags; at the main site only booking it", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-12", 9);
    const atBranch = await send(w.colleague, w.branch.id, w.other.odsCode, now);
    const atMain = await send(w.staff, w.practice.id, w.other.odsCode, now);
    await prepareLabels(testDb, w.colleague, [atBranch.reference], now);
    await prepareLabels(testDb, w.staff, [atMain.reference], now);
    await markReadyForCollection(testDb, w.colleague, [atBranch.reference], now);
    await markReadyForCollection(testDb, w.staff, [atMain.reference], now);
    const date = (await bookableDates(testDb, now))[1];
    const branchCollection = await bookCollection(testDb, w.colleague, { siteId: w.branch.id, collectionDate: date, references: [atBranch.reference], bagCount: "1" }, now);
    const mainCollection = await bookCollection(testDb, w.staff, { siteId: w.practice.id, collectionDate: date, references: [atMain.reference], bagCount: "1" }, now);
    const branchRow = await testDb.collection.findUniqueOrThrow({ where: { reference: branchCollection.reference } });
    const mainRow = await testDb.collection.findUniqueOrThrow({ where: { reference: mainCollection.reference } });
    const colleague = (await suggestionsOf(w.colleague.id)).filter((s) => s.trigger === "COLLECTION_BOOKED");
    expect(colleague.map((s) => [s.taskCode, s.suggestedMinutes, s.cause, s.collectionId])).toEqual([
      ["BOOK_COLLECTION", 5, "RECORDS_SERVICE", branchRow.id],
      ["CARRY_FROM_BRANCH", 30, "COURIER", branchRow.id],
    ]);
    expect(colleague[1].summary).toContain(branchCollection.reference);
    const staff = (await suggestionsOf(w.staff.id)).filter((s) => s.trigger === "COLLECTION_BOOKED");
    expect(staff.map((s) => [s.taskCode, s.collectionId])).toEqual([["BOOK_COLLECTION", mainRow.id]]);
  });

  it("a problem reported offers reporting it (the courier's for damage); another patient's record also handling it", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-13", 9);
    const receiver = await createUser(testDb, "PRACTICE_STAFF", { organisationId: w.other.id });
    const refs = [(await send(w.staff, w.practice.id, w.other.odsCode, now)).reference, (await send(w.staff, w.practice.id, w.other.odsCode, now)).reference];
    const labels = await prepareLabels(testDb, w.staff, refs, now);
    await markReadyForCollection(testDb, w.staff, refs, now);
    for (const l of labels.labels) await ingestCourierEvents(testTransactions, [{ eventId: `w-${l.barcode}`, barcode: l.barcode, type: "DELIVERED", occurredAt: now }], [], now);
    for (const r of refs) await receiveByCode(testDb, receiver, r, now);
    const wrong = await reportProblem(testDb, receiver, { reference: refs[0], kind: "WRONG_PATIENT", receivedNhsNumber: nextNhsNumber(), note: "Another patient's notes" }, now);
    await reportProblem(testDb, receiver, { reference: refs[1], kind: "DAMAGED", note: "Soaked" }, now);
    const s = await suggestionsOf(receiver.id);
    const caseRow = await testDb.case.findUniqueOrThrow({ where: { reference: wrong.caseReference } });
    expect(s.map((x) => [x.trigger, x.taskCode, x.cause, x.suggestedMinutes])).toEqual([
      ["PROBLEM_REPORTED", "REPORT_PROBLEM", "RECORDS_SERVICE", 5],
      ["PROBLEM_REPORTED", "WRONG_RECORD", "RECORDS_SERVICE", 20],
      ["PROBLEM_REPORTED", "REPORT_PROBLEM", "COURIER", 5],
    ]);
    expect(s[0]).toMatchObject({ caseId: caseRow.id, siteId: w.other.id });
    expect(s.every((x) => !/\d{10}/.test(x.summary))).toBe(true);
  });

  it("raising a case, answering PCSE's request to search, finishing a task PCSE set and answering an urgent request each offer their work", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-14", 9);
    const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    // A case about another PCSE service.
    const service = await raiseCase(testDb, w.manager, { kind: "SERVICE_SUPPLIES", summary: "Pads never came", orderReference: "SUP-1", orderedOn: "2026-05-01", itemsMissing: "FP10 pads" }, now);
    expect((await suggestionsOf(w.manager.id)).map((s) => [s.trigger, s.taskCode, s.caseId])).toEqual([["CASE_RAISED", "OTHER_SERVICE_FAILURE", service.id]]);
    // PCSE asks the sender to search; the sender answers: searched, not here.
    const sent = await send(w.staff, w.practice.id, w.other.odsCode, now);
    const receiver = await createUser(testDb, "PRACTICE_STAFF", { organisationId: w.other.id });
    const notArrived = await raiseCase(testDb, receiver, { kind: "RECORD_NOT_RECEIVED", reference: sent.reference, summary: "Not come" }, now);
    expect((await suggestionsOf(receiver.id)).map((s) => [s.taskCode, s.caseId, s.movementId])).toEqual([["REPORT_PROBLEM", notArrived.id, sent.id]]);
    await actOnCase(testDb, caseworker, { action: "askPracticeToSearch", reference: notArrived.reference, odsCode: w.practice.odsCode, note: "Please look" }, now);
    await replyToCase(testDb, w.staff, { reference: notArrived.reference, reply: "SEARCHED_NOT_HERE", note: "Not in our post room" }, at("2026-05-15"));
    const answered = (await suggestionsOf(w.staff.id)).filter((s) => s.trigger === "CASE_ANSWERED");
    expect(answered.map((s) => [s.taskCode, s.caseId, s.movementId, s.siteId, s.suggestedMinutes])).toEqual([["SEARCH_ON_REQUEST", notArrived.id, sent.id, w.practice.id, 20]]);
    // A task PCSE set the practice, done.
    const task = await testDb.practiceTask.create({ data: { caseId: notArrived.id, organisationId: w.other.id, kind: "RECONSTITUTE_RECORD" } });
    await completePracticeTask(testDb, receiver, { kind: "RECONSTITUTE_RECORD", taskId: task.id, completedOn: "2026-05-15", clearlyMarked: "yes", note: "" }, at("2026-05-15", 15));
    expect((await suggestionsOf(receiver.id)).filter((s) => s.trigger === "PRACTICE_TASK_DONE").map((s) => [s.taskCode, s.suggestedMinutes, s.caseId])).toEqual([["RECONSTITUTE_RECORD", 120, notArrived.id]]);
    // An urgent request the practice holds the record for, answered by sending it.
    const ur = await createUrgentRequest(testDb, receiver, { nhsNumber: nextNhsNumber(), familyName: "Urgent", givenName: "Ada", dateOfBirth: "1970-01-01", basis: "CLINICAL_NEED", receivedOn: "2026-05-14", holder: "PRACTICE", holderOdsCode: w.practice.odsCode }, now);
    await respondToUrgentRequest(testDb, w.manager, { action: "send", reference: ur.reference, bagCount: "1" }, at("2026-05-15"));
    const urgent = (await suggestionsOf(w.manager.id)).filter((s) => s.trigger === "URGENT_REQUEST_ANSWERED");
    const request = await testDb.urgentRequest.findUniqueOrThrow({ where: { reference: ur.reference } });
    expect(urgent.map((s) => [s.taskCode, s.movementId, s.summary])).toEqual([["URGENT_REQUEST", request.movementId, `Urgent request ${ur.reference} answered: the record found and sent`]]);
  });

  it("a harm review recorded offers its own minutes, clinical or administrative, linked to the incident and the review, once; no harm for many at once is one suggestion for all", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-18", 9);
    const supervisor = await createUser(testDb, "PCSE_SUPERVISOR");
    const { reference } = await createIncident(testDb, supervisor, { title: "Records held in the archive", category: "RECORDS_ARCHIVED_IN_ERROR", responsibleOrganisation: "Archive Ltd", discoveredOn: "2026-05-01", reviewsDueDate: "2026-07-31", paymentScheme: "NONE" }, now);
    const numbers = Array.from({ length: 6 }, () => nextNhsNumber());
    const body = (async function* () {
      yield "nhs_number,practice_ods_code,held_from,priority\n";
      for (const n of numbers) yield `${n},${w.practice.odsCode},2025-01-01,low\n`;
    })();
    expect(await importIncidentItems(testDb, supervisor, { reference, fileName: "affected.csv", body, pool: testPool }, now)).toMatchObject({ status: "COMPLETED", accepted: 6 });
    const incident = await testDb.incident.findUniqueOrThrow({ where: { reference }, select: { id: true } });
    const items = await testDb.incidentItem.findMany({ where: { incidentId: incident.id }, orderBy: { rowNumber: "asc" }, select: { id: true } });
    const review = (itemId: string, more: Record<string, unknown> = {}) => ({ reference, itemId, outcome: "NO_HARM", harmLevel: "", harmDescription: "", patientInformed: "", patientInformedOn: "", actionsTaken: "", reviewerRole: "GP", minutesSpent: "25", ...more });

    // A GP's review of one patient: the clinical task, the review's own 25 minutes, a salaried GP offered first.
    await recordHarmReview(testDb, w.staff, review(items[0].id), now);
    const first = await testDb.harmReview.findUniqueOrThrow({ where: { itemId: items[0].id } });
    let [s] = await suggestionsOf(w.staff.id);
    expect(s).toMatchObject({ trigger: "HARM_REVIEW_RECORDED", taskCode: "HARM_REVIEW_CLINICAL", quantity: 1, suggestedMinutes: 25, cause: "RECORDS_SERVICE", incidentId: incident.id, harmReviewId: first.id, grade: "SALARIED_GP", siteId: w.practice.id, organisationId: w.practice.id, status: "PENDING" });
    expect(s.summary).toBe(`Incident ${reference}: a clinical harm review of one patient`);
    // Shown on the page after the action (the incident page), with the grade the review implies.
    const shown = await pendingSuggestions(testDb, w.staff);
    expect(shown.suggestions).toEqual([expect.objectContaining({ id: s.id, suggestedMinutes: 25, recorded: true, grade: "SALARIED_GP", taskName: "Harm review (clinical)" })]);
    // Changing the review (a second version) offers nothing more: the work was offered once.
    await recordHarmReview(testDb, w.staff, review(items[0].id, { minutesSpent: "40", actionsTaken: "Looked again" }), now);
    expect(await suggestionsOf(w.staff.id)).toHaveLength(1);

    // Accepted: the entry is linked to the incident and the review, and its list reference is the incident's.
    const accepted = await decideSuggestion(testDb, w.staff, { suggestionId: s.id, decision: "accept", minutes: "25", grade: "SALARIED_GP", cause: "RECORDS_SERVICE", note: "" }, now);
    expect(await testDb.workloadEntry.findUniqueOrThrow({ where: { id: accepted.entryId! } })).toMatchObject({ source: "SUGGESTED_ACCEPTED", taskCode: "HARM_REVIEW_CLINICAL", minutes: 25, suggestedMinutes: 25, grade: "SALARIED_GP", incidentId: incident.id, harmReviewId: first.id });
    expect((await getWorkloadEntry(testDb, w.staff, accepted.entryId!)).reference).toBe(reference);

    // An administrator's review of no harm: the administrative task, an administrator offered.
    await recordHarmReview(testDb, w.staff, review(items[1].id, { reviewerRole: "ADMINISTRATIVE_STAFF", minutesSpent: "9" }), now);
    s = (await suggestionsOf(w.staff.id)).find((x) => x.taskCode === "HARM_REVIEW_ADMIN")!;
    expect(s).toMatchObject({ taskCode: "HARM_REVIEW_ADMIN", suggestedMinutes: 9, grade: "ADMINISTRATOR", incidentId: incident.id });
    // Dismissed: it never comes back.
    await decideSuggestion(testDb, w.staff, { suggestionId: s.id, decision: "dismiss" }, now);

    // No harm for four patients at once by a nurse (the manager records it), 50 minutes in all: one suggestion of
    // the four, linked to the incident (no single review), with the 50 minutes.
    const bulk = { reference, itemIds: items.slice(2).map((i) => i.id), reviewerRole: "NURSE", minutesSpent: "50", confirm: "on" };
    expect(await recordNoHarmReviews(testDb, w.manager, bulk, now)).toEqual({ recorded: 4, skipped: 0 });
    const [mine] = await suggestionsOf(w.manager.id);
    expect(mine).toMatchObject({ taskCode: "HARM_REVIEW_CLINICAL", quantity: 4, suggestedMinutes: 50, grade: "NURSE", incidentId: incident.id, harmReviewId: null });
    expect(mine.summary).toBe(`Incident ${reference}: no harm found for 4 patients, reviewed by a clinician`);
    expect((await testDb.harmReview.aggregate({ where: { itemId: { in: bulk.itemIds } }, _sum: { minutesSpent: true } }))._sum.minutesSpent).toBe(50);
    // The same request again records nothing and offers nothing.
    expect(await recordNoHarmReviews(testDb, w.manager, bulk, now)).toEqual({ recorded: 0, skipped: 4 });
    expect(await suggestionsOf(w.manager.id)).toHaveLength(1);

    // A pack for the one incident holds only its work, by the incident's reference (never the patient's).
    await decideSuggestion(testDb, w.manager, { suggestionId: mine.id, decision: "accept", minutes: "50", grade: "NURSE", cause: "RECORDS_SERVICE", note: "" }, now);
    await logWorkload(testDb, w.staff, { taskCode: "CHASE", grade: "ADMINISTRATOR", minutes: "12", cause: "RECORDS_SERVICE", note: "", ...parts("date", "2026-05-18") }, now);
    const file = await evidenceForPeriod(testDb, w.manager, { from: "2026-05-01", to: "2026-05-18", format: "csv", scope: "INCIDENT", caseReference: null, incidentReference: reference.toLowerCase(), pack: null });
    expect(file.csv).toContain(`Scope,Incident ${reference}`);
    expect(file.csv).toContain("Entries,2");
    expect(file.csv).not.toContain(incident.id);
    for (const n of numbers) expect(file.csv).not.toContain(n);
    expect(await incidentsWithWorkload(testDb, w.manager)).toEqual([{ reference, title: "Records held in the archive" }]);
    // A manual entry can name the incident; another practice cannot see it or name it.
    await logWorkload(testDb, w.staff, { taskCode: "PATIENT_CONTACT", grade: "ADMINISTRATOR", minutes: "6", cause: "RECORDS_SERVICE", reference, note: "", ...parts("date", "2026-05-18") }, now);
    const other = await practiceWorld();
    await expectRefused(logWorkload(testDb, other.staff, { taskCode: "PATIENT_CONTACT", grade: "ADMINISTRATOR", minutes: "6", cause: "RECORDS_SERVICE", reference, note: "", ...parts("date", "2026-05-18") }, now), ValidationError, /incident of your practice/);
    await expectRefused(evidenceForPeriod(testDb, other.manager, { from: "2026-05-01", to: "2026-05-18", format: "csv", scope: "INCIDENT", caseReference: null, incidentReference: reference, pack: null }), ValidationError, /No incident of your practice/);
  });

  it("dismissed suggestions never come back; a retired task is not suggested", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-18", 9);
    const sent = await send(w.staff, w.practice.id, w.other.odsCode, now);
    const movement = await testDb.recordMovement.findUniqueOrThrow({ where: { reference: sent.reference }, select: { id: true } });
    const event = { kind: "URGENT_REQUEST_ANSWERED" as const, requestId: "7d1a3c2e-0000-4000-8000-000000000001", requestReference: "UR-2222-2222", movementId: movement.id, siteId: w.practice.id };
    expect(await testDb.$transaction((tx) => offerWorkloadSuggestions(tx, w.manager, event, now))).toBe(1);
    const [s] = await suggestionsOf(w.manager.id);
    expect(s).toMatchObject({ taskCode: "URGENT_REQUEST", movementId: movement.id });
    await decideSuggestion(testDb, w.manager, { suggestionId: s.id, decision: "dismiss" }, now);
    expect(await testDb.$transaction((tx) => offerWorkloadSuggestions(tx, w.manager, event, now))).toBe(0);
    expect((await pendingSuggestions(testDb, w.manager)).suggestions).toEqual([]);
    expect((await testDb.workloadSuggestion.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("DISMISSED");
    // An administrator retires a task: it is no longer suggested.
    const admin = await createUser(testDb, "ADMINISTRATOR");
    const task = await testDb.workloadTask.findUniqueOrThrow({ where: { code: "URGENT_REQUEST" } });
    await updateWorkloadTask(testDb, admin, { code: task.code, name: task.name, description: task.description, defaultMinutes: String(task.defaultMinutes), basis: task.basis, defaultCause: task.defaultCause });
    try {
      expect(await testDb.$transaction((tx) => offerWorkloadSuggestions(tx, w.manager, { ...event, requestId: "7d1a3c2e-0000-4000-8000-000000000002" }, now))).toBe(0);
    } finally {
      await updateWorkloadTask(testDb, admin, { code: task.code, name: task.name, description: task.description, defaultMinutes: String(task.defaultMinutes), basis: task.basis, defaultCause: task.defaultCause, active: "on" });
    }
    expect((await testDb.workloadTask.findUniqueOrThrow({ where: { code: task.code } })).active).toBe(true);
  });
});

describe("deciding suggestions and logging by hand", () => {
  it("accepting as offered keeps the suggested minutes; editing first keeps both; only the person offered decides, once", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-20", 9);
    const refs = [];
    for (let i = 0; i < 4; i++) refs.push((await send(w.staff, w.practice.id, w.other.odsCode, now)).reference);
    await prepareLabels(testDb, w.staff, refs, now);
    const [labels] = await suggestionsOf(w.staff.id);
    await expectRefused(decideSuggestion(testDb, w.manager, { suggestionId: labels.id, decision: "accept", minutes: "8", grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE" }, now), NotFoundError);
    await expectRefused(decideSuggestion(testDb, w.staff, { suggestionId: labels.id, decision: "accept", minutes: "0", grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE" }, now), ValidationError, /minutes/);
    const accepted = await decideSuggestion(testDb, w.staff, { suggestionId: labels.id, decision: "accept", minutes: "8", grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", note: "" }, now);
    const entry = await testDb.workloadEntry.findUniqueOrThrow({ where: { id: accepted.entryId! }, include: { movements: true } });
    expect(entry).toMatchObject({ source: "SUGGESTED_ACCEPTED", minutes: 8, suggestedMinutes: 8, quantity: 4, taskCode: "BAG_AND_LABEL", grade: "ADMINISTRATOR", suggestionId: labels.id, organisationId: w.practice.id, regionCode: "Y63", createdById: w.staff.id, date: new Date("2026-05-20T00:00:00Z") });
    expect(entry.movements).toHaveLength(4);
    expect(entry.movementId).toBeNull();
    // Administrator: the national default, band 3 with on-costs, £16.12 an hour: 8 minutes cost £2.15.
    expect(entry).toMatchObject({ ratePencePerHour: 1612, costPence: 215 });
    await expectRefused(decideSuggestion(testDb, w.staff, { suggestionId: labels.id, decision: "dismiss" }, now), ValidationError, /already/);
    // Edited: the suggested minutes kept beside the entered ones.
    const one = await send(w.staff, w.practice.id, w.other.odsCode, now);
    await prepareLabels(testDb, w.staff, [one.reference], at("2026-05-20", 14));
    const second = (await suggestionsOf(w.staff.id)).find((s) => s.status === "PENDING")!;
    const edited = await decideSuggestion(testDb, w.staff, { suggestionId: second.id, decision: "accept", minutes: "5", grade: "NURSE", cause: "RECORDS_SERVICE", note: "The bag split: rebagged" }, now);
    expect(await testDb.workloadEntry.findUniqueOrThrow({ where: { id: edited.entryId! } })).toMatchObject({ source: "SUGGESTED_EDITED", minutes: 5, suggestedMinutes: 2, movementId: one.id, grade: "NURSE", ratePencePerHour: 2521, costPence: 210 });
    expect((await testDb.workloadSuggestion.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("EDITED");
    expect(await testDb.auditEvent.count({ where: { action: "LOG_WORKLOAD", actorUserId: w.staff.id } })).toBe(2);
  });

  it("a manual entry checks its task, date, site and reference; links a movement, collection, case or incident of the practice only", async () => {
    const w = await practiceWorld();
    const now = at("2026-05-21", 9);
    const base = { taskCode: "CHASE", grade: "ADMINISTRATOR", minutes: "15", cause: "COURIER", note: "" };
    await expectRefused(logWorkload(testDb, w.staff, { ...base, ...parts("date", "2026-05-22") }, now), ValidationError, /today or in the past/);
    await expectRefused(logWorkload(testDb, w.staff, { ...base, taskCode: "NO_SUCH_TASK", ...parts("date", "2026-05-20") }, now), ValidationError, /Select the task/);
    await expectRefused(logWorkload(testDb, w.staff, { ...base, siteId: w.other.id, ...parts("date", "2026-05-20") }, now), ValidationError, /site/);
    const theirs = await send(w.otherStaff, w.other.id, (await createOrganisation(testDb)).odsCode, now);
    await expectRefused(logWorkload(testDb, w.staff, { ...base, reference: theirs.reference, ...parts("date", "2026-05-20") }, now), ValidationError, /No movement, collection, case or incident of your practice/);
    const ours = await send(w.staff, w.practice.id, w.other.odsCode, now);
    const { id } = await logWorkload(testDb, w.staff, { ...base, reference: ours.reference.toLowerCase().replace(/-/g, " "), siteId: w.branch.id, quantity: "2", ...parts("date", "2026-05-19") }, now);
    expect(await testDb.workloadEntry.findUniqueOrThrow({ where: { id } })).toMatchObject({ source: "MANUAL", suggestedMinutes: null, movementId: ours.id, siteId: w.branch.id, quantity: 2, cause: "COURIER" });
  });
});

describe("editing keeps history; who sees and changes what", () => {
  it("staff see and change their own entries; the manager all of the practice's; another practice nothing", async () => {
    const w = await practiceWorld();
    const outsider = await practiceWorld();
    const now = at("2026-06-02", 9);
    const base = { taskCode: "LOCATE_RECORD", grade: "ADMINISTRATOR", minutes: "4", cause: "RECORDS_SERVICE", note: "" };
    const mine = await logWorkload(testDb, w.staff, { ...base, ...parts("date", "2026-06-01") }, now);
    const colleagues = await logWorkload(testDb, w.colleague, { ...base, minutes: "6", ...parts("date", "2026-06-01") }, now);
    // Staff: only their own, in lists and by id.
    expect((await listWorkloadEntries(testDb, w.staff, { who: "practice" })).rows.map((r) => r.id)).toEqual([mine.id]);
    await expectRefused(getWorkloadEntry(testDb, w.staff, colleagues.id), NotFoundError);
    await expectRefused(editWorkloadEntry(testDb, w.staff, { entryId: colleagues.id, ...base, ...parts("date", "2026-06-01") }, now), NotFoundError);
    // The manager: both, and may correct a colleague's.
    expect(new Set((await listWorkloadEntries(testDb, w.manager, { who: "practice" })).rows.map((r) => r.id))).toEqual(new Set([mine.id, colleagues.id]));
    await editWorkloadEntry(testDb, w.manager, { entryId: colleagues.id, ...base, minutes: "9", grade: "NURSE", ...parts("date", "2026-05-29") }, at("2026-06-02", 11));
    const detail = await getWorkloadEntry(testDb, w.manager, colleagues.id);
    expect(detail).toMatchObject({ version: 2, minutes: 9, grade: "NURSE", date: "2026-05-29", ratePencePerHour: 2521, costPence: 378 });
    expect(detail.history).toMatchObject([{ version: 1, change: "EDITED", minutes: 6, grade: "ADMINISTRATOR", date: "2026-06-01" }]);
    // Withdrawn: kept with its history, out of the totals, and no longer editable.
    await withdrawWorkloadEntry(testDb, w.staff, { entryId: mine.id }, at("2026-06-02", 12));
    const list = await listWorkloadEntries(testDb, w.manager, {});
    expect(list.minutes).toBe(9);
    expect(list.rows.find((r) => r.id === mine.id)?.withdrawn).toBe(true);
    await expectRefused(editWorkloadEntry(testDb, w.staff, { entryId: mine.id, ...base, ...parts("date", "2026-06-01") }, now), ValidationError, /withdrawn/);
    // History is append-only.
    await expect(testDb.$executeRawUnsafe(`UPDATE "WorkloadEntryVersion" SET change = 'X' WHERE "entryId" = '${colleagues.id}'`)).rejects.toThrow(/append-only/);
    // Another practice's manager: nothing.
    await expectRefused(getWorkloadEntry(testDb, outsider.manager, colleagues.id), NotFoundError);
    expect((await listWorkloadEntries(testDb, outsider.manager, {})).rows).toEqual([]);
    await expectRefused(withdrawWorkloadEntry(testDb, outsider.manager, { entryId: colleagues.id }), NotFoundError);
  });
});

describe("costs at the rate in force on the entry's day", () => {
  it("a rate change in mid-period costs later entries at the new rate and earlier ones at the old; backdating re-costs what it governs except signed evidence", async () => {
    const w = await practiceWorld();
    const april = at("2026-04-30", 16);
    const log = (date: string, minutes: number, now = april) => logWorkload(testDb, w.manager, { taskCode: "HARM_REVIEW_CLINICAL", grade: "SALARIED_GP", minutes: String(minutes), cause: "RECORDS_SERVICE", note: "", ...parts("date", date) }, now);
    const feb = await log("2026-02-10", 60);
    const mar = await log("2026-03-10", 60);
    const cost = async (id: string) => testDb.workloadEntry.findUniqueOrThrow({ where: { id }, select: { ratePencePerHour: true, costPence: true } });
    // The national default for a salaried GP: £49.93 an hour.
    expect(await cost(feb.id)).toEqual({ ratePencePerHour: 4993, costPence: 4993 });
    // The practice's own rate from 1 March (a backdated pay award): March's entry is re-costed, February's is not.
    await expectRefused(setGradeRate(testDb, w.staff, { grade: "SALARIED_GP", rate: "50.00", source: "Payroll", ...parts("effective", "2026-03-01") }, april), ForbiddenError);
    await expectRefused(setGradeRate(testDb, w.manager, { grade: "SALARIED_GP", rate: "fifty", source: "Payroll", ...parts("effective", "2026-03-01") }, april), ValidationError, /pounds an hour/);
    const first = await setGradeRate(testDb, w.manager, { grade: "SALARIED_GP", rate: "£50.00", source: "Practice payroll 2026/27 with employer NI and pension", ...parts("effective", "2026-03-01") }, april);
    expect(first.recosted).toBe(1);
    expect(await cost(feb.id)).toEqual({ ratePencePerHour: 4993, costPence: 4993 });
    expect(await cost(mar.id)).toEqual({ ratePencePerHour: 5000, costPence: 5000 });
    // A pack signed now freezes March's entry at £50.
    await createEvidencePack(testDb, w.manager, { scope: "ALL", declarationName: "Alex Declarer", declarationRole: "Practice manager", declare: "yes", ...parts("from", "2026-03-01"), ...parts("to", "2026-03-31") }, april);
    // A second change in mid-March: entries from the 20th at £60, the 1st-19th stay at £50.
    const early = await log("2026-03-15", 30);
    const late = await log("2026-03-25", 30);
    const second = await setGradeRate(testDb, w.manager, { grade: "SALARIED_GP", rate: "60", source: "New partner agreement", ...parts("effective", "2026-03-20") }, april);
    expect(second.recosted).toBe(1);
    expect(await cost(early.id)).toEqual({ ratePencePerHour: 5000, costPence: 2500 });
    expect(await cost(late.id)).toEqual({ ratePencePerHour: 6000, costPence: 3000 });
    // Backdating the first rate to 1 February re-costs February (not in a pack) but not March's signed entry.
    const third = await setGradeRate(testDb, w.manager, { grade: "SALARIED_GP", rate: "55.00", source: "Corrected payroll", ...parts("effective", "2026-02-01") }, april);
    expect(third.recosted).toBe(1);
    expect(await cost(feb.id)).toEqual({ ratePencePerHour: 5500, costPence: 5500 });
    expect(await cost(mar.id)).toEqual({ ratePencePerHour: 5000, costPence: 5000 });
    // New entries take the rate of their own day.
    expect(await cost((await log("2026-02-28", 6)).id)).toEqual({ ratePencePerHour: 5500, costPence: 550 });
    expect(await cost((await log("2026-04-01", 6)).id)).toEqual({ ratePencePerHour: 6000, costPence: 600 });
    // The rates page: the practice's rate in force today, with its source; the national defaults with theirs.
    const rates = await practiceRates(testDb, w.manager, april);
    expect(rates.current.find((r) => r.grade === "SALARIED_GP")).toMatchObject({ pencePerHour: 6000, own: true, source: "New partner agreement", effectiveFrom: "2026-03-20" });
    expect(rates.current.find((r) => r.grade === "GP_PARTNER")).toMatchObject({ pencePerHour: 7225, own: false, sourceYear: "2020/21" });
    expect(rates.current.find((r) => r.grade === "GP_PARTNER")!.source).toContain("£289 per 4-hour session");
    expect(rates.history.map((r) => r.effectiveFrom)).toEqual(["2026-03-20", "2026-03-01", "2026-02-01"]);
    // The manager's figures add up the entries' own costs.
    const overview = await workloadOverview(testDb, w.manager, april);
    const sum = await testDb.workloadEntry.aggregate({ where: { organisationId: w.practice.id, withdrawnAt: null, date: { gte: new Date("2025-05-01") } }, _sum: { costPence: true, minutes: true } });
    expect(overview.year.costPence).toBe(sum._sum.costPence);
    expect(overview.year.minutes).toBe(sum._sum.minutes);
    expect(overview.months.find((m) => m.month === "2026-03")!.costPence).toBe(5000 + 2500 + 3000);
  });
});

describe("the manager's view", () => {
  it("this month and the last 12: by task, grade and cause, minutes per record moved, and the national median only when enough practices contribute", async () => {
    const now = at("2026-07-15", 12);
    const practices = [];
    for (let i = 0; i < 9; i++) {
      const w = await practiceWorld(i % 2 ? "Y56" : "Y63");
      // i + 1 records moved in July; 10 × (i + 1) minutes... a practice's minutes per 100 records: 1000 + 100 i.
      for (let k = 0; k <= i; k++) await send(w.staff, w.practice.id, w.other.odsCode, at("2026-07-01", 9));
      await logWorkload(testDb, w.manager, { taskCode: "CHASE", grade: "PRACTICE_MANAGER", minutes: String(10 * (i + 1) + i), cause: "COURIER", note: "", ...parts("date", "2026-07-02") }, now);
      practices.push(w);
    }
    const w = practices[4];
    await logWorkload(testDb, w.staff, { taskCode: "BAG_AND_LABEL", grade: "ADMINISTRATOR", minutes: "20", cause: "RECORDS_SERVICE", note: "", ...parts("date", "2026-03-02") }, now);
    forgetNationalMedian();
    const o = await workloadOverview(testDb, w.manager, now);
    expect(o.months.map((m) => m.month)).toEqual(["2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    expect(o.thisMonth).toMatchObject({ minutes: 54, movements: 5, minutesPerRecord: 10.8 });
    expect(o.thisMonth.byCause).toMatchObject([{ key: "COURIER", minutes: 54 }]);
    expect(o.year.byTask.map((t) => [t.key, t.minutes])).toEqual([["CHASE", 54], ["BAG_AND_LABEL", 20]]);
    expect(o.year.byGrade.map((g) => [g.key, g.minutes])).toEqual([["PRACTICE_MANAGER", 54], ["ADMINISTRATOR", 20]]);
    expect(o.months.find((m) => m.month === "2026-03")).toMatchObject({ minutes: 20, movements: 0, minutesPerRecord: null });
    // 9 practices in the test database log workload with records moved (at least): the median is shown.
    expect(o.national.practices).toBeGreaterThanOrEqual(9);
    expect(o.national.suppressed).toBe(false);
    expect(o.national.medianPer100).not.toBeNull();
    // March had no records moved here: its 20 minutes are left out of the practice's minutes per record.
    expect(o.year).toMatchObject({ minutes: 74, movements: 5, minutesPerRecord: 10.8 });
    expect(o.national.practicePer100).toBe(1080);
  });
});

describe("evidence packs", () => {
  let w: Awaited<ReturnType<typeof practiceWorld>>;
  let packReference: string;
  const now = at("2026-08-20", 10);

  beforeAll(async () => {
    w = await practiceWorld();
    // Work linked to movements (a batch), a collection and a case, with notes holding a patient's NHS number and name.
    const refs = [];
    for (let i = 0; i < 3; i++) refs.push((await send(w.staff, w.practice.id, w.other.odsCode, at("2026-08-03"))).reference);
    await prepareLabels(testDb, w.staff, refs, at("2026-08-03"));
    const [s] = await suggestionsOf(w.staff.id);
    await decideSuggestion(testDb, w.staff, { suggestionId: s.id, decision: "accept", minutes: "6", grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", note: "" }, at("2026-08-03"));
    const patient = await testDb.patient.findFirstOrThrow({ where: { movements: { some: { reference: refs[0] } } } });
    await logWorkload(testDb, w.manager, { taskCode: "WRONG_RECORD", grade: "PRACTICE_MANAGER", minutes: "25", cause: "RECORDS_SERVICE", reference: refs[0], note: `Ada Lovelace ${patient.nhsNumber} rang twice`, ...parts("date", "2026-08-05") }, now);
    await logWorkload(testDb, w.manager, { taskCode: "PATIENT_CONTACT", grade: "GP_PARTNER", minutes: "10", cause: "OTHER_PRACTICE", note: "", ...parts("date", "2026-08-06") }, now);
  });

  it("a signed pack holds the itemised work (references only), totals by grade and task, the rates and their sources, the declaration, and its SHA-256", async () => {
    await expectRefused(createEvidencePack(testDb, w.manager, { scope: "ALL", declarationName: "Alex Declarer", declarationRole: "Practice manager", ...parts("from", "2026-08-01"), ...parts("to", "2026-08-20") }, now), ValidationError, /declaration/);
    await expectRefused(createEvidencePack(testDb, w.manager, { scope: "ALL", declarationName: "Alex Declarer", declarationRole: "Practice manager", declare: "yes", ...parts("from", "2026-09-01"), ...parts("to", "2026-08-20") }, now), ValidationError, /on or after/);
    await expectRefused(createEvidencePack(testDb, w.manager, { scope: "ALL", declarationName: "Alex Declarer", declarationRole: "Practice manager", declare: "yes", ...parts("from", "2025-01-01"), ...parts("to", "2025-01-31") }, now), ValidationError, /no workload/);
    await expectRefused(createEvidencePack(testDb, w.staff, {}, now), ForbiddenError);
    const pack = await createEvidencePack(testDb, w.manager, { scope: "ALL", declarationName: "Alex Declarer", declarationRole: "Practice manager", declare: "yes", ...parts("from", "2026-08-01"), ...parts("to", "2026-08-20") }, now);
    packReference = pack.reference;
    expect(pack.entries).toBe(3);
    const stored = await testDb.evidencePack.findUniqueOrThrow({ where: { reference: pack.reference }, include: { entries: true } });
    expect(stored.sha256).toBe(createHash("sha256").update(stored.csv).digest("hex"));
    expect(stored.entries).toHaveLength(3);
    expect(stored).toMatchObject({ declarationName: "Alex Declarer", declarationRole: "Practice manager", totalMinutes: 41, scope: "ALL" });
    const csv = stored.csv;
    expect(csv).toContain(`Workload evidence pack,${pack.reference}`);
    expect(csv).toContain("Totals by grade\nGrade,Entries,Minutes,Hours,Cost (GBP)\n");
    expect(csv).toContain("Practice manager,1,25,0.42,");
    expect(csv).toContain("Totals by task\n");
    expect(csv).toContain("Bag and label,1,3,6,0.10,");
    expect(csv).toContain("£289 per 4-hour session");
    expect(csv).toContain("Line,Entry,Date,Site,Grade,Task,Cause,Items,Minutes entered,Minutes suggested,How logged,References,Rate (GBP/hour),Cost (GBP)");
    expect(csv).toMatch(/,Bag and label,The records service \(PCSE\),3,6,6,"?Suggested, accepted"?,RM-\S{4}-\S{4} RM-\S{4}-\S{4} RM-\S{4}-\S{4},16\.12,1\.61/);
    expect(csv).toContain("Alex Declarer,Practice manager,2026-08-20");
    // No note, no staff or patient name.
    expect(csv).not.toContain("Lovelace");
    expect(csv).not.toContain("rang twice");
    expect(csv).not.toContain(w.staff.name);
    expect((await listEvidencePacks(testDb, w.manager))[0]).toMatchObject({ reference: pack.reference, entries: 3, sha256: stored.sha256, claim: null });
  });

  it("GET /api/workload/evidence serves the signed pack as stored (CSV and PDF), a draft otherwise; no NHS number of the database in either", async () => {
    const route = (await import("@/app/api/workload/evidence/route")) as { GET: (r: NextRequest, c: { params: Promise<Record<string, string>> }) => Promise<Response> };
    const cookieFor = async (actor: Actor) => `next-auth.session-token=${await encode({ token: { sub: actor.id, sid: await startSession(testDb, actor.id) }, secret: SECRET })}`;
    const get = async (query: string, cookie: string | null) => {
      const request = new NextRequest(`http://localhost:3000/api/workload/evidence?${query}`, { headers: cookie ? { cookie } : {} });
      return inRequestScope(request, () => route.GET(request, { params: Promise.resolve({}) }));
    };
    const manager = await cookieFor(w.manager);
    const csvResponse = await get("from=2026-08-01&to=2026-08-20&format=csv", manager);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("content-type")).toContain("text/csv");
    const csv = await csvResponse.text();
    const stored = await testDb.evidencePack.findUniqueOrThrow({ where: { reference: packReference } });
    expect(csv).toBe(stored.csv);
    expect(csvResponse.headers.get("x-evidence-sha256")).toBe(stored.sha256);
    expect(csvResponse.headers.get("x-evidence-signed")).toBe("yes");
    const pdfResponse = await get("from=2026-08-01&to=2026-08-20&format=pdf", manager);
    expect(pdfResponse.headers.get("content-type")).toBe("application/pdf");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evidence-"));
    fs.writeFileSync(path.join(dir, "pack.pdf"), Buffer.from(await pdfResponse.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-layout", path.join(dir, "pack.pdf"), "-"], { encoding: "utf8" });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text).toContain(packReference);
    expect(text).toContain(stored.sha256);
    expect(text).toContain("Alex Declarer");
    expect(text).toContain("Totals by task");
    expect(text).toContain("Itemised work");
    expect(text).toMatch(/Bag and label/);
    // A period with no signed pack: a draft, with its own hash, not stored.
    const draft = await get("from=2026-08-04&to=2026-08-20&format=csv&scope=service-failures", manager);
    const draftCsv = await draft.text();
    expect(draft.headers.get("x-evidence-signed")).toBe("no");
    expect(draftCsv).toContain("DRAFT (not signed)");
    expect(draftCsv).toContain("Handle a wrong record");
    expect(draftCsv).not.toContain("Patient contact");
    expect(draft.headers.get("x-evidence-sha256")).toBe(createHash("sha256").update(draftCsv).digest("hex"));
    // Every NHS number the database holds, written any way people write one: in neither file.
    const numbers = (await testDb.$queryRawUnsafe<{ n: string }[]>(`SELECT "nhsNumber" AS n FROM "Patient" UNION SELECT "receivedNhsNumber" FROM "ProblemReport" WHERE "receivedNhsNumber" IS NOT NULL`)).map((r) => r.n.trim());
    expect(numbers.length).toBeGreaterThan(10);
    for (const body of [csv, text, draftCsv]) {
      const flat = body.replace(/\s+/g, " ");
      const found = numbers.filter((n) => [n, `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`].some((f) => flat.includes(f)));
      expect(found).toEqual([]);
    }
    // Only the practice manager; a bad query after sign-in is a 400; signed out 401.
    expect((await get("from=2026-08-01&to=2026-08-20&format=csv", await cookieFor(w.staff))).status).toBe(404);
    expect((await get("from=2026-08-01&to=2026-08-20&format=csv", await cookieFor(await createUser(testDb, "COMMISSIONER")))).status).toBe(404);
    expect((await get("from=2026-08-01&to=2026-08-20&format=csv", null)).status).toBe(401);
    expect((await get("from=2026-08-20&to=2026-08-01&format=csv", manager)).status).toBe(400);
    expect((await get("from=yesterday&format=xls", manager)).status).toBe(400);
    expect((await get("from=2026-08-01&to=2026-08-20&pack=EP-2222-2222", manager)).status).toBe(404);
    // Another practice's manager gets their own (empty) draft, never this practice's pack.
    const outsider = await practiceWorld();
    const theirs = await get(`from=2026-08-01&to=2026-08-20&format=csv&pack=${packReference}`, await cookieFor(outsider.manager));
    expect(theirs.status).toBe(404);
    const theirDraft = await (await get("from=2026-08-01&to=2026-08-20&format=csv", await cookieFor(outsider.manager))).text();
    expect(theirDraft).toContain("Entries,0");
    expect(await testDb.auditEvent.count({ where: { action: "DOWNLOAD_EVIDENCE", actorUserId: w.manager.id } })).toBeGreaterThanOrEqual(3);
  });

  it("the query is parsed strictly after sign-in", () => {
    expect(parseEvidenceQuery({ from: "2026-01-01", to: "2026-01-31", format: "pdf", scope: "case:CS-2222-2222" }, "2026-02-01")).toMatchObject({ scope: "CASE", caseReference: "CS-2222-2222", format: "pdf" });
    expect(() => parseEvidenceQuery({ from: "2026-01-01", to: "2026-03-01" }, "2026-02-01")).toThrow(ValidationError);
    expect(() => parseEvidenceQuery({ from: "2026-01-01", to: "2026-01-31", scope: "everything" }, "2026-02-01")).toThrow(ValidationError);
  });

  it("a pack for one case holds only that case's work", async () => {
    const sent = await send(w.staff, w.practice.id, w.other.odsCode, at("2026-08-10"));
    const c = await raiseCase(testDb, w.staff, { kind: "LABEL_PROBLEM", reference: sent.reference, summary: "Blank label" }, at("2026-08-10"));
    await logWorkload(testDb, w.staff, { taskCode: "CHASE", grade: "ADMINISTRATOR", minutes: "12", cause: "RECORDS_SERVICE", reference: c.reference, note: "", ...parts("date", "2026-08-11") }, now);
    const file = await evidenceForPeriod(testDb, w.manager, { from: "2026-08-01", to: "2026-08-20", format: "csv", scope: "CASE", caseReference: c.reference, incidentReference: null, pack: null });
    expect(file.signed).toBe(false);
    expect(file.csv).toContain(`Scope,Case ${c.reference}`);
    expect(file.csv).toContain("Entries,1");
    expect(file.csv).toContain(c.reference);
    await expectRefused(evidenceForPeriod(testDb, (await practiceWorld()).manager, { from: "2026-08-01", to: "2026-08-20", format: "csv", scope: "CASE", caseReference: c.reference, incidentReference: null, pack: null }), ValidationError, /No case of your practice/);
  });
});

describe("claims", () => {
  it("submitted → under review → offer → accepted (the warning confirmed) → paid, each step by whom it belongs to, audited, and the work locked", async () => {
    const w = await practiceWorld("Y63");
    const now = at("2026-09-20", 10);
    const entry = await logWorkload(testDb, w.manager, { taskCode: "RECONSTITUTE_RECORD", grade: "SALARIED_GP", minutes: "180", cause: "RECORDS_SERVICE", note: "", ...parts("date", "2026-09-01") }, now);
    const pack = await createEvidencePack(testDb, w.manager, { scope: "SERVICE_FAILURES", declarationName: "Sam Manager", declarationRole: "Practice manager", declare: "yes", ...parts("from", "2026-09-01"), ...parts("to", "2026-09-19") }, now);
    const regional = await createUser(testDb, "COMMISSIONER", { regionCode: "Y63" });
    const elsewhere = await createUser(testDb, "COMMISSIONER", { regionCode: "Y56" });
    const national = await createUser(testDb, "COMMISSIONER");
    await expectRefused(submitClaim(testDb, w.staff, { pack: pack.reference, summary: "x" }, now), ForbiddenError);
    await expectRefused(submitClaim(testDb, (await practiceWorld()).manager, { pack: pack.reference, summary: "x" }, now), ValidationError, /signed evidence packs/);
    const { reference } = await submitClaim(testDb, w.manager, { pack: pack.reference, summary: "A lost record rebuilt in September" }, now);
    await expectRefused(submitClaim(testDb, w.manager, { pack: pack.reference, summary: "again" }, now), ValidationError, /already in claim/);
    // The claim's amount is the pack's cost: 3 hours of a salaried GP at £49.93.
    expect(await testDb.claim.findUniqueOrThrow({ where: { reference } })).toMatchObject({ status: "SUBMITTED", amountClaimedPence: 14979, regionCode: "Y63" });
    // The work in it cannot be changed while it is decided.
    await expectRefused(editWorkloadEntry(testDb, w.manager, { entryId: entry.id, taskCode: "RECONSTITUTE_RECORD", grade: "SALARIED_GP", minutes: "240", cause: "RECORDS_SERVICE", note: "", ...parts("date", "2026-09-01") }, now), ValidationError, /evidence for a claim/);
    // Only commissioners of the claim's region (or national) see and decide it.
    await expectRefused(getClaimForCommissioner(testDb, elsewhere, reference), NotFoundError);
    await expectRefused(decideClaim(testDb, elsewhere, { action: "startReview", reference }, now), NotFoundError);
    expect((await listClaimsForCommissioner(testDb, elsewhere, { status: "all" })).rows.map((r) => r.reference)).not.toContain(reference);
    expect((await listClaimsForCommissioner(testDb, national, { status: "all" })).rows.map((r) => r.reference)).toContain(reference);
    await expectRefused(decideClaim(testDb, w.manager, { action: "startReview", reference }, now), ForbiddenError);
    await expectRefused(answerClaimOffer(testDb, w.manager, { action: "acceptOffer", reference, confirmWarning: "yes" }, now), ValidationError, /not possible now/);
    await expectRefused(decideClaim(testDb, regional, { action: "markPaid", reference, paid: "10.00" }, now), ValidationError, /not possible now/);
    await decideClaim(testDb, regional, { action: "startReview", reference, note: "" }, now);
    await expectRefused(decideClaim(testDb, regional, { action: "makeOffer", reference, offer: "200.00", note: "Too much" }, now), ValidationError, /more than the amount claimed, £149.79/);
    await decideClaim(testDb, regional, { action: "makeOffer", reference, offer: "120.00", note: "At the DDRB minimum, less 20% for time in the normal course of work" }, now);
    const detail = await getPracticeClaim(testDb, w.manager, reference);
    expect(detail).toMatchObject({ status: "OFFER_MADE", offerPence: 12000, actions: ["acceptOffer", "rejectOffer"] });
    expect(detail.warning).toMatch(/may bar/);
    // The period in words, as everywhere else a date is shown ("1 May 2026 to 31 May 2026"), not ISO dates.
    expect(detail.period).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} to \d{1,2} [A-Z][a-z]+ \d{4}$/);
    // Accepting needs the warning confirmed.
    await expectRefused(answerClaimOffer(testDb, w.manager, { action: "acceptOffer", reference }, now), ValidationError, /bar further claims/);
    await expectRefused(answerClaimOffer(testDb, national, { action: "acceptOffer", reference, confirmWarning: "yes" }, now), ForbiddenError);
    await answerClaimOffer(testDb, w.manager, { action: "acceptOffer", reference, confirmWarning: "yes" }, now);
    await expectRefused(decideClaim(testDb, regional, { action: "markPaid", reference, paid: "130.00" }, now), ValidationError, /more than the offer/);
    await decideClaim(testDb, national, { action: "markPaid", reference, paid: "120.00", note: "" }, now);
    const paid = await getClaimForCommissioner(testDb, regional, reference);
    expect(paid).toMatchObject({ status: "PAID", paidPence: 12000, actions: [] });
    expect(paid.events.map((e) => [e.from, e.to, e.amountPence, e.warningConfirmed])).toEqual([
      [null, "SUBMITTED", 14979, false],
      ["SUBMITTED", "UNDER_REVIEW", null, false],
      ["UNDER_REVIEW", "OFFER_MADE", 12000, false],
      ["OFFER_MADE", "ACCEPTED", 12000, true],
      ["ACCEPTED", "PAID", 12000, false],
    ]);
    expect(paid.pack).toMatchObject({ reference: pack.reference, declarationName: "Sam Manager", sha256: pack.sha256 });
    expect(paid.pack.totals?.byGrade).toMatchObject([{ key: "SALARIED_GP", minutes: 180 }]);
    expect(await testDb.auditEvent.count({ where: { entityType: "Claim", action: { in: ["SUBMIT_CLAIM", "UPDATE_CLAIM"] }, entityId: (await testDb.claim.findUniqueOrThrow({ where: { reference } })).id } })).toBe(5);
    await expect(testDb.$executeRawUnsafe(`DELETE FROM "ClaimEvent"`)).rejects.toThrow(/append-only/);
    // The claim's evidence, as signed, for the practice and its commissioners only.
    expect((await evidenceForClaim(testDb, regional, reference, "csv")).sha256).toBe(pack.sha256);
    await expectRefused(evidenceForClaim(testDb, elsewhere, reference, "csv"), NotFoundError);
    await expectRefused(evidenceForClaim(testDb, (await practiceWorld()).manager, reference, "csv"), NotFoundError);
    await expectRefused(evidenceForClaim(testDb, w.staff, reference, "csv"), ForbiddenError);
    // Accepted: the same work cannot be claimed again, even from a new pack.
    const again = await createEvidencePack(testDb, w.manager, { scope: "ALL", declarationName: "Sam Manager", declarationRole: "Practice manager", declare: "yes", ...parts("from", "2026-09-01"), ...parts("to", "2026-09-19") }, now);
    await expectRefused(submitClaim(testDb, w.manager, { pack: again.reference, summary: "Again" }, now), ValidationError, /whose offer the practice accepted/);
  });

  it("a commissioner declines, or the practice rejects the offer; either is final and frees the work", async () => {
    const w = await practiceWorld("Y56");
    const now = at("2026-10-05", 10);
    const regional = await createUser(testDb, "COMMISSIONER", { regionCode: "Y56" });
    const entry = await logWorkload(testDb, w.manager, { taskCode: "CHASE", grade: "ADMINISTRATOR", minutes: "30", cause: "RECORDS_SERVICE", note: "", ...parts("date", "2026-10-01") }, now);
    const pack = await createEvidencePack(testDb, w.manager, { scope: "ALL", declarationName: "Kim Manager", declarationRole: "Practice manager", declare: "yes", ...parts("from", "2026-10-01"), ...parts("to", "2026-10-04") }, now);
    const first = await submitClaim(testDb, w.manager, { pack: pack.reference, summary: "Chasing" }, now);
    await expectRefused(decideClaim(testDb, regional, { action: "decline", reference: first.reference, note: "" }, now), ValidationError, /why the claim is declined/);
    await decideClaim(testDb, regional, { action: "decline", reference: first.reference, note: "Ordinary course of business" }, now);
    expect(await testDb.claim.findUniqueOrThrow({ where: { reference: first.reference } })).toMatchObject({ status: "REJECTED", rejectedBy: "COMMISSIONER" });
    await expectRefused(decideClaim(testDb, regional, { action: "startReview", reference: first.reference }, now), ValidationError, /rejected/);
    // Declined: the pack may be claimed again, and its work is no longer locked.
    const later = at("2026-10-05", 14);
    const second = await submitClaim(testDb, w.manager, { pack: pack.reference, summary: "With more detail" }, later);
    await decideClaim(testDb, regional, { action: "startReview", reference: second.reference }, now);
    await decideClaim(testDb, regional, { action: "makeOffer", reference: second.reference, offer: "5.00", note: "Partial" }, now);
    await expectRefused(answerClaimOffer(testDb, w.manager, { action: "rejectOffer", reference: second.reference, note: "" }, now), ValidationError, /why you are rejecting/);
    await answerClaimOffer(testDb, w.manager, { action: "rejectOffer", reference: second.reference, note: "Below our costs" }, now);
    expect(await testDb.claim.findUniqueOrThrow({ where: { reference: second.reference } })).toMatchObject({ status: "REJECTED", rejectedBy: "PRACTICE" });
    await editWorkloadEntry(testDb, w.manager, { entryId: entry.id, taskCode: "CHASE", grade: "ADMINISTRATOR", minutes: "35", cause: "RECORDS_SERVICE", note: "", ...parts("date", "2026-10-01") }, now);
    expect((await listPracticeClaims(testDb, w.manager)).map((c) => [c.reference, c.status])).toEqual([
      [second.reference, "REJECTED"],
      [first.reference, "REJECTED"],
    ]);
  });
});
