// The service-level policy: every target, pause rule, statutory rule, contract threshold and disclosure rule the
// portal measures against. It is data (a version row in ServiceLevelPolicy, validated by the schema below), never
// code: queries and clocks read the version a movement or case was opened under. Pure. The defaults and the basis
// for each figure are in docs/service-levels.md.
import { z } from "zod";
import type { MovementType, Priority } from "@/lib/db/generated/enums";
import { CASE_KINDS, CASE_KIND_LABELS, CASE_WAITING_STATUSES, type CaseKind } from "@/lib/cases/kinds";
import { TYPE_LABELS, PRIORITY_LABELS } from "@/lib/movements/labels";

export const MOVEMENT_TYPES = ["PRACTICE_TO_PRACTICE", "PRACTICE_TO_STORE", "STORE_TO_PRACTICE", "PRACTICE_TO_CROSS_BORDER", "CROSS_BORDER_TO_PRACTICE", "ADDITIONAL_NOTES", "URGENT_REQUEST"] as const satisfies readonly MovementType[];
export const PRIORITIES = ["ROUTINE", "URGENT"] as const satisfies readonly Priority[];
export const CROSS_BORDER_COUNTRIES = ["WALES", "SCOTLAND", "NORTHERN_IRELAND"] as const;
export type CrossBorderCountry = (typeof CROSS_BORDER_COUNTRIES)[number];

/** The clocks a movement runs, in journey order. */
export const MOVEMENT_LEGS = ["release", "collection", "delivery", "receipt", "endToEnd"] as const;
export type MovementLeg = (typeof MOVEMENT_LEGS)[number];

export const LEG_LABELS: Record<MovementLeg, string> = {
  release: "Requested to released by the sender",
  collection: "Released to collected",
  delivery: "Collected to delivered",
  receipt: "Delivered to receipt confirmed",
  endToEnd: "Requested to receipt confirmed (due date)",
};

const days = (max = 250) => z.number({ error: "Enter a number of days" }).int("Enter a whole number of days").min(0, "Must be 0 or more").max(max, `Must be ${max} or fewer`);
const positiveDays = (max = 250) => days(max).min(1, "Must be 1 or more");
const percent = z.number({ error: "Enter a percentage" }).min(0, "Must be between 0 and 100").max(100, "Must be between 0 and 100");

const movementTargetSchema = z.object({
  type: z.enum(MOVEMENT_TYPES),
  priority: z.enum(PRIORITIES),
  release: days(),
  collection: days(),
  delivery: positiveDays(),
  receipt: days(),
  endToEnd: positiveDays(),
});

const crossBorderSchema = z.object({
  country: z.enum(CROSS_BORDER_COUNTRIES),
  delivery: positiveDays(),
  receipt: days(),
  endToEnd: positiveDays(),
});

const caseTargetSchema = z.object({ kind: z.enum(CASE_KINDS), firstResponse: positiveDays(60), resolution: positiveDays() });

export const SERVICE_CREDIT_KPIS = ["ON_TIME_DELIVERY", "URGENT_ON_TIME", "CASE_RESOLUTION"] as const;
export type ServiceCreditKpi = (typeof SERVICE_CREDIT_KPIS)[number];

export const policyRulesSchema = z
  .object({
    movements: z.array(movementTargetSchema),
    crossBorder: z.array(crossBorderSchema),
    movementPauses: z.object({ statuses: z.array(z.enum(["HELD_AT_PRACTICE"])), maxPausedWorkingDays: days(120) }),
    cases: z.array(caseTargetSchema),
    casePauses: z.object({ statuses: z.array(z.enum(CASE_WAITING_STATUSES)), maxPausedWorkingDays: days(120) }),
    missingRecords: z.object({ searchWorkingDays: positiveDays(60), lostAfterMonths: z.number().int().min(1).max(36) }),
    urgentRequests: z.object({ internalTargetWorkingDays: positiveDays(60), reminderPercents: z.array(z.number().int().min(1).max(99)).max(5) }),
    statutory: z.object({
      subjectAccessMonths: z.number().int().min(1).max(12),
      subjectAccessExtensionMonths: z.number().int().min(0).max(12),
      accessToHealthRecordsDays: z.number().int().min(1).max(365),
      accessToHealthRecordsRecentDays: z.number().int().min(1).max(365),
      reviewWorkingDays: days(60),
    }),
    kpis: z.object({
      onTimeDeliveryWorkingDays: positiveDays(60),
      onTimeDeliveryTargetPercent: percent,
      fastDeliveryWorkingDays: positiveDays(60),
      cohortCutOffWorkingDays: positiveDays(120),
      urgentOnTimeTargetPercent: percent,
      caseFirstResponseTargetPercent: percent,
      caseResolutionTargetPercent: percent,
    }),
    serviceCredits: z.object({
      monthlyChargePounds: z.number().min(0).max(1e9),
      rules: z.array(z.object({ kpi: z.enum(SERVICE_CREDIT_KPIS), creditPercentPerPoint: z.number().min(0).max(100), maxCreditPercent: percent })),
    }),
    disclosure: z.object({ suppressFrom: z.number().int().min(1).max(100), suppressTo: z.number().int().min(1).max(100), roundTo: z.number().int().min(1).max(100) }),
  })
  .superRefine((rules, ctx) => {
    for (const type of MOVEMENT_TYPES) {
      for (const priority of PRIORITIES) {
        const n = rules.movements.filter((m) => m.type === type && m.priority === priority).length;
        if (n !== 1) ctx.addIssue({ code: "custom", path: ["movements"], message: `${TYPE_LABELS[type]}, ${PRIORITY_LABELS[priority].toLowerCase()}: needs exactly one set of targets (has ${n})` });
      }
    }
    for (const kind of CASE_KINDS) {
      const n = rules.cases.filter((c) => c.kind === kind).length;
      if (n !== 1) ctx.addIssue({ code: "custom", path: ["cases"], message: `${CASE_KIND_LABELS[kind]}: needs exactly one set of targets (has ${n})` });
    }
    for (const c of rules.cases) {
      if (c.firstResponse > c.resolution) ctx.addIssue({ code: "custom", path: ["cases"], message: `${CASE_KIND_LABELS[c.kind]}: the first response cannot be due after the resolution` });
    }
    for (const country of CROSS_BORDER_COUNTRIES) {
      if (rules.crossBorder.filter((c) => c.country === country).length > 1) ctx.addIssue({ code: "custom", path: ["crossBorder"], message: `${country}: more than one set of cross-border targets` });
    }
    if (rules.disclosure.suppressFrom > rules.disclosure.suppressTo) ctx.addIssue({ code: "custom", path: ["disclosure"], message: "The smallest suppressed count cannot be larger than the largest" });
    if (rules.kpis.fastDeliveryWorkingDays > rules.kpis.onTimeDeliveryWorkingDays) ctx.addIssue({ code: "custom", path: ["kpis"], message: "The fast-delivery band cannot be longer than the on-time target" });
  });

export type PolicyRules = z.infer<typeof policyRulesSchema>;
export type MovementTargets = Record<MovementLeg, number>;

const t = (type: MovementType, priority: Priority, release: number, collection: number, delivery: number, receipt: number, endToEnd: number) => ({ type, priority, release, collection, delivery, receipt, endToEnd }) as PolicyRules["movements"][number];

/**
 * Version 1, the default built from the service's real rules (domain.md; basis per figure in
 * docs/service-levels.md). It is also written into the database by the migration that created the policy table,
 * so history never depends on this constant: change the policy by making a new version, never by editing this.
 */
export const DEFAULT_POLICY_RULES: PolicyRules = {
  movements: [
    t("PRACTICE_TO_PRACTICE", "ROUTINE", 10, 5, 12, 5, 40),
    t("PRACTICE_TO_PRACTICE", "URGENT", 2, 2, 3, 1, 8),
    t("PRACTICE_TO_STORE", "ROUTINE", 10, 5, 12, 10, 40),
    t("PRACTICE_TO_STORE", "URGENT", 2, 2, 3, 2, 9),
    t("STORE_TO_PRACTICE", "ROUTINE", 5, 2, 12, 5, 25),
    t("STORE_TO_PRACTICE", "URGENT", 1, 1, 3, 1, 6),
    t("PRACTICE_TO_CROSS_BORDER", "ROUTINE", 10, 5, 12, 5, 40),
    t("PRACTICE_TO_CROSS_BORDER", "URGENT", 2, 2, 5, 2, 11),
    t("CROSS_BORDER_TO_PRACTICE", "ROUTINE", 10, 5, 12, 5, 40),
    t("CROSS_BORDER_TO_PRACTICE", "URGENT", 2, 2, 5, 2, 11),
    t("ADDITIONAL_NOTES", "ROUTINE", 10, 5, 12, 5, 40),
    t("ADDITIONAL_NOTES", "URGENT", 2, 2, 3, 1, 8),
    t("URGENT_REQUEST", "ROUTINE", 2, 1, 2, 1, 5),
    t("URGENT_REQUEST", "URGENT", 2, 1, 2, 1, 5),
  ],
  crossBorder: [
    { country: "WALES", delivery: 12, receipt: 5, endToEnd: 40 },
    { country: "SCOTLAND", delivery: 15, receipt: 5, endToEnd: 30 },
    { country: "NORTHERN_IRELAND", delivery: 15, receipt: 5, endToEnd: 40 },
  ],
  movementPauses: { statuses: ["HELD_AT_PRACTICE"], maxPausedWorkingDays: 20 },
  cases: [
    { kind: "RECORD_NOT_RECEIVED", firstResponse: 2, resolution: 10 },
    { kind: "MISSING_RECORD", firstResponse: 1, resolution: 5 },
    { kind: "INCOMPLETE_RECORD", firstResponse: 2, resolution: 15 },
    { kind: "WRONG_PATIENT", firstResponse: 1, resolution: 5 },
    { kind: "DAMAGED_RECORD", firstResponse: 2, resolution: 10 },
    { kind: "LABEL_PROBLEM", firstResponse: 1, resolution: 3 },
    { kind: "COLLECTION_MISSED", firstResponse: 1, resolution: 3 },
    { kind: "URGENT_REQUEST_CHASE", firstResponse: 1, resolution: 2 },
    { kind: "CROSS_BORDER_DELAY", firstResponse: 2, resolution: 15 },
    { kind: "DEMOGRAPHICS_DISAGREEMENT", firstResponse: 2, resolution: 5 },
    { kind: "SERVICE_REGISTRATIONS", firstResponse: 2, resolution: 10 },
    { kind: "SERVICE_PERFORMERS_LIST", firstResponse: 2, resolution: 15 },
    { kind: "SERVICE_SUPPLIES", firstResponse: 2, resolution: 10 },
    { kind: "SERVICE_PAYMENTS", firstResponse: 2, resolution: 10 },
    { kind: "SERVICE_PENSIONS", firstResponse: 5, resolution: 20 },
    { kind: "SERVICE_COMMUNICATIONS", firstResponse: 2, resolution: 10 },
  ],
  casePauses: { statuses: ["WAITING_ON_PRACTICE", "WAITING_ON_COURIER", "WAITING_ON_THIRD_PARTY"], maxPausedWorkingDays: 15 },
  missingRecords: { searchWorkingDays: 5, lostAfterMonths: 6 },
  urgentRequests: { internalTargetWorkingDays: 3, reminderPercents: [50, 75] },
  statutory: { subjectAccessMonths: 1, subjectAccessExtensionMonths: 2, accessToHealthRecordsDays: 40, accessToHealthRecordsRecentDays: 21, reviewWorkingDays: 5 },
  kpis: {
    onTimeDeliveryWorkingDays: 12,
    onTimeDeliveryTargetPercent: 98.5,
    fastDeliveryWorkingDays: 5,
    cohortCutOffWorkingDays: 20,
    urgentOnTimeTargetPercent: 95,
    caseFirstResponseTargetPercent: 95,
    caseResolutionTargetPercent: 90,
  },
  serviceCredits: {
    monthlyChargePounds: 1_000_000,
    rules: [
      { kpi: "ON_TIME_DELIVERY", creditPercentPerPoint: 1, maxCreditPercent: 10 },
      { kpi: "URGENT_ON_TIME", creditPercentPerPoint: 0.5, maxCreditPercent: 5 },
      { kpi: "CASE_RESOLUTION", creditPercentPerPoint: 0.5, maxCreditPercent: 5 },
    ],
  },
  disclosure: { suppressFrom: 1, suppressTo: 7, roundTo: 5 },
};

/** The nation whose cross-border targets and calendar apply to a movement, or null for a movement within England. */
export function crossBorderCountryOf(type: MovementType, from: string, to: string): CrossBorderCountry | null {
  const other = type === "PRACTICE_TO_CROSS_BORDER" ? to : type === "CROSS_BORDER_TO_PRACTICE" ? from : null;
  return other && other !== "ENGLAND" ? (other as CrossBorderCountry) : null;
}

/** The working-day targets of one movement under a policy: the type × priority row, with a routine cross-border
 * movement's delivery, receipt and end-to-end targets taken from its nation's row. */
export function movementTargets(rules: PolicyRules, type: MovementType, priority: Priority, crossBorderCountry: CrossBorderCountry | null): MovementTargets {
  const row = rules.movements.find((m) => m.type === type && m.priority === priority);
  if (!row) throw new Error(`Policy has no targets for ${type}/${priority}`);
  const targets: MovementTargets = { release: row.release, collection: row.collection, delivery: row.delivery, receipt: row.receipt, endToEnd: row.endToEnd };
  if (crossBorderCountry && priority === "ROUTINE") {
    const nation = rules.crossBorder.find((c) => c.country === crossBorderCountry);
    if (nation) Object.assign(targets, { delivery: nation.delivery, receipt: nation.receipt, endToEnd: nation.endToEnd });
  }
  return targets;
}

export function caseTargets(rules: PolicyRules, kind: CaseKind): { firstResponse: number; resolution: number } {
  const row = rules.cases.find((c) => c.kind === kind);
  if (!row) throw new Error(`Policy has no targets for case kind ${kind}`);
  return { firstResponse: row.firstResponse, resolution: row.resolution };
}

/** NHS Digital's disclosure control as the policy sets it: null means "shown as *". National figures are exact. */
export function disclose(count: number, rules: PolicyRules["disclosure"], national: boolean): number | null {
  if (national || count === 0) return count;
  if (count >= rules.suppressFrom && count <= rules.suppressTo) return null;
  return Math.round(count / rules.roundTo) * rules.roundTo;
}

/** Every figure of a policy as a labelled line, in a stable order: for showing a version and diffing two. */
export function policyLines(rules: PolicyRules): { key: string; label: string; value: string }[] {
  const lines: { key: string; label: string; value: string }[] = [];
  const wd = (n: number) => `${n} working day${n === 1 ? "" : "s"}`;
  for (const m of rules.movements) {
    for (const leg of MOVEMENT_LEGS) lines.push({ key: `movements.${m.type}.${m.priority}.${leg}`, label: `${TYPE_LABELS[m.type]}, ${PRIORITY_LABELS[m.priority].toLowerCase()}: ${LEG_LABELS[leg].toLowerCase()}`, value: wd(m[leg]) });
  }
  for (const c of rules.crossBorder) {
    for (const leg of ["delivery", "receipt", "endToEnd"] as const) lines.push({ key: `crossBorder.${c.country}.${leg}`, label: `Cross-border, ${c.country.replace(/_/g, " ").toLowerCase()}: ${LEG_LABELS[leg].toLowerCase()}`, value: wd(c[leg]) });
  }
  lines.push({ key: "movementPauses.statuses", label: "Movement clocks pause while", value: rules.movementPauses.statuses.join(", ").toLowerCase().replace(/_/g, " ") || "never" });
  lines.push({ key: "movementPauses.max", label: "Most a movement's pauses can add", value: wd(rules.movementPauses.maxPausedWorkingDays) });
  for (const c of rules.cases) {
    lines.push({ key: `cases.${c.kind}.firstResponse`, label: `Case, ${CASE_KIND_LABELS[c.kind].toLowerCase()}: first response`, value: wd(c.firstResponse) });
    lines.push({ key: `cases.${c.kind}.resolution`, label: `Case, ${CASE_KIND_LABELS[c.kind].toLowerCase()}: resolution`, value: wd(c.resolution) });
  }
  lines.push({ key: "casePauses.statuses", label: "Case clocks pause while", value: rules.casePauses.statuses.join(", ").toLowerCase().replace(/_/g, " ") || "never" });
  lines.push({ key: "casePauses.max", label: "Most a case's pauses can add", value: wd(rules.casePauses.maxPausedWorkingDays) });
  lines.push({ key: "missing.search", label: "Missing-record search before a record is marked missing", value: wd(rules.missingRecords.searchWorkingDays) });
  lines.push({ key: "missing.lost", label: "Unfound after this long, a missing record is lost", value: `${rules.missingRecords.lostAfterMonths} months` });
  lines.push({ key: "urgent.internal", label: "Urgent request (clinical need): internal target", value: wd(rules.urgentRequests.internalTargetWorkingDays) });
  lines.push({ key: "urgent.reminders", label: "Urgent request reminders at", value: rules.urgentRequests.reminderPercents.map((p) => `${p}%`).join(", ") || "none" });
  lines.push({ key: "statutory.sar", label: "Subject access request: due", value: `${rules.statutory.subjectAccessMonths} calendar month(s), extendable by ${rules.statutory.subjectAccessExtensionMonths}` });
  lines.push({ key: "statutory.ahra", label: "Access to Health Records Act: due", value: `${rules.statutory.accessToHealthRecordsDays} days (${rules.statutory.accessToHealthRecordsRecentDays} when every entry is recent)` });
  lines.push({ key: "statutory.review", label: "Time left for review before a statutory date", value: wd(rules.statutory.reviewWorkingDays) });
  lines.push({ key: "kpi.onTime", label: "Contract KPI: routine records delivered within", value: `${wd(rules.kpis.onTimeDeliveryWorkingDays)} of collection, target ${rules.kpis.onTimeDeliveryTargetPercent}%` });
  lines.push({ key: "kpi.fast", label: "Contract KPI: fast-delivery band", value: wd(rules.kpis.fastDeliveryWorkingDays) });
  lines.push({ key: "kpi.cutOff", label: "A month's figures are final after", value: `${wd(rules.kpis.cohortCutOffWorkingDays)} from the month's end` });
  lines.push({ key: "kpi.urgent", label: "Urgent requests on target", value: `${rules.kpis.urgentOnTimeTargetPercent}%` });
  lines.push({ key: "kpi.caseFirst", label: "Cases answered within their first-response target", value: `${rules.kpis.caseFirstResponseTargetPercent}%` });
  lines.push({ key: "kpi.caseResolution", label: "Cases resolved within their target", value: `${rules.kpis.caseResolutionTargetPercent}%` });
  lines.push({ key: "credits.charge", label: "Monthly charge for the records service (for service credits)", value: `£${rules.serviceCredits.monthlyChargePounds.toLocaleString("en-GB")}` });
  for (const r of rules.serviceCredits.rules) lines.push({ key: `credits.${r.kpi}`, label: `Service credit, ${r.kpi.replace(/_/g, " ").toLowerCase()}`, value: `${r.creditPercentPerPoint}% of the charge per point below target, at most ${r.maxCreditPercent}%` });
  lines.push({ key: "disclosure", label: "Disclosure control below national level", value: `counts ${rules.disclosure.suppressFrom} to ${rules.disclosure.suppressTo} shown as *, others rounded to the nearest ${rules.disclosure.roundTo}` });
  return lines;
}

export type PolicyChange = { label: string; from: string | null; to: string | null };

export function diffPolicies(previous: PolicyRules | null, next: PolicyRules): PolicyChange[] {
  const before = new Map((previous ? policyLines(previous) : []).map((l) => [l.key, l]));
  const changes: PolicyChange[] = [];
  for (const line of policyLines(next)) {
    const old = before.get(line.key);
    if (!old) changes.push({ label: line.label, from: null, to: line.value });
    else if (old.value !== line.value) changes.push({ label: line.label, from: old.value, to: line.value });
    before.delete(line.key);
  }
  for (const gone of before.values()) changes.push({ label: gone.label, from: gone.value, to: null });
  return changes;
}
