// Which movements make sense: the purposes a sender can choose, what each means (type and reason), which
// kinds of organisation may receive it, and the service level it runs on. Pure: no database, no clock.
import type { Country, MovementReason, MovementType, OrganisationKind, Priority } from "@/lib/db/generated/enums";

export type Purpose = {
  /** Form value: `TYPE/REASON`. */
  value: `${MovementType}/${MovementReason}`;
  type: MovementType;
  reason: MovementReason;
  label: string;
  hint: string;
  receiverKinds: readonly OrganisationKind[];
  /** Countries the receiver may be in (a practice in Wales receives through the cross-border route). */
  receiverCountries: readonly Country[];
  forcedPriority?: Priority;
};

const practiceKinds = ["GP_PRACTICE", "BRANCH_SURGERY"] as const satisfies readonly OrganisationKind[];

function purpose(p: Omit<Purpose, "value">): Purpose {
  return { ...p, value: `${p.type}/${p.reason}` };
}

/** What a practice can send. PCSE-originated movements (store or agency to practice) come in later work. */
export const PRACTICE_PURPOSES: readonly Purpose[] = [
  purpose({
    type: "PRACTICE_TO_PRACTICE",
    reason: "RE_REGISTRATION",
    label: "Patient registered at another practice in England",
    hint: "The record follows the patient to their new practice.",
    receiverKinds: practiceKinds,
    receiverCountries: ["ENGLAND"],
  }),
  purpose({
    type: "PRACTICE_TO_CROSS_BORDER",
    reason: "CROSS_BORDER_REGISTRATION",
    label: "Patient registered in Wales, Scotland or Northern Ireland",
    hint: "Send to the practice in Wales or to the agency for Scotland or Northern Ireland.",
    receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "CROSS_BORDER_AGENCY"],
    receiverCountries: ["WALES", "SCOTLAND", "NORTHERN_IRELAND"],
  }),
  purpose({
    type: "PRACTICE_TO_STORE",
    reason: "DECEASED",
    label: "Patient has died: send to storage",
    hint: "The record goes to the PCSE records store.",
    receiverKinds: ["PCSE_STORE"],
    receiverCountries: ["ENGLAND"],
  }),
  purpose({
    type: "PRACTICE_TO_STORE",
    reason: "EMBARKED",
    label: "Patient has left the UK (embarked): send to storage",
    hint: "The record goes to the PCSE records store.",
    receiverKinds: ["PCSE_STORE"],
    receiverCountries: ["ENGLAND"],
  }),
  purpose({
    type: "PRACTICE_TO_STORE",
    reason: "REMOVED",
    label: "Patient removed from the list: send to storage",
    hint: "For example after a list cleaning exercise.",
    receiverKinds: ["PCSE_STORE"],
    receiverCountries: ["ENGLAND"],
  }),
  purpose({
    type: "PRACTICE_TO_STORE",
    reason: "WHEREABOUTS_UNKNOWN",
    label: "Patient's whereabouts unknown: send to storage",
    hint: "The record goes to the PCSE records store.",
    receiverKinds: ["PCSE_STORE"],
    receiverCountries: ["ENGLAND"],
  }),
  purpose({
    type: "ADDITIONAL_NOTES",
    reason: "ADDITIONAL_NOTES",
    label: "Additional notes following a record already sent",
    hint: "Letters or results that arrived after the record left.",
    receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "PCSE_STORE", "CROSS_BORDER_AGENCY"],
    receiverCountries: ["ENGLAND", "WALES", "SCOTLAND", "NORTHERN_IRELAND"],
  }),
  purpose({
    type: "URGENT_REQUEST",
    reason: "CLINICAL_NEED",
    label: "Urgent request: clinical need",
    hint: "Always urgent.",
    receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "PCSE_OFFICE"],
    receiverCountries: ["ENGLAND", "WALES"],
    forcedPriority: "URGENT",
  }),
  purpose({
    type: "URGENT_REQUEST",
    reason: "CORONER",
    label: "Urgent request: coroner",
    hint: "Always urgent.",
    receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "PCSE_OFFICE"],
    receiverCountries: ["ENGLAND", "WALES"],
    forcedPriority: "URGENT",
  }),
  purpose({
    type: "URGENT_REQUEST",
    reason: "SUBJECT_ACCESS_REQUEST",
    label: "Urgent request: subject access request (28-day statutory clock)",
    hint: "Always urgent.",
    receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "PCSE_OFFICE"],
    receiverCountries: ["ENGLAND", "WALES"],
    forcedPriority: "URGENT",
  }),
  purpose({
    type: "URGENT_REQUEST",
    reason: "ACCESS_TO_HEALTH_RECORDS",
    label: "Urgent request: Access to Health Records Act (40-day statutory clock)",
    hint: "Always urgent.",
    receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "PCSE_OFFICE"],
    receiverCountries: ["ENGLAND", "WALES"],
    forcedPriority: "URGENT",
  }),
];

export function findPurpose(value: string): Purpose | undefined {
  return PRACTICE_PURPOSES.find((p) => p.value === value);
}

export type ReceiverFacts = { kind: OrganisationKind; country: Country; closed: boolean; sameTree: boolean };

/** Why this receiver cannot take this purpose, in words for the form; null when it can. */
export function receiverProblem(purposeOf: Purpose, receiver: ReceiverFacts): string | null {
  if (receiver.closed) return "That organisation has closed. Choose the organisation that took over its patients";
  if (receiver.sameTree) return "The destination cannot be your own practice or one of its branch surgeries";
  if (!purposeOf.receiverKinds.includes(receiver.kind)) {
    const kinds: Record<OrganisationKind, string> = {
      GP_PRACTICE: "a GP practice",
      BRANCH_SURGERY: "a branch surgery",
      PCSE_STORE: "the PCSE records store",
      PCSE_OFFICE: "a PCSE office",
      CROSS_BORDER_AGENCY: "a cross-border agency",
    };
    return `This kind of movement cannot go to ${kinds[receiver.kind]}`;
  }
  if (!purposeOf.receiverCountries.includes(receiver.country)) {
    return receiver.country === "ENGLAND"
      ? "That practice is in England: choose \u201cPatient registered at another practice in England\u201d"
      : "That organisation is outside England: choose \u201cPatient registered in Wales, Scotland or Northern Ireland\u201d";
  }
  return null;
}

export function effectivePriority(purposeOf: Purpose, chosen: Priority): Priority {
  return purposeOf.forcedPriority ?? chosen;
}

/**
 * The NHS England region accountable for a movement: the receiving practice's (its patient is waiting),
 * else the sending practice's; null for flows with no English practice in them.
 */
export function accountableRegion(
  from: { regionCode: string | null; country: Country },
  to: { regionCode: string | null; country: Country; kind: OrganisationKind },
): string | null {
  if ((to.kind === "GP_PRACTICE" || to.kind === "BRANCH_SURGERY") && to.country === "ENGLAND" && to.regionCode) {
    return to.regionCode;
  }
  return from.country === "ENGLAND" ? from.regionCode : null;
}
