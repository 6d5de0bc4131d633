import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deriveStatus, type StatusEvent } from "@/lib/tracking/status";
import type { TrackingEventType } from "@/lib/db/generated/enums";

const t0 = Date.UTC(2026, 10, 2, 9, 0, 0);
function events(...types: TrackingEventType[]): StatusEvent[] {
  return types.map((type, i) => ({ type, occurredAt: new Date(t0 + i * 3_600_000), sourceEventId: `e${i}` }));
}

describe("deriveStatus", () => {
  it("follows a journey to receipt", () => {
    expect(deriveStatus(events("CREATED"))).toBe("REQUESTED");
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "READY_FOR_COLLECTION"))).toBe("READY_FOR_COLLECTION");
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "READY_FOR_COLLECTION", "COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY"))).toBe("OUT_FOR_DELIVERY");
    expect(deriveStatus(events("CREATED", "COLLECTED", "DELIVERED"))).toBe("DELIVERED");
    expect(deriveStatus(events("CREATED", "COLLECTED", "DELIVERED", "RECEIVED"))).toBe("RECEIVED");
  });

  it("never moves a delivered record backwards, even for a scan stamped later", () => {
    const e = events("CREATED", "COLLECTED", "DELIVERED");
    e.push({ type: "COLLECTED", occurredAt: new Date(t0 + 10 * 3_600_000), sourceEventId: "late" });
    expect(deriveStatus(e)).toBe("DELIVERED");
  });

  it("a failed delivery then a re-attempt", () => {
    expect(deriveStatus(events("CREATED", "COLLECTED", "OUT_FOR_DELIVERY", "DELIVERY_FAILED"))).toBe("DELIVERY_FAILED");
    expect(deriveStatus(events("CREATED", "COLLECTED", "OUT_FOR_DELIVERY", "DELIVERY_FAILED", "ARRIVED_AT_HUB", "OUT_FOR_DELIVERY"))).toBe("OUT_FOR_DELIVERY");
    expect(deriveStatus(events("CREATED", "COLLECTED", "OUT_FOR_DELIVERY", "DELIVERY_FAILED", "OUT_FOR_DELIVERY", "DELIVERED"))).toBe("DELIVERED");
  });

  it("returned to sender starts a new leg", () => {
    expect(deriveStatus(events("CREATED", "COLLECTED", "OUT_FOR_DELIVERY", "RETURNED_TO_SENDER"))).toBe("RETURNED_TO_SENDER");
    expect(deriveStatus(events("CREATED", "COLLECTED", "OUT_FOR_DELIVERY", "RETURNED_TO_SENDER", "READY_FOR_COLLECTION"))).toBe("READY_FOR_COLLECTION");
    expect(deriveStatus(events("CREATED", "COLLECTED", "OUT_FOR_DELIVERY", "RETURNED_TO_SENDER", "READY_FOR_COLLECTION", "COLLECTED"))).toBe("COLLECTED");
  });

  it("missing, lost and found", () => {
    expect(deriveStatus(events("CREATED", "COLLECTED", "MARKED_MISSING"))).toBe("MISSING");
    expect(deriveStatus(events("CREATED", "COLLECTED", "MARKED_MISSING", "MARKED_LOST"))).toBe("LOST");
    expect(deriveStatus(events("CREATED", "COLLECTED", "MARKED_MISSING", "MARKED_FOUND"))).toBe("COLLECTED");
    expect(deriveStatus(events("CREATED", "COLLECTED", "ARRIVED_AT_HUB", "MARKED_MISSING", "ARRIVED_AT_HUB"))).toBe("IN_TRANSIT");
    expect(deriveStatus(events("CREATED", "COLLECTED", "MARKED_MISSING", "DELIVERED"))).toBe("DELIVERED");
  });

  it("closed states stay closed; exceptions do not change status", () => {
    expect(deriveStatus(events("CREATED", "CANCELLED", "COLLECTED"))).toBe("CANCELLED");
    expect(deriveStatus(events("CREATED", "MARKED_NO_PAPER_RECORD"))).toBe("NO_PAPER_RECORD");
    expect(deriveStatus(events("CREATED", "COLLECTED", "EXCEPTION"))).toBe("COLLECTED");
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "MARKED_HELD_AT_PRACTICE"))).toBe("HELD_AT_PRACTICE");
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "MARKED_HELD_AT_PRACTICE", "READY_FOR_COLLECTION"))).toBe("READY_FOR_COLLECTION");
    // Held after being ready, then made ready again (issue 13: the lifecycle allows it; before, status stayed held).
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "READY_FOR_COLLECTION", "MARKED_HELD_AT_PRACTICE", "READY_FOR_COLLECTION"))).toBe("READY_FOR_COLLECTION");
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "READY_FOR_COLLECTION", "MARKED_HELD_AT_PRACTICE", "COLLECTED"))).toBe("COLLECTED");
  });

  it("a destination corrected before collection starts the journey again at the sender; after collection it changes nothing", () => {
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "READY_FOR_COLLECTION", "DESTINATION_CORRECTED"))).toBe("REQUESTED");
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "DESTINATION_CORRECTED", "LABEL_PRINTED"))).toBe("LABELLED");
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "MARKED_HELD_AT_PRACTICE", "DESTINATION_CORRECTED", "LABEL_PRINTED", "READY_FOR_COLLECTION"))).toBe("READY_FOR_COLLECTION");
    expect(deriveStatus(events("CREATED", "LABEL_PRINTED", "COLLECTED", "DESTINATION_CORRECTED"))).toBe("COLLECTED");
    expect(deriveStatus(events("CREATED", "DESTINATION_CORRECTED", "CANCELLED"))).toBe("CANCELLED");
  });

  it("same instant: ties follow the journey's order", () => {
    const same = new Date(t0);
    expect(deriveStatus([{ type: "DELIVERED", occurredAt: same, sourceEventId: "b" }, { type: "COLLECTED", occurredAt: same, sourceEventId: "a" }])).toBe("DELIVERED");
  });

  const TYPES: TrackingEventType[] = ["CREATED", "LABEL_PRINTED", "READY_FOR_COLLECTION", "COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERY_FAILED", "RETURNED_TO_SENDER", "EXCEPTION", "RECEIVED", "MARKED_MISSING", "MARKED_FOUND", "MARKED_LOST", "MARKED_NO_PAPER_RECORD", "MARKED_HELD_AT_PRACTICE", "CANCELLED", "DESTINATION_CORRECTED"];

  it("is independent of arrival order and duplicates (property)", () => {
    const event = fc.record({
      type: fc.constantFrom(...TYPES),
      occurredAt: fc.integer({ min: 0, max: 50 }).map((m) => new Date(t0 + m * 60_000)),
      sourceEventId: fc.uuid(),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 15 }), fc.integer({ min: 0, max: 1 << 30 }), (list, seed) => {
        const expected = deriveStatus(list);
        // Every event sent up to three times, shuffled.
        const repeated = list.flatMap((e, i) => Array.from({ length: 1 + ((seed >> i) & 1) + ((seed >> (i + 7)) & 1) }, () => e));
        const shuffled = [...repeated].sort((a, b) => ((a.sourceEventId.charCodeAt(3) * 31 + seed) % 97) - ((b.sourceEventId.charCodeAt(3) * 31 + seed) % 97));
        const deduplicated = [...new Map(shuffled.map((e) => [e.sourceEventId, e])).values()];
        expect(deriveStatus(deduplicated)).toBe(expected);
        expect(deriveStatus([...list].reverse())).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
