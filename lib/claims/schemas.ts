// Input for claims. Amounts in pounds and pence as typed ("1,250.00"), held in pence.
import { z } from "zod";
import { freeText } from "@/lib/cases/schemas";

export const amountPounds = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .transform((v) => v.replace(/^£/, "").replace(/,/g, ""))
    .refine((v) => /^\d{1,7}(\.\d{1,2})?$/.test(v), `Enter ${label} in pounds, like 1250.00`)
    .transform((v) => Math.round(Number(v) * 100))
    .refine((p) => p >= 1, `Enter ${label} of at least £0.01`);

const reference = z.string({ error: "Choose a claim" }).trim().min(1, "Choose a claim").max(20, "Choose a claim");

export const submitClaimSchema = z.object({
  pack: z.string({ error: "Choose the evidence pack" }).trim().min(1, "Choose the evidence pack").max(20, "Choose the evidence pack"),
  summary: freeText("what the claim is for", 1000),
});

export const practiceClaimSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("acceptOffer"), reference, confirmWarning: z.literal("yes", { error: "Confirm that you understand accepting may bar further claims" }) }),
  z.object({ action: z.literal("rejectOffer"), reference, note: freeText("why you are rejecting the offer", 1000) }),
]);

export const commissionerClaimSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("startReview"), reference, note: freeText("a note", 1000, false) }),
  z.object({ action: z.literal("makeOffer"), reference, offer: amountPounds("the amount offered"), note: freeText("how the offer was reached", 1000) }),
  z.object({ action: z.literal("decline"), reference, note: freeText("why the claim is declined", 1000) }),
  z.object({ action: z.literal("markPaid"), reference, paid: amountPounds("the amount paid"), note: freeText("a note", 1000, false) }),
]);
