// Demo cases, urgent requests and email, made by the portal's own code: the clock sweep and the case sweep run over the
// demo's movements at a few instants of the past weeks (so automatic cases opened weeks ago have run out their
// search and show as missing), the records PCSE had marked missing or lost get their cases, and the demo accounts
// raise, report, work, answer and resolve cases as people would. Every kind of case and every status appears.
// Idempotent: does nothing once the demo has any practice-raised case. Never used in production.
import type pg from "pg";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor";
import { pgTransactions } from "@/lib/db/sql";
import { sweepClocks } from "@/lib/jobs/clock-sweep";
import { sweepCases } from "@/lib/cases/sweep";
import { actOnCase, lockCaseTx, markLostTx, markMissingTx, openCaseTx, raiseCase } from "@/lib/cases/commands";
import { createUrgentRequest, respondToUrgentRequest } from "@/lib/urgent/commands";
import { reportProblem } from "@/lib/receipt/commands";
import { createMovement } from "@/lib/movements/commands";
import { prepareLabels } from "@/lib/labels/commands";
import { bookCollection, markReadyForCollection } from "@/lib/collections/commands";
import { bookableDates } from "@/lib/collections/queries";
import { sendPendingNotifications } from "@/lib/notifications/send";
import { statusesIn } from "@/lib/movements/lifecycle";
import type { MovementStatus } from "@/lib/db/generated/enums";
import { testNhsNumbers } from "@/lib/nhs/nhs-number";
import { DEMO_ACCOUNTS, DEMO_PRACTICE_A, DEMO_PRACTICE_B } from "@/lib/demo/seed-demo";

const DAY = 86_400_000;

export type DemoCasesResult = { skipped: boolean; cases: number; urgentRequests: number; notifications: number };

async function actorFor(db: Db, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`demo account ${email} is disabled`);
  return actor;
}

export async function seedDemoCases(db: Db, pool: pg.Pool, options: { now?: Date; log?: (line: string) => void } = {}): Promise<DemoCasesResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const at = (daysAgo: number, hour = 10) => new Date(Math.floor((now.getTime() - daysAgo * DAY) / DAY) * DAY + hour * 3_600_000);
  if ((await db.case.count({ where: { origin: "PRACTICE" } })) > 0) return { skipped: true, cases: await db.case.count(), urgentRequests: await db.urgentRequest.count(), notifications: await db.notification.count() };
  const [staffA, managerA, staffB, managerB, caseworker, supervisor] = await Promise.all(DEMO_ACCOUNTS.slice(0, 6).map((a) => actorFor(db, a.email)));
  const practiceA = await db.organisation.findUniqueOrThrow({ where: { odsCode: DEMO_PRACTICE_A } });
  const practiceB = await db.organisation.findUniqueOrThrow({ where: { odsCode: DEMO_PRACTICE_B } });
  const tx = pgTransactions(pool);

  // 1. The sweeps, as the job runner would have run them over the last weeks.
  for (const daysAgo of [35, 21, 10, 0]) {
    const instant = daysAgo === 0 ? now : at(daysAgo, 7);
    await sweepClocks(tx, instant);
    const swept = await sweepCases(db, instant);
    log(`  case sweep ${daysAgo === 0 ? "today" : `${daysAgo} days ago`}: ${swept.casesOpened} opened, ${swept.markedMissing} marked missing, ${swept.caseBreaches} breaches`);
  }

  // 2. Records PCSE had already marked missing or lost (in the seeded history) get the cases they came from.
  const marked = await db.recordMovement.findMany({
    where: { status: { in: statusesIn("missing", "lost") }, caseLinks: { none: {} } },
    select: { id: true, status: true, fromOrganisationId: true, toOrganisationId: true, trackingEvents: { where: { type: "MARKED_MISSING" }, select: { occurredAt: true }, take: 1 } },
    take: 200,
  });
  for (const m of marked) {
    const markedAt = m.trackingEvents[0]?.occurredAt ?? at(30);
    const openedAt = new Date(markedAt.getTime() - 7 * DAY);
    await db.$transaction(async (t) => {
      const opened = await openCaseTx(t, { kind: "MISSING_RECORD", origin: "PCSE", summary: "Not delivered: searched for by PCSE", movements: [{ id: m.id, role: "CONCERNS" }], problemKey: `WHEREABOUTS:${m.id}` }, openedAt);
      if (!opened.created) return;
      const c = await lockCaseTx(t, opened.id);
      await markMissingTx(t, c, markedAt, null, "Store, third-party stores and the courier network searched: not found");
      if (m.status === "LOST") await markLostTx(t, c, new Date(markedAt.getTime() + DAY), null, "Not found: treated as lost, and the receiving practice asked to build a reconstituted record");
    });
  }

  // 3. What the demo practices raise and report, and what PCSE does with it.
  const openIncoming = (organisationId: string, statuses: MovementStatus[]) =>
    db.recordMovement.findFirst({
      where: { toOrganisationId: organisationId, status: { in: statuses }, type: "PRACTICE_TO_PRACTICE", caseLinks: { none: {} } },
      orderBy: { createdAt: "asc" },
      select: { reference: true, fromOrganisation: { select: { odsCode: true } } },
    });
  const delivered = (organisationId: string, skip: number) =>
    db.recordMovement.findFirst({ where: { toOrganisationId: organisationId, status: { in: ["DELIVERED", "RECEIVED"] }, type: "PRACTICE_TO_PRACTICE", caseLinks: { none: {} } }, orderBy: { createdAt: "desc" }, skip, select: { reference: true } });

  // Practice A: a record it expects has not arrived; PCSE asks the sender to search (the sender must answer).
  const notArrived = await openIncoming(practiceA.id, [...statusesIn("ready", "in-transit"), "LABELLED"]);
  if (notArrived) {
    const { reference } = await raiseCase(db, staffA, { kind: "RECORD_NOT_RECEIVED", reference: notArrived.reference, summary: "The patient registered three weeks ago and the record has not come" }, at(6, 9));
    await actOnCase(db, caseworker, { action: "take", reference }, at(6, 11));
    await actOnCase(db, caseworker, { action: "note", reference, note: "Courier's last scan was at the hub; asked them to look", visibility: "INTERNAL" }, at(6, 11));
    await actOnCase(db, caseworker, { action: "recordSearchStep", reference, step: "COURIER_NETWORK", result: "NOT_FOUND", note: "Not at the hub" }, at(5, 10));
    await actOnCase(db, caseworker, { action: "askPracticeToSearch", reference, odsCode: notArrived.fromOrganisation.odsCode, note: "Please check whether the bag is still at your practice" }, at(4, 10));
  }
  // Practice B is asked to search for a record it sent: waiting for B.
  const sentByB = await db.recordMovement.findFirst({ where: { fromOrganisationId: practiceB.id, status: { in: statusesIn("in-transit") }, caseLinks: { none: {} } }, orderBy: { createdAt: "asc" }, select: { reference: true, toOrganisationId: true } });
  if (sentByB) {
    const receiver = await db.user.findFirst({ where: { organisationId: sentByB.toOrganisationId } });
    const opened = receiver
      ? await raiseCase(db, (await loadActor(db, receiver.id))!, { kind: "RECORD_NOT_RECEIVED", reference: sentByB.reference, summary: "Not arrived" }, at(3, 9))
      : await db.$transaction(async (t) => {
          const m = await t.recordMovement.findUniqueOrThrow({ where: { reference: sentByB.reference }, select: { id: true } });
          return openCaseTx(t, { kind: "RECORD_NOT_RECEIVED", origin: "PCSE", summary: "The receiving practice rang: the record has not arrived", movements: [{ id: m.id, role: "CONCERNS" }], problemKey: `WHEREABOUTS:${m.id}` }, at(3, 9));
        });
    await actOnCase(db, supervisor, { action: "assign", reference: opened.reference, ownerId: caseworker.id }, at(3, 10));
    await actOnCase(db, caseworker, { action: "askPracticeToSearch", reference: opened.reference, odsCode: DEMO_PRACTICE_B, note: "The courier has no scan after collection from you: please check your post room" }, at(2, 10));
  }
  // Practice A reports an empty Lloyd George envelope, and a damaged one; B reports another patient's record.
  const incomplete = await delivered(practiceA.id, 0);
  if (incomplete) {
    const r = await reportProblem(db, staffA, { reference: incomplete.reference, kind: "INCOMPLETE", note: "Empty Lloyd George envelope: no continuation cards" }, at(8, 14));
    await actOnCase(db, caseworker, { action: "take", reference: r.caseReference }, at(8, 15));
    await actOnCase(db, caseworker, { action: "chaseSender", reference: r.caseReference, note: "Asked the sending practice whether the cards were kept back" }, at(7, 10));
    await actOnCase(db, caseworker, { action: "resolve", reference: r.caseReference, outcome: "REDELIVERED", note: "The sending practice found the cards and sent them on" }, at(3, 16));
  }
  const damaged = await delivered(practiceA.id, 1);
  if (damaged) {
    const r = await reportProblem(db, managerA, { reference: damaged.reference, kind: "DAMAGED", note: "Bag soaked: the envelope is water-damaged" }, at(5, 12));
    await actOnCase(db, caseworker, { action: "waitOnThirdParty", reference: r.caseReference, note: "Waiting on the courier's insurer to inspect" }, at(4, 12));
  }
  const wrong = await delivered(practiceB.id, 0);
  const someoneElse = await db.recordMovement.findFirst({ where: { toOrganisationId: { notIn: [practiceB.id] }, status: { in: statusesIn("in-transit") } }, select: { patient: { select: { nhsNumber: true } } } });
  if (wrong && someoneElse) {
    const r = await reportProblem(db, staffB, { reference: wrong.reference, kind: "WRONG_PATIENT", receivedNhsNumber: someoneElse.patient.nhsNumber, note: "The envelope held another patient's notes" }, at(2, 11));
    await actOnCase(db, supervisor, { action: "chaseCourier", reference: r.caseReference, note: "Courier to collect the wrong record and deliver it to its practice" }, at(1, 11));
  }
  // A label problem (open, nobody has it yet) and a cross-border delay, raised by the senders.
  const labelled = await db.recordMovement.findFirst({ where: { fromOrganisationId: practiceB.id, status: { in: [...statusesIn("ready"), "LABELLED"] }, caseLinks: { none: {} } }, select: { reference: true } });
  if (labelled) await raiseCase(db, staffB, { kind: "LABEL_PROBLEM", reference: labelled.reference, summary: "The label PDF printed without the barcode" }, at(0, 9));
  const crossBorder = await db.recordMovement.findFirst({ where: { type: "PRACTICE_TO_CROSS_BORDER", status: { in: statusesIn("in-transit", "delivered") }, caseLinks: { none: {} } }, select: { reference: true, fromOrganisationId: true } });
  const crossBorderSender = crossBorder ? await db.user.findFirst({ where: { organisationId: crossBorder.fromOrganisationId } }) : null;
  if (crossBorder && crossBorderSender) await raiseCase(db, (await loadActor(db, crossBorderSender.id))!, { kind: "CROSS_BORDER_DELAY", reference: crossBorder.reference, summary: "NHS Wales has no record of receiving it" }, at(4, 9));

  // Failures in PCSE's other services, one of each area, in several states.
  const services = [
    { by: managerA, kind: "SERVICE_PAYMENTS", summary: "October's global sum was underpaid", fields: { paymentPeriod: "2026-10", expectedPounds: "41250.00", receivedPounds: "40100.00" }, then: "note" },
    { by: managerB, kind: "SERVICE_REGISTRATIONS", summary: "New registrations sent a fortnight ago are not on the list", fields: { whatFailed: "NOT_PROCESSED", submittedOn: "2026-11-02", patientsAffected: "14" }, then: "take" },
    { by: managerA, kind: "SERVICE_PERFORMERS_LIST", summary: "A new salaried GP's application has had no reply", fields: { performerRole: "GP", applicationSubmittedOn: "2026-10-12", applicationReference: "PL-55821" }, then: "thirdParty" },
    { by: staffB, kind: "SERVICE_SUPPLIES", summary: "Prescription pads never arrived", fields: { orderReference: "SUP-2026-3317", orderedOn: "2026-10-28", itemsMissing: "FP10 pads, 10 boxes" }, then: "resolve" },
    { by: managerB, kind: "SERVICE_PENSIONS", summary: "Annual certificate submitted in June not acknowledged", fields: { formType: "ANNUAL_CERTIFICATE", schemeYear: "2025/26" }, then: "none" },
    { by: staffA, kind: "SERVICE_COMMUNICATIONS", summary: "Letters for our patients delivered to another practice", fields: { whatHappened: "MISDIRECTED", dateOfCorrespondence: "2026-11-10" }, then: "closed" },
  ] as const;
  let day = 12;
  for (const s of services) {
    const { reference } = await raiseCase(db, s.by, { kind: s.kind, summary: s.summary, ...s.fields }, at(day, 10));
    if (s.then === "note") await actOnCase(db, caseworker, { action: "note", reference, note: "Passed to the payments team: they will correct it in next month's run", visibility: "SHARED" }, at(day - 1, 10));
    if (s.then === "take") await actOnCase(db, caseworker, { action: "take", reference }, at(day - 1, 10));
    if (s.then === "thirdParty") await actOnCase(db, caseworker, { action: "waitOnThirdParty", reference, note: "Waiting on the GMC check" }, at(day - 2, 10));
    if (s.then === "resolve" || s.then === "closed") {
      await actOnCase(db, caseworker, { action: "resolve", reference, outcome: "SERVICE_PUT_RIGHT", note: "Re-sent by the supplier" }, at(day - 3, 10));
      if (s.then === "closed") await actOnCase(db, supervisor, { action: "close", reference }, at(day - 4, 10));
    }
    day -= 2;
  }

  // A case resolved and reopened (history kept), and cases assigned to the caseworker and the supervisor.
  const reopenable = await db.case.findFirst({ where: { origin: "CLOCK_SWEEP", kind: "RECORD_NOT_RECEIVED", status: "OPEN" }, select: { reference: true } });
  if (reopenable) {
    await actOnCase(db, caseworker, { action: "resolve", reference: reopenable.reference, outcome: "RECORD_DELIVERED", note: "Courier confirms delivery" }, at(2, 10));
    await actOnCase(db, supervisor, { action: "reopen", reference: reopenable.reference, note: "The practice says it still has not got it: the courier's delivery was to the wrong address" }, at(1, 10));
  }
  const unowned = await db.case.findMany({ where: { ownerId: null, status: "OPEN", origin: "CLOCK_SWEEP" }, orderBy: [{ breached: "desc" }, { nextDueDate: "asc" }], take: 12, select: { reference: true } });
  for (const [i, c] of unowned.entries()) await actOnCase(db, supervisor, { action: "assign", reference: c.reference, ownerId: i % 3 === 2 ? supervisor.id : caseworker.id }, at(1, 9));

  // A missing record found: on a case the sweep opened, PCSE records where, and arranges the redelivery.
  // (A record going to a practice: one bound for the store would be "already where it should go".)
  const searching = await db.case.findFirst({
    where: { kind: "MISSING_RECORD", missingStage: { in: ["SEARCHING", "MISSING"] }, status: { in: ["OPEN", "IN_PROGRESS"] }, movements: { some: { movement: { toOrganisation: { kind: "GP_PRACTICE" } } } } },
    select: { reference: true },
  });
  if (searching) {
    await actOnCase(db, caseworker, { action: "markFound", reference: searching.reference, foundWhere: "Courier depot, Wakefield", foundHow: "Found in a depot clear-out: the label had come off" }, at(1, 14));
    await actOnCase(db, caseworker, { action: "arrangeRedelivery", reference: searching.reference, fromOdsCode: "XPCSST", bagCount: "1", note: "Sent to the store to be relabelled and sent on" }, at(1, 15));
  }

  // Test-range NHS numbers far from the movements' (lib/demo/seed-demo.ts starts at 1000).
  const numbers = testNhsNumbers(900_000);
  const next = () => numbers.next().value as string;
  // A booked collection that the courier missed, and a demographics disagreement between two senders.
  const forCollection = await createMovement(db, staffA, { nhsNumber: next(), givenName: "Peter", familyName: "Okonjo", dobDay: "4", dobMonth: "7", dobYear: "1962", purpose: "PRACTICE_TO_PRACTICE/RE_REGISTRATION", priority: "ROUTINE", bagCount: "1", notes: "", fromOrganisationId: practiceA.id, destinationOdsCode: DEMO_PRACTICE_B }, at(12, 9)).catch(() => null);
  if (forCollection) {
    await prepareLabels(db, staffA, [forCollection.reference], at(12, 10));
    await markReadyForCollection(db, staffA, [forCollection.reference], at(12, 10));
    const date = (await bookableDates(db, at(12, 11)))[0];
    await bookCollection(db, staffA, { siteId: practiceA.id, collectionDate: date, references: [forCollection.reference], bagCount: "1" }, at(12, 11));
  }
  const known = await db.recordMovement.findFirst({ where: { fromOrganisationId: { notIn: [practiceB.id] }, toOrganisationId: { not: practiceA.id } }, orderBy: { createdAt: "asc" }, select: { patient: { select: { nhsNumber: true } }, toOrganisation: { select: { odsCode: true } } } });
  if (known) {
    await createMovement(db, staffB, { nhsNumber: known.patient.nhsNumber, givenName: "Jon", familyName: "Smyth", dobDay: "1", dobMonth: "1", dobYear: "1990", purpose: "PRACTICE_TO_PRACTICE/RE_REGISTRATION", priority: "ROUTINE", bagCount: "1", notes: "", fromOrganisationId: practiceB.id, destinationOdsCode: DEMO_PRACTICE_A }, at(1, 10)).catch(() => null);
  }

  // 4. Urgent requests: one A made that B must answer today, one past its target (a chase case), one held by the
  //    store (a subject access request) and one answered.
  const patient = (given: string, family: string, dob: string) => ({ nhsNumber: next(), givenName: given, familyName: family, dateOfBirth: dob });
  const ur1 = await createUrgentRequest(db, staffA, { ...patient("Hannah", "Mensah", "1948-02-17"), basis: "CLINICAL_NEED", receivedOn: isoDay(at(1)), holder: "PRACTICE", holderOdsCode: DEMO_PRACTICE_B, note: "Oncology referral: the paper record holds the earlier histology" }, at(1, 9));
  await createUrgentRequest(db, staffB, { ...patient("Tomasz", "Wozniak", "1971-09-30"), basis: "CLINICAL_NEED", receivedOn: isoDay(at(9)), holder: "PRACTICE", holderOdsCode: DEMO_PRACTICE_A, note: "" }, at(9, 9));
  await createUrgentRequest(db, managerA, { ...patient("Edith", "Clarke", "1939-05-02"), basis: "SUBJECT_ACCESS_REQUEST", receivedOn: isoDay(at(6)), holder: "STORE", note: "Request from the patient's daughter with lasting power of attorney" }, at(6, 9));
  const ur4 = await createUrgentRequest(db, managerB, { ...patient("Graham", "Fletcher", "1955-12-08"), basis: "CORONER", receivedOn: isoDay(at(5)), dateGiven: isoDay(at(-10)), holder: "PRACTICE", holderOdsCode: DEMO_PRACTICE_A, note: "" }, at(5, 9));
  await respondToUrgentRequest(db, staffA, { action: "acknowledge", reference: ur4.reference }, at(4, 9));
  await respondToUrgentRequest(db, staffA, { action: "send", reference: ur4.reference, bagCount: "1" }, at(3, 9));
  await respondToUrgentRequest(db, staffB, { action: "acknowledge", reference: ur1.reference }, at(0, 9));

  // 5. A last sweep now (the missed collection, the disagreement, the late urgent request, breaches), and the
  //    outbox as the job runner leaves it with no Notify key.
  await sweepClocks(tx, now);
  await sweepCases(db, now);
  await sendPendingNotifications(pool, now, null);
  return { skipped: false, cases: await db.case.count(), urgentRequests: await db.urgentRequest.count(), notifications: await db.notification.count() };
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
