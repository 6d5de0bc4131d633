// The workload's pure rules: the rate in force on a day, costs to the penny, what each action suggests, the claim
// transitions, the manager's months and the national median's disclosure control, the evidence CSV's round trip.
import { describe, expect, it } from "vitest";
import { costPence, rateInForce, rateWindow, type RateRow } from "@/lib/workload/costs";
import { suggestionsFor } from "@/lib/workload/suggestions";
import { CLAIM_ACTIONS, canTakeClaimAction, claimActionsFor } from "@/lib/claims/rules";
import { lastTwelveMonths, nationalComparison, perRecord, totalsOf } from "@/lib/workload/figures";
import { evidenceCsv, parseEvidenceCsv, type EvidenceDocument } from "@/lib/workload/evidence";
import { dateFromParts, formatMinutes, formatPence, parseScopeParam, poundsPerHour, suggestionDecisionSchema } from "@/lib/workload/schemas";
import { DEFAULT_POLICY_RULES } from "@/lib/service-levels/policy";
import { ClaimStatus, StaffGrade, WorkloadCause } from "@/lib/db/generated/enums";
import { STAFF_GRADES, WORKLOAD_CAUSES } from "@/lib/workload/schemas";

const rate = (id: string, organisationId: string | null, grade: RateRow["grade"], effectiveFrom: string, pencePerHour: number): RateRow => ({ id, organisationId, grade, effectiveFrom, pencePerHour, source: id, sourceYear: null });

describe("rates and costs", () => {
  const rates = [rate("nat", null, "NURSE", "2025-04-01", 2521), rate("nat-old", null, "NURSE", "2024-04-01", 2400), rate("own1", "p", "NURSE", "2026-03-01", 2800), rate("own2", "p", "NURSE", "2026-03-20", 3000), rate("gp", null, "GP_PARTNER", "2025-04-01", 7225)];

  it("the practice's own rate in force on the day comes first, then the national default, then the earliest default", () => {
    expect(rateInForce(rates, "NURSE", "2026-02-28")?.id).toBe("nat");
    expect(rateInForce(rates, "NURSE", "2026-03-01")?.id).toBe("own1");
    expect(rateInForce(rates, "NURSE", "2026-03-19")?.id).toBe("own1");
    expect(rateInForce(rates, "NURSE", "2026-03-20")?.id).toBe("own2");
    expect(rateInForce(rates, "NURSE", "2024-06-01")?.id).toBe("nat-old");
    expect(rateInForce(rates, "NURSE", "2020-01-01")?.id).toBe("nat-old");
    expect(rateInForce(rates, "SALARIED_GP", "2026-01-01")).toBeNull();
  });

  it("a practice rate governs until the practice's next rate for the grade", () => {
    expect(rateWindow(rates, rates[2])).toEqual({ from: "2026-03-01", until: "2026-03-20" });
    expect(rateWindow(rates, rates[3])).toEqual({ from: "2026-03-20", until: null });
  });

  it("costs are minutes × rate ÷ 60 to the nearest penny; the GP partner's published rate is £289 per 4-hour session", () => {
    expect(costPence(240, 7225)).toBe(28_900);
    expect(costPence(8, 1612)).toBe(215);
    expect(costPence(1, 1612)).toBe(27);
    expect(costPence(0, 5000)).toBe(0);
  });

  it("rates are typed as pounds an hour", () => {
    expect(poundsPerHour.parse("£24.50")).toBe(2450);
    expect(poundsPerHour.parse("1,000")).toBe(100_000);
    expect(poundsPerHour.safeParse("0.50").success).toBe(false);
    expect(poundsPerHour.safeParse("24.505").success).toBe(false);
    expect(formatPence(123_456)).toBe("£1,234.56");
    expect(formatMinutes(125)).toBe("2 h 05 min");
  });
});

describe("what each action suggests", () => {
  it("labels for N records: N × bag and label per site, keyed by a movement so a record is offered once", () => {
    const drafts = suggestionsFor({ kind: "LABELS_PRINTED", movements: [{ id: "m1", siteId: "main", reference: "RM-2222-2222" }, { id: "m2", siteId: "main", reference: "RM-3333-3333" }, { id: "m3", siteId: "branch", reference: "RM-4444-4444" }] });
    expect(drafts.map((d) => [d.taskCode, d.quantity, d.siteId, d.triggerKey, d.movementId, d.summary])).toEqual([
      ["BAG_AND_LABEL", 2, "main", "LABELS:m1", null, "Labels printed for 2 records: bagging and labelling them"],
      ["BAG_AND_LABEL", 1, "branch", "LABELS:m3", "m3", "Labels printed for RM-4444-4444: bagging and labelling it"],
    ]);
  });

  it("a collection at a branch surgery adds carrying the bags; a wrong patient's record adds handling it; a harm review keeps its own minutes", () => {
    expect(suggestionsFor({ kind: "COLLECTION_BOOKED", collectionId: "c", reference: "CL-2222-2222", siteId: "b", siteIsBranch: true, siteName: "Branch" }).map((d) => d.taskCode)).toEqual(["BOOK_COLLECTION", "CARRY_FROM_BRANCH"]);
    expect(suggestionsFor({ kind: "COLLECTION_BOOKED", collectionId: "c", reference: "CL-2222-2222", siteId: "m", siteIsBranch: false, siteName: "Main" }).map((d) => d.taskCode)).toEqual(["BOOK_COLLECTION"]);
    expect(suggestionsFor({ kind: "PROBLEM_REPORTED", reportId: "r", problem: "WRONG_PATIENT", movementId: "m", movementReference: "RM-2222-2222", siteId: "s", caseId: "c" }).map((d) => d.taskCode)).toEqual(["REPORT_PROBLEM", "WRONG_RECORD"]);
    expect(suggestionsFor({ kind: "PROBLEM_REPORTED", reportId: "r", problem: "DAMAGED", movementId: "m", movementReference: "RM-2222-2222", siteId: "s", caseId: null })[0].cause).toBe("COURIER");
    expect(suggestionsFor({ kind: "HARM_REVIEW_RECORDED", reviewIds: ["h"], incidentId: "i", incidentReference: "IN-2222-2222", reviewerRole: "ADMINISTRATIVE_STAFF", minutes: 12, siteId: "s" })[0]).toMatchObject({ taskCode: "HARM_REVIEW_ADMIN", quantity: 1, minutes: 12, incidentId: "i", harmReviewId: "h", grade: "ADMINISTRATOR", triggerKey: "HARM_REVIEW:h" });
    expect(suggestionsFor({ kind: "HARM_REVIEW_RECORDED", reviewIds: ["h1", "h2", "h3"], incidentId: "i", incidentReference: "IN-2222-2222", reviewerRole: "PHARMACIST", minutes: 30, siteId: "s" })).toEqual([
      expect.objectContaining({ taskCode: "HARM_REVIEW_CLINICAL", quantity: 3, minutes: 30, incidentId: "i", harmReviewId: null, grade: null, triggerKey: "HARM_REVIEW:h1", summary: "Incident IN-2222-2222: no harm found for 3 patients, reviewed by a clinician" }),
    ]);
    expect(suggestionsFor({ kind: "HARM_REVIEW_RECORDED", reviewIds: [], incidentId: "i", incidentReference: "IN-2222-2222", reviewerRole: "GP", minutes: 30, siteId: "s" })).toEqual([]);
    expect(suggestionsFor({ kind: "CASE_RAISED", caseId: "c", caseReference: "CS-2222-2222", caseKind: "SERVICE_PAYMENTS", movementId: null, siteId: "s" })[0].taskCode).toBe("OTHER_SERVICE_FAILURE");
    expect(suggestionsFor({ kind: "CASE_ANSWERED", caseId: "c", caseReference: "CS-2222-2222", key: "k", reply: "INFORMATION", movementId: null, siteId: "s" })[0].taskCode).toBe("CHASE");
    expect(suggestionsFor({ kind: "PRACTICE_TASK_DONE", taskId: "t", task: "MERGE_FOUND_RECORD", caseId: "c", caseReference: "CS-2222-2222", movementId: null, siteId: "s" })[0].taskCode).toBe("MERGE_FOUND_RECORD");
  });

  it("a decision is accept (with minutes, grade and cause) or dismiss (with nothing else)", () => {
    expect(suggestionDecisionSchema.safeParse({ decision: "dismiss", suggestionId: "7d1a3c2e-0000-4000-8000-000000000001" }).success).toBe(true);
    expect(suggestionDecisionSchema.safeParse({ decision: "accept", suggestionId: "7d1a3c2e-0000-4000-8000-000000000001", minutes: "12", grade: "NURSE", cause: "COURIER" }).success).toBe(true);
    expect(suggestionDecisionSchema.safeParse({ decision: "accept", suggestionId: "7d1a3c2e-0000-4000-8000-000000000001", minutes: "1.5", grade: "NURSE", cause: "COURIER" }).success).toBe(false);
    expect(suggestionDecisionSchema.safeParse({ decision: "maybe", suggestionId: "x" }).success).toBe(false);
  });
});

describe("claim transitions", () => {
  it("each step belongs to one party and starts from its own statuses", () => {
    expect(claimActionsFor("SUBMITTED", "commissioner")).toEqual(["startReview", "decline"]);
    expect(claimActionsFor("UNDER_REVIEW", "commissioner")).toEqual(["makeOffer", "decline"]);
    expect(claimActionsFor("OFFER_MADE", "commissioner")).toEqual([]);
    expect(claimActionsFor("OFFER_MADE", "practice")).toEqual(["acceptOffer", "rejectOffer"]);
    expect(claimActionsFor("ACCEPTED", "commissioner")).toEqual(["markPaid"]);
    for (const s of ["REJECTED", "PAID"] as const) {
      expect(claimActionsFor(s, "commissioner")).toEqual([]);
      expect(claimActionsFor(s, "practice")).toEqual([]);
    }
    expect(canTakeClaimAction("acceptOffer", "OFFER_MADE", "commissioner")).toBe(false);
  });

  it("every status is reachable and every action leads to a known status", () => {
    const reached = new Set<string>(["SUBMITTED"]);
    for (const a of Object.values(CLAIM_ACTIONS)) reached.add(a.to);
    expect([...reached].sort()).toEqual(Object.values(ClaimStatus).sort());
  });

  it("grades and causes are exactly the database's", () => {
    expect([...STAFF_GRADES].sort()).toEqual(Object.values(StaffGrade).sort());
    expect([...WORKLOAD_CAUSES].sort()).toEqual(Object.values(WorkloadCause).sort());
  });
});

describe("the manager's figures", () => {
  it("twelve months ending this month, across a year end", () => {
    const { months, from, to } = lastTwelveMonths("2026-02-14");
    expect(months[0]).toBe("2025-03");
    expect(months[11]).toBe("2026-02");
    expect([from, to]).toEqual(["2025-03-01", "2026-03-01"]);
  });

  it("totals by task, grade and cause, and minutes per record moved", () => {
    const t = totalsOf(
      [
        { month: "2026-01", taskCode: "CHASE", grade: "NURSE", cause: "COURIER", minutes: 30, costPence: 1000, entries: 2 },
        { month: "2026-01", taskCode: "BAG_AND_LABEL", grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", minutes: 45, costPence: 500, entries: 1 },
      ],
      new Map([["2026-01", 10]]),
      new Map([["CHASE", "Chase"]]),
    );
    expect(t).toMatchObject({ minutes: 75, costPence: 1500, entries: 3, movements: 10, minutesPerRecord: 7.5 });
    expect(t.byTask.map((l) => l.label)).toEqual(["BAG_AND_LABEL", "Chase"]);
    expect(t.byCause.map((l) => l.key)).toEqual(["RECORDS_SERVICE", "COURIER"]);
    expect(perRecord(10, 0)).toBeNull();
    // Months with no records moved here are not measured: a practice that joined the portal in mid-year.
    const joined = totalsOf([{ month: "2025-12", taskCode: "CHASE", grade: "NURSE", cause: "COURIER", minutes: 600, costPence: 1, entries: 1 }, { month: "2026-01", taskCode: "CHASE", grade: "NURSE", cause: "COURIER", minutes: 30, costPence: 1, entries: 1 }], new Map([["2026-01", 10]]), new Map());
    expect(joined).toMatchObject({ minutes: 630, minutesPerRecord: 3 });
  });

  it("the national median is shown only when more practices contribute than disclosure control suppresses", () => {
    const rules = DEFAULT_POLICY_RULES.disclosure;
    expect(nationalComparison(7, 250.4, 300, rules)).toMatchObject({ suppressed: true, medianPer100: null, practicePer100: 300 });
    expect(nationalComparison(1, 250.4, 300, rules).suppressed).toBe(true);
    expect(nationalComparison(8, 250.4, 300, rules)).toMatchObject({ suppressed: false, medianPer100: 250 });
    expect(nationalComparison(0, null, null, rules)).toMatchObject({ suppressed: false, medianPer100: null });
  });
});

describe("input and the evidence CSV", () => {
  it("dates from the NHS date input, and evidence scopes in a URL", () => {
    expect(dateFromParts({ dDay: "3", dMonth: "2", dYear: "2026" }, "d", "the date")).toEqual({ date: "2026-02-03" });
    expect(dateFromParts({ dDay: "30", dMonth: "2", dYear: "2026" }, "d", "the date")).toHaveProperty("error");
    expect(dateFromParts({}, "d", "the date")).toEqual({ error: "Enter the date" });
    expect(parseScopeParam(undefined)).toMatchObject({ scope: "ALL" });
    expect(parseScopeParam("service-failures")).toMatchObject({ scope: "SERVICE_FAILURES" });
    expect(parseScopeParam("incident:nope")).toBeNull();
    expect(parseScopeParam("incident:in-7q4k-2m9d")).toEqual({ scope: "INCIDENT", caseReference: null, incidentReference: "in-7q4k-2m9d" });
    expect(parseScopeParam("incident:7d1a3c2e-0000-4000-8000-000000000001")).toBeNull();
  });

  it("the CSV escapes formula-like cells and reads back to the same rows", () => {
    const doc: EvidenceDocument = {
      meta: [["Workload evidence pack", "EP-2222-2222"], ["Practice", "=HYPERLINK(\"x\")"]],
      sections: [{ title: "Itemised work", header: ["Line", "References"], rows: [["1", "RM-2222-2222 RM-3333-3333"], ["2", "+cmd, \"quoted\""], ["3", "a rate's source\non two lines, with \"quotes\""]] }],
    };
    const csv = evidenceCsv(doc);
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).toContain("'+cmd");
    expect(parseEvidenceCsv(csv)).toEqual(doc);
  });
});
