// The commissioner dashboards: every KPI's calculation against hand-built data (boundaries: exactly 12 working days,
// bank holidays, London months, provisional and final months), the rollup against a direct calculation from the raw
// rows, disclosure control, a regional commissioner's scope and the CSV export. Movements are inserted with their
// milestones set (what lib/tracking/refresh.ts derives from events, tested in its own files), at fixed past dates so
// nothing another file creates "now" falls in these months.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { refreshDashboards } from "@/lib/dashboards/rollup";
import { dashboardView } from "@/lib/dashboards/queries";
import { dashboardExport } from "@/lib/dashboards/export";
import { HEADLINE_KPIS, countFigure, percentFigure } from "@/lib/dashboards/kpis";
import { percentile } from "@/lib/dashboards/metrics";
import { workingDaysBetween } from "@/lib/nhs/working-days";
import { loadBankHolidays } from "@/lib/nhs/bank-holidays";
import { londonDate } from "@/lib/nhs/working-days";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { changeServiceCredit, serviceCreditLedger } from "@/lib/dashboards/credits";
import { serviceCreditReport } from "@/lib/dashboards/evidence-report";
import { BACKFILLS } from "@/lib/jobs/backfills";
import { createOrganisation, createUser, nextNhsNumber } from "../fixtures/factories";
import { testDb, testPool, testTransactions } from "./setup";

type Org = { id: string; odsCode: string };
let patientId: string;
let seq = 0;

async function movement(from: Org, to: Org, m: { type?: string; priority?: string; status?: string; createdAt: string; releasedAt?: string; collectedAt?: string; deliveredAt?: string; receivedAt?: string; statusChangedAt?: string; readyAt?: string }) {
  const id = randomUUID();
  seq++;
  await testPool.query(
    `INSERT INTO "RecordMovement" (id, reference, type, reason, priority, status, "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth",
       "fromOrganisationId", "toOrganisationId", "regionCode", "policyVersion", "dueDate", "bagCount", "createdAt", "updatedAt", "statusChangedAt",
       "releasedAt", "collectedAt", "deliveredAt", "receivedAt", "readyForCollectionAt")
     VALUES ($1, $2, $3::"MovementType", 'RE_REGISTRATION', $4::"Priority", $5::"MovementStatus", $6, 'Dashfamily', 'Dashgiven', '1950-05-05', $7, $8, NULL, 1, '2030-01-01', 1,
       $9, $9, $10, $11, $12, $13, $14, $15)`,
    [id, `RD-${String(seq).padStart(4, "0")}-${id.slice(0, 4).toUpperCase()}`, m.type ?? "PRACTICE_TO_PRACTICE", m.priority ?? "ROUTINE", m.status ?? (m.receivedAt ? "RECEIVED" : m.deliveredAt ? "DELIVERED" : m.collectedAt ? "IN_TRANSIT" : m.releasedAt ? "READY_FOR_COLLECTION" : "REQUESTED"), patientId,
      from.id, to.id, m.createdAt, m.statusChangedAt ?? m.createdAt, m.releasedAt ?? null, m.collectedAt ?? null, m.deliveredAt ?? null, m.receivedAt ?? null, m.readyAt ?? (m.status === "READY_FOR_COLLECTION" || (!m.status && m.releasedAt && !m.collectedAt) ? m.releasedAt : null)],
  );
  // Keep PCSE's national backlog table in step with the status, as lib/tracking/refresh.ts does.
  const ready = m.status === "READY_FOR_COLLECTION" || (!m.status && m.releasedAt && !m.collectedAt);
  if (ready) await testPool.query(`INSERT INTO "CollectionBacklogEntry" ("movementId", "organisationId", "readyAt") VALUES ($1, $2, $3)`, [id, from.id, m.readyAt ?? m.releasedAt]);
  return id;
}

async function rollupRow(month: string, level: string, code: string, side = "SENDING") {
  return testDb.dashboardRollup.findUniqueOrThrow({ where: { month_level_side_code: { month: new Date(`${month}-01T00:00:00Z`), level: level as "PRACTICE", side: side as "SENDING", code } } });
}

describe("commissioner dashboards", () => {
  let a: Org & { icbCode: string };
  let b: Org;
  let london: Org;
  let branch: Org;
  let national: Actor;
  let northEast: Actor;
  let londonCommissioner: Actor;
  let icbCode: string;

  beforeAll(async () => {
    const icb = await testDb.icb.findFirstOrThrow({ where: { regionCode: "Y63" }, orderBy: { code: "asc" } });
    icbCode = icb.code;
    const makePractice = async (regionCode: string, icb: string) => {
      const o = await createOrganisation(testDb, { regionCode });
      return testDb.organisation.update({ where: { id: o.id }, data: { icbCode: icb } });
    };
    a = (await makePractice("Y63", icbCode)) as Org & { icbCode: string };
    b = await makePractice("Y63", icbCode);
    const londonIcb = await testDb.icb.findFirstOrThrow({ where: { regionCode: "Y56" } });
    london = await makePractice("Y56", londonIcb.code);
    branch = await createOrganisation(testDb, { kind: "BRANCH_SURGERY", regionCode: "Y63", parentId: a.id });
    patientId = (await testDb.patient.create({ data: { nhsNumber: nextNhsNumber() } })).id;
    national = await createUser(testDb, "COMMISSIONER");
    northEast = await createUser(testDb, "COMMISSIONER", { regionCode: "Y63" });
    londonCommissioner = await createUser(testDb, "COMMISSIONER", { regionCode: "Y56" });

    // KPI 1, April 2025 (Good Friday 18 April, Easter Monday 21 April and 5 May are bank holidays): collected on
    // Thursday 17 April, 12 working days later is Thursday 8 May.
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", collectedAt: "2025-04-17T09:00:00Z", deliveredAt: "2025-05-08T15:00:00Z" }); // 12: on time
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", collectedAt: "2025-04-17T09:00:00Z", deliveredAt: "2025-05-09T09:00:00Z" }); // 13: late
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", collectedAt: "2025-04-17T09:00:00Z", deliveredAt: "2025-04-28T09:00:00Z" }); // 5: fast
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", collectedAt: "2025-04-17T09:00:00Z", deliveredAt: "2025-04-29T09:00:00Z" }); // 6: on time
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", collectedAt: "2025-04-17T09:00:00Z", deliveredAt: "2025-06-02T09:00:00Z" }); // after the cut-off
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", status: "RETURNED_TO_SENDER", releasedAt: "2025-04-02T09:00:00Z", statusChangedAt: "2025-04-15T09:00:00Z" }); // returned
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", status: "DELIVERY_FAILED", collectedAt: "2025-04-14T09:00:00Z" }); // failed
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", priority: "URGENT", collectedAt: "2025-04-17T09:00:00Z", deliveredAt: "2025-06-02T09:00:00Z" }); // urgent: not in KPI 1
    await movement(a, b, { createdAt: "2025-04-01T09:00:00Z", status: "CANCELLED", collectedAt: "2025-04-17T09:00:00Z" }); // cancelled: nowhere
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST): an April collection.
    await movement(a, b, { createdAt: "2025-03-20T09:00:00Z", collectedAt: "2025-03-31T23:30:00Z", deliveredAt: "2025-04-02T09:00:00Z" }); // 2: fast
    // From a branch surgery of A, waiting for collection since 22 April (and still): A's backlog, branch column.
    await movement(branch, b, { createdAt: "2025-04-10T09:00:00Z", releasedAt: "2025-04-22T09:00:00Z" });
    // KPI 2: a whole journey in March, on working days: requested Mon 3, released Wed 5, collected Mon 10, delivered
    // Wed 12, received Fri 14 March: 2, 3, 2, 2 and 9 working days.
    await movement(a, london, { createdAt: "2025-03-03T09:00:00Z", releasedAt: "2025-03-05T09:00:00Z", collectedAt: "2025-03-10T09:00:00Z", deliveredAt: "2025-03-12T09:00:00Z", receivedAt: "2025-03-14T09:00:00Z" });
    // KPI 8: to Wales, collected in March, 4 working days.
    const wales = await createOrganisation(testDb, { kind: "CROSS_BORDER_AGENCY", country: "WALES", regionCode: null });
    await movement(a, wales, { type: "PRACTICE_TO_CROSS_BORDER", createdAt: "2025-03-03T09:00:00Z", collectedAt: "2025-03-10T09:00:00Z", deliveredAt: "2025-03-14T09:00:00Z" });
  });

  it("KPI 1: bands at the boundaries (exactly 12 working days over Easter is on time, 13 is late), London months, exclusions", async () => {
    await refreshDashboards(testTransactions, new Date("2025-05-20T12:00:00Z"), { rebuild: true });
    const row = await rollupRow("2025-04", "PRACTICE", a.odsCode);
    expect({ collected: row.collected, fast: row.deliveredFast, onTime: row.deliveredOnTime, late: row.deliveredLate, notDelivered: row.notDelivered, returned: row.returnedOrFailed }).toEqual({ collected: 8, fast: 2, onTime: 2, late: 1, notDelivered: 1, returned: 2 });
    // The receiving side counts the same movements at B.
    expect((await rollupRow("2025-04", "PRACTICE", b.odsCode, "RECEIVING")).collected).toBe(8);
    const month = await testDb.dashboardMonth.findUniqueOrThrow({ where: { month: new Date("2025-04-01T00:00:00Z") } });
    expect(month.status).toBe("PROVISIONAL");
    // 20 working days after 30 April, over the 5 and 26 May bank holidays.
    expect(month.cutOffDate.toISOString().slice(0, 10)).toBe("2025-05-30");
  });

  it("a provisional month counts only what had happened by the refresh; a final one is judged at its cut-off and then frozen", async () => {
    await refreshDashboards(testTransactions, new Date("2025-05-08T12:00:00Z"), { rebuild: true });
    let row = await rollupRow("2025-04", "PRACTICE", a.odsCode);
    // The 8 May delivery (15:00 BST) had not happened at 13:00 BST: 4 not delivered.
    expect({ onTime: row.deliveredOnTime, late: row.deliveredLate, notDelivered: row.notDelivered }).toEqual({ onTime: 1, late: 0, notDelivered: 3 });

    await refreshDashboards(testTransactions, new Date("2025-06-03T12:00:00Z"), { rebuild: true });
    const month = await testDb.dashboardMonth.findUniqueOrThrow({ where: { month: new Date("2025-04-01T00:00:00Z") } });
    expect(month.status).toBe("FINAL");
    expect(month.asOf.toISOString()).toBe("2025-05-30T23:00:00.000Z");
    row = await rollupRow("2025-04", "PRACTICE", a.odsCode);
    // Delivered on 2 June, after the cut-off: still "not delivered at the cut-off".
    expect(row.notDelivered).toBe(1);
    // A later refresh leaves a final month alone.
    const again = await refreshDashboards(testTransactions, new Date("2025-06-04T12:00:00Z"));
    expect(again.months).not.toContain("2025-04");
    expect(again.skippedFinal).toBeGreaterThan(0);
  });

  it("KPI 2: segment histograms give the sender's and the courier's parts apart; KPI 8 by nation and direction", async () => {
    await refreshDashboards(testTransactions, new Date("2025-05-20T12:00:00Z"), { rebuild: true });
    const row = await rollupRow("2025-03", "PRACTICE", a.odsCode);
    expect(percentile(row.releaseDays, 0.5)).toBe(2);
    expect(percentile(row.collectionDays, 0.5)).toBe(3);
    expect(percentile(row.deliveryDays, 0.5)).toBe(2);
    expect(percentile(row.receiptDays, 0.5)).toBe(2);
    expect(percentile(row.endToEndDays, 0.5)).toBe(9);
    expect(row.receiptConfirmed).toBe(1);
    expect(row.crossBorder).toEqual({ "WALES:OUT": { collected: 1, onTarget: 1, days: [0, 0, 0, 0, 1] } });
  });

  it("KPI 3: the backlog at the month's end by age, the branch surgery apart; the current month reads the live state", async () => {
    const row = await rollupRow("2025-04", "PRACTICE", a.odsCode);
    // Ready since Tuesday 22 April, not collected on 30 April: 6 working days.
    expect(row.backlogBranch).toEqual([0, 1]);
    expect(row.backlogMain).toEqual([]);
    const may = await rollupRow("2025-05", "PRACTICE", a.odsCode);
    // Live on 20 May: 19 working days (5 May a bank holiday).
    expect(may.backlogBranch).toEqual([0, 0, 1]);
  });

  it("the rollup agrees with a direct calculation from the raw rows, and every level sums its practices", async () => {
    const now = new Date("2025-05-20T12:00:00Z");
    const holidays = await loadBankHolidays(testDb, now.getTime());
    const raw = await testDb.recordMovement.findMany({ where: { createdAt: { lt: now, gte: new Date("2024-01-01") }, fromOrganisation: { kind: { in: ["GP_PRACTICE", "BRANCH_SURGERY"] } } }, include: { fromOrganisation: true, toOrganisation: true } });
    const aprilOfA = raw.filter((m) => (m.fromOrganisationId === a.id || m.fromOrganisation.parentId === a.id) && m.priority === "ROUTINE" && m.type === "PRACTICE_TO_PRACTICE" && m.status !== "CANCELLED");
    let collected = 0;
    let onTime = 0;
    for (const m of aprilOfA) {
      const month = m.collectedAt ? londonDate(m.collectedAt).slice(0, 7) : m.status === "RETURNED_TO_SENDER" ? londonDate(m.statusChangedAt).slice(0, 7) : null;
      if (month !== "2025-04") continue;
      collected++;
      if (m.collectedAt && m.deliveredAt && m.deliveredAt < now && workingDaysBetween(londonDate(m.collectedAt), londonDate(m.deliveredAt), holidays) <= 12) onTime++;
    }
    const row = await rollupRow("2025-04", "PRACTICE", a.odsCode);
    expect(row.collected).toBe(collected);
    expect(row.deliveredFast + row.deliveredOnTime).toBe(onTime);
    // Levels: the ICB and region rows are sums of their practices' rows; England includes every practice.
    const practices = await testDb.dashboardRollup.findMany({ where: { month: new Date("2025-04-01T00:00:00Z"), level: "PRACTICE", side: "SENDING", icbCode } });
    const icbRow = await rollupRow("2025-04", "ICB", icbCode);
    expect(icbRow.collected).toBe(practices.reduce((n, p) => n + p.collected, 0));
    expect(icbRow.practices).toBe(practices.length);
    const regions = await testDb.dashboardRollup.findMany({ where: { month: new Date("2025-04-01T00:00:00Z"), level: "REGION", side: "SENDING" } });
    const england = await rollupRow("2025-04", "NATIONAL", "ENG");
    expect(england.collected).toBeGreaterThanOrEqual(regions.reduce((n, r) => n + r.collected, 0));
    expect(england.practices).toBe(regions.reduce((n, r) => n + r.practices, 0) + (await testDb.dashboardRollup.count({ where: { month: new Date("2025-04-01T00:00:00Z"), level: "PRACTICE", side: "SENDING", regionCode: null } })));
    // Both sides count every movement once nationally.
    expect((await rollupRow("2025-04", "NATIONAL", "ENG", "RECEIVING")).collected).toBe(england.collected);
  });

  it("KPI 12: participation is the practice's, exact, on both sides", async () => {
    const march = await rollupRow("2025-03", "PRACTICE", a.odsCode);
    expect(march.practicesSending).toBe(1);
    const londonMarch = await rollupRow("2025-03", "PRACTICE", london.odsCode, "RECEIVING");
    expect(londonMarch.practicesReceiving).toBe(1);
    expect(londonMarch.practicesActive).toBe(1);
  });

  it("disclosure control: 1-7 suppressed, others rounded to 5, percentages from suppressed counts suppressed, national exact", () => {
    const rule = { suppressFrom: 1, suppressTo: 7, roundTo: 5 };
    expect(countFigure(0, rule, false).text).toBe("0");
    expect(countFigure(7, rule, false).text).toBe("*");
    expect(countFigure(8, rule, false).text).toBe("10");
    expect(countFigure(12, rule, false).text).toBe("10");
    expect(countFigure(13, rule, false).text).toBe("15");
    expect(countFigure(7, rule, true).text).toBe("7");
    expect(percentFigure(5, 9, rule, false).text).toBe("*");
    expect(percentFigure(8, 9, rule, false).text).toBe("88.9%");
    expect(percentFigure(5, 9, rule, true).text).toBe("55.6%");
  });

  it("views: England exact, a practice's figures disclosed; a regional commissioner sees only their region's units", async () => {
    const view = await dashboardView(testDb, national, "PRACTICE", a.odsCode, { month: "2025-04" });
    const onTime = view.headline.find((h) => h.kpi === "onTime")!;
    // 5 of 9: both counts suppressed below national level.
    expect(onTime.figure.text).toBe("*");
    expect(view.breadcrumbs.map((b) => b.name)[0]).toBe("England");
    const mine = await dashboardView(testDb, northEast, "PRACTICE", a.odsCode, { month: "2025-04" });
    expect(mine.unit.code).toBe(a.odsCode);
    await expect(dashboardView(testDb, londonCommissioner, "PRACTICE", a.odsCode, { month: "2025-04" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(dashboardView(testDb, londonCommissioner, "REGION", "Y63", { month: "2025-04" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(dashboardView(testDb, londonCommissioner, "ICB", icbCode, { month: "2025-04" })).rejects.toBeInstanceOf(NotFoundError);
    // England for a regional commissioner: national totals, and only their own region in the league table.
    const england = await dashboardView(testDb, londonCommissioner, "NATIONAL", null, { month: "2025-04" });
    expect(england.league?.rows.map((r) => r.code)).toEqual(["Y56"]);
    expect(england.headline.length).toBeGreaterThan(0);
    expect(england.scopeNote).toMatch(/other regions/);
    const full = await dashboardView(testDb, national, "NATIONAL", null, { month: "2025-04" });
    expect(full.league?.rows.length).toBe(7);
    // Trends and league tables read only the headline KPIs' columns: the month's trend point agrees with the headline
    // (read whole) on every KPI, so a KPI reading a column the lighter read leaves out fails here.
    for (const view of [full, await dashboardView(testDb, national, "PRACTICE", a.odsCode, { month: "2025-04" })]) {
      expect(view.trend.at(-1)!.cells.map((c) => `${c.kpi} ${c.figure.text}`)).toEqual(view.headline.map((h) => `${h.kpi} ${h.figure.text}`));
      expect(view.headline.every((h) => h.figure.value === null || Number.isFinite(h.figure.value))).toBe(true);
    }
  });

  it("league tables sort on the server by any KPI, worst first by default", async () => {
    const icb = await dashboardView(testDb, national, "ICB", icbCode, { month: "2025-04", sort: "collected", dir: "desc" });
    const values = icb.league!.rows.map((r) => r.cells.find((c) => c.kpi === "collected")!.figure.value).filter((v): v is number => v !== null);
    expect(values).toEqual([...values].sort((x, y) => y - x));
  });

  it("exports every view as CSV with the disclosure rule and formula escaping, and carries no patient identifier", async () => {
    const csv = await dashboardExport(testDb, national, { view: "practice", code: a.odsCode, month: "2025-04" });
    expect(csv.fileName).toMatch(/\.csv$/);
    expect(csv.body).toContain("On-time delivery");
    expect(csv.body).toMatch(/Disclosure control/);
    const england = await dashboardExport(testDb, national, { view: "national", month: "2025-04" });
    expect(england.body).toContain("England");
    for (const body of [csv.body, england.body]) expect(body).not.toMatch(/Dashfamily|Dashgiven|1950-05-05/);
    await expect(dashboardExport(testDb, londonCommissioner, { view: "practice", code: a.odsCode, month: "2025-04" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("KPI 9: workload minutes per 100 movements, hours and cost by cause and task, claims by status; withdrawn and later entries left out; every level; disclosed below England with no name", async () => {
    const manager = await testDb.user.create({ data: { email: `wl.${randomUUID().slice(0, 8)}@test.records.test`, name: "Winifred Leakcheck", role: "PRACTICE_MANAGER", organisationId: a.id } });
    const entry = (org: Org, e: { date: string; task: string; cause: string; quantity?: number; minutes: number; costPence: number; createdAt?: string; withdrawnAt?: string; note?: string }) =>
      testDb.workloadEntry.create({
        data: {
          organisationId: org.id, siteId: org.id, regionCode: "Y63", icbCode, grade: "ADMINISTRATOR", taskCode: e.task, quantity: e.quantity ?? 1, minutes: e.minutes, date: new Date(`${e.date}T00:00:00Z`),
          cause: e.cause as "OTHER", source: "MANUAL", createdById: manager.id, ratePencePerHour: 1612, costPence: e.costPence, createdAt: new Date(e.createdAt ?? `${e.date}T12:00:00Z`),
          ...(e.withdrawnAt ? { withdrawnAt: new Date(e.withdrawnAt) } : {}), ...(e.note ? { note: e.note } : {}),
        },
      });
    // A, April 2025: three entries count (68 minutes, £17.90), one is withdrawn, one is May's, one was logged after the refresh.
    await entry(a, { date: "2025-04-02", task: "BAG_AND_LABEL", cause: "RECORDS_SERVICE", quantity: 9, minutes: 18, costPence: 484, note: "Bagged by Winifred Leakcheck for Mr Dashfamily" });
    await entry(a, { date: "2025-04-15", task: "CHASE", cause: "COURIER", minutes: 30, costPence: 806 });
    await entry(a, { date: "2025-04-30", task: "WRONG_RECORD", cause: "OTHER_PRACTICE", minutes: 20, costPence: 500 });
    await entry(a, { date: "2025-04-10", task: "CHASE", cause: "COURIER", minutes: 600, costPence: 16120, withdrawnAt: "2025-04-11T09:00:00Z" });
    await entry(a, { date: "2025-05-01", task: "CHASE", cause: "COURIER", minutes: 45, costPence: 1209 });
    await entry(a, { date: "2025-04-20", task: "CHASE", cause: "COURIER", minutes: 1000, costPence: 26867, createdAt: "2025-05-25T09:00:00Z" });
    // B, April 2025: eight entries of 10 minutes (enough to be shown below England).
    for (let i = 0; i < 8; i++) await entry(b, { date: "2025-04-22", task: "RECEIVE_AND_CONFIRM", cause: "OTHER", minutes: 10, costPence: 161 });
    // A's claims: one submitted in April (offered and accepted in April, paid in May), one submitted in March and offered in April.
    const pack = await testDb.evidencePack.create({
      data: { reference: `EP-${randomUUID().slice(0, 4).toUpperCase()}-TEST`, organisationId: a.id, periodFrom: new Date("2025-03-01"), periodTo: new Date("2025-04-30"), scope: "ALL", scopeLabel: "All workload", entryCount: 3, totalMinutes: 68, totalCostPence: 1790, summary: {}, sha256: "0".repeat(64), csv: "", declarationName: "Winifred Leakcheck", declarationRole: "Practice manager", declaredOn: new Date("2025-04-09"), createdById: manager.id },
    });
    const claim = async (ref: string, events: [string, string, number | null][]) => {
      const c = await testDb.claim.create({
        data: { reference: ref, organisationId: a.id, regionCode: "Y63", icbCode, evidencePackId: pack.id, status: events.at(-1)![0] as "PAID", amountClaimedPence: events[0][2]!, summary: "Unfunded work", submittedById: manager.id, submittedAt: new Date(events[0][1]) },
      });
      for (const [to, at, amountPence] of events) await testDb.claimEvent.create({ data: { claimId: c.id, toStatus: to as "PAID", at: new Date(at), actorUserId: manager.id, actorRole: "PRACTICE_MANAGER", amountPence } });
    };
    await claim(`CM-${randomUUID().slice(0, 4).toUpperCase()}-AAAA`, [["SUBMITTED", "2025-04-10T10:00:00Z", 179_000], ["UNDER_REVIEW", "2025-04-12T10:00:00Z", null], ["OFFER_MADE", "2025-04-20T10:00:00Z", 150_000], ["ACCEPTED", "2025-04-22T10:00:00Z", 150_000], ["PAID", "2025-05-02T10:00:00Z", 150_000]]);
    await claim(`CM-${randomUUID().slice(0, 4).toUpperCase()}-BBBB`, [["SUBMITTED", "2025-03-28T10:00:00Z", 90_000], ["UNDER_REVIEW", "2025-04-01T10:00:00Z", null], ["OFFER_MADE", "2025-04-25T10:00:00Z", 90_000]]);

    await refreshDashboards(testTransactions, new Date("2025-05-20T12:00:00Z"), { rebuild: true });
    // Movements requested in April that A (its branch included) sent or received: the 8 to B not cancelled and the
    // branch's 1. B received the same 9; the ICB holds both practices and counts each movement once.
    const ofA = await rollupRow("2025-04", "PRACTICE", a.odsCode);
    expect({ moved: ofA.movementsMoved, entries: ofA.workloadEntries, items: ofA.workloadItems, minutes: ofA.workloadMinutes, cost: ofA.workloadCostPence }).toEqual({ moved: 9, entries: 3, items: 11, minutes: 68, cost: 1790n });
    expect(ofA.workloadByCause).toEqual({ RECORDS_SERVICE: [1, 9, 18, 484], COURIER: [1, 1, 30, 806], OTHER_PRACTICE: [1, 1, 20, 500] });
    expect(ofA.workloadByTask).toEqual({ BAG_AND_LABEL: [1, 9, 18, 484], CHASE: [1, 1, 30, 806], WRONG_RECORD: [1, 1, 20, 500] });
    expect({ s: ofA.claimsSubmitted, sp: ofA.claimsSubmittedPence, o: ofA.claimsOffered, op: ofA.claimsOfferedPence, p: ofA.claimsPaid }).toEqual({ s: 1, sp: 179_000n, o: 2, op: 240_000n, p: 0 });
    // The practice's work is the same on the receiving side.
    expect((await rollupRow("2025-04", "PRACTICE", a.odsCode, "RECEIVING")).workloadMinutes).toBe(68);
    expect((await rollupRow("2025-05", "PRACTICE", a.odsCode)).claimsPaidPence).toBe(150_000n);
    expect((await rollupRow("2025-05", "PRACTICE", a.odsCode)).workloadMinutes).toBe(45);
    const ofB = await rollupRow("2025-04", "PRACTICE", b.odsCode);
    expect({ moved: ofB.movementsMoved, entries: ofB.workloadEntries, minutes: ofB.workloadMinutes }).toEqual({ moved: 9, entries: 8, minutes: 80 });
    const icb = await rollupRow("2025-04", "ICB", icbCode);
    expect({ moved: icb.movementsMoved, entries: icb.workloadEntries, minutes: icb.workloadMinutes, cost: icb.workloadCostPence, claims: icb.claimsSubmitted }).toEqual({ moved: 9, entries: 11, minutes: 148, cost: 3078n, claims: 1 });
    const region = await rollupRow("2025-04", "REGION", "Y63");
    expect({ entries: region.workloadEntries, minutes: region.workloadMinutes, offered: region.claimsOffered }).toEqual({ entries: 11, minutes: 148, offered: 2 });
    const england = await rollupRow("2025-04", "NATIONAL", "ENG");
    expect({ entries: england.workloadEntries, minutes: england.workloadMinutes, cost: england.workloadCostPence, submitted: england.claimsSubmittedPence }).toEqual({ entries: 11, minutes: 148, cost: 3078n, submitted: 179_000n });

    // England exact: 148 minutes over its movements requested in April.
    const englandView = await dashboardView(testDb, northEast, "NATIONAL", null, { month: "2025-04" });
    const fig = (v: typeof englandView, kpi: string) => v.headline.find((h) => h.kpi === kpi)!.figure.text;
    expect(fig(englandView, "workloadPer100")).toBe(new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.round((1000 * 148) / england.movementsMoved) / 10));
    expect(fig(englandView, "workloadHours")).toBe("2.5");
    expect(fig(englandView, "workloadCost")).toBe("£31");
    const claimsTable = (v: typeof englandView) => v.details.find((t) => t.id === "claims")!.rows.map((r) => [r.label.split(" in ")[0], ...r.cells.map((c) => c.text)]);
    expect(claimsTable(englandView)).toEqual([["Submitted", "1", "£1,790"], ["Offers made", "2", "£2,400"], ["Paid", "0", "£0"]]);
    // The ICB: 11 entries shown (rounded to 10), 148 ÷ 9 × 100 = 1,644.4; a cause of one entry suppressed.
    const icbView = await dashboardView(testDb, northEast, "ICB", icbCode, { month: "2025-04", sort: "workloadPer100", dir: "worst" }, { allLeagueRows: true });
    expect([fig(icbView, "workloadPer100"), fig(icbView, "workloadHours"), fig(icbView, "workloadCost")]).toEqual(["1,644.4", "2.5", "£31"]);
    const work = icbView.details.find((t) => t.id === "workload")!;
    expect(work.rows[0].cells.map((c) => c.text)).toEqual(["10", "20", "2.5", "£31", "1,644.4"]);
    expect(work.rows.find((r) => r.label.startsWith("Cause: The courier"))!.cells.map((c) => c.text)).toEqual(["*", "*", "*", "*", "*"]);
    expect(work.rows.find((r) => r.label === "Task: Receive and confirm")!.cells.map((c) => c.text)).toEqual(["10", "10", "1.3", "£13", "888.9"]);
    expect(claimsTable(icbView)).toEqual([["Submitted", "*", "*"], ["Offers made", "*", "*"], ["Paid", "0", "£0"]]);
    // League table sorted by the KPI, most workload first; A's 3 entries are suppressed, so it sorts last.
    const league = icbView.league!.rows.filter((r) => r.code === a.odsCode || r.code === b.odsCode).map((r) => [r.code, r.cells[HEADLINE_KPIS.indexOf("workloadPer100")].figure.text]);
    expect(league).toEqual([[b.odsCode, "888.9"], [a.odsCode, "*"]]);
    // The practice: 3 entries, every workload figure and the claims suppressed.
    const practice = await dashboardView(testDb, northEast, "PRACTICE", a.odsCode, { month: "2025-04" });
    expect([fig(practice, "workloadPer100"), fig(practice, "workloadHours"), fig(practice, "workloadCost")]).toEqual(["*", "*", "*"]);

    // Exports: the same disclosure below England, exact figures nationally, and no name, note or patient.
    const icbCsv = await dashboardExport(testDb, northEast, { view: "icb", code: icbCode, month: "2025-04" });
    expect(icbCsv.body).toContain("KPI 9: Unfunded practice workload per 100 movements (minutes per 100 movements),\"1,644.4\"");
    expect(icbCsv.body).toMatch(new RegExp(`league: Practices,${a.odsCode},[^\n]*,2025-04,Unfunded practice workload per 100 movements,\\*,`));
    expect(icbCsv.body).toContain("KPI 9: Claims for unfunded workload,");
    expect(icbCsv.body).toMatch(/Submitted in the month \(amount claimed\): Claims,\*,/);
    const practiceCsv = await dashboardExport(testDb, northEast, { view: "practice", code: a.odsCode, month: "2025-04" });
    expect(practiceCsv.body).toMatch(/KPI 9: Unfunded practice workload, cost \(£\)",\*,/);
    const englandCsv = await dashboardExport(testDb, northEast, { view: "national", month: "2025-04" });
    expect(englandCsv.body).toMatch(/Offers made in the month \(amount offered\): Amount,"£2,400"/);
    for (const body of [icbCsv.body, practiceCsv.body, englandCsv.body]) expect(body).not.toMatch(/Leakcheck|Winifred|Dashfamily|Dashgiven|1950-05-05|Bagged by/);
  });

  it("KPI 11: a final month below target gets a proposed credit by the policy's rule; national commissioners apply, dispute or waive it, audited", async () => {
    await refreshDashboards(testTransactions, new Date("2025-06-03T12:00:00Z"), { rebuild: true });
    const england = await rollupRow("2025-04", "NATIONAL", "ENG");
    const measured = Math.round((1000 * (england.deliveredFast + england.deliveredOnTime)) / england.collected) / 10;
    expect(measured).toBeLessThan(88.5);
    const [credit] = (await serviceCreditLedger(testDb, national, "2025-04")).filter((c) => c.kpi === "ON_TIME_DELIVERY");
    // 98.5 - measured points x 1% per point, capped at 10% of the £1,000,000 monthly charge (policy version 1).
    expect(credit).toMatchObject({ status: "PROPOSED", targetPercent: 98.5, measuredPercent: measured, creditPercent: 10, amountPence: 10_000_000 });
    expect(credit.history.map((h) => h.to)).toEqual(["PROPOSED"]);
    // A second finalising run proposes nothing new.
    await refreshDashboards(testTransactions, new Date("2025-06-03T13:00:00Z"), { rebuild: true });
    expect((await serviceCreditLedger(testDb, national, "2025-04")).filter((c) => c.kpi === "ON_TIME_DELIVERY")).toHaveLength(1);

    await expect(changeServiceCredit(testDb, northEast, { creditId: credit.id, status: "APPLIED" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeServiceCredit(testDb, national, { creditId: credit.id, status: "DISPUTED" })).rejects.toBeInstanceOf(ValidationError);
    await changeServiceCredit(testDb, national, { creditId: credit.id, status: "DISPUTED", note: "The courier says the bank holidays were miscounted" });
    await changeServiceCredit(testDb, national, { creditId: credit.id, status: "APPLIED" });
    await expect(changeServiceCredit(testDb, national, { creditId: credit.id, status: "WAIVED", note: "Too late" })).rejects.toBeInstanceOf(ValidationError);
    const [after] = (await serviceCreditLedger(testDb, national, "2025-04")).filter((c) => c.kpi === "ON_TIME_DELIVERY");
    expect(after.status).toBe("APPLIED");
    expect(after.history.map((h) => `${h.from ?? ""}>${h.to}`)).toEqual([">PROPOSED", "PROPOSED>DISPUTED", "DISPUTED>APPLIED"]);
    expect(await testDb.auditEvent.count({ where: { action: "CHANGE_SERVICE_CREDIT", entityId: credit.id } })).toBe(2);
    await expect(testPool.query(`DELETE FROM "ServiceCreditEvent" WHERE "creditId" = $1`, [credit.id])).rejects.toThrow(/append-only/);

    const report = await serviceCreditReport(testDb, national, "2025-04");
    expect(report.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(report.fileName).toBe("service-credits-2025-04.pdf");
  });
  it("KPI 9's migration backfill rebuilds months finalised before it existed (their new columns read 0 until then)", async () => {
    await refreshDashboards(testTransactions, new Date("2025-06-03T12:00:00Z"), { rebuild: true });
    expect((await testDb.dashboardMonth.findUniqueOrThrow({ where: { month: new Date("2025-04-01T00:00:00Z") } })).status).toBe("FINAL");
    // As the migration leaves a final month: the new columns at their defaults.
    await testPool.query(`UPDATE "DashboardRollup" SET "workloadMinutes" = 0, "workloadEntries" = 0, "movementsMoved" = 0, "claimsSubmitted" = 0 WHERE month = '2025-04-01'`);
    expect((await refreshDashboards(testTransactions, new Date("2025-06-04T12:00:00Z"))).months).not.toContain("2025-04");
    expect((await rollupRow("2025-04", "ICB", icbCode)).workloadMinutes).toBe(0);
    await BACKFILLS["dashboards-workload-kpi"].run({ db: testTransactions, prisma: testDb, now: new Date("2025-06-04T12:00:00Z"), log: () => {} });
    // Final, as at the cut-off (30 May): the entry logged on 25 May for April's work now counts (1,000 minutes).
    const icb = await rollupRow("2025-04", "ICB", icbCode);
    expect({ minutes: icb.workloadMinutes, entries: icb.workloadEntries, moved: icb.movementsMoved, claims: icb.claimsSubmitted }).toEqual({ minutes: 1148, entries: 12, moved: 9, claims: 1 });
    expect((await testDb.dashboardMonth.findUniqueOrThrow({ where: { month: new Date("2025-04-01T00:00:00Z") } })).status).toBe("FINAL");
  });
});
