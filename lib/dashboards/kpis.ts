// The KPIs as commissioners read them: each one's formula, cohort and exclusions in words, its target from the
// policy in force for the month, its value from a rollup row, and NHS Digital's disclosure control below national
// level. Pure: pages, CSV exports and the evidence report all format from here, so they cannot disagree.
import type { PolicyRules, ServiceCreditKpi } from "@/lib/service-levels/policy";
import { BACKLOG_BANDS, HISTOGRAM_BINS, MISSING_AGE_BANDS, histogramCount, percentile, type CaseKindCounts, type CountField, type CrossBorderCounts, type HistogramField, type WorkloadBreakdown } from "@/lib/dashboards/metrics";
import { CASE_KIND_LABELS, SERVICE_FAILURE_CASE_KINDS, type CaseKind } from "@/lib/cases/kinds";
import { CAUSE_LABELS } from "@/lib/workload/schemas";
import type { WorkloadCause } from "@/lib/db/generated/enums";

/** A rollup row as the views read it (the columns of DashboardRollup; pence as numbers). */
export type RollupFigures = Record<CountField, number> &
  Record<HistogramField, number[]> & { caseKinds: CaseKindCounts; crossBorder: CrossBorderCounts; workloadByCause: WorkloadBreakdown; workloadByTask: WorkloadBreakdown };

export type Disclosure = PolicyRules["disclosure"];

/** A figure after disclosure control: `value` null means suppressed (shown as `*`) or not applicable (`text` says). */
export type Figure = { value: number | null; text: string; suppressed: boolean };

const nf = new Intl.NumberFormat("en-GB");
const na: Figure = { value: null, text: "–", suppressed: false };
const star: Figure = { value: null, text: "*", suppressed: true };

export function isSuppressed(count: number, rule: Disclosure, national: boolean): boolean {
  return !national && count >= rule.suppressFrom && count <= rule.suppressTo;
}

/** A count about individuals (records, cases, requests): exact nationally, else 1-7 → `*`, others rounded to 5. */
export function countFigure(count: number, rule: Disclosure, national: boolean): Figure {
  if (isSuppressed(count, rule, national)) return star;
  const value = national || count === 0 ? count : Math.round(count / rule.roundTo) * rule.roundTo;
  return { value, text: nf.format(value), suppressed: false };
}

/** A count not about individuals (practices): never suppressed. */
export function exactFigure(count: number): Figure {
  return { value: count, text: nf.format(count), suppressed: false };
}

/** A percentage from exact counts, suppressed when either count is; "–" when there is nothing to divide by. */
export function percentFigure(numerator: number, denominator: number, rule: Disclosure, national: boolean, options: { exactCounts?: boolean } = {}): Figure {
  if (denominator === 0) return na;
  if (!options.exactCounts && (isSuppressed(numerator, rule, national) || isSuppressed(denominator, rule, national))) return star;
  const value = Math.round((1000 * numerator) / denominator) / 10;
  return { value, text: `${value.toFixed(1)}%`, suppressed: false };
}

/** A rate per 1,000, suppressed like a percentage. */
export function rateFigure(numerator: number, denominator: number, rule: Disclosure, national: boolean): Figure {
  if (denominator === 0) return na;
  if (isSuppressed(numerator, rule, national) || isSuppressed(denominator, rule, national)) return star;
  const value = Math.round((10000 * numerator) / denominator) / 10;
  return { value, text: value.toFixed(1), suppressed: false };
}

/** A percentile of working days from a histogram, suppressed when the number of values is. */
export function daysFigure(h: readonly number[], p: number, rule: Disclosure, national: boolean): Figure {
  const n = histogramCount(h);
  if (n === 0) return na;
  if (isSuppressed(n, rule, national)) return star;
  const d = percentile(h, p)!;
  return { value: d, text: d >= HISTOGRAM_BINS - 1 ? `${d}+` : String(d), suppressed: false };
}

const nf1 = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

/**
 * KPI 9: hours and cost of `entries` workload entries. Time and money are not counts of people, but below national
 * level a handful of entries can be one patient's harm review at one practice: a figure from 1-7 entries is
 * suppressed like a count. Otherwise hours to 0.1 and cost to the pound, from the exact sums.
 */
export function workloadHoursFigure(entries: number, minutes: number, rule: Disclosure, national: boolean): Figure {
  if (isSuppressed(entries, rule, national)) return star;
  const value = Math.round(minutes / 6) / 10;
  return { value, text: nf1.format(value), suppressed: false };
}

export function workloadCostFigure(entries: number, costPence: number, rule: Disclosure, national: boolean): Figure {
  if (isSuppressed(entries, rule, national)) return star;
  const value = Math.round(costPence / 100);
  return { value, text: pounds.format(value), suppressed: false };
}

/** KPI 9: minutes per 100 movements, to 0.1; suppressed when the entries or the movements behind it are 1-7. */
export function minutesPer100Figure(entries: number, minutes: number, movements: number, rule: Disclosure, national: boolean): Figure {
  if (movements === 0) return na;
  if (isSuppressed(entries, rule, national) || isSuppressed(movements, rule, national)) return star;
  const value = Math.round((1000 * minutes) / movements) / 10;
  return { value, text: nf1.format(value), suppressed: false };
}

/** An amount of money tied to a count (claims): suppressed when the count is, else to the pound. */
function amountFigure(count: number, pence: number, rule: Disclosure, national: boolean): Figure {
  return workloadCostFigure(count, pence, rule, national);
}

// ------------------------------------------------------------------------------------------------------------
// The headline KPIs: one number per unit and month, sortable in league tables and plotted in trends
// ------------------------------------------------------------------------------------------------------------

export const HEADLINE_KPIS = ["onTime", "endToEndMedian", "endToEndP90", "backlog", "missingPer1000", "problemsPer1000", "urgentOnTarget", "caseFirstResponse", "caseResolution", "workloadPer100", "workloadHours", "workloadCost", "participation", "collected"] as const;
export type HeadlineKpi = (typeof HEADLINE_KPIS)[number];

export type KpiDefinition = {
  number: number;
  title: string;
  unit: "%" | "working days" | "records" | "per 1,000" | "practices" | "minutes per 100 movements" | "hours" | "£";
  /** Which way is better: league tables put the worst first. */
  better: "higher" | "lower" | "neither";
  formula: string;
  cohort: string;
  exclusions: string;
  target(rules: PolicyRules): number | null;
  figure(r: RollupFigures, rule: Disclosure, national: boolean): Figure;
};

const routineTarget = (rules: PolicyRules) => rules.movements.find((m) => m.type === "PRACTICE_TO_PRACTICE" && m.priority === "ROUTINE")?.endToEnd ?? null;

export const KPI_DEFINITIONS: Record<HeadlineKpi, KpiDefinition> = {
  onTime: {
    number: 1,
    title: "On-time delivery",
    unit: "%",
    better: "higher",
    formula: "Records delivered within the policy's on-time working days of collection ÷ routine records collected in the month × 100",
    cohort: "Routine records collected in the month (London time); a record returned to the sender before delivery counts in the month it came back",
    exclusions: "Urgent movements and urgent requests, cross-border movements (KPI 8), cancelled and no-paper-record movements. Not delivered by the cut-off counts as late",
    target: (rules) => rules.kpis.onTimeDeliveryTargetPercent,
    figure: (r, rule, national) => percentFigure(r.deliveredFast + r.deliveredOnTime, r.collected, rule, national),
  },
  endToEndMedian: {
    number: 2,
    title: "End to end, median",
    unit: "working days",
    better: "lower",
    formula: "Median (nearest rank) of working days from request to receipt confirmed, receiver's calendar",
    cohort: "Movements requested in the month whose receipt was confirmed by the as-of instant",
    exclusions: "Cancelled and no-paper-record movements; movements not yet received (counted, not timed)",
    target: routineTarget,
    figure: (r, rule, national) => daysFigure(r.endToEndDays, 0.5, rule, national),
  },
  endToEndP90: {
    number: 2,
    title: "End to end, 90th percentile",
    unit: "working days",
    better: "lower",
    formula: "90th percentile (nearest rank) of working days from request to receipt confirmed",
    cohort: "As the median",
    exclusions: "As the median",
    target: routineTarget,
    figure: (r, rule, national) => daysFigure(r.endToEndDays, 0.9, rule, national),
  },
  backlog: {
    number: 3,
    title: "Collection backlog",
    unit: "records",
    better: "lower",
    formula: "Records ready for collection and not collected, at the month's end (the current month: now)",
    cohort: "Every site's records waiting for the courier; branch surgeries shown apart",
    exclusions: "Cancelled and no-paper-record movements. Earlier months are reconstructed from release and collection times",
    target: () => null,
    figure: (r, rule, national) => countFigure(histogramCount(r.backlogMain) + histogramCount(r.backlogBranch), rule, national),
  },
  missingPer1000: {
    number: 4,
    title: "Missing-record cases per 1,000 movements",
    unit: "per 1,000",
    better: "lower",
    formula: "Missing-record cases opened in the month ÷ movements requested in the month × 1,000",
    cohort: "Cases opened in the month; movements requested in the month",
    exclusions: "Cancelled and no-paper-record movements",
    target: () => null,
    figure: (r, rule, national) => rateFigure(r.missingCases, r.requested, rule, national),
  },
  problemsPer1000: {
    number: 5,
    title: "Quality problems per 1,000 deliveries",
    unit: "per 1,000",
    better: "lower",
    formula: "(Wrong patient + incomplete + damaged reports made in the month) ÷ records delivered in the month × 1,000",
    cohort: "Problems reported at receipt in the month; deliveries in the month",
    exclusions: "None",
    target: () => null,
    figure: (r, rule, national) => rateFigure(r.wrongPatient + r.incomplete + r.damaged, r.delivered, rule, national),
  },
  urgentOnTarget: {
    number: 6,
    title: "Urgent requests on target",
    unit: "%",
    better: "higher",
    formula: "Requests sent by their internal target ÷ requests decided (sent, or past their target) × 100",
    cohort: "Urgent and statutory requests made in the month",
    exclusions: "Cancelled requests; requests still open within their target (shown as open and at risk)",
    target: (rules) => rules.kpis.urgentOnTimeTargetPercent,
    figure: (r, rule, national) => percentFigure(r.urgentOnTarget, r.urgentOnTarget + r.urgentBreached, rule, national),
  },
  caseFirstResponse: {
    number: 7,
    title: "Cases answered on time",
    unit: "%",
    better: "higher",
    formula: "Cases whose first response met its target ÷ cases whose first-response clock has stopped or breached × 100",
    cohort: "Cases opened in the month, every kind and service area",
    exclusions: "Clocks still running within target",
    target: (rules) => rules.kpis.caseFirstResponseTargetPercent,
    figure: (r, rule, national) => percentFigure(r.caseFirstResponseMet, r.caseFirstResponseMet + r.caseFirstResponseLate, rule, national),
  },
  caseResolution: {
    number: 7,
    title: "Cases resolved on time",
    unit: "%",
    better: "higher",
    formula: "Cases resolved (or, for missing records, whose search concluded) within target ÷ cases whose resolution clock has stopped or breached × 100",
    cohort: "Cases opened in the month",
    exclusions: "Clocks still running within target",
    target: (rules) => rules.kpis.caseResolutionTargetPercent,
    figure: (r, rule, national) => percentFigure(r.caseResolutionMet, r.caseResolutionMet + r.caseResolutionLate, rule, national),
  },
  workloadPer100: {
    number: 9,
    title: "Unfunded practice workload per 100 movements",
    unit: "minutes per 100 movements",
    better: "lower",
    formula: "Minutes of practice workload dated in the month ÷ movements requested in the month that the unit's practices sent or received (each counted once) × 100",
    cohort: "Workload entries dated in the month (the day the work was done), at the practice that logged them and the ICB and region the entry recorded; movements requested in the month",
    exclusions: "Withdrawn entries; entries made or withdrawn after the as-of instant count as they stood then; cancelled and no-paper-record movements. Entries are by staff grade: no name, no note",
    target: () => null,
    figure: (r, rule, national) => minutesPer100Figure(r.workloadEntries, r.workloadMinutes, r.movementsMoved, rule, national),
  },
  workloadHours: {
    number: 9,
    title: "Unfunded practice workload, hours",
    unit: "hours",
    better: "lower",
    formula: "Minutes of practice workload dated in the month ÷ 60",
    cohort: "As minutes per 100 movements",
    exclusions: "As minutes per 100 movements",
    target: () => null,
    figure: (r, rule, national) => workloadHoursFigure(r.workloadEntries, r.workloadMinutes, rule, national),
  },
  workloadCost: {
    number: 9,
    title: "Unfunded practice workload, cost",
    unit: "£",
    better: "lower",
    formula: "Sum of the entries' costs: minutes × the grade's hourly rate in force on the entry's date (the practice's own, else the national default, employer's on-costs included) ÷ 60",
    cohort: "As minutes per 100 movements",
    exclusions: "As minutes per 100 movements",
    target: () => null,
    figure: (r, rule, national) => workloadCostFigure(r.workloadEntries, r.workloadCostPence, rule, national),
  },
  participation: {
    number: 12,
    title: "Practices active",
    unit: "%",
    better: "higher",
    formula: "Practices that released a record (labelled and bagged) or confirmed a receipt in the month ÷ practices × 100",
    cohort: "English GP practices open in the month (branch surgeries within their practice)",
    exclusions: "None: counts of practices are not about patients and are never suppressed",
    target: () => null,
    figure: (r) => percentFigure(r.practicesActive, r.practices, { suppressFrom: 1, suppressTo: 1, roundTo: 1 }, true, { exactCounts: true }),
  },
  collected: {
    number: 1,
    title: "Routine records collected",
    unit: "records",
    better: "neither",
    formula: "Routine records collected in the month (KPI 1's cohort)",
    cohort: "As KPI 1",
    exclusions: "As KPI 1",
    target: () => null,
    figure: (r, rule, national) => countFigure(r.collected, rule, national),
  },
};

/** Below target (worse than it) when there is a target and a figure. */
export function belowTarget(kpi: HeadlineKpi, figure: Figure, rules: PolicyRules): boolean {
  const def = KPI_DEFINITIONS[kpi];
  const target = def.target(rules);
  if (target === null || figure.value === null || def.unit !== "%") return false;
  return def.better === "higher" ? figure.value < target : figure.value > target;
}

// ------------------------------------------------------------------------------------------------------------
// Detail tables: every KPI's parts (bands, segments, by kind, by nation), disclosed
// ------------------------------------------------------------------------------------------------------------

export type DetailRow = { label: string; cells: Figure[] };
export type DetailTable = { id: string; kpi: number; title: string; columns: string[]; rows: DetailRow[] };

const SEGMENTS: [HistogramField, string][] = [
  ["releaseDays", "Requested to released by the sender (the sender's part)"],
  ["collectionDays", "Released to collected (the courier)"],
  ["deliveryDays", "Collected to delivered (the courier)"],
  ["receiptDays", "Delivered to receipt confirmed (the receiver)"],
  ["endToEndDays", "Requested to receipt confirmed (whole journey)"],
];

const NATION_LABELS: Record<string, string> = { WALES: "Wales", SCOTLAND: "Scotland", NORTHERN_IRELAND: "Northern Ireland" };

export function detailTables(r: RollupFigures, rules: PolicyRules, national: boolean, taskNames: Record<string, string> = {}): DetailTable[] {
  const rule = rules.disclosure;
  const c = (n: number) => countFigure(n, rule, national);
  const pct = (n: number, d: number) => percentFigure(n, d, rule, national);
  const k = rules.kpis;
  const tables: DetailTable[] = [];
  tables.push({
    id: "on-time-bands",
    kpi: 1,
    title: "On-time delivery by band",
    columns: ["Records", "% of collected"],
    rows: [
      { label: `Delivered within ${k.fastDeliveryWorkingDays} working days`, cells: [c(r.deliveredFast), pct(r.deliveredFast, r.collected)] },
      { label: `Delivered in ${k.fastDeliveryWorkingDays + 1} to ${k.onTimeDeliveryWorkingDays} working days`, cells: [c(r.deliveredOnTime), pct(r.deliveredOnTime, r.collected)] },
      { label: `Delivered after more than ${k.onTimeDeliveryWorkingDays} working days`, cells: [c(r.deliveredLate), pct(r.deliveredLate, r.collected)] },
      { label: "Not delivered at the cut-off (or yet, while provisional)", cells: [c(r.notDelivered), pct(r.notDelivered, r.collected)] },
      { label: "Returned to the sender or delivery failed", cells: [c(r.returnedOrFailed), pct(r.returnedOrFailed, r.collected)] },
      { label: "All routine records collected", cells: [c(r.collected), pct(r.collected, r.collected)] },
    ],
  });
  tables.push({
    id: "end-to-end",
    kpi: 2,
    title: "End to end by segment (working days)",
    columns: ["Movements timed", "Median", "90th percentile"],
    rows: SEGMENTS.map(([field, label]) => ({ label, cells: [c(histogramCount(r[field])), daysFigure(r[field], 0.5, rule, national), daysFigure(r[field], 0.9, rule, national)] })),
  });
  tables.push({
    id: "backlog",
    kpi: 3,
    title: "Collection backlog by age (working days since ready)",
    columns: ["Main sites", "Branch surgeries"],
    rows: BACKLOG_BANDS.map((label, i) => ({ label, cells: [c(r.backlogMain[i] ?? 0), c(r.backlogBranch[i] ?? 0)] })),
  });
  tables.push({
    id: "missing",
    kpi: 4,
    title: "Missing records",
    columns: ["Count"],
    rows: [
      { label: "Missing-record cases opened", cells: [c(r.missingCases)] },
      { label: `Found within the ${rules.missingRecords.searchWorkingDays}-working-day search`, cells: [c(r.missingFoundInSearch)] },
      { label: "Marked missing", cells: [c(r.missingMarkedMissing)] },
      { label: `Marked lost (after ${rules.missingRecords.lostAfterMonths} months)`, cells: [c(r.missingMarkedLost)] },
      ...MISSING_AGE_BANDS.map((label, i) => ({ label: `Open at the month's end: ${label.toLowerCase()}`, cells: [c(r.missingOpenByAge[i] ?? 0)] })),
    ],
  });
  tables.push({
    id: "quality",
    kpi: 5,
    title: "Quality per 1,000 deliveries",
    columns: ["Reports", "Per 1,000 deliveries"],
    rows: [
      { label: "Wrong patient's record", cells: [c(r.wrongPatient), rateFigure(r.wrongPatient, r.delivered, rule, national)] },
      { label: "Incomplete", cells: [c(r.incomplete), rateFigure(r.incomplete, r.delivered, rule, national)] },
      { label: "Damaged", cells: [c(r.damaged), rateFigure(r.damaged, r.delivered, rule, national)] },
      { label: "Records delivered", cells: [c(r.delivered), na] },
    ],
  });
  tables.push({
    id: "urgent",
    kpi: 6,
    title: "Urgent and statutory requests",
    columns: ["Requests"],
    rows: [
      { label: "Made in the month", cells: [c(r.urgentRequests)] },
      { label: "Sent by the internal target", cells: [c(r.urgentOnTarget)] },
      { label: "Breached (sent late, or past the target)", cells: [c(r.urgentBreached)] },
      { label: "Open within target", cells: [c(r.urgentOpen)] },
      { label: "Of which at risk (target within 2 working days)", cells: [c(r.urgentAtRisk)] },
    ],
  });
  const kinds = Object.keys(r.caseKinds).sort((a, b) => (CASE_KIND_LABELS[a as CaseKind] ?? a).localeCompare(CASE_KIND_LABELS[b as CaseKind] ?? b));
  tables.push({
    id: "cases",
    kpi: 7,
    title: "Case service levels by kind and service area",
    columns: ["Opened", "First response met", "Resolution met"],
    rows: kinds.map((kind) => {
      const [opened, frMet, frLate, resMet, resLate] = r.caseKinds[kind];
      const area = (SERVICE_FAILURE_CASE_KINDS as readonly string[]).includes(kind) ? "Service area: " : "";
      return { label: `${area}${CASE_KIND_LABELS[kind as CaseKind] ?? kind}`, cells: [c(opened), pct(frMet, frMet + frLate), pct(resMet, resMet + resLate)] };
    }),
  });
  const borders = Object.keys(r.crossBorder).sort();
  tables.push({
    id: "cross-border",
    kpi: 8,
    title: "Cross-border movements (collected to delivered, working days)",
    columns: ["Collected", "% within the nation's target", "Median", "90th percentile"],
    rows: borders.map((key) => {
      const [nation, direction] = key.split(":");
      const v = r.crossBorder[key];
      return { label: `${direction === "OUT" ? "To" : "From"} ${NATION_LABELS[nation] ?? nation}`, cells: [c(v.collected), pct(v.onTarget, v.collected), daysFigure(v.days, 0.5, rule, national), daysFigure(v.days, 0.9, rule, national)] };
    }),
  });
  const workRow = (label: string, [entries, items, minutes, costPence]: readonly [number, number, number, number]): DetailRow => ({
    label,
    cells: [c(entries), c(items), workloadHoursFigure(entries, minutes, rule, national), workloadCostFigure(entries, costPence, rule, national), minutesPer100Figure(entries, minutes, r.movementsMoved, rule, national)],
  });
  const byMinutes = (m: WorkloadBreakdown) => Object.entries(m).sort((x, y) => y[1][2] - x[1][2] || x[0].localeCompare(y[0]));
  tables.push({
    id: "workload",
    kpi: 9,
    title: "Unfunded practice workload by cause and task",
    columns: ["Entries", "Items", "Hours", "Cost", "Minutes per 100 movements"],
    rows: [
      workRow("All work logged", [r.workloadEntries, r.workloadItems, r.workloadMinutes, r.workloadCostPence]),
      ...byMinutes(r.workloadByCause).map(([cause, v]) => workRow(`Cause: ${CAUSE_LABELS[cause as WorkloadCause] ?? cause}`, v)),
      ...byMinutes(r.workloadByTask).map(([task, v]) => workRow(`Task: ${taskNames[task] ?? task}`, v)),
      { label: "Movements sent or received (requested in the month)", cells: [c(r.movementsMoved), na, na, na, na] },
    ],
  });
  tables.push({
    id: "claims",
    kpi: 9,
    title: "Claims for unfunded workload",
    columns: ["Claims", "Amount"],
    rows: [
      { label: "Submitted in the month (amount claimed)", cells: [c(r.claimsSubmitted), amountFigure(r.claimsSubmitted, r.claimsSubmittedPence, rule, national)] },
      { label: "Offers made in the month (amount offered)", cells: [c(r.claimsOffered), amountFigure(r.claimsOffered, r.claimsOfferedPence, rule, national)] },
      { label: "Paid in the month (amount paid)", cells: [c(r.claimsPaid), amountFigure(r.claimsPaid, r.claimsPaidPence, rule, national)] },
    ],
  });
  tables.push({
    id: "incidents",
    kpi: 10,
    title: "Incidents: harm reviews recorded in the month",
    columns: ["Count"],
    rows: [
      { label: "Patients reviewed", cells: [c(r.harmReviews)] },
      { label: "Potential harm, needing clinical review", cells: [c(r.harmReviewsPotential)] },
      { label: "Harm identified", cells: [c(r.harmReviewsHarm)] },
      { label: "Practice returns signed (practices, exact)", cells: [exactFigure(r.incidentReturnsSigned)] },
    ],
  });
  tables.push({
    id: "participation",
    kpi: 12,
    title: "Participation (practices, exact)",
    columns: ["Practices", "% of practices"],
    rows: [
      { label: "Practices", cells: [exactFigure(r.practices), na] },
      { label: "Released records (labelled and bagged)", cells: [exactFigure(r.practicesSending), percentFigure(r.practicesSending, r.practices, rule, true, { exactCounts: true })] },
      { label: "Confirmed a receipt", cells: [exactFigure(r.practicesReceiving), percentFigure(r.practicesReceiving, r.practices, rule, true, { exactCounts: true })] },
      { label: "Active (either)", cells: [exactFigure(r.practicesActive), percentFigure(r.practicesActive, r.practices, rule, true, { exactCounts: true })] },
    ],
  });
  return tables;
}

// ------------------------------------------------------------------------------------------------------------
// Service credits (KPI 11): the contract rule in the policy, applied to a final month's national figures
// ------------------------------------------------------------------------------------------------------------

export const CREDIT_KPI_SOURCE: Record<ServiceCreditKpi, HeadlineKpi> = { ON_TIME_DELIVERY: "onTime", URGENT_ON_TIME: "urgentOnTarget", CASE_RESOLUTION: "caseResolution" };

export type CreditLine = { kpi: ServiceCreditKpi; title: string; measured: number | null; target: number; pointsBelow: number; creditPercent: number; amountPence: number; rule: string };

/** For each credit rule: points below target (to 0.1), × the rule's percent per point, capped, × the monthly charge. */
export function serviceCredits(national: RollupFigures, rules: PolicyRules): CreditLine[] {
  return rules.serviceCredits.rules.map((rule) => {
    const kpi = CREDIT_KPI_SOURCE[rule.kpi];
    const def = KPI_DEFINITIONS[kpi];
    const measured = def.figure(national, rules.disclosure, true).value;
    const target = def.target(rules) ?? 0;
    const pointsBelow = measured === null ? 0 : Math.max(0, Math.round((target - measured) * 10) / 10);
    const creditPercent = Math.min(rule.maxCreditPercent, Math.round(pointsBelow * rule.creditPercentPerPoint * 100) / 100);
    const amountPence = Math.round(rules.serviceCredits.monthlyChargePounds * creditPercent);
    return {
      kpi: rule.kpi,
      title: def.title,
      measured,
      target,
      pointsBelow,
      creditPercent,
      amountPence,
      rule: `${rule.creditPercentPerPoint}% of the £${rules.serviceCredits.monthlyChargePounds.toLocaleString("en-GB")} monthly charge per percentage point below ${target}%, at most ${rule.maxCreditPercent}%`,
    };
  });
}

export function disclosureRuleText(rule: Disclosure): string {
  return `Below national level, counts of ${rule.suppressFrom} to ${rule.suppressTo} are shown as * and other counts are rounded to the nearest ${rule.roundTo}; a percentage, rate or percentile from a suppressed count is suppressed. National figures are exact. Counts of practices are not about patients and are exact.`;
}
