// Every role against every data-access function and command: allowed, or refused. The expected matrix is
// written out here by hand (not derived from lib/auth/permissions.ts), so a change to the table that opens
// access shows up as a failing test.
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/db/generated/enums";
import type { Actor } from "@/lib/auth/actor";
import { createMovement } from "@/lib/movements/commands";
import { getMovement, listPracticeMovements, searchAllMovements } from "@/lib/movements/queries";
import { practiceOverview } from "@/lib/movements/overview";
import { searchOrganisations, sendingSites } from "@/lib/organisations/queries";
import { monthOverview } from "@/lib/dashboards/overview";
import { listAuditEvents } from "@/lib/audit/queries";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { prepareLabels, voidAndReissueLabel } from "@/lib/labels/commands";
import { bookCollection, markReadyForCollection } from "@/lib/collections/commands";
import { listCollections, nationalBacklog, practiceBacklog } from "@/lib/collections/queries";
import { attentionQueue } from "@/lib/tracking/queries";
import { receiveByCode, receiveWithoutScans, reportProblem } from "@/lib/receipt/commands";
import { latestPolicy, policyVersionDetail, serviceLevelOverview } from "@/lib/service-levels/queries";
import { createPolicyVersion } from "@/lib/service-levels/commands";
import { addBankHoliday, calendarOverview } from "@/lib/service-levels/calendar-admin";
import { jobsOverview, requestJobRun } from "@/lib/jobs/admin";
import { overdueQueue } from "@/lib/tracking/overdue";
import { createOrganisation, createUser, sendRecordForm } from "../fixtures/factories";
import { testDb } from "./setup";

const ROLES: Role[] = ["PRACTICE_STAFF", "PRACTICE_MANAGER", "PCSE_CASEWORKER", "PCSE_SUPERVISOR", "COMMISSIONER", "ADMINISTRATOR"];
type Outcome = "allowed" | "refused";
const P = "allowed" as const;
const X = "refused" as const;

//                                   staff manager casework superv  commiss admin
const MATRIX: Record<string, Outcome[]> = {
  createMovement:        [P, P, X, X, X, X],
  listOutgoing:          [P, P, X, X, X, X],
  listIncoming:          [P, P, X, X, X, X],
  practiceOverview:      [P, P, X, X, X, X],
  sendingSites:          [P, P, X, X, X, X],
  getMovement:           [P, P, P, P, X, X],
  searchAllMovements:    [X, X, P, P, X, X],
  searchOrganisations:   [P, P, P, P, P, P],
  monthOverview:         [X, X, X, X, P, X],
  listAuditEvents:       [X, X, X, X, X, P],
  prepareLabels:         [P, P, P, P, X, X],
  voidAndReissueLabel:   [P, P, P, P, X, X],
  markReady:             [P, P, X, X, X, X],
  bookCollection:        [P, P, X, X, X, X],
  listCollections:       [P, P, X, X, X, X],
  practiceBacklog:       [P, P, X, X, X, X],
  nationalBacklog:       [X, X, P, P, X, X],
  attentionQueue:        [X, X, P, P, X, X],
  receiveByCode:         [P, P, X, X, X, X],
  reportProblem:         [P, P, X, X, X, X],
  receiveWithoutScans:   [P, P, X, X, X, X],
  overdueQueue:          [X, X, P, P, X, X],
  serviceLevelOverview:  [X, X, P, P, P, P],
  policyVersionDetail:   [X, X, P, P, P, P],
  calendarOverview:      [X, X, P, P, P, P],
  latestPolicy:          [X, X, X, X, X, P],
  createPolicyVersion:   [X, X, X, X, X, P],
  addBankHoliday:        [X, X, X, X, X, P],
  jobsOverview:          [X, X, X, X, X, P],
  requestJobRun:         [X, X, X, X, X, P],
};

describe("role matrix (data access and commands)", () => {
  const actors = new Map<Role, Actor>();
  let reference: string;
  let destination: string;

  beforeAll(async () => {
    const practice = await createOrganisation(testDb);
    const other = await createOrganisation(testDb);
    destination = other.odsCode;
    for (const role of ROLES) {
      const onPractice = role === "PRACTICE_STAFF" || role === "PRACTICE_MANAGER";
      actors.set(role, await createUser(testDb, role, { organisationId: onPractice ? practice.id : undefined }));
    }
    reference = (await createMovement(testDb, actors.get("PRACTICE_STAFF")!, sendRecordForm({ fromOrganisationId: practice.id, destinationOdsCode: destination }))).reference;
  });

  const calls: Record<string, (actor: Actor) => Promise<unknown>> = {
    createMovement: (a) => createMovement(testDb, a, sendRecordForm({ fromOrganisationId: a?.scopeOrganisationIds[0] ?? "00000000-0000-0000-0000-000000000000", destinationOdsCode: destination })),
    listOutgoing: (a) => listPracticeMovements(testDb, a, "outgoing", {}),
    listIncoming: (a) => listPracticeMovements(testDb, a, "incoming", {}),
    practiceOverview: (a) => practiceOverview(testDb, a),
    sendingSites: (a) => sendingSites(testDb, a),
    getMovement: (a) => getMovement(testDb, a, reference),
    searchAllMovements: (a) => searchAllMovements(testDb, a, reference),
    searchOrganisations: (a) => searchOrganisations(testDb, a, "PCSE"),
    monthOverview: (a) => monthOverview(testDb, a),
    listAuditEvents: (a) => listAuditEvents(testDb, a, {}),
    // Commands are called with input that fails validation: passing the permission check and then failing
    // validation counts as "allowed" without changing any data.
    prepareLabels: (a) => prepareLabels(testDb, a, []),
    voidAndReissueLabel: (a) => voidAndReissueLabel(testDb, a, {}),
    markReady: (a) => markReadyForCollection(testDb, a, []),
    bookCollection: (a) => bookCollection(testDb, a, {}),
    listCollections: (a) => listCollections(testDb, a),
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
  };

  for (const [name, outcomes] of Object.entries(MATRIX)) {
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

  it("refuses everything to nobody", async () => {
    for (const call of Object.values(calls)) {
      await expect(call(null as unknown as Actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
