// A claim's life, the one place its transitions are written (pure). NHS England decides claims case by case, and
// accepting an offer may bar further claims (domain brief, "Compensation"):
//   SUBMITTED --(commissioner: start review)--> UNDER_REVIEW --(commissioner: make an offer, an amount)--> OFFER_MADE
//   OFFER_MADE --(practice manager: accept, confirming the warning)--> ACCEPTED --(commissioner: mark paid)--> PAID
//   OFFER_MADE --(practice manager: reject the offer)--> REJECTED
//   SUBMITTED | UNDER_REVIEW --(commissioner: decline the claim)--> REJECTED
import type { ClaimStatus } from "@/lib/db/generated/enums";

export type ClaimParty = "practice" | "commissioner";

export const CLAIM_ACTIONS = {
  startReview: { from: ["SUBMITTED"], to: "UNDER_REVIEW", by: "commissioner", label: "Start the review" },
  makeOffer: { from: ["UNDER_REVIEW"], to: "OFFER_MADE", by: "commissioner", label: "Make an offer" },
  decline: { from: ["SUBMITTED", "UNDER_REVIEW"], to: "REJECTED", by: "commissioner", label: "Decline the claim" },
  markPaid: { from: ["ACCEPTED"], to: "PAID", by: "commissioner", label: "Mark as paid" },
  acceptOffer: { from: ["OFFER_MADE"], to: "ACCEPTED", by: "practice", label: "Accept the offer" },
  rejectOffer: { from: ["OFFER_MADE"], to: "REJECTED", by: "practice", label: "Reject the offer" },
} as const satisfies Record<string, { from: readonly ClaimStatus[]; to: ClaimStatus; by: ClaimParty; label: string }>;

export type ClaimAction = keyof typeof CLAIM_ACTIONS;

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  SUBMITTED: "Submitted",
  UNDER_REVIEW: "Under review",
  OFFER_MADE: "Offer made",
  ACCEPTED: "Offer accepted",
  REJECTED: "Rejected",
  PAID: "Paid",
};

/** Claims still being decided (their evidence is locked) and those that end a practice's claim for that work. */
export const OPEN_CLAIM_STATUSES: readonly ClaimStatus[] = ["SUBMITTED", "UNDER_REVIEW", "OFFER_MADE"];
export const SETTLED_CLAIM_STATUSES: readonly ClaimStatus[] = ["ACCEPTED", "PAID"];

/** The warning a practice manager confirms before accepting an offer. */
export const ACCEPTANCE_WARNING =
  "Accepting this offer may bar the practice from making any further claim for the same work or the same failures. The work in this claim's evidence pack cannot be claimed again from the portal.";

export function canTakeClaimAction(action: ClaimAction, status: ClaimStatus, party: ClaimParty): boolean {
  const rule = CLAIM_ACTIONS[action];
  return rule.by === party && (rule.from as readonly ClaimStatus[]).includes(status);
}

/** The actions a party may take on a claim in a status, in the order the screen offers them. */
export function claimActionsFor(status: ClaimStatus, party: ClaimParty): ClaimAction[] {
  return (Object.keys(CLAIM_ACTIONS) as ClaimAction[]).filter((a) => canTakeClaimAction(a, status, party));
}
