import { describe, expect, it } from "vitest";
import { deriveAttention, type AttentionEvent } from "@/lib/tracking/attention";
import { deriveStatus } from "@/lib/tracking/status";
import type { TrackingEventType } from "@/lib/db/generated/enums";

const t0 = Date.UTC(2026, 10, 2, 9);
const ev = (types: (TrackingEventType | [TrackingEventType, boolean])[]): AttentionEvent[] =>
  types.map((t, i) => {
    const [type, voided] = Array.isArray(t) ? t : [t, false];
    return { type, occurredAt: new Date(t0 + i * 60_000), sourceEventId: `e${i}`, scannedVoidedLabel: voided };
  });
const attention = (events: AttentionEvent[], problems = 0) => deriveAttention(events, deriveStatus(events), problems);

describe("deriveAttention", () => {
  it("flags failed deliveries and returns while they are current", () => {
    expect(attention(ev(["CREATED", "COLLECTED", "OUT_FOR_DELIVERY", "DELIVERY_FAILED"]))).toEqual(["DELIVERY_FAILED"]);
    expect(attention(ev(["CREATED", "COLLECTED", "OUT_FOR_DELIVERY", "DELIVERY_FAILED", "OUT_FOR_DELIVERY", "DELIVERED"]))).toEqual([]);
    expect(attention(ev(["CREATED", "COLLECTED", "RETURNED_TO_SENDER"]))).toEqual(["RETURNED_TO_SENDER"]);
  });
  it("flags an exception until the record moves on", () => {
    expect(attention(ev(["CREATED", "COLLECTED", "EXCEPTION"]))).toEqual(["COURIER_EXCEPTION"]);
    expect(attention(ev(["CREATED", "COLLECTED", "EXCEPTION", "ARRIVED_AT_HUB"]))).toEqual([]);
  });
  it("always flags a scan of a voided label, and open problem reports", () => {
    expect(attention(ev(["CREATED", ["COLLECTED", true], "DELIVERED", "RECEIVED"]))).toEqual(["VOIDED_LABEL_SCANNED"]);
    expect(attention(ev(["CREATED", "COLLECTED", "DELIVERED", "RECEIVED"]), 1)).toEqual(["PROBLEM_REPORTED"]);
    expect(attention(ev(["CREATED", "COLLECTED", "DELIVERED", "RECEIVED"]))).toEqual([]);
  });
});
