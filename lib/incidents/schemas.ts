// Input for incidents: PCSE's new-incident form, a row of the affected-patients file, a practice's harm review
// (one patient, or many "no harm" at once), the manager's sign-off and PCSE's chase. Messages follow the NHS
// service manual's error message guidance.
import { z } from "zod";
import { freeText } from "@/lib/cases/schemas";
import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { normaliseReference } from "@/lib/movements/reference";
import type { HarmLevel, HarmOutcome, HarmReviewerRole, IncidentCategory, IncidentPaymentScheme } from "@/lib/db/generated/enums";
import { paymentTermsSchema, SBS_BANDS, type PaymentTerms } from "@/lib/incidents/payment";

export const INCIDENT_CATEGORIES = ["RECORDS_ARCHIVED_IN_ERROR", "MISDELIVERED_RECORDS", "CORRESPONDENCE_BACKLOG", "DATA_LOSS", "OTHER"] as const satisfies readonly IncidentCategory[];
export const PAYMENT_SCHEMES = ["NONE", "FLAT_PER_PRACTICE", "BANDED", "PER_ITEM"] as const satisfies readonly IncidentPaymentScheme[];
export const HARM_OUTCOMES = ["NO_HARM", "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW", "HARM_IDENTIFIED"] as const satisfies readonly HarmOutcome[];
export const HARM_LEVELS = ["LOW", "MODERATE", "SEVERE", "DEATH"] as const satisfies readonly HarmLevel[];
export const REVIEWER_ROLES = ["GP", "NURSE", "PHARMACIST", "OTHER_CLINICIAN", "PRACTICE_MANAGER", "ADMINISTRATIVE_STAFF"] as const satisfies readonly HarmReviewerRole[];

export const INCIDENT_REFERENCE = /^IN-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isIsoDate, `Enter ${label} as a real date, like 2026-11-23`);

/** Pounds as typed ("50", "50.00", "£1,250.50") to whole pence, or null when empty. */
function poundsToPence(v: unknown): number | null | typeof Number.NaN {
  if (typeof v !== "string" || v.trim() === "") return null;
  const cleaned = v.trim().replace(/^£/, "").replace(/,/g, "");
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  return Math.round(Number(cleaned) * 100);
}

const pounds = (label: string) =>
  z.unknown().optional().transform((v, ctx) => {
    const p = poundsToPence(v);
    if (Number.isNaN(p)) {
      ctx.addIssue({ code: "custom", message: `Enter ${label} in pounds, like 50 or 12.50` });
      return z.NEVER;
    }
    return p as number | null;
  });

export const createIncidentSchema = z
  .object({
    title: freeText("a title", 200),
    category: z.enum(INCIDENT_CATEGORIES, { error: "Select the kind of incident" }),
    responsibleOrganisation: freeText("the organisation responsible", 200),
    discoveredOn: isoDate("the date it was discovered"),
    reviewsDueDate: isoDate("the date reviews are due"),
    paymentScheme: z.enum(PAYMENT_SCHEMES, { error: "Select how practices are paid" }),
    flatAmount: pounds("the amount per practice"),
    perItemAmount: pounds("the amount per patient"),
  })
  .superRefine((v, ctx) => {
    if (v.reviewsDueDate < v.discoveredOn) ctx.addIssue({ code: "custom", path: ["reviewsDueDate"], message: "The date reviews are due must be after the incident was discovered" });
    if (v.paymentScheme === "FLAT_PER_PRACTICE" && !v.flatAmount) ctx.addIssue({ code: "custom", path: ["flatAmount"], message: "Enter the amount per practice" });
    if (v.paymentScheme === "PER_ITEM" && !v.perItemAmount) ctx.addIssue({ code: "custom", path: ["perItemAmount"], message: "Enter the amount per patient" });
  })
  .transform((v) => {
    const terms: PaymentTerms =
      v.paymentScheme === "FLAT_PER_PRACTICE" ? { flatPence: v.flatAmount ?? 0 } : v.paymentScheme === "PER_ITEM" ? { perItemPence: v.perItemAmount ?? 0 } : v.paymentScheme === "BANDED" ? { bands: { ...SBS_BANDS } } : {};
    return { title: v.title, category: v.category, responsibleOrganisation: v.responsibleOrganisation, discoveredOn: v.discoveredOn, reviewsDueDate: v.reviewsDueDate, paymentScheme: v.paymentScheme, paymentTerms: paymentTermsSchema.parse(terms) };
  });

export type CreateIncidentInput = z.infer<typeof createIncidentSchema>;

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "yes" || v === true, z.boolean());

export const harmReviewSchema = z.object({
  reference: z.string().max(20),
  itemId: z.string({ error: "Choose a patient" }).uuid("Choose a patient"),
  outcome: z.enum(HARM_OUTCOMES, { error: "Select the outcome of the review" }),
  harmLevel: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(HARM_LEVELS, { error: "Select the level of harm" }).nullable()),
  harmDescription: freeText("what harm was found", 2000, false),
  patientInformed: z.preprocess((v) => v === "yes" || v === "on" || v === true, z.boolean()),
  patientInformedOn: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().refine(isIsoDate, "Enter the date the patient was told as a real date, like 2026-11-23").nullable()),
  actionsTaken: freeText("the actions taken", 2000, false),
  reviewerRole: z.enum(REVIEWER_ROLES, { error: "Select the reviewer's role" }),
  minutesSpent: z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v), z.number({ error: "Enter the minutes spent, from 1 to 600" }).int("Enter whole minutes").min(1, "Enter the minutes spent, from 1 to 600").max(600, "Enter the minutes spent, from 1 to 600")),
});

export type HarmReviewInput = z.infer<typeof harmReviewSchema>;

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().uuid("Choose patients from the list")).max(1000, "Choose 1,000 patients or fewer at once"));

export const bulkNoHarmSchema = z.object({
  reference: z.string().max(20),
  itemIds: idList.refine((v) => v.length > 0, "Select the patients reviewed with no harm"),
  reviewerRole: z.enum(REVIEWER_ROLES, { error: "Select the reviewer's role" }),
  minutesSpent: z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v), z.number({ error: "Enter the total minutes spent" }).int("Enter whole minutes").min(1, "Enter the total minutes spent").max(30_000, "Enter 30,000 minutes or fewer")),
  confirm: checkbox.refine((v) => v, "Confirm that a clinician reviewed each selected patient and found no harm"),
});

export const signReturnSchema = z.object({
  reference: z.string().max(20),
  declaration: checkbox.refine((v) => v, "Confirm the declaration to sign the return"),
});

export const chaseSchema = z.object({
  reference: z.string().max(20),
  practiceIds: idList,
  /** "not-started": every practice that has not reviewed anyone. */
  scope: z.enum(["selected", "not-started"]).default("selected"),
});

// ---------------------------------------------------------------------------------------------------
// The affected-patients file
// ---------------------------------------------------------------------------------------------------

/** Columns of the import file (a header row, any order, any case; spaces and hyphens read as underscores). */
export const IMPORT_COLUMNS = ["nhs_number", "practice_ods_code", "held_from", "released_on", "movement_reference", "priority", "family_name", "given_name", "date_of_birth"] as const;
export const REQUIRED_COLUMNS = ["nhs_number", "practice_ods_code", "held_from", "priority"] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/^\ufeff/, "").replace(/[\s-]+/g, "_");
}

export type CheckedRow = {
  nhsNumber: string;
  practiceOdsCode: string;
  heldFrom: string;
  releasedOn: string | null;
  movementReference: string | null;
  priority: "HIGH" | "LOW";
  familyName: string | null;
  givenName: string | null;
  dateOfBirth: string | null;
};

const ODS = /^[A-Z0-9]{3,10}$/;
const NAME_BAD = /[<>\u0000-\u001f\u007f]/;

/**
 * Checks one row's own fields (what needs no database): every problem found, joined, or the clean row. Whether
 * the practice exists, the NHS number repeats, or the movement reference is known is checked in the database.
 */
export function checkImportRow(raw: Partial<Record<ImportColumn, string>>, today: string): { row: CheckedRow; problems: string[] } {
  const problems: string[] = [];
  const get = (c: ImportColumn) => (raw[c] ?? "").trim();
  const nhsNumber = normaliseNhsNumber(get("nhs_number"));
  if (!nhsNumber) problems.push("NHS number missing");
  else if (!/^\d{10}$/.test(nhsNumber)) problems.push("NHS number must be 10 digits");
  else if (!isValidNhsNumber(nhsNumber)) problems.push("NHS number fails the check digit test");
  const ods = get("practice_ods_code").toUpperCase();
  if (!ods) problems.push("practice ODS code missing");
  else if (!ODS.test(ods)) problems.push("practice ODS code is not a code, like A81001");
  const heldFrom = get("held_from");
  if (!heldFrom) problems.push("held from date missing");
  else if (!isIsoDate(heldFrom)) problems.push("held from is not a real date (YYYY-MM-DD)");
  else if (heldFrom > today) problems.push("held from is in the future");
  const released = get("released_on");
  if (released) {
    if (!isIsoDate(released)) problems.push("released on is not a real date (YYYY-MM-DD)");
    else if (released > today) problems.push("released on is in the future");
    else if (isIsoDate(heldFrom) && released < heldFrom) problems.push("released on is before held from");
  }
  const refText = get("movement_reference");
  const movementReference = refText ? normaliseReference(refText) : null;
  if (refText && !movementReference) problems.push("movement reference is not a reference, like RM-7Q4K-2M9D");
  const p = get("priority").toUpperCase();
  if (!p) problems.push("priority missing");
  else if (p !== "HIGH" && p !== "LOW") problems.push("priority must be high or low");
  const familyName = get("family_name") || null;
  const givenName = get("given_name") || null;
  const dob = get("date_of_birth") || null;
  if ((familyName && familyName.length > 100) || (givenName && givenName.length > 100)) problems.push("a name is longer than 100 characters");
  if ((familyName && NAME_BAD.test(familyName)) || (givenName && NAME_BAD.test(givenName))) problems.push("a name holds < or > or a control character");
  if (dob && (!isIsoDate(dob) || dob > today)) problems.push("date of birth is not a real past date (YYYY-MM-DD)");
  return {
    row: { nhsNumber, practiceOdsCode: ods, heldFrom, releasedOn: released || null, movementReference, priority: p === "HIGH" ? "HIGH" : "LOW", familyName, givenName, dateOfBirth: dob },
    problems,
  };
}
