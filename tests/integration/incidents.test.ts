// Incidents on a real PostgreSQL: the CSV import (valid, invalid, duplicate, unknown practice, all-or-nothing, the
// rejected-rows report, movements linked and created), the harm review rules and their history, many "no harm" at
// once, sign-off and payment per scheme, scope (another practice's patients are not found), audit, chasing, and the
// commissioner's disclosure-controlled counts.
import { describe, expect, it } from "vitest";
import { createIncident, chasePractices, recordHarmReview, recordNoHarmReviews, signPracticeReturn } from "@/lib/incidents/commands";
import { importIncidentItems } from "@/lib/incidents/import";
import { commissionerIncidents, getAffectedPatient, getIncident, getPracticeIncident, importProgress, listIncidents, listPracticeIncidents, rejectedRows } from "@/lib/incidents/queries";
import { paymentFor, SBS_BANDS } from "@/lib/incidents/payment";
import { createMovement } from "@/lib/movements/commands";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { refreshMovementsSql } from "@/lib/tracking/refresh";
import { pgTransactions } from "@/lib/db/sql";
import { createOrganisation, createUser, nextNhsNumber, sendRecordForm } from "../fixtures/factories";
import { expectQueuesConsistent } from "../fixtures/queues";
import { testDb, testPool } from "./setup";

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}
function messages(error: unknown): string {
  return error instanceof ValidationError ? Object.values(error.fieldErrors).flat().join(" | ") : String(error);
}

const HEADER = "nhs_number,practice_ods_code,held_from,released_on,movement_reference,priority,family_name,given_name,date_of_birth";

async function setup(scheme: Record<string, string> = { paymentScheme: "BANDED" }) {
  const practiceA = await createOrganisation(testDb);
  const practiceB = await createOrganisation(testDb, { regionCode: "Y56" });
  const supervisor = await createUser(testDb, "PCSE_SUPERVISOR");
  const staffA = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practiceA.id });
  const managerA = await createUser(testDb, "PRACTICE_MANAGER", { organisationId: practiceA.id });
  const staffB = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practiceB.id });
  const { reference } = await createIncident(testDb, supervisor, {
    title: "Records held in the archive",
    category: "RECORDS_ARCHIVED_IN_ERROR",
    responsibleOrganisation: "Archive contractor Ltd",
    discoveredOn: "2026-10-01",
    reviewsDueDate: "2027-01-31",
    ...scheme,
  }, new Date("2026-11-23T10:00:00Z"));
  return { practiceA, practiceB, supervisor, staffA, managerA, staffB, reference };
}

function csv(lines: string[]): AsyncIterable<string> {
  return (async function* () {
    yield `${HEADER}\n`;
    for (const l of lines) yield `${l}\n`;
  })();
}

async function runImport(actor: Actor, reference: string, lines: string[]) {
  return importIncidentItems(testDb, actor, { reference, fileName: "affected.csv", body: csv(lines), pool: testPool }, new Date("2026-11-23T10:00:00Z"));
}

describe("incident import", () => {
  it("imports every row of a good file, links existing movements and tracks released records as movements", async () => {
    const s = await setup();
    const sender = await createOrganisation(testDb);
    const senderStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
    const linkedNhs = nextNhsNumber();
    const existing = await createMovement(testDb, senderStaff, sendRecordForm({ nhsNumber: linkedNhs, fromOrganisationId: sender.id, destinationOdsCode: s.practiceA.odsCode }));
    const byRef = nextNhsNumber();
    const byRefMovement = await createMovement(testDb, senderStaff, sendRecordForm({ nhsNumber: byRef, fromOrganisationId: sender.id, destinationOdsCode: s.practiceB.odsCode }));
    const released = nextNhsNumber();
    const held = nextNhsNumber();
    const summary = await runImport(s.supervisor, s.reference, [
      `${linkedNhs},${s.practiceA.odsCode},2025-06-01,2026-10-20,,high,,,`,
      `${byRef},${s.practiceB.odsCode.toLowerCase()},2025-07-01,2026-10-21,${byRefMovement.reference.toLowerCase()},LOW,,,`,
      `${released.slice(0, 3)} ${released.slice(3, 6)} ${released.slice(6)},${s.practiceA.odsCode},2025-01-15,2026-11-02,,low,Lovelace,Ada,1985-12-10`,
      `${held},${s.practiceA.odsCode},2024-03-01,,,High,,,`,
    ]);
    expect(summary).toMatchObject({ status: "COMPLETED", rows: 4, accepted: 4, rejected: 0, movementsLinked: 2, movementsCreated: 1 });
    const items = await testDb.incidentItem.findMany({ where: { incident: { reference: s.reference } }, include: { movement: { include: { trackingEvents: true, fromOrganisation: true } } }, orderBy: { rowNumber: "asc" } });
    expect(items.map((i) => i.nhsNumber)).toEqual([linkedNhs, byRef, released, held]);
    expect(items[0].movement?.reference).toBe(existing.reference);
    expect(items[1].movement?.reference).toBe(byRefMovement.reference);
    expect(items[3].movementId).toBeNull();
    const created = items[2].movement!;
    expect(created).toMatchObject({ type: "STORE_TO_PRACTICE", toOrganisationId: s.practiceA.id, patientFamilyName: "Lovelace", status: "COLLECTED" });
    expect(created.fromOrganisation.odsCode).toBe("XPCSST");
    expect(created.trackingEvents.map((e) => e.type).sort()).toEqual(["COLLECTED", "CREATED"]);
    expect(created.releaseDueDate).not.toBeNull(); // clocks derived by the same refresh as every movement
    expect(await testDb.incidentImportRow.count({ where: { importId: summary.importId } })).toBe(0);
    // The practices are told, one message per user.
    const told = await testDb.notification.findMany({ where: { template: "INCIDENT_REVIEWS_REQUESTED", organisationId: { in: [s.practiceA.id, s.practiceB.id] } } });
    expect(told.map((n) => n.toEmail).sort()).toEqual([s.staffA.email, s.managerA.email, s.staffB.email].sort());
    expect(told[0].body).not.toMatch(/\d{10}/);
    expect(await importProgress(testDb, s.supervisor, s.reference)).toMatchObject({ status: "COMPLETED", rowsRead: 4, accepted: 4 });
    const audit = await testDb.auditEvent.findFirst({ where: { action: "IMPORT_INCIDENT_ITEMS", actorUserId: s.supervisor.id } });
    expect(audit?.details).toMatchObject({ imported: 4, movementsCreated: 1 });
  });

  it("derives each imported movement exactly as the general refresh would (one refresh per group, copied to the rest)", async () => {
    const s = await setup();
    const welsh = await createOrganisation(testDb, { country: "WALES", regionCode: null });
    const now = new Date("2026-11-23T10:00:00Z");
    const row = (practice: string, heldFrom: string, releasedOn: string) => `${nextNhsNumber()},${practice},${heldFrom},${releasedOn},,low,Hopper,Grace,1970-01-01`;
    const summary = await runImport(s.supervisor, s.reference, [
      // Groups of several movements (same release day and country), a Welsh practice (its own calendar, crossing the
      // border), a release long ago (clocks breached), a release today (none yet), and one still held.
      row(s.practiceA.odsCode, "2025-06-01", "2026-11-02"),
      row(s.practiceB.odsCode, "2025-06-01", "2026-11-02"),
      row(s.practiceA.odsCode, "2025-06-01", "2026-11-02"),
      row(welsh.odsCode, "2025-06-01", "2026-11-02"),
      row(welsh.odsCode, "2025-06-01", "2026-11-02"),
      row(s.practiceA.odsCode, "2024-01-01", "2025-02-03"),
      row(s.practiceB.odsCode, "2024-01-01", "2025-02-03"),
      row(s.practiceA.odsCode, "2025-06-01", "2026-11-23"),
      `${nextNhsNumber()},${s.practiceA.odsCode},2024-03-01,,,High,,,`,
    ]);
    expect(summary).toMatchObject({ status: "COMPLETED", accepted: 9, movementsCreated: 8 });
    await expectQueuesConsistent(testDb);
    const ids = (await testDb.incidentItem.findMany({ where: { importId: summary.importId, movementId: { not: null } }, select: { movementId: true } })).map((i) => i.movementId!);
    expect(ids).toHaveLength(8);
    const snapshot = async () => ({
      movements: await testDb.recordMovement.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } }),
      clocks: await testDb.movementClock.findMany({ where: { movementId: { in: ids } }, orderBy: [{ movementId: "asc" }, { kind: "asc" }] }),
      attention: await testDb.attentionQueueEntry.findMany({ where: { movementId: { in: ids } }, orderBy: { movementId: "asc" } }),
      backlog: await testDb.collectionBacklogEntry.findMany({ where: { movementId: { in: ids } }, orderBy: { movementId: "asc" } }),
    });
    const imported = await snapshot();
    expect(imported.clocks.some((c) => c.breached)).toBe(true);
    expect(new Set(imported.movements.map((m) => m.status))).toEqual(new Set(["COLLECTED"]));
    // Put every movement back as first inserted (before any derivation) and run the general refresh over each, at
    // the import's time: the result must be what the import stored.
    await testPool.query(`DELETE FROM "MovementClock" WHERE "movementId" = ANY($1::uuid[])`, [ids]);
    await testPool.query(`DELETE FROM "AttentionQueueEntry" WHERE "movementId" = ANY($1::uuid[])`, [ids]);
    await testPool.query(`DELETE FROM "CollectionBacklogEntry" WHERE "movementId" = ANY($1::uuid[])`, [ids]);
    await testPool.query(
      `UPDATE "RecordMovement" SET status = 'REQUESTED', "statusChangedAt" = "createdAt", "updatedAt" = "createdAt", "readyForCollectionAt" = NULL, "needsAttention" = false, "attentionReasons" = '{}',
         "releasedAt" = NULL, "collectedAt" = NULL, "deliveredAt" = NULL, "receivedAt" = NULL, "dueDate" = "createdAt"::date, "releaseDueDate" = NULL, "collectionDueDate" = NULL,
         "deliveryDueDate" = NULL, "receiptDueDate" = NULL, "breachedClocks" = '{}', "deliveryWorkingDays" = NULL, "endToEndWorkingDays" = NULL
       WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    for (const id of ids) await pgTransactions(testPool).transaction((sql) => refreshMovementsSql(sql, [id], now));
    expect(await snapshot()).toEqual(imported);
    // And refreshing again changes nothing.
    expect(await pgTransactions(testPool).transaction((sql) => refreshMovementsSql(sql, ids, now))).toBe(0);
  });

  it("refuses the whole file when any row is bad (invalid, duplicate, unknown practice, missing envelope details), with a report of every rejected row", async () => {
    const s = await setup();
    const good = nextNhsNumber();
    const dup = nextNhsNumber();
    const unknownPractice = nextNhsNumber();
    const summary = await runImport(s.supervisor, s.reference, [
      `${good},${s.practiceA.odsCode},2025-06-01,,,high,,,`,
      `9434765918,${s.practiceA.odsCode},2025-06-01,,,high,,,`, // fails the check digit
      `${dup},${s.practiceA.odsCode},2025-06-01,,,low,,,`,
      `${dup},${s.practiceB.odsCode},2025-06-01,,,low,,,`, // repeats row 4
      `${unknownPractice},ZZZ999,2025-06-01,,,low,,,`,
      `${nextNhsNumber()},${s.practiceA.odsCode},2025-13-01,,,medium,,,`, // bad date, bad priority
      `${nextNhsNumber()},${s.practiceA.odsCode},2025-06-01,2026-01-01,,low,,,`, // released, no movement, no names
      `${nextNhsNumber()},${s.practiceA.odsCode},2025-06-01,,RM-2222-2222,low,,,`, // no such movement
    ]);
    expect(summary).toMatchObject({ status: "REJECTED", rows: 8, accepted: 0, rejected: 6 });
    expect(await testDb.incidentItem.count({ where: { incident: { reference: s.reference } } })).toBe(0);
    expect(await testDb.patient.count({ where: { nhsNumber: good } })).toBe(0);
    const report = await rejectedRows(testDb, s.supervisor, s.reference, null);
    const rows: string[][] = [];
    for await (const r of report.rows) rows.push(r);
    expect(rows.map((r) => r[0])).toEqual(["3", "5", "6", "7", "8", "9"]);
    const problem = (row: string) => rows.find((r) => r[0] === row)![1];
    expect(problem("3")).toContain("check digit");
    expect(problem("5")).toContain("NHS number repeats row 4");
    expect(problem("6")).toContain("not a GP practice the portal knows");
    expect(problem("7")).toMatch(/held from is not a real date.*priority must be high or low/);
    expect(problem("8")).toContain("family_name, given_name and date_of_birth");
    expect(problem("9")).toContain("movement reference not found");
    expect(rows.find((r) => r[0] === "3")![2]).toBe("9434765918"); // the row as given
    // Fixing the file imports it.
    const fixed = await runImport(s.supervisor, s.reference, [`${good},${s.practiceA.odsCode},2025-06-01,,,high,,,`, `${dup},${s.practiceB.odsCode},2025-06-01,,,low,,,`]);
    expect(fixed).toMatchObject({ status: "COMPLETED", accepted: 2 });
    // A second file may not repeat a patient already in the incident.
    const again = await runImport(s.supervisor, s.reference, [`${good},${s.practiceA.odsCode},2025-06-01,,,high,,,`]);
    expect(again).toMatchObject({ status: "REJECTED", rejected: 1 });
  });

  it("refuses a file without the required columns, and an empty one", async () => {
    const s = await setup();
    const noColumns = await importIncidentItems(testDb, s.supervisor, { reference: s.reference, fileName: "x.csv", body: (async function* () { yield "nhs,practice\n9434765919,A81001\n"; })(), pool: testPool });
    expect(noColumns.status).toBe("REJECTED");
    expect(noColumns.problem).toContain("missing: nhs_number, practice_ods_code, held_from, priority");
    const empty = await importIncidentItems(testDb, s.supervisor, { reference: s.reference, fileName: "x.csv", body: (async function* () { yield ""; })(), pool: testPool });
    expect(empty.problem).toBe("The file is empty");
  });

  it("rolls everything back when the import transaction fails half way", async () => {
    const s = await setup();
    const a = nextNhsNumber();
    // The store the released records come from is missing (renamed for this test): the transaction fails after the
    // patients were inserted, and none of it stays.
    await testDb.organisation.update({ where: { odsCode: "XPCSST" }, data: { odsCode: "XPCSSX" } });
    try {
      const error = await refusal(runImport(s.supervisor, s.reference, [`${a},${s.practiceA.odsCode},2025-06-01,2026-10-01,,high,Hopper,Grace,1970-01-01`]));
      expect(String(error)).toContain("XPCSST");
    } finally {
      await testDb.organisation.update({ where: { odsCode: "XPCSSX" }, data: { odsCode: "XPCSST" } });
    }
    expect(await testDb.patient.count({ where: { nhsNumber: a } })).toBe(0);
    expect(await testDb.incidentItem.count({ where: { incident: { reference: s.reference } } })).toBe(0);
    expect(await importProgress(testDb, s.supervisor, s.reference)).toMatchObject({ status: "FAILED" });
  });

  it("only PCSE supervisors import, into incidents that exist", async () => {
    const s = await setup();
    const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    await expect(runImport(caseworker, s.reference, [])).rejects.toThrow("permission");
    await expect(runImport(s.staffA, s.reference, [])).rejects.toThrow("permission");
    await expect(runImport(s.supervisor, "IN-2222-2222", [])).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("harm reviews, sign-off and payment", () => {
  async function imported(scheme?: Record<string, string>, count = 3) {
    const s = await setup(scheme);
    const numbers = Array.from({ length: count }, () => nextNhsNumber());
    const foreign = nextNhsNumber();
    await runImport(s.supervisor, s.reference, [...numbers.map((n, i) => `${n},${s.practiceA.odsCode},2025-0${(i % 9) + 1}-01,,,${i === count - 1 ? "high" : "low"},,,`), `${foreign},${s.practiceB.odsCode},2025-06-01,,,low,,,`]);
    const items = await testDb.incidentItem.findMany({ where: { incident: { reference: s.reference } }, orderBy: { rowNumber: "asc" } });
    return { ...s, items: items.filter((i) => i.practiceId === s.practiceA.id), foreignItem: items.find((i) => i.practiceId === s.practiceB.id)! };
  }

  const review = (reference: string, itemId: string, overrides: Record<string, unknown> = {}) => ({ reference, itemId, outcome: "NO_HARM", harmLevel: "", harmDescription: "", patientInformed: "no", patientInformedOn: "", actionsTaken: "", reviewerRole: "GP", minutesSpent: "12", ...overrides });
  const now = new Date("2026-11-23T10:00:00Z");

  it("lists the practice's patients only, high priority first, and audits every view", async () => {
    const s = await imported();
    const list = await listPracticeIncidents(testDb, s.staffA);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ reference: s.reference, items: 3, high: 1, reviewed: 0, signed: false });
    const view = await getPracticeIncident(testDb, s.staffA, s.reference, {}, now);
    expect(view.patients.map((p) => p.priority)).toEqual(["HIGH", "LOW", "LOW"]);
    expect(view.patients.map((p) => p.nhsNumber)).not.toContain(s.foreignItem.nhsNumber);
    expect(view.patients[0].delayDays).toBeGreaterThan(300);
    const audit = await testDb.auditEvent.findFirst({ where: { action: "VIEW_INCIDENT_PATIENTS", actorUserId: s.staffA.id } });
    expect((audit?.details as { patientIds: string[] }).patientIds.sort()).toEqual(s.items.map((i) => i.patientId).sort());
    await getAffectedPatient(testDb, s.staffA, s.reference, s.items[0].id, now);
    expect(await testDb.auditEvent.count({ where: { action: "VIEW_INCIDENT_PATIENT", actorUserId: s.staffA.id, patientId: s.items[0].patientId } })).toBe(1);
    // Another practice's patient is "not found", by page or by command; so is an incident the practice is not in.
    await expect(getAffectedPatient(testDb, s.staffA, s.reference, s.foreignItem.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordHarmReview(testDb, s.staffA, review(s.reference, s.foreignItem.id))).rejects.toBeInstanceOf(NotFoundError);
    const other = await setup();
    await expect(getPracticeIncident(testDb, s.staffA, other.reference)).rejects.toBeInstanceOf(NotFoundError);
    // PCSE sees any patient.
    const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    expect((await getAffectedPatient(testDb, caseworker, s.reference, s.foreignItem.id)).nhsNumber).toBe(s.foreignItem.nhsNumber);
  });

  it("applies the review rules: a clinician for anything but no harm, a level for harm, a date when told", async () => {
    const s = await imported();
    const id = s.items[0].id;
    const e1 = await refusal(recordHarmReview(testDb, s.staffA, review(s.reference, id, { outcome: "HARM_IDENTIFIED", harmLevel: "MODERATE", reviewerRole: "ADMINISTRATIVE_STAFF" }), now));
    expect(messages(e1)).toContain("Only a clinician");
    const e2 = await refusal(recordHarmReview(testDb, s.staffA, review(s.reference, id, { outcome: "HARM_IDENTIFIED" }), now));
    expect(messages(e2)).toContain("Select the level of harm");
    const e3 = await refusal(recordHarmReview(testDb, s.staffA, review(s.reference, id, { outcome: "NO_HARM", harmLevel: "LOW" }), now));
    expect(messages(e3)).toContain("only recorded when harm is identified");
    const e4 = await refusal(recordHarmReview(testDb, s.staffA, review(s.reference, id, { patientInformed: "yes" }), now));
    expect(messages(e4)).toContain("Enter the date the patient was told");
    const e5 = await refusal(recordHarmReview(testDb, s.staffA, review(s.reference, id, { patientInformed: "yes", patientInformedOn: "2026-12-01" }), now));
    expect(messages(e5)).toContain("today or in the past");
    const e6 = await refusal(recordHarmReview(testDb, s.staffA, review(s.reference, id, { minutesSpent: "0" }), now));
    expect(messages(e6)).toContain("minutes");
    // Non-clinicians may record no harm; a change keeps the earlier version.
    expect(await recordHarmReview(testDb, s.staffA, review(s.reference, id, { reviewerRole: "PRACTICE_MANAGER" }), now)).toMatchObject({ version: 1 });
    expect(await recordHarmReview(testDb, s.staffA, review(s.reference, id, { outcome: "HARM_IDENTIFIED", harmLevel: "LOW", harmDescription: "Delayed referral", actionsTaken: "Referred", minutesSpent: "40" }), now)).toMatchObject({ version: 2 });
    const stored = await testDb.harmReview.findUniqueOrThrow({ where: { itemId: id }, include: { history: true } });
    expect(stored).toMatchObject({ outcome: "HARM_IDENTIFIED", harmLevel: "LOW", minutesSpent: 40, reviewerRole: "GP", version: 2 });
    expect(stored.history).toHaveLength(1);
    expect(stored.history[0].snapshot).toMatchObject({ outcome: "NO_HARM", reviewerRole: "PRACTICE_MANAGER", minutesSpent: 12 });
    await expect(testDb.$executeRawUnsafe(`DELETE FROM "HarmReviewHistory" WHERE "reviewId" = '${stored.id}'`)).rejects.toThrow("append-only");
    expect(await testDb.auditEvent.count({ where: { action: "RECORD_HARM_REVIEW", patientId: s.items[0].patientId } })).toBe(2);
  });

  it("records many no-harm reviews at once only by a clinician with a confirmation, never overwriting a review", async () => {
    const s = await imported();
    const ids = s.items.map((i) => i.id);
    await recordHarmReview(testDb, s.staffA, review(s.reference, ids[0], { outcome: "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW", reviewerRole: "NURSE" }), now);
    expect(messages(await refusal(recordNoHarmReviews(testDb, s.staffA, { reference: s.reference, itemIds: ids, reviewerRole: "GP", minutesSpent: "30" })))).toContain("Confirm");
    expect(messages(await refusal(recordNoHarmReviews(testDb, s.staffA, { reference: s.reference, itemIds: ids, reviewerRole: "ADMINISTRATIVE_STAFF", minutesSpent: "30", confirm: "on" })))).toContain("Only a clinician");
    await expect(recordNoHarmReviews(testDb, s.staffA, { reference: s.reference, itemIds: [...ids, s.foreignItem.id], reviewerRole: "GP", minutesSpent: "30", confirm: "on" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await recordNoHarmReviews(testDb, s.staffA, { reference: s.reference, itemIds: ids, reviewerRole: "GP", minutesSpent: "31", confirm: "on" }, now)).toEqual({ recorded: 2, skipped: 1 });
    const reviews = await testDb.harmReview.findMany({ where: { itemId: { in: ids } } });
    expect(reviews.find((r) => r.itemId === ids[0])?.outcome).toBe("POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW");
    expect(reviews.filter((r) => r.outcome === "NO_HARM").map((r) => r.minutesSpent).reduce((a, b) => a + b, 0)).toBe(31);
  });

  it("lets only the practice manager sign, once every patient is reviewed and concluded, and pays the band", async () => {
    const s = await imported({ paymentScheme: "BANDED" });
    const ids = s.items.map((i) => i.id);
    expect(messages(await refusal(signPracticeReturn(testDb, s.managerA, { reference: s.reference, declaration: "on" })))).toContain("3 patients have not been reviewed");
    await expect(signPracticeReturn(testDb, s.staffA, { reference: s.reference, declaration: "on" })).rejects.toThrow("permission");
    await recordHarmReview(testDb, s.staffA, review(s.reference, ids[0], { outcome: "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW" }), now);
    await recordHarmReview(testDb, s.staffA, review(s.reference, ids[1], { outcome: "HARM_IDENTIFIED", harmLevel: "MODERATE" }), now);
    await recordHarmReview(testDb, s.staffA, review(s.reference, ids[2]), now);
    const blocked = messages(await refusal(signPracticeReturn(testDb, s.managerA, { reference: s.reference, declaration: "on" })));
    expect(blocked).toContain("waiting for a clinical review");
    expect(blocked).toContain("duty of candour");
    await recordHarmReview(testDb, s.staffA, review(s.reference, ids[0]), now);
    await recordHarmReview(testDb, s.staffA, review(s.reference, ids[1], { outcome: "HARM_IDENTIFIED", harmLevel: "MODERATE", patientInformed: "yes", patientInformedOn: "2026-11-20" }), now);
    expect(messages(await refusal(signPracticeReturn(testDb, s.managerA, { reference: s.reference })))).toContain("declaration");
    expect(await signPracticeReturn(testDb, s.managerA, { reference: s.reference, declaration: "on" }, now)).toEqual({ paymentPence: 5_000, nilReturn: false });
    expect(messages(await refusal(signPracticeReturn(testDb, s.managerA, { reference: s.reference, declaration: "on" })))).toContain("has been signed");
    expect(messages(await refusal(recordHarmReview(testDb, s.staffA, review(s.reference, ids[2]), now)))).toContain("has been signed");
    const view = await getPracticeIncident(testDb, s.managerA, s.reference, { show: "all" }, now);
    expect(view.signedReturn).toMatchObject({ itemCount: 3, harmCount: 1, nilReturn: false, paymentPence: 5_000, signedByName: s.managerA.name });
  });

  it("gives a nil return when no harm, and pays per scheme", async () => {
    for (const [scheme, expected] of [[{ paymentScheme: "NONE" }, 0], [{ paymentScheme: "FLAT_PER_PRACTICE", flatAmount: "75" }, 7_500], [{ paymentScheme: "PER_ITEM", perItemAmount: "12.50" }, 2 * 1_250]] as const) {
      const s = await imported(scheme as Record<string, string>, 2);
      await recordNoHarmReviews(testDb, s.staffA, { reference: s.reference, itemIds: s.items.map((i) => i.id), reviewerRole: "GP", minutesSpent: "10", confirm: "on" }, now);
      expect(await signPracticeReturn(testDb, s.managerA, { reference: s.reference, declaration: "on" }, now)).toEqual({ paymentPence: expected, nilReturn: true });
    }
  });

  it("pays the SBS bands: £50 under 20, £100 for 20-50, £50 per further 10 or part", () => {
    const band = (n: number) => paymentFor("BANDED", { bands: { ...SBS_BANDS } }, n);
    expect([band(0), band(1), band(19), band(20), band(50), band(51), band(60), band(61), band(148)]).toEqual([0, 5_000, 5_000, 10_000, 10_000, 15_000, 15_000, 20_000, 60_000]);
  });

  it("shows PCSE progress by region, ICB and practice, chases those not started through the outbox, and gives commissioners suppressed counts", async () => {
    const s = await imported(undefined, 9);
    await recordNoHarmReviews(testDb, s.staffA, { reference: s.reference, itemIds: s.items.map((i) => i.id), reviewerRole: "GP", minutesSpent: "45", confirm: "on" }, now);
    await signPracticeReturn(testDb, s.managerA, { reference: s.reference, declaration: "on" }, now);
    const detail = await getIncident(testDb, s.supervisor, s.reference);
    expect(detail.totals).toMatchObject({ items: 10, reviewed: 9, practices: 2, practicesStarted: 1, practicesSigned: 1, noHarm: 9 });
    expect(detail.byRegion.map((r) => [r.code, r.items])).toEqual(expect.arrayContaining([["Y63", 9], ["Y56", 1]]));
    expect(detail.notStarted).toBe(1);
    expect(detail.practices[0]).toMatchObject({ odsCode: s.practiceB.odsCode, state: "not-started" });
    expect((await listIncidents(testDb, s.supervisor)).find((i) => i.reference === s.reference)?.progress.items).toBe(10);
    expect(await chasePractices(testDb, s.supervisor, { reference: s.reference, scope: "not-started" }, now)).toEqual({ chased: 1 });
    const chase = await testDb.notification.findMany({ where: { template: "INCIDENT_CHASE", organisationId: s.practiceB.id } });
    expect(chase.map((n) => n.toEmail)).toEqual([s.staffB.email]);
    // The signed practice is never chased.
    expect(await chasePractices(testDb, s.supervisor, { reference: s.reference, practiceIds: [s.practiceA.id] })).toEqual({ chased: 0 });
    expect((await getIncident(testDb, s.supervisor, s.reference)).practices[0].lastChasedAt).not.toBeNull();
    const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    await expect(chasePractices(testDb, caseworker, { reference: s.reference, scope: "not-started" })).rejects.toThrow("permission");

    const national = await createUser(testDb, "COMMISSIONER");
    const mine = (await commissionerIncidents(testDb, national, now)).find((i) => i.reference === s.reference)!;
    expect(mine.national).toMatchObject({ items: 10, reviewed: 9, harm: 0, reviewedPercent: 90 });
    expect(mine.regions.find((r) => r.code === "Y63")).toMatchObject({ items: 10, reviewed: 10, reviewedPercent: 100, practices: 1 }); // 9 rounds to 10
    expect(mine.regions.find((r) => r.code === "Y56")).toMatchObject({ items: null, reviewed: 0, reviewedPercent: null }); // 1 is suppressed
    expect(JSON.stringify(mine)).not.toContain(s.items[0].nhsNumber);
    const regional = await createUser(testDb, "COMMISSIONER", { regionCode: "Y56" });
    const theirs = (await commissionerIncidents(testDb, regional, now)).find((i) => i.reference === s.reference)!;
    expect(theirs.national).toBeNull();
    expect(theirs.regions.map((r) => r.code)).toEqual(["Y56"]);
    await expect(commissionerIncidents(testDb, s.staffA)).rejects.toThrow("permission");
  });
});
