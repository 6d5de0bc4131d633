// The administrator's form for a new policy version: every figure of a policy as a named field, grouped as the page
// shows them, and the parse back from posted fields to rules. Pure. Fields the form does not post keep the values of
// the version being copied.
import { CASE_KINDS, CASE_KIND_LABELS, CASE_WAITING_STATUSES, type CaseWaitingStatus } from "@/lib/cases/kinds";
import { PRIORITY_LABELS, TYPE_LABELS } from "@/lib/movements/labels";
import type { FieldErrors } from "@/lib/errors";
import { CROSS_BORDER_COUNTRIES, MOVEMENT_LEGS, MOVEMENT_TYPES, PRIORITIES, SERVICE_CREDIT_KPIS, policyRulesSchema, type PolicyRules } from "@/lib/service-levels/policy";

export type NumberField = { name: string; label: string; value: number; min: number; max: number; step?: number; unit: string };
export type FieldTable = { title: string; hint?: string; columns: string[]; rows: { label: string; fields: NumberField[] }[] };
export type FieldGroup = { title: string; hint?: string; fields: NumberField[] };

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

const LEG_SHORT: Record<(typeof MOVEMENT_LEGS)[number], string> = {
  release: "Released by sender",
  collection: "Collected",
  delivery: "Delivered",
  receipt: "Receipt confirmed",
  endToEnd: "Whole journey",
};

const COUNTRY_LABELS: Record<(typeof CROSS_BORDER_COUNTRIES)[number], string> = { WALES: "Wales", SCOTLAND: "Scotland", NORTHERN_IRELAND: "Northern Ireland" };
const KPI_LABELS: Record<(typeof SERVICE_CREDIT_KPIS)[number], string> = { ON_TIME_DELIVERY: "On-time delivery", URGENT_ON_TIME: "Urgent requests on target", CASE_RESOLUTION: "Cases resolved on target" };
export const WAITING_LABELS: Record<CaseWaitingStatus, string> = { WAITING_ON_PRACTICE: "Waiting on the practice", WAITING_ON_COURIER: "Waiting on the courier", WAITING_ON_THIRD_PARTY: "Waiting on a third party" };

const wd = (name: string, label: string, value: number, max = 250, min = 0): NumberField => ({ name, label, value, min, max, unit: "working days" });

export function policyTables(r: PolicyRules): FieldTable[] {
  return [
    {
      title: "Record movements",
      hint: "Working days for each leg of the journey, by kind of movement and priority. The whole journey's target is the movement's due date.",
      columns: ["Movement", ...MOVEMENT_LEGS.map((l) => LEG_SHORT[l])],
      rows: MOVEMENT_TYPES.flatMap((type) =>
        PRIORITIES.map((priority) => {
          const row = r.movements.find((m) => m.type === type && m.priority === priority)!;
          const label = `${TYPE_LABELS[type]}, ${PRIORITY_LABELS[priority].toLowerCase()}`;
          return { label, fields: MOVEMENT_LEGS.map((leg) => wd(`m.${type}.${priority}.${leg}`, `${label}: ${LEG_SHORT[leg].toLowerCase()}`, row[leg], 250, leg === "delivery" || leg === "endToEnd" ? 1 : 0)) };
        }),
      ),
    },
    {
      title: "Cross-border (routine)",
      hint: "For routine movements to or from each nation, counted on that nation's bank holidays. Releasing and collecting follow the table above.",
      columns: ["Nation", "Delivered", "Receipt confirmed", "Whole journey"],
      rows: CROSS_BORDER_COUNTRIES.map((country) => {
        const row = r.crossBorder.find((c) => c.country === country) ?? { delivery: 12, receipt: 5, endToEnd: 40 };
        const label = COUNTRY_LABELS[country];
        return { label, fields: [wd(`cb.${country}.delivery`, `${label}: delivered`, row.delivery, 250, 1), wd(`cb.${country}.receipt`, `${label}: receipt confirmed`, row.receipt), wd(`cb.${country}.endToEnd`, `${label}: whole journey`, row.endToEnd, 250, 1)] };
      }),
    },
    {
      title: "Cases",
      hint: "Working days from the case opening to PCSE's first response, and to its resolution.",
      columns: ["Kind of case", "First response", "Resolution"],
      rows: CASE_KINDS.map((kind) => {
        const row = r.cases.find((c) => c.kind === kind)!;
        const label = CASE_KIND_LABELS[kind];
        return { label, fields: [wd(`c.${kind}.firstResponse`, `${label}: first response`, row.firstResponse, 60, 1), wd(`c.${kind}.resolution`, `${label}: resolution`, row.resolution, 250, 1)] };
      }),
    },
  ];
}

export function policyGroups(r: PolicyRules): FieldGroup[] {
  return [
    {
      title: "Pauses",
      fields: [
        wd("movementPauses.maxPausedWorkingDays", "Most working days a movement's pauses may add", r.movementPauses.maxPausedWorkingDays, 120),
        wd("casePauses.maxPausedWorkingDays", "Most working days a case's pauses may add", r.casePauses.maxPausedWorkingDays, 120),
      ],
    },
    {
      title: "Missing records",
      fields: [
        wd("missingRecords.searchWorkingDays", "Search before a record is marked missing", r.missingRecords.searchWorkingDays, 60, 1),
        { name: "missingRecords.lostAfterMonths", label: "Unfound after this many months, a missing record is lost", value: r.missingRecords.lostAfterMonths, min: 1, max: 36, unit: "months" },
      ],
    },
    {
      title: "Urgent and statutory requests",
      fields: [
        wd("urgentRequests.internalTargetWorkingDays", "Urgent request for clinical need: internal target", r.urgentRequests.internalTargetWorkingDays, 60, 1),
        { name: "statutory.subjectAccessMonths", label: "Subject access request: calendar months to respond", value: r.statutory.subjectAccessMonths, min: 1, max: 12, unit: "months" },
        { name: "statutory.subjectAccessExtensionMonths", label: "Subject access request: extension", value: r.statutory.subjectAccessExtensionMonths, min: 0, max: 12, unit: "months" },
        { name: "statutory.accessToHealthRecordsDays", label: "Access to Health Records Act: days to respond", value: r.statutory.accessToHealthRecordsDays, min: 1, max: 365, unit: "days" },
        { name: "statutory.accessToHealthRecordsRecentDays", label: "Access to Health Records Act, every entry recent: days", value: r.statutory.accessToHealthRecordsRecentDays, min: 1, max: 365, unit: "days" },
        wd("statutory.reviewWorkingDays", "Time kept for review and redaction before a statutory date", r.statutory.reviewWorkingDays, 60),
      ],
    },
    {
      title: "Contract measures",
      fields: [
        wd("kpis.onTimeDeliveryWorkingDays", "Routine records delivered within this many working days of collection", r.kpis.onTimeDeliveryWorkingDays, 60, 1),
        { name: "kpis.onTimeDeliveryTargetPercent", label: "On-time delivery target", value: r.kpis.onTimeDeliveryTargetPercent, min: 0, max: 100, step: 0.1, unit: "%" },
        wd("kpis.fastDeliveryWorkingDays", "Fast-delivery band", r.kpis.fastDeliveryWorkingDays, 60, 1),
        wd("kpis.cohortCutOffWorkingDays", "A month's figures are final this many working days after it ends", r.kpis.cohortCutOffWorkingDays, 120, 1),
        { name: "kpis.urgentOnTimeTargetPercent", label: "Urgent requests on target", value: r.kpis.urgentOnTimeTargetPercent, min: 0, max: 100, step: 0.1, unit: "%" },
        { name: "kpis.caseFirstResponseTargetPercent", label: "Cases answered within their first-response target", value: r.kpis.caseFirstResponseTargetPercent, min: 0, max: 100, step: 0.1, unit: "%" },
        { name: "kpis.caseResolutionTargetPercent", label: "Cases resolved within their target", value: r.kpis.caseResolutionTargetPercent, min: 0, max: 100, step: 0.1, unit: "%" },
      ],
    },
    {
      title: "Service credits",
      fields: [
        { name: "serviceCredits.monthlyChargePounds", label: "Monthly charge for the records service", value: r.serviceCredits.monthlyChargePounds, min: 0, max: 1e9, unit: "£" },
        ...SERVICE_CREDIT_KPIS.flatMap((kpi) => {
          const rule = r.serviceCredits.rules.find((x) => x.kpi === kpi) ?? { creditPercentPerPoint: 0, maxCreditPercent: 0 };
          return [
            { name: `sc.${kpi}.creditPercentPerPoint`, label: `${KPI_LABELS[kpi]}: credit per percentage point below target`, value: rule.creditPercentPerPoint, min: 0, max: 100, step: 0.1, unit: "% of the charge" },
            { name: `sc.${kpi}.maxCreditPercent`, label: `${KPI_LABELS[kpi]}: largest credit in a month`, value: rule.maxCreditPercent, min: 0, max: 100, step: 0.1, unit: "% of the charge" },
          ];
        }),
      ],
    },
    {
      title: "Disclosure control (below national level)",
      fields: [
        { name: "disclosure.suppressFrom", label: "Smallest count shown as *", value: r.disclosure.suppressFrom, min: 1, max: 100, unit: "" },
        { name: "disclosure.suppressTo", label: "Largest count shown as *", value: r.disclosure.suppressTo, min: 1, max: 100, unit: "" },
        { name: "disclosure.roundTo", label: "Other counts rounded to the nearest", value: r.disclosure.roundTo, min: 1, max: 100, unit: "" },
      ],
    },
  ];
}

export function allNumberFields(r: PolicyRules): NumberField[] {
  return [...policyTables(r).flatMap((t) => t.rows.flatMap((row) => row.fields)), ...policyGroups(r).flatMap((g) => g.fields)];
}

function set(rules: PolicyRules, name: string, value: number) {
  const [head, a, b, c] = name.split(".");
  if (head === "m") {
    const row = rules.movements.find((m) => m.type === a && m.priority === b)!;
    (row as Record<string, unknown>)[c] = value;
  } else if (head === "cb") {
    let row = rules.crossBorder.find((x) => x.country === a);
    if (!row) rules.crossBorder.push((row = { country: a as (typeof CROSS_BORDER_COUNTRIES)[number], delivery: 12, receipt: 5, endToEnd: 40 }));
    (row as Record<string, unknown>)[b] = value;
  } else if (head === "c") {
    const row = rules.cases.find((x) => x.kind === a)!;
    (row as Record<string, unknown>)[b] = value;
  } else if (head === "sc") {
    let row = rules.serviceCredits.rules.find((x) => x.kpi === a);
    if (!row) rules.serviceCredits.rules.push((row = { kpi: a as (typeof SERVICE_CREDIT_KPIS)[number], creditPercentPerPoint: 0, maxCreditPercent: 0 }));
    (row as Record<string, unknown>)[b] = value;
  } else {
    ((rules as unknown as Record<string, Record<string, unknown>>)[head])[a] = value;
  }
}

/** Reads the posted fields over a copy of `base`. Every number is checked on its own (its error goes to its field);
 * then the whole policy is checked (its errors go to the form). */
export function rulesFromForm(base: PolicyRules, form: Record<string, unknown>): { ok: true; rules: PolicyRules } | { ok: false; fieldErrors: FieldErrors } {
  const rules = structuredClone(base);
  const fieldErrors: FieldErrors = {};
  for (const field of allNumberFields(base)) {
    const raw = form[field.name];
    if (raw === undefined) continue;
    const text = typeof raw === "string" ? raw.trim() : "";
    const value = Number(text);
    const whole = field.step === undefined;
    if (text === "" || !Number.isFinite(value)) fieldErrors[field.name] = [`${field.label}: enter a number`];
    else if (whole && !Number.isInteger(value)) fieldErrors[field.name] = [`${field.label}: enter a whole number`];
    else if (value < field.min || value > field.max) fieldErrors[field.name] = [`${field.label}: must be between ${field.min} and ${field.max.toLocaleString("en-GB")}`];
    else set(rules, field.name, value);
  }
  // Which states pause a clock (checkboxes: present means ticked; the form always posts the marker field).
  if (form["pauses.posted"] !== undefined) {
    rules.movementPauses.statuses = form["movementPauses.HELD_AT_PRACTICE"] !== undefined ? ["HELD_AT_PRACTICE"] : [];
    rules.casePauses.statuses = CASE_WAITING_STATUSES.filter((s) => form[`casePauses.${s}`] !== undefined);
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const checked = policyRulesSchema.safeParse(rules);
  if (!checked.success) return { ok: false, fieldErrors: { form: checked.error.issues.map((i) => i.message) } };
  return { ok: true, rules: checked.data };
}
