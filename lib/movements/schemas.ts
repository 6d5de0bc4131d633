// Input schemas for movements. Messages follow the NHS service manual's error message guidance: say what
// happened and how to fix it, in plain words.
import { z } from "zod";
import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { findPurpose } from "@/lib/movements/rules";
import { fieldErrorsOf } from "@/lib/errors";
import { hasControlCharacters, safeText } from "@/lib/http/input";

const MARKUP = /[<>]/;

function text(label: string, max: number) {
  return z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `The ${label} must be ${max} characters or fewer`)
    .refine((v) => !MARKUP.test(v), `The ${label} must not contain < or >`)
    .refine((v) => !hasControlCharacters(v), `Remove the unusual character from the ${label}`);
}

const datePart = (label: string) => z.string({ error: `Date of birth must include a ${label}` }).trim();

export const sendRecordFieldsSchema = z.object({
    nhsNumber: z
      .string({ error: "Enter the patient's NHS number" })
      .trim()
      .min(1, "Enter the patient's NHS number")
      .transform(normaliseNhsNumber)
      .refine((v) => /^\d{10}$/.test(v), "NHS number must be 10 digits")
      .refine(isValidNhsNumber, "Enter a valid NHS number: this one fails the check digit test"),
    givenName: text("patient's given name", 100),
    familyName: text("patient's family name", 100),
    purpose: z
      .string({ error: "Select why the record is moving" })
      .refine((v) => Boolean(findPurpose(v)), "Select why the record is moving"),
    fromOrganisationId: z.string({ error: "Select the site sending the record" }).uuid("Select the site sending the record"),
    destinationOdsCode: z
      .string({ error: "Enter the destination's ODS code, name or postcode and choose from the list" })
      .trim()
      .toUpperCase()
      .min(1, "Enter the destination's ODS code, name or postcode and choose from the list")
      .max(10, "An ODS code is 3 to 10 letters and numbers, like A81001")
      .regex(/^[A-Z0-9]{3,10}$/, "An ODS code is 3 to 10 letters and numbers, like A81001"),
    priority: z.enum(["ROUTINE", "URGENT"], { error: "Select a priority" }),
    // Only a string (a form field) or a number may become a number: coercion would turn ["2"] into 2.
    bagCount: z
      .preprocess((v) => (typeof v === "string" || typeof v === "number" ? v : Number.NaN), z.coerce.number({ error: "Number of bags must be a number, like 1" }))
      .pipe(z.number({ error: "Number of bags must be a number, like 1" })
      .int("Number of bags must be a whole number")
      .min(1, "Number of bags must be 1 or more")
      .max(20, "Number of bags must be 20 or fewer: call PCSE for larger records")),
    notes: z
      .string({ error: "Notes must be text" })
      .trim()
      .max(500, "Notes must be 500 characters or fewer")
      .refine((v) => !MARKUP.test(v), "Notes must not contain < or >")
      .refine((v) => !hasControlCharacters(v), "Remove the unusual character from the notes")
      .optional()
      .transform((v) => (v ? v : null)),
  });

/** Date of birth from the NHS date-input pattern (three fields), checked on its own so its error shows with the others. */
export const dateOfBirthSchema = z
  .object({ dobDay: datePart("day"), dobMonth: datePart("month"), dobYear: datePart("year") })
  .transform((value, ctx) => {
    const parts = [value.dobDay, value.dobMonth, value.dobYear];
    if (parts.every((p) => p === "")) {
      ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: "Enter the patient's date of birth" });
      return z.NEVER;
    }
    const [day, month, year] = parts.map(Number);
    const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const date = new Date(`${iso}T00:00:00Z`);
    const valid =
      parts.every((p) => /^\d{1,4}$/.test(p)) &&
      !Number.isNaN(date.getTime()) &&
      date.getUTCFullYear() === year &&
      date.getUTCMonth() + 1 === month &&
      date.getUTCDate() === day;
    if (!valid) {
      ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: "Date of birth must be a real date, like 27 3 1961" });
      return z.NEVER;
    }
    if (year < 1880 || date.getTime() > Date.now()) {
      ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: "Date of birth must be in the past and after 1880" });
      return z.NEVER;
    }
    return iso;
  });

/** The send form as posted: plain text fields (createMovement checks each one). */
export const sendRecordInput = z.record(safeText(100), z.union([safeText(1000), z.array(safeText(1000)).max(20)]));

export type SendRecordInput = z.infer<typeof sendRecordFieldsSchema> & { dateOfBirth: string };

/** Parses the whole send-a-record form, collecting every field's error at once. */
export function parseSendRecord(raw: Record<string, unknown>):
  | { ok: true; data: SendRecordInput }
  | { ok: false; fieldErrors: Record<string, string[]> } {
  const fields = sendRecordFieldsSchema.safeParse(raw);
  const dob = dateOfBirthSchema.safeParse(raw);
  if (fields.success && dob.success) return { ok: true, data: { ...fields.data, dateOfBirth: dob.data } };
  // The three date fields answer as one: "dateOfBirth".
  const rename = (field: string) => (field.startsWith("dob") ? "dateOfBirth" : field);
  return { ok: false, fieldErrors: fieldErrorsOf({ issues: [...(fields.error?.issues ?? []), ...(dob.error?.issues ?? [])] }, rename) };
}


export const MOVEMENT_SORTS = ["created", "due", "status", "reference"] as const;
export const STATUS_FILTERS = ["open", "closed", "overdue", "all"] as const;

export const movementListSchema = z.object({
  status: z.enum(STATUS_FILTERS).catch("open"),
  priority: z.enum(["ROUTINE", "URGENT", "any"]).catch("any"),
  q: z.string().trim().max(100).refine((v) => !hasControlCharacters(v)).catch("").default(""),
  sort: z.enum(MOVEMENT_SORTS).catch("created"),
  order: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type MovementListParams = z.infer<typeof movementListSchema>;
