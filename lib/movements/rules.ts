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

/** The choices of the send form, grouped by where the record goes, in the words a practice uses. */
export type PurposeGroup = { id: string; heading: string; purposes: readonly Purpose[] };

const TO_STORE = { type: "PRACTICE_TO_STORE", receiverKinds: ["PCSE_STORE"], receiverCountries: ["ENGLAND"] } as const;

/**
 * What a practice can send. Urgent requests are not here: the receiver asks for a record urgently (the cases work's
 * "request a record urgently"), the sender never starts one. PCSE-originated movements (store or agency to practice)
 * come with the back-office work.
 */
export const PURPOSE_GROUPS: readonly PurposeGroup[] = [
  {
    id: "practice",
    heading: "To the patient's new GP practice in England",
    purposes: [
      purpose({
        type: "PRACTICE_TO_PRACTICE",
        reason: "RE_REGISTRATION",
        label: "The patient has registered with another GP practice in England",
        hint: "The record follows the patient to their new practice.",
        receiverKinds: practiceKinds,
        receiverCountries: ["ENGLAND"],
      }),
    ],
  },
  {
    id: "cross-border",
    heading: "To Wales, Scotland or Northern Ireland",
    purposes: [
      purpose({
        type: "PRACTICE_TO_CROSS_BORDER",
        reason: "CROSS_BORDER_REGISTRATION",
        label: "The patient has registered with a GP in Wales, Scotland or Northern Ireland",
        hint: "Send it to the practice in Wales, or to the agency for Scotland or Northern Ireland. Include a printout of the electronic record.",
        receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "CROSS_BORDER_AGENCY"],
        receiverCountries: ["WALES", "SCOTLAND", "NORTHERN_IRELAND"],
      }),
    ],
  },
  {
    id: "store",
    heading: "To the PCSE records store",
    purposes: [
      purpose({ ...TO_STORE, reason: "DECEASED", label: "The patient has died", hint: "The record is kept in storage." }),
      purpose({ ...TO_STORE, reason: "EMBARKED", label: "The patient has left the UK", hint: "Also called embarkation. The record is kept in storage in case they come back." }),
      purpose({ ...TO_STORE, reason: "REMOVED", label: "The patient has been removed from your list", hint: "For example after a list cleaning exercise." }),
      purpose({ ...TO_STORE, reason: "WHEREABOUTS_UNKNOWN", label: "Nobody knows where the patient is", hint: "Their whereabouts are unknown. The record is kept in storage." }),
    ],
  },
  {
    id: "notes",
    heading: "After a record you have already sent",
    purposes: [
      purpose({
        type: "ADDITIONAL_NOTES",
        reason: "ADDITIONAL_NOTES",
        label: "Letters or results that arrived after the record left",
        hint: "They follow the record to wherever it went.",
        receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "PCSE_STORE", "CROSS_BORDER_AGENCY"],
        receiverCountries: ["ENGLAND", "WALES", "SCOTLAND", "NORTHERN_IRELAND"],
      }),
    ],
  },
];

/** Every purpose the send form offers, in the form's order. */
export const PRACTICE_PURPOSES: readonly Purpose[] = PURPOSE_GROUPS.flatMap((g) => g.purposes);

const urgent = (reason: MovementReason, label: string) =>
  purpose({ type: "URGENT_REQUEST", reason, label, hint: "Always urgent.", receiverKinds: ["GP_PRACTICE", "BRANCH_SURGERY", "PCSE_OFFICE"], receiverCountries: ["ENGLAND", "WALES"], forcedPriority: "URGENT" });

/** Urgent requests: made by the receiver (never on the sender's form); here for movements that already exist. */
export const URGENT_REQUEST_PURPOSES: readonly Purpose[] = [
  urgent("CLINICAL_NEED", "Urgent request: clinical need"),
  urgent("CORONER", "Urgent request: coroner"),
  urgent("SUBJECT_ACCESS_REQUEST", "Urgent request: subject access request"),
  urgent("ACCESS_TO_HEALTH_RECORDS", "Urgent request: Access to Health Records Act"),
];

/** A purpose the send form offers (an urgent request is not one). */
export function findPurpose(value: string): Purpose | undefined {
  return PRACTICE_PURPOSES.find((p) => p.value === value);
}

/** The purpose of an existing movement (for correcting its destination), urgent requests included. */
export function purposeOf(type: MovementType, reason: MovementReason): Purpose | undefined {
  return [...PRACTICE_PURPOSES, ...URGENT_REQUEST_PURPOSES].find((p) => p.type === type && p.reason === reason);
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
      ? `That practice is in England: choose \u201c${PRACTICE_PURPOSES[0].label}\u201d`
      : `That organisation is outside England: choose \u201c${PURPOSE_GROUPS[1].purposes[0].label}\u201d`;
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
