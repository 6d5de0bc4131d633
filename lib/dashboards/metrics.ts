// The commissioner dashboards' arithmetic, pure (no database, no clock): which month a movement, case or request
// counts in, how each is classified as at a month's cut-off, the rollup's counters and how they add up, and
// percentiles from working-day histograms. lib/dashboards/rollup.ts feeds it rows; the tests feed it hand-built
// facts. Formulas, cohorts and exclusions are written out in docs/dashboards.md.
import type { Country, MovementStatus, MovementType, Priority } from "@/lib/db/generated/enums";
import { RETURNED_OR_FAILED_STATUSES, VOIDED_STATUSES } from "@/lib/movements/lifecycle";
import { addCalendarDays, addWorkingDays, londonDate, workingDaysBetween, type Calendar, type IsoDate } from "@/lib/clocks/calendar";
import { londonMidnight } from "@/lib/nhs/working-days";
import type { PolicyRules } from "@/lib/service-levels/policy";

/** `YYYY-MM`: a calendar month in Europe/London. */
export type MonthKey = string;

export function monthOf(instant: Date): MonthKey {
  return londonDate(instant).slice(0, 7);
}

export function monthStart(month: MonthKey): IsoDate {
  return `${month}-01`;
}

export function nextMonth(month: MonthKey): MonthKey {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function previousMonth(month: MonthKey): MonthKey {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The months from `first` to `last` inclusive. */
export function monthsBetween(first: MonthKey, last: MonthKey): MonthKey[] {
  const out: MonthKey[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

export function monthLabel(month: MonthKey): string {
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The month's last calendar day. */
export function monthEnd(month: MonthKey): IsoDate {
  return addCalendarDays(monthStart(nextMonth(month)), -1);
}

/**
 * A month's cut-off: the policy's `cohortCutOffWorkingDays` working days (England and Wales) after its last day. The
 * month's figures are as at the end of that day; until the day has passed they are provisional, as at the refresh.
 */
export function cutOff(month: MonthKey, workingDays: number, calendar: Calendar): { cutOffDate: IsoDate; finalAt: Date } {
  const cutOffDate = addWorkingDays(monthEnd(month), workingDays, calendar.holidays);
  return { cutOffDate, finalAt: londonMidnight(addCalendarDays(cutOffDate, 1)) };
}

/** Working days from one instant's London date to another's, never negative. */
export function workingDaysFrom(from: Date, to: Date, calendar: Calendar): number {
  return Math.max(0, workingDaysBetween(londonDate(from), londonDate(to), calendar.holidays));
}

// ------------------------------------------------------------------------------------------------------------
// Histograms of working days: index = days, the last bin = HISTOGRAM_BINS - 1 or more. Stored trimmed of
// trailing zeros.
// ------------------------------------------------------------------------------------------------------------

export const HISTOGRAM_BINS = 61;

export function addToHistogram(h: number[], days: number, n = 1) {
  const bin = Math.min(Math.max(0, days), HISTOGRAM_BINS - 1);
  while (h.length <= bin) h.push(0);
  h[bin] += n;
}

export function addHistograms(into: number[], from: readonly number[]) {
  while (into.length < from.length) into.push(0);
  for (let i = 0; i < from.length; i++) into[i] += from[i];
}

export function histogramCount(h: readonly number[]): number {
  let n = 0;
  for (const v of h) n += v;
  return n;
}

/**
 * The p-th percentile (0 < p ≤ 1) by the nearest-rank method: the smallest number of days d such that at least
 * ceil(p × N) of the N values are d or fewer. Null for an empty histogram. A value in the last bin reads as
 * "HISTOGRAM_BINS - 1 or more" (the caller shows it as such).
 */
export function percentile(h: readonly number[], p: number): number | null {
  const total = histogramCount(h);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let d = 0; d < h.length; d++) {
    seen += h[d];
    if (seen >= rank) return d;
  }
  return h.length - 1;
}

// ------------------------------------------------------------------------------------------------------------
// Age bands (collection backlog and open missing-record cases)
// ------------------------------------------------------------------------------------------------------------

/** Collection backlog age, in working days since the record was made ready: 0-5, 6-10, 11-20, over 20. */
export const BACKLOG_BANDS = ["0 to 5 working days", "6 to 10", "11 to 20", "Over 20"] as const;
export function backlogBand(workingDays: number): number {
  return workingDays <= 5 ? 0 : workingDays <= 10 ? 1 : workingDays <= 20 ? 2 : 3;
}

/** Open missing-record case age, in working days since it opened: in the search (0-5), up to 1, 3, 6 months, over 6. */
export const MISSING_AGE_BANDS = ["Searching (0 to 5 working days)", "6 working days to 1 month", "1 to 3 months", "3 to 6 months", "Over 6 months"] as const;
export function missingAgeBand(openedOn: IsoDate, asOfDate: IsoDate, searchWorkingDays: number, calendar: Calendar): number {
  if (workingDaysBetween(openedOn, asOfDate, calendar.holidays) <= searchWorkingDays) return 0;
  const days = (Date.parse(asOfDate) - Date.parse(openedOn)) / 86_400_000;
  return days <= 31 ? 1 : days <= 92 ? 2 : days <= 183 ? 3 : 4;
}

// ------------------------------------------------------------------------------------------------------------
// The counters one rollup row holds (the columns of DashboardRollup)
// ------------------------------------------------------------------------------------------------------------

/**
 * KPI 9's counts. Not summed from practice rows like the rest: the rollup counts them at each level directly (an
 * entry or claim at the ICB and region it recorded, a movement once per unit however many of its practices it
 * touches), and lays them over each row (`withWorkload`).
 */
export const WORKLOAD_FIELDS = [
  "movementsMoved",
  "workloadEntries",
  "workloadItems",
  "workloadMinutes",
  "workloadCostPence",
  "claimsSubmitted",
  "claimsSubmittedPence",
  "claimsOffered",
  "claimsOfferedPence",
  "claimsPaid",
  "claimsPaidPence",
] as const;
export type WorkloadField = (typeof WORKLOAD_FIELDS)[number];

export const COUNT_FIELDS = [
  "collected",
  "deliveredFast",
  "deliveredOnTime",
  "deliveredLate",
  "notDelivered",
  "returnedOrFailed",
  "requested",
  "receiptConfirmed",
  "missingCases",
  "missingFoundInSearch",
  "missingMarkedMissing",
  "missingMarkedLost",
  "delivered",
  "wrongPatient",
  "incomplete",
  "damaged",
  "urgentRequests",
  "urgentOnTarget",
  "urgentAtRisk",
  "urgentBreached",
  "urgentOpen",
  "casesOpened",
  "caseFirstResponseMet",
  "caseFirstResponseLate",
  "caseResolutionMet",
  "caseResolutionLate",
  "harmReviews",
  "harmReviewsHarm",
  "harmReviewsPotential",
  "incidentReturnsSigned",
  "recordsReleased",
  "receiptsConfirmed",
  "practices",
  "practicesSending",
  "practicesReceiving",
  "practicesActive",
  ...WORKLOAD_FIELDS,
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

export const HISTOGRAM_FIELDS = ["releaseDays", "collectionDays", "deliveryDays", "receiptDays", "endToEndDays", "backlogMain", "backlogBranch", "missingOpenByAge"] as const;
export type HistogramField = (typeof HISTOGRAM_FIELDS)[number];

/** Per case kind: opened, first response met, first response late, resolution met, resolution late. */
export type CaseKindCounts = Record<string, [number, number, number, number, number]>;
/** Per nation and direction (e.g. "WALES:OUT"): collected, delivered within the nation's target, delivery days. */
export type CrossBorderCounts = Record<string, { collected: number; onTarget: number; days: number[] }>;
/** KPI 9 per cause or task code: entries, items, minutes, cost in pence. */
export type WorkloadBreakdown = Record<string, [number, number, number, number]>;

export type Counters = Record<CountField, number> &
  Record<HistogramField, number[]> & { caseKinds: CaseKindCounts; crossBorder: CrossBorderCounts; workloadByCause: WorkloadBreakdown; workloadByTask: WorkloadBreakdown };

export function emptyCounters(): Counters {
  const c = {} as Counters;
  for (const f of COUNT_FIELDS) c[f] = 0;
  for (const f of HISTOGRAM_FIELDS) c[f] = [];
  c.caseKinds = {};
  c.crossBorder = {};
  c.workloadByCause = {};
  c.workloadByTask = {};
  return c;
}

/** A row's counters with KPI 9's counted at its own level (`w`, none: zeros) in place of the practices' sum. */
export function withWorkload(c: Counters, w: Counters | undefined): Counters {
  const out = { ...c, workloadByCause: w?.workloadByCause ?? {}, workloadByTask: w?.workloadByTask ?? {} };
  for (const f of WORKLOAD_FIELDS) out[f] = w?.[f] ?? 0;
  return out;
}

export type WorkloadEntryFacts = { date: IsoDate; cause: string; taskCode: string; quantity: number; minutes: number; costPence: number; createdAt: Date; withdrawnAt: Date | null };

/**
 * KPI 9: one workload entry, if it counts in the month: dated in it (the day the work was done), made by the as-of
 * instant and not withdrawn by then (a final month is judged at its cut-off like the rest).
 */
export function countWorkloadEntry(cs: readonly Counters[], e: WorkloadEntryFacts, w: MonthWindow): boolean {
  if (e.date.slice(0, 7) !== w.month || e.createdAt >= w.asOf || (e.withdrawnAt && e.withdrawnAt < w.asOf)) return false;
  for (const c of cs) {
    c.workloadEntries++;
    c.workloadItems += e.quantity;
    c.workloadMinutes += e.minutes;
    c.workloadCostPence += e.costPence;
    for (const [map, key] of [[c.workloadByCause, e.cause], [c.workloadByTask, e.taskCode]] as const) {
      const t = (map[key] ??= [0, 0, 0, 0]);
      t[0]++;
      t[1] += e.quantity;
      t[2] += e.minutes;
      t[3] += e.costPence;
    }
  }
  return true;
}

export type ClaimFacts = { kind: "SUBMITTED" | "OFFER_MADE" | "PAID"; at: Date; amountPence: number };

/** KPI 9: a claim submitted, an offer made or a payment, in the month it happened (by the as-of instant). */
export function countClaimEvent(cs: readonly Counters[], e: ClaimFacts, w: MonthWindow) {
  if (!inMonth(e.at, w)) return;
  const [count, amount] = e.kind === "SUBMITTED" ? (["claimsSubmitted", "claimsSubmittedPence"] as const) : e.kind === "OFFER_MADE" ? (["claimsOffered", "claimsOfferedPence"] as const) : (["claimsPaid", "claimsPaidPence"] as const);
  for (const c of cs) {
    c[count]++;
    c[amount] += e.amountPence;
  }
}

/** KPI 9's denominator: a movement requested in the month (by the as-of instant), not cancelled or voided. */
export function requestedInMonth(m: Pick<MovementFacts, "status" | "createdAt">, w: MonthWindow): boolean {
  return !VOIDED_STATUSES.includes(m.status) && inMonth(m.createdAt, w);
}

export function addCounters(into: Counters, from: Counters) {
  for (const f of COUNT_FIELDS) into[f] += from[f];
  for (const f of HISTOGRAM_FIELDS) addHistograms(into[f], from[f]);
  for (const [kind, v] of Object.entries(from.caseKinds)) {
    const t = (into.caseKinds[kind] ??= [0, 0, 0, 0, 0]);
    for (let i = 0; i < 5; i++) t[i] += v[i];
  }
  for (const [into2, from2] of [[into.workloadByCause, from.workloadByCause], [into.workloadByTask, from.workloadByTask]] as const) {
    for (const [key, v] of Object.entries(from2)) {
      const t = (into2[key] ??= [0, 0, 0, 0]);
      for (let i = 0; i < 4; i++) t[i] += v[i];
    }
  }
  for (const [key, v] of Object.entries(from.crossBorder)) {
    const t = (into.crossBorder[key] ??= { collected: 0, onTarget: 0, days: [] });
    t.collected += v.collected;
    t.onTarget += v.onTarget;
    addHistograms(t.days, v.days);
  }
}

function inc(cs: readonly Counters[], field: CountField) {
  for (const c of cs) c[field]++;
}

function hist(cs: readonly Counters[], field: HistogramField, days: number) {
  for (const c of cs) addToHistogram(c[field], days);
}

// ------------------------------------------------------------------------------------------------------------
// Classifying one movement for one month
// ------------------------------------------------------------------------------------------------------------

export type MovementFacts = {
  type: MovementType;
  priority: Priority;
  status: MovementStatus;
  fromCountry: Country;
  toCountry: Country;
  createdAt: Date;
  releasedAt: Date | null;
  collectedAt: Date | null;
  deliveredAt: Date | null;
  receivedAt: Date | null;
  statusChangedAt: Date;
  readyForCollectionAt: Date | null;
};

/**
 * A month being computed: its bounds, the instant its cohorts are judged at (`asOf`: the refresh while provisional,
 * the end of the cut-off day once final) and the instant its snapshots (backlog, open cases) are taken at: the
 * refresh for the current month, the month's end for earlier months.
 */
export type MonthWindow = { month: MonthKey; start: Date; end: Date; asOf: Date; snapshotAt: Date; snapshotDate: IsoDate; current: boolean };

export function monthWindow(month: MonthKey, asOf: Date, now: Date): MonthWindow {
  const start = londonMidnight(monthStart(month));
  const end = londonMidnight(monthStart(nextMonth(month)));
  const current = now < end;
  const snapshotAt = current ? now : end;
  return { month, start, end, asOf, snapshotAt, snapshotDate: londonDate(new Date(snapshotAt.getTime() - 1)), current };
}

const inMonth = (t: Date | null, w: MonthWindow): t is Date => t !== null && t >= w.start && t < w.end && t < w.asOf;
const by = (t: Date | null, asOf: Date): t is Date => t !== null && t < asOf;

export function isCrossBorder(type: MovementType): boolean {
  return type === "PRACTICE_TO_CROSS_BORDER" || type === "CROSS_BORDER_TO_PRACTICE";
}

/** In the contract KPI's cohort: routine, practice and store movements (not urgent requests, not cross-border). */
export function inOnTimeCohort(m: Pick<MovementFacts, "type" | "priority" | "status">): boolean {
  return m.priority === "ROUTINE" && m.type !== "URGENT_REQUEST" && !isCrossBorder(m.type) && !VOIDED_STATUSES.includes(m.status);
}

export type OnTimeBand = "fast" | "onTime" | "late" | "notDelivered" | "returnedOrFailed";

/**
 * KPI 1's band for a movement of the cohort, as at `asOf`: delivered within the fast band (≤ 5 working days), within
 * the target (6-12), later (> 12), not delivered by the as-of instant, or returned to the sender / failed delivery.
 * Working days from collection to delivery on the receiver's calendar (the clocks' own rule, lib/tracking/clocks.ts).
 */
export function onTimeBand(m: Pick<MovementFacts, "collectedAt" | "deliveredAt" | "status">, asOf: Date, kpis: PolicyRules["kpis"], receiverCalendar: Calendar): { band: OnTimeBand; days: number | null } {
  if (m.collectedAt && by(m.deliveredAt, asOf)) {
    const days = workingDaysFrom(m.collectedAt, m.deliveredAt, receiverCalendar);
    return { band: days <= kpis.fastDeliveryWorkingDays ? "fast" : days <= kpis.onTimeDeliveryWorkingDays ? "onTime" : "late", days };
  }
  if (RETURNED_OR_FAILED_STATUSES.includes(m.status)) return { band: "returnedOrFailed", days: null };
  return { band: "notDelivered", days: null };
}

const BAND_FIELD: Record<OnTimeBand, CountField> = { fast: "deliveredFast", onTime: "deliveredOnTime", late: "deliveredLate", notDelivered: "notDelivered", returnedOrFailed: "returnedOrFailed" };

export type MovementSideInput = { senderCalendar: Calendar; receiverCalendar: Calendar; crossBorderTarget: number | null };

/**
 * Adds one movement's contribution to a month's counters (the same counters go to the sender's row and the
 * receiver's). KPI 1 by collection month; KPI 2 by request month; KPI 5's deliveries and KPI 12's releases and
 * receipts by the month they happened; KPI 8 by collection month.
 */
export function countMovement(cs: readonly Counters[], m: MovementFacts, w: MonthWindow, rules: PolicyRules, cal: MovementSideInput) {
  if (VOIDED_STATUSES.includes(m.status)) return;
  // KPI 1: routine records collected in the month (a record returned before delivery starts a new leg, and its
  // collection is forgotten: it counts as returned in the month it came back).
  if (inOnTimeCohort(m)) {
    if (inMonth(m.collectedAt, w)) {
      inc(cs, "collected");
      inc(cs, BAND_FIELD[onTimeBand(m, w.asOf, rules.kpis, cal.receiverCalendar).band]);
    } else if (!m.collectedAt && RETURNED_OR_FAILED_STATUSES.includes(m.status) && inMonth(m.statusChangedAt, w)) {
      inc(cs, "collected");
      inc(cs, "returnedOrFailed");
    }
  }
  // KPI 8: cross-border movements collected in the month, by nation and direction.
  if (isCrossBorder(m.type) && inMonth(m.collectedAt, w)) {
    const outbound = m.type === "PRACTICE_TO_CROSS_BORDER";
    const key = `${outbound ? m.toCountry : m.fromCountry}:${outbound ? "OUT" : "IN"}`;
    const days = by(m.deliveredAt, w.asOf) ? workingDaysFrom(m.collectedAt, m.deliveredAt, cal.receiverCalendar) : null;
    for (const c of cs) {
      const t = (c.crossBorder[key] ??= { collected: 0, onTarget: 0, days: [] });
      t.collected++;
      if (days !== null) {
        addToHistogram(t.days, days);
        if (cal.crossBorderTarget !== null && days <= cal.crossBorderTarget) t.onTarget++;
      }
    }
  }
  // KPI 2: movements requested in the month; each segment that had happened by the as-of instant.
  if (inMonth(m.createdAt, w)) {
    inc(cs, "requested");
    const released = by(m.releasedAt, w.asOf) ? m.releasedAt : null;
    const collected = by(m.collectedAt, w.asOf) ? m.collectedAt : null;
    const delivered = by(m.deliveredAt, w.asOf) ? m.deliveredAt : null;
    const received = by(m.receivedAt, w.asOf) ? m.receivedAt : null;
    if (released) hist(cs, "releaseDays", workingDaysFrom(m.createdAt, released, cal.senderCalendar));
    if (released && collected) hist(cs, "collectionDays", workingDaysFrom(released, collected, cal.senderCalendar));
    if (collected && delivered) hist(cs, "deliveryDays", workingDaysFrom(collected, delivered, cal.receiverCalendar));
    if (delivered && received) hist(cs, "receiptDays", workingDaysFrom(delivered, received, cal.receiverCalendar));
    if (received) {
      inc(cs, "receiptConfirmed");
      hist(cs, "endToEndDays", workingDaysFrom(m.createdAt, received, cal.receiverCalendar));
    }
  }
  // KPI 5's denominator and KPI 12: what happened in the month.
  if (inMonth(m.deliveredAt, w)) inc(cs, "delivered");
  if (inMonth(m.releasedAt, w)) inc(cs, "recordsReleased");
  if (inMonth(m.receivedAt, w)) inc(cs, "receiptsConfirmed");
}

/**
 * KPI 3: whether the record was waiting for collection at the as-of instant, and since when. The current month
 * reads the live state (status ready for collection, since `readyForCollectionAt`: exactly the collection backlog);
 * an earlier month's end is reconstructed from milestones (released before, collected after or not yet).
 */
export function waitingForCollection(m: MovementFacts, w: MonthWindow): Date | null {
  if (VOIDED_STATUSES.includes(m.status)) return null;
  if (w.current) return m.status === "READY_FOR_COLLECTION" ? (m.readyForCollectionAt ?? m.releasedAt) : null;
  if (!m.releasedAt || m.releasedAt >= w.snapshotAt) return null;
  if (m.collectedAt) return m.collectedAt >= w.snapshotAt ? m.releasedAt : null;
  return m.status === "READY_FOR_COLLECTION" ? m.releasedAt : null;
}

// ------------------------------------------------------------------------------------------------------------
// Cases, urgent requests
// ------------------------------------------------------------------------------------------------------------

export type CaseFacts = {
  kind: string;
  openedAt: Date;
  firstResponseAt: Date | null;
  firstResponseBreached: boolean;
  resolutionClockStoppedAt: Date | null;
  resolutionBreached: boolean;
  markedMissingAt: Date | null;
  markedLostAt: Date | null;
  foundAt: Date | null;
  resolvedAt: Date | null;
};

/**
 * KPI 4 and KPI 7 for one case. Opened in the month: counted by kind, with each clock met (stopped on time), late
 * (breached, by the as-of instant) or still running. Missing records: found during the search (before being marked
 * missing), marked missing and marked lost are counted in the month each happened; open ones by age at as-of.
 */
export function countCase(cs: readonly Counters[], k: CaseFacts, w: MonthWindow, rules: PolicyRules, calendar: Calendar) {
  const missing = k.kind === "MISSING_RECORD";
  if (inMonth(k.openedAt, w)) {
    inc(cs, "casesOpened");
    const kinds = cs.map((c) => (c.caseKinds[k.kind] ??= [0, 0, 0, 0, 0]));
    const t = { inc: (i: number) => kinds.forEach((x) => x[i]++) };
    t.inc(0);
    const frStopped = by(k.firstResponseAt, w.asOf);
    if (k.firstResponseBreached) {
      inc(cs, "caseFirstResponseLate");
      t.inc(2);
    } else if (frStopped) {
      inc(cs, "caseFirstResponseMet");
      t.inc(1);
    }
    const resStopped = by(k.resolutionClockStoppedAt, w.asOf);
    if (k.resolutionBreached) {
      inc(cs, "caseResolutionLate");
      t.inc(4);
    } else if (resStopped) {
      inc(cs, "caseResolutionMet");
      t.inc(3);
    }
    if (missing) inc(cs, "missingCases");
  }
  if (!missing) return;
  if (inMonth(k.foundAt, w) && (!k.markedMissingAt || k.foundAt < k.markedMissingAt)) inc(cs, "missingFoundInSearch");
  if (inMonth(k.markedMissingAt, w)) inc(cs, "missingMarkedMissing");
  if (inMonth(k.markedLostAt, w)) inc(cs, "missingMarkedLost");
  const openAtSnapshot = k.openedAt < w.snapshotAt && !by(k.resolvedAt, w.snapshotAt) && !by(k.foundAt, w.snapshotAt);
  if (openAtSnapshot) hist(cs, "missingOpenByAge", missingAgeBand(londonDate(k.openedAt), w.snapshotDate, rules.missingRecords.searchWorkingDays, calendar));
}

export type UrgentFacts = { createdAt: Date; status: string; internalTargetDate: IsoDate; breachedAt: Date | null; sentAt: Date | null };

/**
 * KPI 6 for a request made in the month, as at the as-of instant: sent on or before its internal target (on target),
 * breached (past the target unsent, or sent after it), or open and not breached, "at risk" when its target is within
 * 2 working days (the practices' own "due soon").
 */
export function countUrgent(cs: readonly Counters[], u: UrgentFacts, w: MonthWindow, calendar: Calendar) {
  if (!inMonth(u.createdAt, w) || u.status === "CANCELLED") return;
  inc(cs, "urgentRequests");
  const sent = by(u.sentAt, w.asOf) ? londonDate(u.sentAt) : null;
  if (sent) {
    if (sent <= u.internalTargetDate) inc(cs, "urgentOnTarget");
    else inc(cs, "urgentBreached");
    return;
  }
  const asOfDate = londonDate(w.asOf);
  if (asOfDate > u.internalTargetDate || by(u.breachedAt, w.asOf)) {
    inc(cs, "urgentBreached");
    return;
  }
  inc(cs, "urgentOpen");
  if (workingDaysBetween(asOfDate, u.internalTargetDate, calendar.holidays) <= 2) inc(cs, "urgentAtRisk");
}
