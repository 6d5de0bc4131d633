// Words for the enums, as users see them. Pure: used by server and client components.
import type { MovementReason, MovementStatus, MovementType, Priority, TrackingEventType, TrackingSource, OrganisationKind } from "@/lib/db/generated/enums";

export const STATUS_LABELS: Record<MovementStatus, string> = {
  REQUESTED: "Requested",
  LABELLED: "Label printed",
  READY_FOR_COLLECTION: "Ready for collection",
  COLLECTED: "Collected",
  IN_TRANSIT: "In transit",
  OUT_FOR_DELIVERY: "Out for delivery",
  DELIVERED: "Delivered",
  RECEIVED: "Received",
  DELIVERY_FAILED: "Delivery failed",
  RETURNED_TO_SENDER: "Returned to sender",
  MISSING: "Missing",
  LOST: "Lost",
  NO_PAPER_RECORD: "No paper record",
  HELD_AT_PRACTICE: "Held at practice",
  CANCELLED: "Cancelled",
};

/** NHS tag colours; every pair meets WCAG AA contrast. */
export const STATUS_TONE: Record<MovementStatus, "grey" | "blue" | "green" | "red" | "yellow" | "white"> = {
  REQUESTED: "grey",
  LABELLED: "white",
  READY_FOR_COLLECTION: "yellow",
  COLLECTED: "blue",
  IN_TRANSIT: "blue",
  OUT_FOR_DELIVERY: "blue",
  DELIVERED: "green",
  RECEIVED: "green",
  DELIVERY_FAILED: "red",
  RETURNED_TO_SENDER: "red",
  MISSING: "red",
  LOST: "red",
  NO_PAPER_RECORD: "grey",
  HELD_AT_PRACTICE: "yellow",
  CANCELLED: "grey",
};

export const TYPE_LABELS: Record<MovementType, string> = {
  PRACTICE_TO_PRACTICE: "Practice to practice",
  PRACTICE_TO_STORE: "Practice to storage",
  STORE_TO_PRACTICE: "Storage to practice",
  PRACTICE_TO_CROSS_BORDER: "Cross-border (out)",
  CROSS_BORDER_TO_PRACTICE: "Cross-border (in)",
  ADDITIONAL_NOTES: "Additional notes",
  URGENT_REQUEST: "Urgent request",
};

export const REASON_LABELS: Record<MovementReason, string> = {
  RE_REGISTRATION: "Re-registration",
  DECEASED: "Deceased",
  EMBARKED: "Embarked (left the UK)",
  REMOVED: "Removed from list",
  WHEREABOUTS_UNKNOWN: "Whereabouts unknown",
  CROSS_BORDER_REGISTRATION: "Registered outside England",
  ADDITIONAL_NOTES: "Additional notes",
  CLINICAL_NEED: "Clinical need",
  CORONER: "Coroner",
  SUBJECT_ACCESS_REQUEST: "Subject access request",
  ACCESS_TO_HEALTH_RECORDS: "Access to Health Records Act",
  COURT: "Court order",
};

export const PRIORITY_LABELS: Record<Priority, string> = { ROUTINE: "Routine", URGENT: "Urgent" };

export const EVENT_LABELS: Record<TrackingEventType, string> = {
  CREATED: "Movement created",
  LABEL_PRINTED: "Label printed",
  READY_FOR_COLLECTION: "Ready for collection",
  COLLECTED: "Collected by courier",
  ARRIVED_AT_HUB: "Arrived at hub",
  DEPARTED_HUB: "Departed hub",
  OUT_FOR_DELIVERY: "Out for delivery",
  DELIVERED: "Delivered",
  DELIVERY_FAILED: "Delivery failed",
  RETURNED_TO_SENDER: "Returned to sender",
  EXCEPTION: "Courier exception",
  RECEIVED: "Receipt confirmed",
  MARKED_MISSING: "Marked missing",
  MARKED_FOUND: "Found",
  MARKED_LOST: "Marked lost",
  MARKED_NO_PAPER_RECORD: "No paper record",
  MARKED_HELD_AT_PRACTICE: "Held at practice",
  CANCELLED: "Cancelled",
  DESTINATION_CORRECTED: "Destination corrected",
};

export const SOURCE_LABELS: Record<TrackingSource, string> = { PRACTICE: "Practice", COURIER: "Courier", PCSE: "PCSE", SYSTEM: "System" };

export const KIND_LABELS: Record<OrganisationKind, string> = {
  GP_PRACTICE: "GP practice",
  BRANCH_SURGERY: "Branch surgery",
  PCSE_STORE: "PCSE records store",
  PCSE_OFFICE: "PCSE office",
  CROSS_BORDER_AGENCY: "Cross-border agency",
};
