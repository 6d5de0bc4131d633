// What PCSE must look at on a movement, derived from its events and problem reports. Pure.
import type { AttentionReason, MovementStatus, TrackingEventType } from "@/lib/db/generated/enums";
import { compareEvents, inEventOrder, type StatusEvent } from "@/lib/tracking/status";

export type AttentionEvent = StatusEvent & { type: TrackingEventType; scannedVoidedLabel?: boolean };

const PROGRESS: ReadonlySet<TrackingEventType> = new Set(["COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERED", "RECEIVED"]);
const COURIER_SCANS: ReadonlySet<TrackingEventType> = new Set(["COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERY_FAILED", "EXCEPTION"]);

/** Facts about the movement itself (not its events) that PCSE must check. */
export type AttentionFlags = { demographicsDisagreement?: boolean };

export function deriveAttention(events: readonly AttentionEvent[], status: MovementStatus, openProblemReports: number, flags: AttentionFlags = {}): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (status === "DELIVERY_FAILED") reasons.push("DELIVERY_FAILED");
  if (status === "RETURNED_TO_SENDER") reasons.push("RETURNED_TO_SENDER");
  // An exception matters until the record moves on again (or arrives).
  const ordered = inEventOrder(events);
  let exceptionOpen = false;
  for (const e of ordered) {
    if (e.type === "EXCEPTION") exceptionOpen = true;
    else if (PROGRESS.has(e.type)) exceptionOpen = false;
  }
  if (exceptionOpen && status !== "RECEIVED") reasons.push("COURIER_EXCEPTION");
  // A voided label in circulation is always worth a look: the wrong bag may be moving.
  if (events.some((e) => e.scannedVoidedLabel)) reasons.push("VOIDED_LABEL_SCANNED");
  if (openProblemReports > 0) reasons.push("PROBLEM_REPORTED");
  // Confirmed as received with no courier scan before it (arrived by hand, or the courier never scanned it): PCSE
  // checks where it has been (docs/decisions.md, the receipt rule).
  const received = ordered.find((e) => e.type === "RECEIVED");
  if (received && !ordered.some((e) => COURIER_SCANS.has(e.type) && compareEvents(e, received) < 0)) reasons.push("RECEIVED_WITHOUT_SCANS");
  // The sender's names or date of birth differ from another organisation's for the same NHS number: it may be
  // the wrong patient's record. Stays until PCSE's case work resolves it.
  if (flags.demographicsDisagreement) reasons.push("DEMOGRAPHICS_DISAGREEMENT");
  return reasons;
}

export const ATTENTION_LABELS: Record<AttentionReason, string> = {
  DELIVERY_FAILED: "Delivery failed",
  RETURNED_TO_SENDER: "Returned to sender",
  COURIER_EXCEPTION: "Courier exception",
  VOIDED_LABEL_SCANNED: "Voided label scanned",
  PROBLEM_REPORTED: "Problem reported by receiver",
  RECEIVED_WITHOUT_SCANS: "Received without courier scans",
  DEMOGRAPHICS_DISAGREEMENT: "Patient details differ from another sender's",
};
