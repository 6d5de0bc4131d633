// The kinds of case PCSE resolves (domain.md, "Case"). Named here, before the case tables exist, because the
// service-level policy sets a first-response and a resolution target for each. Pure.

export const RECORD_CASE_KINDS = [
  "RECORD_NOT_RECEIVED",
  "MISSING_RECORD",
  "INCOMPLETE_RECORD",
  "WRONG_PATIENT",
  "DAMAGED_RECORD",
  "LABEL_PROBLEM",
  "COLLECTION_MISSED",
  "URGENT_REQUEST_CHASE",
  "CROSS_BORDER_DELAY",
  "DEMOGRAPHICS_DISAGREEMENT",
] as const;

/** Failures a practice reports in PCSE's other services. */
export const SERVICE_FAILURE_CASE_KINDS = [
  "SERVICE_REGISTRATIONS",
  "SERVICE_PERFORMERS_LIST",
  "SERVICE_SUPPLIES",
  "SERVICE_PAYMENTS",
  "SERVICE_PENSIONS",
  "SERVICE_COMMUNICATIONS",
] as const;

export const CASE_KINDS = [...RECORD_CASE_KINDS, ...SERVICE_FAILURE_CASE_KINDS] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  RECORD_NOT_RECEIVED: "Record not received",
  MISSING_RECORD: "Missing record",
  INCOMPLETE_RECORD: "Incomplete record",
  WRONG_PATIENT: "Wrong patient's record",
  DAMAGED_RECORD: "Damaged record",
  LABEL_PROBLEM: "Label not received or incorrect",
  COLLECTION_MISSED: "Collection missed",
  URGENT_REQUEST_CHASE: "Urgent request chase",
  CROSS_BORDER_DELAY: "Cross-border delay",
  DEMOGRAPHICS_DISAGREEMENT: "Demographics disagree between senders",
  SERVICE_REGISTRATIONS: "Registrations",
  SERVICE_PERFORMERS_LIST: "Performers list",
  SERVICE_SUPPLIES: "Supplies",
  SERVICE_PAYMENTS: "Payments",
  SERVICE_PENSIONS: "Pensions",
  SERVICE_COMMUNICATIONS: "Communications",
};

/** The statuses of a case that stop its clock for a while (the policy says which of them pause). */
export const CASE_WAITING_STATUSES = ["WAITING_ON_PRACTICE", "WAITING_ON_COURIER", "WAITING_ON_THIRD_PARTY"] as const;
export type CaseWaitingStatus = (typeof CASE_WAITING_STATUSES)[number];

/**
 * Kinds only PCSE ever sees. A demographics disagreement says that another sender recorded different details for
 * the same NHS number: telling either practice would reveal what another practice recorded (docs/decisions.md,
 * "What the receiver sees when details disagree: nothing different"), so its case is not in any practice's scope.
 */
export const PCSE_ONLY_CASE_KINDS = ["DEMOGRAPHICS_DISAGREEMENT"] as const satisfies readonly CaseKind[];
