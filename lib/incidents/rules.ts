// The harm review's rules, shared by the server (commands) and the forms. Pure.
import type { HarmLevel, HarmOutcome, HarmReviewerRole, IncidentCategory, IncidentTriage } from "@/lib/db/generated/enums";

export const INCIDENT_CATEGORY_LABELS: Record<IncidentCategory, string> = {
  RECORDS_ARCHIVED_IN_ERROR: "Records archived in error",
  MISDELIVERED_RECORDS: "Misdelivered records",
  CORRESPONDENCE_BACKLOG: "Correspondence backlog",
  DATA_LOSS: "Data loss",
  OTHER: "Other",
};

export const HARM_OUTCOME_LABELS: Record<HarmOutcome, string> = {
  NO_HARM: "No harm",
  POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW: "Potential harm, needs clinical review",
  HARM_IDENTIFIED: "Harm identified",
};

export const HARM_LEVEL_LABELS: Record<HarmLevel, string> = { LOW: "Low", MODERATE: "Moderate", SEVERE: "Severe", DEATH: "Death" };

export const REVIEWER_ROLE_LABELS: Record<HarmReviewerRole, string> = {
  GP: "GP",
  NURSE: "Nurse",
  PHARMACIST: "Pharmacist",
  OTHER_CLINICIAN: "Other clinician",
  PRACTICE_MANAGER: "Practice manager",
  ADMINISTRATIVE_STAFF: "Administrative staff",
};

export const TRIAGE_LABELS: Record<IncidentTriage, string> = { HIGH: "High", LOW: "Low" };

export const CLINICAL_ROLES: readonly HarmReviewerRole[] = ["GP", "NURSE", "PHARMACIST", "OTHER_CLINICIAN"];

export function isClinician(role: HarmReviewerRole): boolean {
  return CLINICAL_ROLES.includes(role);
}

export type HarmReviewFacts = {
  outcome: HarmOutcome;
  harmLevel: HarmLevel | null;
  patientInformed: boolean;
  patientInformedOn: string | null;
  reviewerRole: HarmReviewerRole;
  minutesSpent: number;
};

/**
 * What is wrong with a review, per field (empty when it may be saved):
 * - an outcome other than "no harm" needs a clinician (a clinical judgement);
 * - harm identified needs its level; no level without harm;
 * - "informed" needs its date (not in the future, not before the record was held). Telling the patient is not
 *   required to save a review (harm is often recorded before the conversation), but it is to sign the return when
 *   the harm is moderate, severe or death (signOffProblems below).
 */
export function reviewProblems(r: HarmReviewFacts, today: string, heldFrom: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (r.outcome !== "NO_HARM" && !isClinician(r.reviewerRole)) problems.reviewerRole = "Only a clinician (GP, nurse, pharmacist or other clinician) can record potential harm or harm";
  if (r.outcome === "HARM_IDENTIFIED" && !r.harmLevel) problems.harmLevel = "Select the level of harm";
  if (r.outcome !== "HARM_IDENTIFIED" && r.harmLevel) problems.harmLevel = "A level of harm is only recorded when harm is identified";
  if (r.patientInformed && !r.patientInformedOn) problems.patientInformedOn = "Enter the date the patient was told";
  if (r.patientInformedOn && r.patientInformedOn > today) problems.patientInformedOn = "The date the patient was told must be today or in the past";
  if (r.patientInformedOn && r.patientInformedOn < heldFrom) problems.patientInformedOn = "The date the patient was told cannot be before the record was held";
  if (!Number.isInteger(r.minutesSpent) || r.minutesSpent < 1 || r.minutesSpent > 600) problems.minutesSpent = "Enter the minutes spent, from 1 to 600";
  return problems;
}

/** Days between two calendar dates (YYYY-MM-DD): how long a record was held. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "7 months" / "45 days": a held record's delay in words. */
export function delayText(days: number): string {
  if (days < 62) return `${days} day${days === 1 ? "" : "s"}`;
  const months = Math.round(days / 30.44);
  return months < 24 ? `${months} months` : `${(days / 365.25).toFixed(1)} years`;
}

/** Harm levels at which the statutory duty of candour applies (notifiable safety incidents, CQC Regulation 20). */
export const CANDOUR_LEVELS: readonly HarmLevel[] = ["MODERATE", "SEVERE", "DEATH"];

export type ReviewState = { outcome: HarmOutcome | null; harmLevel: HarmLevel | null; patientInformed: boolean };

/**
 * Why the practice manager cannot sign the practice's return yet (empty when they can): every patient reviewed,
 * none left at "potential harm, needs clinical review" (a clinician must conclude it), and every patient with
 * moderate or severe harm (or the family, after a death) told.
 */
export function signOffProblems(items: readonly ReviewState[]): string[] {
  const problems: string[] = [];
  const unreviewed = items.filter((i) => i.outcome === null).length;
  const pending = items.filter((i) => i.outcome === "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW").length;
  const untold = items.filter((i) => i.outcome === "HARM_IDENTIFIED" && i.harmLevel && CANDOUR_LEVELS.includes(i.harmLevel) && !i.patientInformed).length;
  if (items.length === 0) problems.push("The practice has no patients in this incident");
  if (unreviewed) problems.push(`${unreviewed} patient${unreviewed === 1 ? " has" : "s have"} not been reviewed`);
  if (pending) problems.push(`${pending} patient${pending === 1 ? " is" : "s are"} waiting for a clinical review of potential harm`);
  if (untold) problems.push(`${untold} patient${untold === 1 ? " with" : "s with"} moderate or severe harm (or death) not yet told (duty of candour)`);
  return problems;
}
