// Input for urgent requests. The requesting practice says who the patient is (as it recorded them), why it needs the
// record (clinical need, or a request with a statutory clock: subject access, Access to Health Records Act, a
// coroner, a court), the dates the clock runs from, and who holds the record (the previous practice, or PCSE's
// store). Nothing here reveals whether the portal already knows the NHS number.
import { z } from "zod";
import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { freeText } from "@/lib/cases/schemas";
import type { UrgentBasis } from "@/lib/db/generated/enums";

export const URGENT_BASES = ["CLINICAL_NEED", "SUBJECT_ACCESS_REQUEST", "ACCESS_TO_HEALTH_RECORDS", "CORONER", "COURT"] as const satisfies readonly UrgentBasis[];

export const URGENT_BASIS_LABELS: Record<UrgentBasis, string> = {
  CLINICAL_NEED: "Clinical need",
  SUBJECT_ACCESS_REQUEST: "Subject access request (UK GDPR)",
  ACCESS_TO_HEALTH_RECORDS: "Access to Health Records Act 1990 (a deceased patient)",
  CORONER: "Coroner",
  COURT: "Court order",
};

export const URGENT_BASIS_HINTS: Record<UrgentBasis, string> = {
  CLINICAL_NEED: "A clinician needs the paper record to treat the patient. There is no statutory date: the policy's internal target applies.",
  SUBJECT_ACCESS_REQUEST: "Due one calendar month after you received the request (or the ID or clarification you asked for), on the next working day if that is a weekend or bank holiday; two months more if you told the requester you are extending.",
  ACCESS_TO_HEALTH_RECORDS: "Due 40 days after the application, or 21 days when every entry in the record was made in the 40 days before it.",
  CORONER: "Due on the date the coroner's notice gives.",
  COURT: "Due on the date the court order gives.",
};

const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a real date`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
    }, `Enter ${label} as a real date`);

const nameField = (label: string) => freeText(label, 100);

export const urgentRequestSchema = z
  .object({
    nhsNumber: z
      .string({ error: "Enter the patient's NHS number" })
      .transform((v) => normaliseNhsNumber(v))
      .refine((v) => v.length > 0, "Enter the patient's NHS number")
      .refine((v) => /^\d{10}$/.test(v), "Enter the NHS number as 10 digits, like 943 476 5919")
      .refine((v) => isValidNhsNumber(v), "Enter a valid NHS number: this one fails the check digit test"),
    familyName: nameField("the patient's last name"),
    givenName: nameField("the patient's first name"),
    dateOfBirth: isoDate("the patient's date of birth"),
    basis: z.enum(URGENT_BASES, { error: "Select why you need the record" }),
    receivedOn: isoDate("the date the request was received"),
    extended: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
    recentEntriesOnly: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
    dateGiven: z.string().trim().optional().transform((v) => v || null),
    holder: z.enum(["PRACTICE", "STORE"], { error: "Select who holds the record" }),
    holderOdsCode: z.string().trim().toUpperCase().max(10).optional().transform((v) => v || null),
    note: freeText("a note", 1000, false),
  })
  .superRefine((v, ctx) => {
    if ((v.basis === "CORONER" || v.basis === "COURT") && !v.dateGiven) {
      ctx.addIssue({ code: "custom", path: ["dateGiven"], message: `Enter the date the ${v.basis === "CORONER" ? "coroner's notice" : "court order"} gives` });
    }
    if (v.dateGiven) {
      const parsed = isoDate("the date given").safeParse(v.dateGiven);
      if (!parsed.success) ctx.addIssue({ code: "custom", path: ["dateGiven"], message: parsed.error.issues[0].message });
      else if (v.dateGiven < v.receivedOn) ctx.addIssue({ code: "custom", path: ["dateGiven"], message: "The date given must be on or after the day the request was received" });
    }
    if (v.holder === "PRACTICE" && !v.holderOdsCode) ctx.addIssue({ code: "custom", path: ["holderOdsCode"], message: "Enter the ODS code of the practice that holds the record, like A81001" });
    if (v.dateOfBirth > v.receivedOn) ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: "The date of birth must be before the day the request was received" });
  });

export type UrgentRequestInput = z.infer<typeof urgentRequestSchema>;

export const urgentResponseSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("acknowledge"), reference: z.string().max(20), note: freeText("a note", 500, false) }),
  z.object({ action: z.literal("send"), reference: z.string().max(20), bagCount: z.coerce.number({ error: "Enter how many bags" }).int("Enter a whole number of bags").min(1, "Enter 1 or more bags").max(20, "Enter 20 bags or fewer"), note: freeText("a note", 500, false) }),
  z.object({ action: z.literal("cancel"), reference: z.string().max(20), note: freeText("why you are cancelling", 500) }),
]);
