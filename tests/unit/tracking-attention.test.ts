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

describe("demographics disagreement (issue 7)", () => {
  it("is a reason for PCSE's attention that stays whatever the events say", async () => {
    const { deriveAttention } = await import("@/lib/tracking/attention");
    const created = { type: "CREATED" as const, occurredAt: new Date("2026-11-20T10:00:00Z"), sourceEventId: "a" };
    expect(deriveAttention([created], "REQUESTED", 0, { demographicsDisagreement: true })).toEqual(["DEMOGRAPHICS_DISAGREEMENT"]);
    expect(deriveAttention([created], "RECEIVED", 0, { demographicsDisagreement: true })).toEqual(["DEMOGRAPHICS_DISAGREEMENT"]);
    expect(deriveAttention([created], "REQUESTED", 0)).toEqual([]);
  });

  it("compares names up to case, spacing, hyphens, apostrophes and accents, and dates exactly", async () => {
    const { demographicsDisagree } = await import("@/lib/movements/demographics");
    const ada = { familyName: "O'Brien-Smith", givenName: "Zoë", dateOfBirth: "1985-12-10" };
    expect(demographicsDisagree(ada, { familyName: "obrien smith", givenName: "ZOE", dateOfBirth: "1985-12-10" })).toBe(false);
    expect(demographicsDisagree(ada, { ...ada, dateOfBirth: "1985-12-11" })).toBe(true);
    expect(demographicsDisagree(ada, { ...ada, familyName: "Brien" })).toBe(true);
    expect(demographicsDisagree(ada, { ...ada, givenName: "Zara" })).toBe(true);
  });
});
