// Every role against every data-access function and command, every server action and every route handler:
// allowed, or refused. The list of what must be covered is found on the file system (tests/fixtures/endpoints.ts):
// a new lib query or command (an exported function taking `(db: Db, actor: Actor`), a new export of an actions.ts
// file or a new route handler method that is not in these matrices fails the first tests below. The expected
// outcomes are written out here by hand (not derived from lib/auth/permissions.ts), so a change to the permission
// table that opens access shows up as a failing test.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { Role } from "@/lib/db/generated/enums";
import type { Actor } from "@/lib/auth/actor";
import { startSession } from "@/lib/auth/sessions";
import { createMovement } from "@/lib/movements/commands";
import { getMovement, listPracticeMovements } from "@/lib/movements/queries";
import { searchPcse } from "@/lib/cases/search";
import { practiceOverview } from "@/lib/movements/overview";
import { loadSavedSearch, saveSearch } from "@/lib/movements/saved-searches";
import { searchOrganisations, sendingSites } from "@/lib/organisations/queries";
import { dashboardView } from "@/lib/dashboards/queries";
import { dashboardExport } from "@/lib/dashboards/export";
import { changeServiceCredit, serviceCreditLedger } from "@/lib/dashboards/credits";
import { serviceCreditReport } from "@/lib/dashboards/evidence-report";
import { listAuditEvents } from "@/lib/audit/queries";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { prepareLabels, voidAndReissueLabel } from "@/lib/labels/commands";
import { bookCollection, markReadyForCollection } from "@/lib/collections/commands";
import { bookableDates, getCollection, listCollections, manifestFor, nationalBacklog, practiceBacklog, readyAtSite } from "@/lib/collections/queries";
import { attentionQueue } from "@/lib/tracking/queries";
import { receiveByCode, receiveWithoutScans, reportProblem } from "@/lib/receipt/commands";
import { latestPolicy, policyVersionDetail, serviceLevelOverview } from "@/lib/service-levels/queries";
import { createPolicyVersion } from "@/lib/service-levels/commands";
import { addBankHoliday, calendarOverview } from "@/lib/service-levels/calendar-admin";
import { jobsOverview, requestJobRun } from "@/lib/jobs/admin";
import { overdueQueue } from "@/lib/tracking/overdue";
import { receiveMovements } from "@/lib/receipt/commands";
import { organisationByCode } from "@/lib/organisations/queries";
import { cancelMovement, correctDestination, markHeldAtPractice, markNoPaperRecord } from "@/lib/movements/amendments";
import { exportAuditEvents } from "@/lib/audit/queries";
import { getUser, listUsers, userFormOptions } from "@/lib/users/queries";
import { changeUserRole, createUser as createUserCommand, setUserDisabled } from "@/lib/users/commands";
import { lastOdsImport, listOrganisations, organisationDetail } from "@/lib/organisations/admin";
import { saveBranchSurgery, setOrganisationClosed } from "@/lib/organisations/commands";
import { idleState } from "@/lib/http/action-result";
import { actOnCase, assignCases, completePracticeTask, raiseCase, replyToCase, takeNextCase } from "@/lib/cases/commands";
import { caseQueue, casesForMovement, casesWaitingForPractice, getCase, getPracticeCase, listCaseworkers, listPracticeCases, teamOverview } from "@/lib/cases/queries";
import { createUrgentRequest, respondToUrgentRequest } from "@/lib/urgent/commands";
import { getUrgentRequest, listPcseUrgentRequests, listPracticeUrgentRequests, urgentRequestsWaiting } from "@/lib/urgent/queries";
import { listOutbox } from "@/lib/notifications/queries";
import { decideSuggestion, editWorkloadEntry, logWorkload, setGradeRate, updateWorkloadTask, withdrawWorkloadEntry } from "@/lib/workload/commands";
import { getWorkloadEntry, listWorkloadEntries, listWorkloadTasks, pendingSuggestions, practiceRates, workloadFormOptions, workloadOverview } from "@/lib/workload/queries";
import { createEvidencePack, evidenceForClaim, evidenceForPeriod, incidentsWithWorkload, listEvidencePacks } from "@/lib/workload/evidence";
import { answerClaimOffer, decideClaim, submitClaim } from "@/lib/claims/commands";
import { getClaimForCommissioner, getPracticeClaim, listClaimsForCommissioner, listPracticeClaims } from "@/lib/claims/queries";
import { londonDate } from "@/lib/nhs/working-days";
import { chasePractices, createIncident, recordHarmReview, recordNoHarmReviews, signPracticeReturn } from "@/lib/incidents/commands";
import { importIncidentItems } from "@/lib/incidents/import";
import { commissionerIncidents, getAffectedPatient, getIncident, getPracticeIncident, importProgress, listIncidents, listPracticeIncidents, rejectedRows } from "@/lib/incidents/queries";
import { createOrganisation, createUser, sendRecordForm } from "../fixtures/factories";
import { ACTION_FILES, ROOT, ROUTE_FILES, exportedNames, libDataFunctions, routeMethods, routePattern, walk } from "../fixtures/endpoints";
import { inRequestScope } from "../fixtures/next-request-scope";
import { testDb, testPool } from "./setup";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "integration-role-matrix-secret";
process.env.NEXTAUTH_SECRET = SECRET;
process.env.NEXTAUTH_URL ??= "http://localhost:3000";

const ROLES: Role[] = ["PRACTICE_STAFF", "PRACTICE_MANAGER", "PCSE_CASEWORKER", "PCSE_SUPERVISOR", "COMMISSIONER", "ADMINISTRATOR"];
type Outcome = "allowed" | "refused";
const P = "allowed" as const;
const X = "refused" as const;

// lib's data-access functions and commands.
//                                   staff manager casework superv  commiss admin
const DATA_MATRIX: Record<string, Outcome[]> = {
  createMovement:          [P, P, X, X, X, X],
  listPracticeMovements:   [P, P, X, X, X, X],
  practiceOverview:        [P, P, X, X, X, X],
  sendingSites:            [P, P, X, X, X, X],
  getMovement:             [P, P, P, P, X, X],
  searchPcse:              [X, X, P, P, X, X],
  saveSearch:              [P, P, P, P, X, X],
  loadSavedSearch:         [P, P, P, P, X, X],
  searchOrganisations:     [P, P, P, P, P, P],
  dashboardView:           [X, X, X, X, P, X],
  dashboardExport:         [X, X, X, X, P, X],
  serviceCreditLedger:     [X, X, X, X, P, X],
  changeServiceCredit:     [X, X, X, X, P, X],
  serviceCreditReport:     [X, X, X, X, P, X],
  listAuditEvents:         [X, X, X, X, X, P],
  prepareLabels:           [P, P, P, P, X, X],
  voidAndReissueLabel:     [P, P, P, P, X, X],
  markReadyForCollection:  [P, P, X, X, X, X],
  bookCollection:          [P, P, X, X, X, X],
  listCollections:         [P, P, X, X, X, X],
  getCollection:           [P, P, X, X, X, X],
  manifestFor:             [P, P, X, X, X, X],
  readyAtSite:             [P, P, X, X, X, X],
  practiceBacklog:         [P, P, X, X, X, X],
  nationalBacklog:         [X, X, P, P, X, X],
  attentionQueue:          [X, X, P, P, X, X],
  receiveByCode:           [P, P, X, X, X, X],
  reportProblem:           [P, P, X, X, X, X],
  receiveWithoutScans:     [P, P, X, X, X, X],
  overdueQueue:            [X, X, P, P, X, X],
  serviceLevelOverview:    [X, X, P, P, P, P],
  policyVersionDetail:     [X, X, P, P, P, P],
  calendarOverview:        [X, X, P, P, P, P],
  latestPolicy:            [X, X, X, X, X, P],
  createPolicyVersion:     [X, X, X, X, X, P],
  addBankHoliday:          [X, X, X, X, X, P],
  jobsOverview:            [X, X, X, X, X, P],
  requestJobRun:           [X, X, X, X, X, P],
  // Issue 13.
  receiveMovements:        [P, P, X, X, X, X],
  organisationByCode:      [P, P, P, P, P, P],
  correctDestination:      [P, P, P, P, X, X],
  cancelMovement:          [P, P, P, P, X, X],
  markNoPaperRecord:       [P, P, P, P, X, X],
  markHeldAtPractice:      [P, P, P, P, X, X],
  exportAuditEvents:       [X, X, X, X, X, P],
  listUsers:               [X, X, X, X, X, P],
  getUser:                 [X, X, X, X, X, P],
  userFormOptions:         [X, X, X, X, X, P],
  createUser:              [X, X, X, X, X, P],
  changeUserRole:          [X, X, X, X, X, P],
  setUserDisabled:         [X, X, X, X, X, P],
  listOrganisations:       [X, X, X, X, X, P],
  organisationDetail:      [X, X, X, X, X, P],
  lastOdsImport:           [X, X, X, X, X, P],
  saveBranchSurgery:       [X, X, X, X, X, P],
  setOrganisationClosed:   [X, X, X, X, X, P],
  raiseCase:               [P, P, X, X, X, X],
  replyToCase:             [P, P, X, X, X, X],
  completePracticeTask:    [P, P, X, X, X, X],
  listPracticeCases:       [P, P, X, X, X, X],
  casesWaitingForPractice: [P, P, X, X, X, X],
  getPracticeCase:         [P, P, X, X, X, X],
  actOnCase:               [X, X, P, P, X, X],
  assignCases:             [X, X, P, P, X, X],
  takeNextCase:            [X, X, P, P, X, X],
  caseQueue:               [X, X, P, P, X, X],
  listCaseworkers:         [X, X, P, P, X, X],
  getCase:                 [X, X, P, P, X, X],
  teamOverview:            [X, X, X, P, X, X],
  createUrgentRequest:     [P, P, X, X, X, X],
  respondToUrgentRequest:  [P, P, P, P, X, X],
  listPracticeUrgentRequests: [P, P, X, X, X, X],
  urgentRequestsWaiting: [P, P, X, X, X, X],
  listPcseUrgentRequests:  [X, X, P, P, X, X],
  getUrgentRequest:        [P, P, P, P, X, X],
  listOutbox:              [X, X, X, X, X, P],
  casesForMovement:        [P, P, P, P, X, X],
  createIncident:          [X, X, X, P, X, X],
  importIncidentItems:     [X, X, X, P, X, X],
  chasePractices:          [X, X, X, P, X, X],
  listIncidents:           [X, X, P, P, X, X],
  getIncident:             [X, X, P, P, X, X],
  importProgress:          [X, X, X, P, X, X],
  rejectedRows:            [X, X, X, P, X, X],
  recordHarmReview:        [P, P, X, X, X, X],
  recordNoHarmReviews:     [P, P, X, X, X, X],
  signPracticeReturn:      [X, P, X, X, X, X],
  listPracticeIncidents:   [P, P, X, X, X, X],
  getPracticeIncident:     [P, P, X, X, X, X],
  getAffectedPatient:      [P, P, P, P, X, X],
  commissionerIncidents:   [X, X, X, X, P, X],
  logWorkload:             [P, P, X, X, X, X],
  decideSuggestion:        [P, P, X, X, X, X],
  editWorkloadEntry:       [P, P, X, X, X, X],
  withdrawWorkloadEntry:   [P, P, X, X, X, X],
  setGradeRate:            [X, P, X, X, X, X],
  updateWorkloadTask:      [X, X, X, X, X, P],
  pendingSuggestions:      [P, P, X, X, X, X],
  workloadFormOptions:     [P, P, X, X, X, X],
  listWorkloadEntries:     [P, P, X, X, X, X],
  getWorkloadEntry:        [P, P, X, X, X, X],
  workloadOverview:        [X, P, X, X, X, X],
  practiceRates:           [X, P, X, X, X, X],
  listWorkloadTasks:       [X, X, X, X, X, P],
  createEvidencePack:      [X, P, X, X, X, X],
  evidenceForPeriod:       [X, P, X, X, X, X],
  evidenceForClaim:        [X, P, X, X, P, X],
  listEvidencePacks:       [X, P, X, X, X, X],
  incidentsWithWorkload:   [X, P, X, X, X, X],
  submitClaim:             [X, P, X, X, X, X],
  answerClaimOffer:        [X, P, X, X, X, X],
  decideClaim:             [X, X, X, X, P, X],
  listPracticeClaims:      [X, P, X, X, X, X],
  getPracticeClaim:        [X, P, X, X, X, X],
  listClaimsForCommissioner: [X, X, X, X, P, X],
  getClaimForCommissioner: [X, X, X, X, P, X],
};

/** Exported functions of lib's queries and commands files that take no actor, and why that is safe. */
const NO_ACTOR_NEEDED: Record<string, string> = {
  bookableDates: "working days from the bank-holiday calendar: nobody's data",
  bookableDatesFrom: "pure date arithmetic",
  sortLeague: "pure: orders league-table rows its caller read under the actor's scope",
  auditRefusedSend: "writes the audit row of a send createMovement refused; called with createMovement's own actor",
  auditNhsNumber: "pure: checks an NHS number (the audit trail's filter, which the caller's own query is given)",
  NO_LONG_DIGITS: "pure: whether free text holds six digits in a row",
  patientIdFor: "inside createMovement's and createUrgentRequest's transactions, after their checks",
  openCaseTx: "inside the transaction of a command that checked its actor (raiseCase, reportProblem) or of the case sweep (the portal itself)",
  openProblemCaseTx: "inside reportProblem's transaction, after its checks; and the problem-reports backfill",
  lockCaseTx: "locks a case whose scope the caller has checked (actOnCase, the case sweep)",
  markMissingTx: "inside actOnCase's transaction after its checks, or the case sweep's",
  markLostTx: "inside actOnCase's transaction after its checks, or the case sweep's",
  urgentDates: "pure date arithmetic under a policy",
  toMovementRow: "shapes a movement row its caller read under the actor's scope",
  countdown: "pure date arithmetic",
  forgetNationalMedian: "clears a cached national figure (tests, the benchmark): nobody's data",
  createEntryTx: "inside the transaction of a command that checked its actor and the entry's links (decideSuggestion, logWorkload; issue 11's harm review)",
};

// Server actions (every export of lib/**/actions.ts), called as the browser calls them, with a session cookie.
//                                        staff manager casework superv  commiss admin
const ACTION_MATRIX: Record<string, Outcome[]> = {
  sendRecordAction:            [P, P, X, X, X, X],
  searchMovementsAction:       [X, X, P, P, X, X],
  filterMovementsAction:       [P, P, X, X, X, X],
  voidAndReissueLabelAction:   [P, P, P, P, X, X],
  markReadyAction:             [P, P, X, X, X, X],
  bookCollectionAction:        [P, P, X, X, X, X],
  receiveScanAction:           [P, P, X, X, X, X],
  receiveMovementAction:       [P, P, X, X, X, X],
  reportProblemAction:         [P, P, X, X, X, X],
  receiveWithoutScansAction:   [P, P, X, X, X, X],
  createPolicyVersionAction:   [X, X, X, X, X, P],
  addBankHolidayAction:        [X, X, X, X, X, P],
  runJobNowAction:             [X, X, X, X, X, P],
  raiseCaseAction:             [P, P, X, X, X, X],
  replyToCaseAction:           [P, P, X, X, X, X],
  completePracticeTaskAction:  [P, P, X, X, X, X],
  actOnCaseAction:             [X, X, P, P, X, X],
  takeNextCaseAction:          [X, X, P, P, X, X],
  assignCasesAction:           [X, X, P, P, X, X],
  createUrgentRequestAction:   [P, P, X, X, X, X],
  answerUrgentRequestAction:   [P, P, X, X, X, X],
  answerStoreUrgentRequestAction: [X, X, P, P, X, X],
  receiveManyAction:           [P, P, X, X, X, X],
  correctDestinationAction:    [P, P, P, P, X, X],
  cancelMovementAction:        [P, P, P, P, X, X],
  markNoPaperRecordAction:     [P, P, P, P, X, X],
  markHeldAtPracticeAction:    [P, P, P, P, X, X],
  filterAuditAction:           [X, X, X, X, X, P],
  createUserAction:            [X, X, X, X, X, P],
  changeUserRoleAction:        [X, X, X, X, X, P],
  setUserDisabledAction:       [X, X, X, X, X, P],
  saveBranchSurgeryAction:     [X, X, X, X, X, P],
  setOrganisationClosedAction: [X, X, X, X, X, P],
  createIncidentAction:        [X, X, X, P, X, X],
  chasePracticesAction:        [X, X, X, P, X, X],
  recordHarmReviewAction:      [P, P, X, X, X, X],
  recordNoHarmReviewsAction:   [P, P, X, X, X, X],
  signPracticeReturnAction:    [X, P, X, X, X, X],
  decideSuggestionAction:      [P, P, X, X, X, X],
  logWorkloadAction:           [P, P, X, X, X, X],
  editWorkloadEntryAction:     [P, P, X, X, X, X],
  withdrawWorkloadEntryAction: [P, P, X, X, X, X],
  setGradeRateAction:          [X, P, X, X, X, X],
  updateWorkloadTaskAction:    [X, X, X, X, X, P],
  createEvidencePackAction:    [X, P, X, X, X, X],
  submitClaimAction:           [X, P, X, X, X, X],
  answerClaimOfferAction:      [X, P, X, X, X, X],
  decideClaimAction:           [X, X, X, X, P, X],
  changeServiceCreditAction:   [X, X, X, X, P, X],
};

// Route handlers (every method of app/api/**/route.ts). "public": answers the same to everyone, signed in or not
// (its own authentication, if any, is not a session: the courier's HMAC, next-auth's own endpoints).
//                                                    staff manager casework superv  commiss admin
const ROUTE_MATRIX: Record<string, Outcome[] | "public"> = {
  "GET /api/auth/[...nextauth]":                      "public",
  "POST /api/auth/[...nextauth]":                     "public",
  "GET /api/health":                                  "public",
  "GET /api/courier/v1/openapi.json":                 "public",
  "POST /api/courier/v1/events":                      "public",
  "GET /api/organisations":                           [P, P, P, P, P, P],
  "GET /api/session":                                 [P, P, P, P, P, P],
  "POST /api/session":                                [P, P, P, P, P, P],
  "GET /api/labels/pending":                          [P, P, X, X, X, X],
  "POST /api/labels/prepare":                         [P, P, P, P, X, X],
  "POST /api/labels/pdf":                             [P, P, P, P, X, X],
  "GET /api/collections/[reference]/manifest":        [P, P, X, X, X, X],
  "GET /api/audit/export":                            [X, X, X, X, X, P],
  "GET /api/commissioner/export":                     [X, X, X, X, P, X],
  "GET /api/commissioner/credits/report":             [X, X, X, X, P, X],
  "POST /api/incidents/[reference]/import":           [X, X, X, P, X, X],
  "GET /api/incidents/[reference]/import":            [X, X, X, P, X, X],
  "GET /api/incidents/[reference]/rejected":          [X, X, X, P, X, X],
  "GET /api/workload/evidence":                       [X, P, X, X, X, X],
  "GET /api/claims/[reference]/evidence":             [X, P, X, X, P, X],
};

describe("the role matrices cover everything there is", () => {
  it("every lib query and command (exported, taking db and actor) is in the data matrix", () => {
    const found = libDataFunctions().map((f) => f.name);
    expect(found.filter((name) => !(name in DATA_MATRIX)), "lib functions missing from DATA_MATRIX").toEqual([]);
    expect(Object.keys(DATA_MATRIX).filter((name) => !found.includes(name)), "DATA_MATRIX entries that no longer exist").toEqual([]);
  });

  it("every other exported function of a queries or commands file says why it needs no actor", async () => {
    const files = walk(`${ROOT}/lib`).filter((f) => /\/(queries|commands|overview|saved-searches)\.ts$/.test(f));
    const unexplained: string[] = [];
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === "function" && !(name in DATA_MATRIX) && !(name in NO_ACTOR_NEEDED)) unexplained.push(`${file.slice(ROOT.length + 1)}: ${name}`);
      }
    }
    expect(unexplained).toEqual([]);
  });

  it("every server action is in the action matrix", () => {
    const found = ACTION_FILES.flatMap((f) => exportedNames(f));
    expect(found.filter((name) => !(name in ACTION_MATRIX)), "server actions missing from ACTION_MATRIX").toEqual([]);
    expect(Object.keys(ACTION_MATRIX).filter((name) => !found.includes(name)), "ACTION_MATRIX entries that no longer exist").toEqual([]);
  });

  it("every route handler method is in the route matrix", () => {
    const found = ROUTE_FILES.flatMap((f) => routeMethods(f).map((m) => `${m} ${routePattern(f)}`));
    expect(found.filter((key) => !(key in ROUTE_MATRIX)), "route handlers missing from ROUTE_MATRIX").toEqual([]);
    expect(Object.keys(ROUTE_MATRIX).filter((key) => !found.includes(key)), "ROUTE_MATRIX entries that no longer exist").toEqual([]);
  });
});

describe("role matrix", () => {
  const actors = new Map<Role, Actor>();
  const cookies = new Map<Role, string>();
  let practiceId: string;
  let destination: string;
  let reference: string;
  let collectionReference: string;
  let caseReference: string;
  let urgentReference: string;
  let entryId: string;
  let claimReference: string;
  let incidentReference: string;
  let incidentItemId: string;

  beforeAll(async () => {
    const practice = await createOrganisation(testDb);
    practiceId = practice.id;
    destination = (await createOrganisation(testDb)).odsCode;
    for (const role of ROLES) {
      const onPractice = role === "PRACTICE_STAFF" || role === "PRACTICE_MANAGER";
      const actor = await createUser(testDb, role, { organisationId: onPractice ? practice.id : undefined });
      actors.set(role, actor);
      const sid = await startSession(testDb, actor.id);
      cookies.set(role, `next-auth.session-token=${await encode({ token: { sub: actor.id, sid }, secret: SECRET })}`);
    }
    const staff = actors.get("PRACTICE_STAFF")!;
    reference = (await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: practice.id, destinationOdsCode: destination }))).reference;
    // A booked collection of the practice's, for the collection and manifest look-ups.
    const ready = (await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: practice.id, destinationOdsCode: destination }))).reference;
    await prepareLabels(testDb, staff, [ready]);
    await markReadyForCollection(testDb, staff, [ready]);
    collectionReference = (await bookCollection(testDb, staff, { siteId: practice.id, collectionDate: (await bookableDates(testDb)).at(-1), references: [ready], bagCount: "1" })).reference;
    // A case the practice raised about its movement, and an urgent request it made of another practice.
    caseReference = (await raiseCase(testDb, staff, { kind: "LABEL_PROBLEM", reference, summary: "The label printed blank" })).reference;
    // A workload entry of the staff member's, and a claim the manager made from a signed pack of it.
    const today = londonDate(new Date());
    const day = { dateDay: today.slice(8), dateMonth: today.slice(5, 7), dateYear: today.slice(0, 4) };
    entryId = (await logWorkload(testDb, staff, { taskCode: "CHASE", grade: "ADMINISTRATOR", minutes: "10", cause: "RECORDS_SERVICE", note: "", ...day })).id;
    const manager = actors.get("PRACTICE_MANAGER")!;
    const pack = await createEvidencePack(testDb, manager, { scope: "ALL", declarationName: "Role Matrix", declarationRole: "Practice manager", declare: "yes", fromDay: day.dateDay, fromMonth: day.dateMonth, fromYear: day.dateYear, toDay: day.dateDay, toMonth: day.dateMonth, toYear: day.dateYear });
    claimReference = (await submitClaim(testDb, manager, { pack: pack.reference, summary: "Role matrix" })).reference;
    // An incident with one patient registered at the practice (and an import, for its progress and report).
    const supervisor = await createUser(testDb, "PCSE_SUPERVISOR");
    incidentReference = (await createIncident(testDb, supervisor, { title: "Matrix incident", category: "OTHER", responsibleOrganisation: "Matrix Ltd", discoveredOn: "2026-01-05", reviewsDueDate: "2026-03-05", paymentScheme: "NONE" })).reference;
    const practiceOds = (await testDb.organisation.findUniqueOrThrow({ where: { id: practice.id } })).odsCode;
    await importIncidentItems(testDb, supervisor, { reference: incidentReference, fileName: "m.csv", pool: testPool, body: [`nhs_number,practice_ods_code,held_from,priority\n9434765919,${practiceOds},2025-01-01,high\n`] });
    incidentItemId = (await testDb.incidentItem.findFirstOrThrow({ where: { incident: { reference: incidentReference } } })).id;
    urgentReference = (await createUrgentRequest(testDb, staff, { nhsNumber: "9434765919", familyName: "Matrix", givenName: "Role", dateOfBirth: "1970-01-01", basis: "CLINICAL_NEED", receivedOn: "2026-01-05", holder: "PRACTICE", holderOdsCode: destination })).reference;
  });

  const calls: Record<string, (actor: Actor) => Promise<unknown>> = {
    createMovement: (a) => createMovement(testDb, a, sendRecordForm({ fromOrganisationId: a?.scopeOrganisationIds[0] ?? "00000000-0000-0000-0000-000000000000", destinationOdsCode: destination })),
    listPracticeMovements: async (a) => Promise.all([listPracticeMovements(testDb, a, "outgoing", {}), listPracticeMovements(testDb, a, "incoming", {})]),
    practiceOverview: (a) => practiceOverview(testDb, a),
    sendingSites: (a) => sendingSites(testDb, a),
    getMovement: (a) => getMovement(testDb, a, reference),
    searchPcse: (a) => searchPcse(testDb, a, reference),
    // Each role's own kind of search: PCSE's, or a practice list's.
    saveSearch: (a) => saveSearch(testDb, a, a?.role.startsWith("PCSE") ? "pcse" : "outgoing", "Lovelace"),
    loadSavedSearch: (a) => loadSavedSearch(testDb, a, a?.role.startsWith("PCSE") ? "pcse" : "outgoing", "00000000-0000-4000-8000-000000000000"),
    searchOrganisations: (a) => searchOrganisations(testDb, a, "PCSE"),
    dashboardView: (a) => dashboardView(testDb, a, "NATIONAL", null, {}),
    dashboardExport: (a) => dashboardExport(testDb, a, { view: "national" }),
    serviceCreditLedger: (a) => serviceCreditLedger(testDb, a),
    changeServiceCredit: (a) => changeServiceCredit(testDb, a, {}),
    serviceCreditReport: (a) => serviceCreditReport(testDb, a, "2025-04"),
    listAuditEvents: (a) => listAuditEvents(testDb, a, {}),
    // Commands are called with input that fails validation: passing the permission check and then failing
    // validation counts as "allowed" without changing any data.
    prepareLabels: (a) => prepareLabels(testDb, a, []),
    voidAndReissueLabel: (a) => voidAndReissueLabel(testDb, a, {}),
    markReadyForCollection: (a) => markReadyForCollection(testDb, a, []),
    bookCollection: (a) => bookCollection(testDb, a, {}),
    listCollections: (a) => listCollections(testDb, a),
    getCollection: (a) => getCollection(testDb, a, collectionReference),
    manifestFor: (a) => manifestFor(testDb, a, collectionReference),
    readyAtSite: (a) => readyAtSite(testDb, a, practiceId),
    practiceBacklog: (a) => practiceBacklog(testDb, a),
    nationalBacklog: (a) => nationalBacklog(testDb, a),
    attentionQueue: (a) => attentionQueue(testDb, a, {}),
    receiveByCode: (a) => receiveByCode(testDb, a, "nothing"),
    reportProblem: (a) => reportProblem(testDb, a, {}),
    receiveWithoutScans: (a) => receiveWithoutScans(testDb, a, {}),
    overdueQueue: (a) => overdueQueue(testDb, a, {}),
    serviceLevelOverview: (a) => serviceLevelOverview(testDb, a),
    policyVersionDetail: (a) => policyVersionDetail(testDb, a, "1"),
    calendarOverview: (a) => calendarOverview(testDb, a),
    latestPolicy: (a) => latestPolicy(testDb, a),
    createPolicyVersion: (a) => createPolicyVersion(testDb, a, {}),
    addBankHoliday: (a) => addBankHoliday(testDb, a, {}),
    jobsOverview: (a) => jobsOverview(testDb, a),
    // Never reaches the queue: an unknown job fails validation after the permission check.
    requestJobRun: (a) => requestJobRun(testDb, a, { job: "no-such-job" }, async () => { throw new Error("must not enqueue"); }),
    receiveMovements: (a) => receiveMovements(testDb, a, []),
    organisationByCode: (a) => organisationByCode(testDb, a, destination),
    correctDestination: (a) => correctDestination(testDb, a, {}),
    cancelMovement: (a) => cancelMovement(testDb, a, {}),
    markNoPaperRecord: (a) => markNoPaperRecord(testDb, a, {}),
    markHeldAtPractice: (a) => markHeldAtPractice(testDb, a, {}),
    exportAuditEvents: (a) => exportAuditEvents(testDb, a, { from: "2099-01-01" }),
    listUsers: (a) => listUsers(testDb, a, {}),
    getUser: (a) => getUser(testDb, a, a?.id),
    userFormOptions: (a) => userFormOptions(testDb, a),
    createUser: (a) => createUserCommand(testDb, a, {}),
    changeUserRole: (a) => changeUserRole(testDb, a, {}),
    setUserDisabled: (a) => setUserDisabled(testDb, a, {}),
    listOrganisations: (a) => listOrganisations(testDb, a, {}),
    organisationDetail: (a) => organisationDetail(testDb, a, destination),
    lastOdsImport: (a) => lastOdsImport(testDb, a),
    saveBranchSurgery: (a) => saveBranchSurgery(testDb, a, {}),
    setOrganisationClosed: (a) => setOrganisationClosed(testDb, a, {}),
    raiseCase: (a) => raiseCase(testDb, a, {}),
    replyToCase: (a) => replyToCase(testDb, a, {}),
    completePracticeTask: (a) => completePracticeTask(testDb, a, {}),
    listPracticeCases: (a) => listPracticeCases(testDb, a, {}),
    casesWaitingForPractice: (a) => casesWaitingForPractice(testDb, a),
    getPracticeCase: (a) => getPracticeCase(testDb, a, caseReference),
    actOnCase: (a) => actOnCase(testDb, a, {}),
    assignCases: (a) => assignCases(testDb, a, {}),
    // Takes nothing: the only open case is owned first by the caseworker (the first PCSE role to run).
    takeNextCase: (a) => takeNextCase(testDb, a),
    caseQueue: (a) => caseQueue(testDb, a, {}),
    listCaseworkers: (a) => listCaseworkers(testDb, a),
    getCase: (a) => getCase(testDb, a, caseReference),
    teamOverview: (a) => teamOverview(testDb, a),
    createUrgentRequest: (a) => createUrgentRequest(testDb, a, {}),
    respondToUrgentRequest: (a) => respondToUrgentRequest(testDb, a, {}),
    listPracticeUrgentRequests: (a) => listPracticeUrgentRequests(testDb, a),
    urgentRequestsWaiting: (a) => urgentRequestsWaiting(testDb, a),
    listPcseUrgentRequests: (a) => listPcseUrgentRequests(testDb, a),
    getUrgentRequest: (a) => getUrgentRequest(testDb, a, urgentReference),
    listOutbox: (a) => listOutbox(testDb, a),
    // A practice sees the cases about its own movement; PCSE sees all.
    casesForMovement: async (a) => {
      const found = await casesForMovement(testDb, a, reference);
      if (found.length !== 1) throw new Error(`expected the practice's one case about ${reference}, got ${found.length}`);
      return found;
    },
    createIncident: (a) => createIncident(testDb, a, {}),
    // An empty file is refused as a file (nothing imported), after the permission check.
    importIncidentItems: (a) => importIncidentItems(testDb, a, { reference: incidentReference, fileName: "empty.csv", pool: testPool, body: [""] }),
    chasePractices: (a) => chasePractices(testDb, a, {}),
    listIncidents: (a) => listIncidents(testDb, a),
    getIncident: (a) => getIncident(testDb, a, incidentReference),
    importProgress: (a) => importProgress(testDb, a, incidentReference),
    rejectedRows: (a) => rejectedRows(testDb, a, incidentReference, null),
    recordHarmReview: (a) => recordHarmReview(testDb, a, {}),
    recordNoHarmReviews: (a) => recordNoHarmReviews(testDb, a, {}),
    signPracticeReturn: (a) => signPracticeReturn(testDb, a, {}),
    listPracticeIncidents: (a) => listPracticeIncidents(testDb, a),
    getPracticeIncident: (a) => getPracticeIncident(testDb, a, incidentReference),
    getAffectedPatient: (a) => getAffectedPatient(testDb, a, incidentReference, incidentItemId),
    commissionerIncidents: (a) => commissionerIncidents(testDb, a),
    logWorkload: (a) => logWorkload(testDb, a, {}),
    decideSuggestion: (a) => decideSuggestion(testDb, a, {}),
    editWorkloadEntry: (a) => editWorkloadEntry(testDb, a, { entryId }),
    // The entry is evidence for the claim below: locked, so the practice's roles are refused with a field error.
    withdrawWorkloadEntry: (a) => withdrawWorkloadEntry(testDb, a, { entryId }),
    setGradeRate: (a) => setGradeRate(testDb, a, {}),
    updateWorkloadTask: (a) => updateWorkloadTask(testDb, a, {}),
    pendingSuggestions: (a) => pendingSuggestions(testDb, a),
    workloadFormOptions: (a) => workloadFormOptions(testDb, a),
    listWorkloadEntries: (a) => listWorkloadEntries(testDb, a, {}),
    getWorkloadEntry: (a) => getWorkloadEntry(testDb, a, entryId),
    workloadOverview: (a) => workloadOverview(testDb, a),
    practiceRates: (a) => practiceRates(testDb, a),
    listWorkloadTasks: (a) => listWorkloadTasks(testDb, a),
    createEvidencePack: (a) => createEvidencePack(testDb, a, {}),
    evidenceForPeriod: (a) => evidenceForPeriod(testDb, a, { from: "2026-01-01", to: "2026-01-31", format: "csv", scope: "ALL", caseReference: null, incidentReference: null, pack: null }),
    evidenceForClaim: (a) => evidenceForClaim(testDb, a, claimReference, "csv"),
    listEvidencePacks: (a) => listEvidencePacks(testDb, a),
    incidentsWithWorkload: (a) => incidentsWithWorkload(testDb, a),
    submitClaim: (a) => submitClaim(testDb, a, {}),
    answerClaimOffer: (a) => answerClaimOffer(testDb, a, {}),
    decideClaim: (a) => decideClaim(testDb, a, {}),
    listPracticeClaims: (a) => listPracticeClaims(testDb, a),
    getPracticeClaim: (a) => getPracticeClaim(testDb, a, claimReference),
    listClaimsForCommissioner: (a) => listClaimsForCommissioner(testDb, a),
    getClaimForCommissioner: (a) => getClaimForCommissioner(testDb, a, claimReference),
  };

  for (const [name, outcomes] of Object.entries(DATA_MATRIX)) {
    ROLES.forEach((role, i) => {
      it(`${name} is ${outcomes[i]} for ${role}`, async () => {
        const actor = actors.get(role)!;
        const result = await calls[name](actor).then(
          () => "allowed" as const,
          (error) => {
            if (error instanceof ValidationError) return "allowed" as const;
            if (error instanceof ForbiddenError || error instanceof NotFoundError) return "refused" as const;
            throw error;
          },
        );
        expect(result).toBe(outcomes[i]);
      });
    });
  }

  it("refuses every data function to nobody", async () => {
    for (const call of Object.values(calls)) {
      await expect(call(null as unknown as Actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  /** A server action's answer to an empty form: refused (the permission messages) or allowed (anything else). */
  async function callAction(name: string, cookie: string | null): Promise<Outcome> {
    const file = ACTION_FILES.find((f) => exportedNames(f).includes(name))!;
    const action = ((await import(file)) as Record<string, (...args: unknown[]) => Promise<unknown>>)[name];
    const request = new Request("http://localhost:3000/", { method: "POST", headers: cookie ? { cookie } : {} });
    const args = action.length >= 2 ? [idleState, new FormData()] : [new FormData()];
    const answer = await inRequestScope(request, () => action(...args)).then(
      (value) => JSON.stringify(value ?? null),
      (error: { digest?: string }) => String(error?.digest ?? error),
    );
    expect(answer).not.toContain("Something went wrong");
    return /You do not have permission|Sign in to continue|problem=refused/.test(answer) ? "refused" : "allowed";
  }

  for (const [name, outcomes] of Object.entries(ACTION_MATRIX)) {
    it(`server action ${name}: ${outcomes.join(", ")} by role; refused when signed out`, async () => {
      const got: Outcome[] = [];
      for (const role of ROLES) got.push(await callAction(name, cookies.get(role)!));
      expect(got).toEqual(outcomes);
      expect(await callAction(name, null)).toBe("refused");
    });
  }

  /** A route handler's answer: 401/403/404 are refusals, anything else below 500 is allowed. */
  async function callRoute(key: string, cookie: string | null): Promise<{ outcome: Outcome; status: number }> {
    const [method, pattern] = key.split(" ");
    const file = ROUTE_FILES.find((f) => routePattern(f) === pattern)!;
    const handler = ((await import(file)) as Record<string, (r: NextRequest, c: { params: Promise<Record<string, unknown>> }) => Promise<Response>>)[method];
    const sample = pattern.startsWith("/api/claims/") ? claimReference : pattern.startsWith("/api/incidents/") ? incidentReference : collectionReference;
    const path = pattern.replace("[reference]", sample).replace("[...nextauth]", "session");
    const headers: Record<string, string> = { "sec-fetch-site": "same-origin", "content-type": "application/json" };
    if (cookie) headers.cookie = cookie;
    const request = new NextRequest(`http://localhost:3000${path}${method === "GET" ? "?q=A81001" : ""}`, { method, headers, ...(method === "GET" ? {} : { body: JSON.stringify({ references: [] }) }) });
    const params = { reference: sample, nextauth: ["session"] };
    const response = await inRequestScope(request, () => handler(request, { params: Promise.resolve(params) }));
    expect(response.status, key).toBeLessThan(500);
    return { outcome: [401, 403, 404].includes(response.status) ? "refused" : "allowed", status: response.status };
  }

  for (const [key, outcomes] of Object.entries(ROUTE_MATRIX)) {
    it(`route ${key}: ${outcomes === "public" ? "the same for everyone" : `${outcomes.join(", ")} by role; 401 when signed out`}`, async () => {
      const got: { outcome: Outcome; status: number }[] = [];
      for (const role of ROLES) got.push(await callRoute(key, cookies.get(role)!));
      const signedOut = await callRoute(key, null);
      if (outcomes === "public") {
        expect(new Set([...got, signedOut].map((g) => g.status)).size, `${key} answers differently by role`).toBe(1);
      } else {
        expect(got.map((g) => g.outcome)).toEqual(outcomes);
        expect(signedOut.status).toBe(401);
      }
    });
  }
});
