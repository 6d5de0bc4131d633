import { beforeAll, describe, expect, it } from "vitest";
import { createMovement } from "@/lib/movements/commands";
import { getMovement, listPracticeMovements } from "@/lib/movements/queries";
import { searchPcse } from "@/lib/cases/search";
import { practiceOverview } from "@/lib/movements/overview";
import { NotFoundError } from "@/lib/errors";
import { AWAITING_COLLECTION_STATUSES, NEEDS_LABELS_STATUSES } from "@/lib/movements/lifecycle";
import type { Actor } from "@/lib/auth/actor";
import { createOrganisation, createPracticeWithBranch, createUser, nextNhsNumber, sendRecordForm } from "../fixtures/factories";
import { testDb } from "./setup";

describe("organisation scope", () => {
  let a: Awaited<ReturnType<typeof createPracticeWithBranch>>;
  let b: Awaited<ReturnType<typeof createOrganisation>>;
  let c: Awaited<ReturnType<typeof createOrganisation>>;
  let staffA: Actor;
  let staffBranchA: Actor;
  let staffB: Actor;
  let staffC: Actor;
  let caseworker: Actor;
  let aToB: string;
  let branchToB: string;
  let bToC: string;
  const nhsAtoB = nextNhsNumber();

  beforeAll(async () => {
    a = await createPracticeWithBranch(testDb);
    b = await createOrganisation(testDb, { regionCode: "Y56" });
    c = await createOrganisation(testDb, { regionCode: "Y58" });
    staffA = await createUser(testDb, "PRACTICE_STAFF", { organisationId: a.practice.id });
    staffBranchA = await createUser(testDb, "PRACTICE_MANAGER", { organisationId: a.branch.id });
    staffB = await createUser(testDb, "PRACTICE_STAFF", { organisationId: b.id });
    staffC = await createUser(testDb, "PRACTICE_MANAGER", { organisationId: c.id });
    caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    aToB = (await createMovement(testDb, staffA, sendRecordForm({ nhsNumber: nhsAtoB, fromOrganisationId: a.practice.id, destinationOdsCode: b.odsCode }))).reference;
    branchToB = (await createMovement(testDb, staffA, sendRecordForm({ fromOrganisationId: a.branch.id, destinationOdsCode: b.odsCode }))).reference;
    bToC = (await createMovement(testDb, staffB, sendRecordForm({ fromOrganisationId: b.id, destinationOdsCode: c.odsCode }))).reference;
  });

  it("sender and receiver see the movement; anyone else gets 'not found'", async () => {
    expect((await getMovement(testDb, staffA, aToB)).viewerSide).toBe("sender");
    expect((await getMovement(testDb, staffB, aToB)).viewerSide).toBe("receiver");
    expect((await getMovement(testDb, staffBranchA, aToB)).reference).toBe(aToB);
    await expect(getMovement(testDb, staffC, aToB)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMovement(testDb, staffA, bToC)).rejects.toBeInstanceOf(NotFoundError);
    // A reference that does not exist answers exactly the same way.
    await expect(getMovement(testDb, staffA, "RM-2222-2222")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMovement(testDb, staffA, "not a reference")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists hold only the practice tree's movements, whatever the filters", async () => {
    const outgoing = await listPracticeMovements(testDb, staffA, "outgoing", { status: "all" });
    expect(outgoing.rows.map((r) => r.reference).sort()).toEqual([aToB, branchToB].sort());
    const incomingB = await listPracticeMovements(testDb, staffB, "incoming", { status: "all" });
    expect(incomingB.rows.map((r) => r.reference).sort()).toEqual([aToB, branchToB].sort());
    // Searching for someone else's reference or patient finds nothing.
    expect((await listPracticeMovements(testDb, staffC, "incoming", { status: "all", q: aToB })).total).toBe(0);
    expect((await listPracticeMovements(testDb, staffC, "outgoing", { status: "all", q: nhsAtoB })).total).toBe(0);
    // Hostile parameters are coerced, never trusted.
    const odd = await listPracticeMovements(testDb, staffC, "outgoing", { status: "everything", sort: "patient.nhsNumber", page: "-4", priority: { not: "x" } });
    expect(odd.params).toMatchObject({ status: "open", sort: "created", page: 1, priority: "any" });
    expect((await practiceOverview(testDb, staffC)).incomingOpen).toBe(1);
  });

  it("the overview's counts are the lists' totals, for a practice with a branch, on its own and as the receiver, now and when overdue", async () => {
    // Reference counts through Prisma with the lists' own filters (listPracticeMovements), and the two lifecycle
    // groups the lists do not filter by, counted the same way.
    const reference = async (actor: Actor, now: Date) => {
      const total = async (direction: "outgoing" | "incoming", status: string) => (await listPracticeMovements(testDb, actor, direction, { status }, now)).total;
      const outWith = (statuses: readonly string[]) =>
        testDb.recordMovement.count({ where: { fromOrganisationId: { in: actor.scopeOrganisationIds }, status: { in: statuses as never } } });
      return {
        outgoingOpen: await total("outgoing", "open"),
        outgoingOverdue: await total("outgoing", "overdue"),
        incomingOpen: await total("incoming", "open"),
        incomingOverdue: await total("incoming", "overdue"),
        outgoingNeedingLabels: await outWith(NEEDS_LABELS_STATUSES),
        readyForCollection: await outWith(AWAITING_COLLECTION_STATUSES),
      };
    };
    const later = new Date(Date.now() + 120 * 86_400_000);
    for (const actor of [staffA, staffBranchA, staffB, staffC]) {
      for (const now of [new Date(), later]) expect(await practiceOverview(testDb, actor, now)).toEqual(await reference(actor, now));
    }
    // Not vacuous: A (with its branch) has two outgoing, B two incoming and one outgoing, all overdue 120 days on.
    expect(await practiceOverview(testDb, staffA, later)).toMatchObject({ outgoingOpen: 2, outgoingOverdue: 2 });
    expect(await practiceOverview(testDb, staffB, later)).toMatchObject({ incomingOpen: 2, incomingOverdue: 2, outgoingOpen: 1 });
  });

  it("sorts and pages", async () => {
    const byRef = await listPracticeMovements(testDb, staffB, "incoming", { status: "all", sort: "reference", order: "asc" });
    expect(byRef.rows.map((r) => r.reference)).toEqual([aToB, branchToB].sort());
    expect(byRef.pageCount).toBe(1);
    expect((await listPracticeMovements(testDb, staffB, "incoming", { status: "all", page: "2" })).rows).toEqual([]);
  });

  it("PCSE finds any movement by reference, NHS number or ODS code", async () => {
    expect((await searchPcse(testDb, caseworker, aToB.toLowerCase())).movements.map((r) => r.reference)).toEqual([aToB]);
    expect((await searchPcse(testDb, caseworker, nhsAtoB.replace(/(\d{3})(\d{3})(\d{4})/, "$1 $2 $3"))).movements.map((r) => r.reference)).toEqual([aToB]);
    expect((await searchPcse(testDb, caseworker, c.odsCode)).movements.map((r) => r.reference)).toEqual([bToC]);
    expect((await searchPcse(testDb, caseworker, "9434765918")).message).toMatch(/not a valid NHS number/);
    expect((await getMovement(testDb, caseworker, bToC)).viewerSide).toBe("pcse");
  });

  it("audits views and NHS-number searches without storing the number", async () => {
    const before = new Date();
    await getMovement(testDb, staffB, aToB);
    await searchPcse(testDb, caseworker, nhsAtoB);
    const unknown = nextNhsNumber();
    await searchPcse(testDb, caseworker, unknown);
    await listPracticeMovements(testDb, staffA, "outgoing", { status: "all", q: nhsAtoB });
    const events = await testDb.auditEvent.findMany({ where: { occurredAt: { gte: before } }, orderBy: { id: "asc" } });
    const movement = await testDb.recordMovement.findUniqueOrThrow({ where: { reference: aToB } });
    expect(events.find((e) => e.action === "VIEW_MOVEMENT" && e.actorUserId === staffB.id)?.patientId).toBe(movement.patientId);
    const searches = events.filter((e) => e.action === "SEARCH_NHS_NUMBER");
    expect(searches).toHaveLength(3);
    expect(searches[0].patientId).toBe(movement.patientId);
    expect(searches[1].patientId).toBeNull();
    expect((searches[1].details as { searchedHash?: string }).searchedHash).toMatch(/^[0-9a-f]{32}$/);
    expect(searches.every((e) => e.requestId)).toBe(true);
    const everything = JSON.stringify(await testDb.auditEvent.findMany({ select: { details: true, entityId: true } }));
    expect(everything).not.toContain(nhsAtoB);
    expect(everything).not.toContain(unknown);
  });
});

describe("sending sites", () => {
  it("lists the main practice first, then its branch surgeries, and nothing else", async () => {
    const { sendingSites } = await import("@/lib/organisations/queries");
    const tree = await createPracticeWithBranch(testDb);
    const secondBranch = await createOrganisation(testDb, { kind: "BRANCH_SURGERY", parentId: tree.practice.id, name: "AAA branch first by name" });
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: tree.branch.id });
    const sites = await sendingSites(testDb, staff);
    expect(sites.map((s) => s.id)).toEqual([tree.practice.id, secondBranch.id, tree.branch.id]);
  });
});
