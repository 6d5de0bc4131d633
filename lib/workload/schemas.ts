// Input for the workload log, rates, tasks and evidence packs, and the words the screens use for grades, causes and
// sources. Pure: safe for client components. Messages follow the NHS service manual (say what is wrong, how to fix it).
import { z } from "zod";
import type { EvidenceScope, StaffGrade, WorkloadCause, WorkloadEntrySource } from "@/lib/db/generated/enums";
import { freeText } from "@/lib/cases/schemas";

export const STAFF_GRADES = ["GP_PARTNER", "SALARIED_GP", "LOCUM_GP", "NURSE", "HEALTHCARE_ASSISTANT", "PRACTICE_MANAGER", "ADMINISTRATOR"] as const satisfies readonly StaffGrade[];

export const GRADE_LABELS: Record<StaffGrade, string> = {
  GP_PARTNER: "GP partner",
  SALARIED_GP: "Salaried GP",
  LOCUM_GP: "Locum GP",
  NURSE: "Nurse",
  HEALTHCARE_ASSISTANT: "Healthcare assistant",
  PRACTICE_MANAGER: "Practice manager",
  ADMINISTRATOR: "Administrator or receptionist",
};

export const WORKLOAD_CAUSES = ["RECORDS_SERVICE", "COURIER", "OTHER_PRACTICE", "OTHER_PROVIDER", "OTHER"] as const satisfies readonly WorkloadCause[];

export const CAUSE_LABELS: Record<WorkloadCause, string> = {
  RECORDS_SERVICE: "The records service (PCSE)",
  COURIER: "The courier",
  OTHER_PRACTICE: "Another practice",
  OTHER_PROVIDER: "Another provider (such as a hospital trust)",
  OTHER: "Something else",
};

/** Causes the records service answers for: the evidence scope "records-service failures". */
export const SERVICE_FAILURE_CAUSES: readonly WorkloadCause[] = ["RECORDS_SERVICE", "COURIER"];

export const SOURCE_LABELS: Record<WorkloadEntrySource, string> = {
  SUGGESTED_ACCEPTED: "Suggested, accepted",
  SUGGESTED_EDITED: "Suggested, edited",
  MANUAL: "Entered by hand",
};

export const SCOPE_LABELS: Record<EvidenceScope, string> = {
  ALL: "All workload",
  SERVICE_FAILURES: "Records-service failures (the records service and its courier)",
  CASE: "One case",
  INCIDENT: "One incident",
};

/** The earliest date an entry or a pack may have (claims reach back a few years at most). */
export const EARLIEST_WORKLOAD_DATE = "2020-01-01";
export const MAX_ENTRY_MINUTES = 6000;
export const MAX_QUANTITY = 1000;

export function isRealDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** An ISO date typed as one field (`2026-11-23`). */
export const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isRealDate, `Enter ${label} as a real date, like 2026-11-23`);

/** The NHS date input's three fields (`<prefix>Day`, `<prefix>Month`, `<prefix>Year`) as one ISO date, or an error. */
export function dateFromParts(raw: Record<string, unknown>, prefix: string, label: string): { date: string } | { error: string } {
  const part = (k: string) => (typeof raw[`${prefix}${k}`] === "string" ? (raw[`${prefix}${k}`] as string).trim() : "");
  const [d, m, y] = [part("Day"), part("Month"), part("Year")];
  if (!d && !m && !y) return { error: `Enter ${label}` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { error: `${label[0].toUpperCase()}${label.slice(1)} must be a real date, like 23 11 2026` };
  const iso = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  return isRealDate(iso) ? { date: iso } : { error: `${label[0].toUpperCase()}${label.slice(1)} must be a real date, like 23 11 2026` };
}

const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${label} as a number` })
    .refine((n) => Number.isFinite(n), `Enter ${label} as a number`)
    .refine((n) => Number.isInteger(n), `Enter ${label} as a whole number`)
    .refine((n) => n >= min, `Enter ${label} of ${min} or more`)
    .refine((n) => n <= max, `Enter ${label} of ${max.toLocaleString("en-GB")} or fewer`);

export const minutesField = wholeNumber("the minutes", 1, MAX_ENTRY_MINUTES);

const taskCode = z.string({ error: "Select the task" }).trim().min(1, "Select the task").max(40, "Select the task");
const grade = z.enum(STAFF_GRADES, { error: "Select the grade of the person who did the work" });
const cause = z.enum(WORKLOAD_CAUSES, { error: "Select what caused the work" });

/** A manual entry, or an edit of one (`entryId`). The date comes from the date fields (dateFromParts). */
export const entryFieldsSchema = z.object({
  taskCode,
  grade,
  minutes: minutesField,
  quantity: z.preprocess((v) => (v === undefined || v === "" ? 1 : v), wholeNumber("the number of items", 1, MAX_QUANTITY)),
  cause,
  siteId: z.string().trim().max(40).optional().transform((v) => v || null),
  /** A movement (RM-), collection (CL-) or case (CS-) reference to link the work to. */
  reference: z.string().trim().max(20, "Enter a reference like RM-7Q4K-2M9D, CS-7Q4K-2M9D or CL-7Q4K-2M9D").optional().transform((v) => v || null),
  note: freeText("the note", 500, false),
});
export type EntryFields = z.infer<typeof entryFieldsSchema>;

export const entryIdSchema = z.string({ error: "Choose an entry" }).uuid("Choose an entry");

/** Accept (as offered, or with the minutes, grade, cause or note changed) or dismiss a suggestion in one step. */
export const suggestionDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("dismiss"), suggestionId: z.string({ error: "Choose a suggestion" }).uuid("Choose a suggestion") }),
  z.object({ decision: z.literal("accept"), suggestionId: z.string({ error: "Choose a suggestion" }).uuid("Choose a suggestion"), minutes: minutesField, grade, cause, note: freeText("the note", 500, false) }),
]);

/** Pounds and pence an hour, like 24.50. */
export const poundsPerHour = z
  .string({ error: "Enter the rate in pounds an hour" })
  .trim()
  .transform((v) => v.replace(/^£/, "").replace(/,/g, ""))
  .refine((v) => /^\d{1,4}(\.\d{1,2})?$/.test(v), "Enter the rate in pounds an hour, like 24.50")
  .transform((v) => Math.round(Number(v) * 100))
  .refine((p) => p >= 100, "Enter a rate of £1.00 an hour or more")
  .refine((p) => p <= 100_000, "Enter a rate of £1,000.00 an hour or less");

export const rateSchema = z.object({
  grade,
  rate: poundsPerHour,
  source: freeText("where the rate comes from (for example, the practice payroll for 2026/27, with employer's National Insurance and pension)", 600),
});

export const taskUpdateSchema = z.object({
  code: taskCode,
  name: freeText("the task's name", 100),
  description: freeText("what the task covers", 300),
  defaultMinutes: wholeNumber("the default minutes", 1, 600),
  basis: freeText("the basis of the default", 500),
  defaultCause: cause,
  active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

export const evidenceScopeSchema = z.enum(["ALL", "SERVICE_FAILURES", "CASE", "INCIDENT"], { error: "Select what the pack covers" });

/** Creating (and signing) an evidence pack: the period comes from the date fields (`from…`, `to…`). */
export const packSchema = z
  .object({
    scope: evidenceScopeSchema,
    caseReference: z.string().trim().max(20).optional().transform((v) => v || null),
    incidentReference: z.string().trim().max(20).optional().transform((v) => v || null),
    declarationName: freeText("your full name", 200),
    declarationRole: freeText("your role", 100),
    declare: z.literal("yes", { error: "Confirm the declaration to sign the pack" }),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "CASE" && !v.caseReference) ctx.addIssue({ code: "custom", path: ["caseReference"], message: "Enter the case reference, like CS-7Q4K-2M9D" });
    if (v.scope === "INCIDENT" && !v.incidentReference) ctx.addIssue({ code: "custom", path: ["incidentReference"], message: "Select the incident" });
  });

/** The evidence download's query (GET /api/workload/evidence). Lenient here: checked after sign-in by parseEvidenceQuery. */
export const evidenceQuerySchema = z.object({
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  format: z.string().max(10).optional(),
  scope: z.string().max(60).optional(),
  pack: z.string().max(20).optional(),
});

export type EvidenceRequest = { from: string; to: string; format: "csv" | "pdf"; scope: EvidenceScope; caseReference: string | null; incidentReference: string | null; pack: string | null };

/** An incident's reference as typed (IN-7Q4K-2M9D, any case, dashes optional): checked in full by the query. */
const INCIDENT_REFERENCE = /^IN-?[2-9A-HJKMNP-TV-Z]{4}-?[2-9A-HJKMNP-TV-Z]{4}$/i;

/** `scope` in a URL: all, service-failures, case:CS-XXXX-XXXX or incident:IN-XXXX-XXXX. */
export function parseScopeParam(value: string | undefined): { scope: EvidenceScope; caseReference: string | null; incidentReference: string | null } | null {
  if (!value || value === "all") return { scope: "ALL", caseReference: null, incidentReference: null };
  if (value === "service-failures") return { scope: "SERVICE_FAILURES", caseReference: null, incidentReference: null };
  if (value.startsWith("case:")) return { scope: "CASE", caseReference: value.slice(5), incidentReference: null };
  if (value.startsWith("incident:") && INCIDENT_REFERENCE.test(value.slice(9))) return { scope: "INCIDENT", caseReference: null, incidentReference: value.slice(9) };
  return null;
}

export function scopeParam(scope: EvidenceScope, caseReference: string | null, incidentReference: string | null): string {
  return scope === "ALL" ? "all" : scope === "SERVICE_FAILURES" ? "service-failures" : scope === "CASE" ? `case:${caseReference}` : `incident:${incidentReference}`;
}

// Formatters made once: toLocaleString with options builds a new Intl.NumberFormat at every call, which the
// workload page (hundreds of figures) paid for on every request.
const WHOLE = new Intl.NumberFormat("en-GB");
const POUNDS = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const ONE_DECIMAL = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Minutes as hours and minutes ("3 h 05 min"). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${WHOLE.format(h)} h ${String(m).padStart(2, "0")} min` : `${m} min`;
}

/** Pence as pounds ("£1,234.56"). */
export function formatPence(pence: number): string {
  return `£${POUNDS.format(pence / 100)}`;
}

/** Minutes as decimal hours ("12.5"). */
export function hours(minutes: number): string {
  return ONE_DECIMAL.format(minutes / 60);
}

/** A number with thousands separators, as toLocaleString("en-GB") gives it ("1,234", "1.7"). */
export function formatWhole(n: number): string {
  return WHOLE.format(n);
}
