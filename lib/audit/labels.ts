// The audit trail's words: each action as an administrator reads it. Pure (the filter form and the CSV use it).
import type { AuditAction } from "@/lib/audit/record";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  SIGN_IN: "Signed in",
  SIGN_OUT: "Signed out",
  VIEW_MOVEMENT: "Viewed a movement (patient details shown)",
  VIEW_REPORTED_PATIENT: "Viewed the NHS number on a wrong-patient report",
  LIST_MOVEMENTS: "Listed movements (patient details shown)",
  SEARCH_MOVEMENTS: "Searched movements",
  SEARCH_NHS_NUMBER: "Searched by NHS number",
  CREATE_MOVEMENT: "Sent a record",
  SEND_REFUSED: "Send refused",
  UPDATE_PATIENT_NAME: "Changed a patient's name (no longer possible)",
  PRINT_LABELS: "Printed labels",
  VOID_LABEL: "Voided and reissued a label",
  MARK_READY: "Marked records ready for collection",
  BOOK_COLLECTION: "Booked a collection",
  RECEIVE_MOVEMENT: "Confirmed a record received",
  REPORT_PROBLEM: "Reported a problem with a record",
  CREATE_SERVICE_LEVEL_POLICY: "Made a service-level policy version",
  ADD_BANK_HOLIDAY: "Added a bank holiday",
  RUN_JOB: "Ran a job",
  CANCEL_MOVEMENT: "Cancelled a movement",
  CORRECT_DESTINATION: "Corrected a movement's destination",
  MARK_NO_PAPER_RECORD: "Marked a movement as having no paper record",
  MARK_HELD_AT_PRACTICE: "Kept a record at the practice",
  SEARCH_AUDIT: "Searched the audit trail by NHS number",
  EXPORT_AUDIT: "Exported the audit trail",
  CREATE_USER: "Created a user",
  UPDATE_USER: "Changed a user's role or organisation",
  DISABLE_USER: "Disabled a user",
  ENABLE_USER: "Enabled a user",
  CREATE_ORGANISATION: "Added a branch surgery",
  UPDATE_ORGANISATION: "Corrected an organisation",
  CLOSE_ORGANISATION: "Marked an organisation closed",
  REOPEN_ORGANISATION: "Marked an organisation open again",
  CREATE_CASE: "Raised a case (or joined an open one)",
  VIEW_CASE: "Viewed a case (patient details shown)",
  UPDATE_CASE: "Worked on a case",
  CREATE_URGENT_REQUEST: "Made an urgent request",
  UPDATE_URGENT_REQUEST: "Acted on an urgent request",
  VIEW_URGENT_REQUEST: "Viewed an urgent request (patient details shown)",
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
