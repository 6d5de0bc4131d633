// Input schemas for cases. Messages follow the NHS service manual: say what is wrong and how to put it right.
import { z } from "zod";
import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { hasControlCharacters } from "@/lib/http/input";
import { CASE_KINDS, SERVICE_FAILURE_CASE_KINDS } from "@/lib/cases/kinds";

const MARKUP = /[<>]/;
/** Ten digits written as an NHS number is (spaced, hyphenated or not). */
const NHS_NUMBER_LIKE = /(?<!\d)\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)/;

function textBase(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .max(max, `${label[0].toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`)
    .refine((v) => !MARKUP.test(v), `${label[0].toUpperCase()}${label.slice(1)} must not contain < or >`)
    .refine((v) => !hasControlCharacters(v), "Remove the unusual character you entered");
}

/** Required free text. */
export function freeText(label: string, max: number, required?: true): z.ZodType<string, unknown>;
/** Optional free text: empty becomes null. */
export function freeText(label: string, max: number, required: false): z.ZodType<string | null, unknown>;
export function freeText(label: string, max: number, required = true): z.ZodType<string | null, unknown> {
  const base = textBase(label, max);
  return required ? base.refine((v) => v.length > 0, `Enter ${label}`) : base.optional().transform((v) => (v ? v : null));
}

const dateText = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label[0].toUpperCase()}${label.slice(1)} must be a date, like 2026-11-23`)
    .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label[0].toUpperCase()}${label.slice(1)} must be a real date`);

const money = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, `${label[0].toUpperCase()}${label.slice(1)} must be an amount in pounds, like 1250.00`);

/** The fields each of PCSE's other services needs to act on a failure (no patient identifiers in any of them). */
export const SERVICE_AREA_FIELDS = {
  SERVICE_REGISTRATIONS: z.object({
    whatFailed: z.enum(["NOT_PROCESSED", "WRONG_PRACTICE", "DEDUCTED_IN_ERROR", "OTHER"], { error: "Select what went wrong with the registrations" }),
    submittedOn: dateText("the date you submitted them"),
    patientsAffected: z.coerce.number({ error: "Enter how many patients are affected" }).int("Enter a whole number").min(1, "Enter 1 or more").max(10_000, "Enter 10,000 or fewer"),
  }),
  SERVICE_PERFORMERS_LIST: z.object({
    performerRole: z.enum(["GP", "NURSE", "OTHER"], { error: "Select the performer's role" }),
    applicationSubmittedOn: dateText("the date the application was submitted"),
    applicationReference: freeText("the application reference", 40, false),
  }),
  SERVICE_SUPPLIES: z.object({
    orderReference: freeText("the order reference", 40),
    orderedOn: dateText("the date you ordered"),
    itemsMissing: freeText("what is missing or wrong", 300),
  }),
  SERVICE_PAYMENTS: z.object({
    paymentPeriod: z.string({ error: "Enter the payment period" }).trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Enter the payment period as a month, like 2026-10"),
    expectedPounds: money("the amount you expected"),
    receivedPounds: money("the amount you received"),
  }),
  SERVICE_PENSIONS: z.object({
    formType: z.enum(["ANNUAL_CERTIFICATE", "ESTIMATE_OF_EARNINGS", "TYPE_1", "TYPE_2", "OTHER"], { error: "Select the pension form" }),
    schemeYear: z.string({ error: "Enter the scheme year" }).trim().regex(/^\d{4}\/\d{2}$/, "Enter the scheme year like 2025/26"),
  }),
  SERVICE_COMMUNICATIONS: z.object({
    whatHappened: z.enum(["MISDIRECTED", "NOT_RECEIVED", "DELAYED", "OTHER"], { error: "Select what happened" }),
    dateOfCorrespondence: dateText("the date of the correspondence"),
  }),
} as const;

export const SERVICE_AREA_FIELD_LABELS: Record<string, string> = {
  whatFailed: "What went wrong",
  submittedOn: "Submitted on",
  patientsAffected: "Patients affected",
  performerRole: "Performer's role",
  applicationSubmittedOn: "Application submitted on",
  applicationReference: "Application reference",
  orderReference: "Order reference",
  orderedOn: "Ordered on",
  itemsMissing: "Missing or wrong",
  paymentPeriod: "Payment period",
  expectedPounds: "Expected (£)",
  receivedPounds: "Received (£)",
  formType: "Pension form",
  schemeYear: "Scheme year",
  whatHappened: "What happened",
  dateOfCorrespondence: "Date of the correspondence",
};

/** A practice raising a case: about one of its movements, or a failure in one of PCSE's other services. */
export const raiseCaseSchema = z.object({
  kind: z.enum(CASE_KINDS, { error: "Select what the problem is" }),
  reference: z.string().trim().max(20).optional(),
  // The summary is what PCSE's queue shows, and the queue shows no patient identifiers.
  summary: freeText("what has happened", 300).refine((v) => !NHS_NUMBER_LIKE.test(v), "Remove the NHS number: PCSE sees the record's details on the case"),
});

export const PRACTICE_MOVEMENT_CASE_KINDS = ["RECORD_NOT_RECEIVED", "LABEL_PROBLEM", "COLLECTION_MISSED", "CROSS_BORDER_DELAY"] as const;
export const PRACTICE_SERVICE_CASE_KINDS = SERVICE_FAILURE_CASE_KINDS;

export const practiceReplySchema = z
  .object({
    reference: z.string().trim().max(20),
    reply: z.enum(["SEARCHED_NOT_HERE", "FOUND_SENDING", "INFORMATION", "WITHDRAW"], { error: "Select your answer" }),
    note: freeText("a message for PCSE", 2000, false),
  })
  .superRefine((v, ctx) => {
    if (v.reply === "INFORMATION" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Enter a message for PCSE" });
  });

export const taskCompletionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("RECONSTITUTE_RECORD"),
    taskId: z.string().uuid("Choose the task"),
    completedOn: dateText("the date the reconstituted record was made"),
    clearlyMarked: z.literal("yes", { error: "Confirm the record is clearly marked as reconstituted" }),
    note: freeText("a note", 1000, false),
  }),
  z.object({
    kind: z.literal("MERGE_FOUND_RECORD"),
    taskId: z.string().uuid("Choose the task"),
    completedOn: dateText("the date the records were merged"),
    merged: z.literal("yes", { error: "Confirm the found record and the reconstituted one are now one" }),
    note: freeText("a note", 1000, false),
  }),
  z.object({
    kind: z.literal("SEARCH_FOR_RECORD"),
    taskId: z.string().uuid("Choose the task"),
    result: z.enum(["NOT_HERE", "FOUND"], { error: "Select what the search found" }),
    note: freeText("a note", 1000, false),
  }),
]);

export const SEARCH_STEPS = ["STORE_RECHECKED", "THIRD_PARTY_STORE", "COURIER_NETWORK", "PREVIOUS_PRACTICE"] as const;
export const SEARCH_STEP_LABELS: Record<(typeof SEARCH_STEPS)[number], string> = {
  STORE_RECHECKED: "PCSE's records store rechecked",
  THIRD_PARTY_STORE: "Third-party stores searched",
  COURIER_NETWORK: "Courier network searched",
  PREVIOUS_PRACTICE: "A previous practice asked",
};

const ods = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, "Enter an ODS code, like A81001");

/** PCSE's actions on a case (one form per action; `action` says which). */
export const caseActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("take"), reference: z.string().max(20) }),
  z.object({ action: z.literal("assign"), reference: z.string().max(20), ownerId: z.string().uuid("Choose who will own the case") }),
  z.object({ action: z.literal("note"), reference: z.string().max(20), note: freeText("the note", 2000), visibility: z.enum(["INTERNAL", "SHARED"], { error: "Say who may see the note" }) }),
  z.object({ action: z.literal("chaseSender"), reference: z.string().max(20), note: freeText("what you asked the sending practice", 2000) }),
  z.object({ action: z.literal("chaseCourier"), reference: z.string().max(20), note: freeText("what you asked the courier", 2000) }),
  z.object({ action: z.literal("askPracticeToSearch"), reference: z.string().max(20), odsCode: ods, note: freeText("what the practice should look for", 2000) }),
  z.object({ action: z.literal("waitOnThirdParty"), reference: z.string().max(20), note: freeText("who you are waiting on", 2000) }),
  z.object({ action: z.literal("resume"), reference: z.string().max(20), note: freeText("a note", 2000, false) }),
  z.object({ action: z.literal("recordSearchStep"), reference: z.string().max(20), step: z.enum(SEARCH_STEPS, { error: "Select where you searched" }), result: z.enum(["NOT_FOUND", "FOUND", "ASKED"], { error: "Select what you found" }), note: freeText("a note", 2000, false) }),
  z.object({ action: z.literal("markFound"), reference: z.string().max(20), foundWhere: freeText("where the record was found", 300), foundHow: freeText("how it was found", 500) }),
  z.object({ action: z.literal("markMissing"), reference: z.string().max(20), note: freeText("a note", 2000, false) }),
  z.object({ action: z.literal("markLost"), reference: z.string().max(20), note: freeText("a note", 2000, false) }),
  z.object({ action: z.literal("arrangeRedelivery"), reference: z.string().max(20), fromOdsCode: ods, bagCount: z.coerce.number({ error: "Enter the number of bags" }).int().min(1, "Enter 1 or more").max(20, "Enter 20 or fewer"), note: freeText("a note", 2000, false) }),
  z.object({ action: z.literal("resolve"), reference: z.string().max(20), outcome: z.string({ error: "Select the outcome" }).max(40), note: freeText("what was done", 1000) }),
  z.object({ action: z.literal("reopen"), reference: z.string().max(20), note: freeText("why the case is reopened", 1000) }),
  z.object({ action: z.literal("close"), reference: z.string().max(20) }),
]);

export type CaseActionInput = z.infer<typeof caseActionSchema>;

export const wrongPatientNhsNumber = z
  .string({ error: "Enter the NHS number written on the record you received" })
  .trim()
  .transform(normaliseNhsNumber)
  .refine((v) => /^\d{10}$/.test(v), "NHS number must be 10 digits")
  .refine(isValidNhsNumber, "Enter a valid NHS number: this one fails the check digit test");
