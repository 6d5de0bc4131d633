import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_STATUSES, AWAITING_DELIVERY_STATUSES, CLOSED_STATUSES, MOVEMENT_ACTIONS, OPEN_STATUSES, STATUS_GROUP, allowedActions, canTake, isOverdue, movementCapabilities, refusal, statusesIn } from "@/lib/movements/lifecycle";
import { STATUS_LABELS } from "@/lib/movements/labels";

describe("the movement lifecycle", () => {
  it("places every status in exactly one group, and open and closed partition them", () => {
    expect(ALL_STATUSES.sort()).toEqual(Object.keys(STATUS_LABELS).sort());
    expect([...OPEN_STATUSES, ...CLOSED_STATUSES].sort()).toEqual([...ALL_STATUSES].sort());
    expect(OPEN_STATUSES.filter((s) => CLOSED_STATUSES.includes(s))).toEqual([]);
  });

  it("settles the receipt rule: only after the record has left the sender, else 'without scans' with a reason", () => {
    for (const s of statusesIn("at-sender", "ready")) {
      expect(canTake("receive", s, "receiver")).toBe(false);
      expect(canTake("receiveWithoutScans", s, "receiver")).toBe(true);
      expect(refusal("receive", s, "receiver")).toMatch(/has not collected this record yet/);
    }
    for (const s of ["COLLECTED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERY_FAILED", "DELIVERED", "MISSING", "LOST"] as const) {
      expect(canTake("receive", s, "receiver")).toBe(true);
      expect(canTake("receiveWithoutScans", s, "receiver")).toBe(false);
    }
    for (const s of ["RECEIVED", "CANCELLED", "NO_PAPER_RECORD"] as const) expect(canTake("receive", s, "receiver")).toBe(false);
    // Only the receiver receives; only the sender (or PCSE) labels.
    expect(canTake("receive", "DELIVERED", "sender")).toBe(false);
    expect(refusal("receive", "DELIVERED", "sender")).toMatch(/receiving organisation/);
    expect(canTake("printLabels", "REQUESTED", "receiver")).toBe(false);
    expect(canTake("printLabels", "REQUESTED", "pcse")).toBe(true);
  });

  it("never allows what only happens before collection once the courier has the record", () => {
    for (const action of ["printLabels", "voidLabel", "markReady", "bookCollection", "cancel", "correctDestination", "markHeldAtPractice", "markNoPaperRecord"] as const) {
      for (const s of statusesIn("in-transit", "delivered", "missing", "lost", "closed")) expect(canTake(action, s, "sender")).toBe(false);
    }
  });

  it("gives the movement page its buttons from the same table", () => {
    const caps = movementCapabilities({ status: "LABELLED", viewerSide: "sender", liveBagNumbers: [1], bagCount: 2, hasBookedCollection: false });
    expect(caps.printLabels).toBe(true);
    expect(caps.markReady).toBe(false); // bag 2 has no label yet
    expect(movementCapabilities({ status: "LABELLED", viewerSide: "sender", liveBagNumbers: [1, 2], bagCount: 2, hasBookedCollection: false }).markReady).toBe(true);
    expect(movementCapabilities({ status: "READY_FOR_COLLECTION", viewerSide: "sender", liveBagNumbers: [1], bagCount: 1, hasBookedCollection: true }).bookCollection).toBe(false);
    const receiver = movementCapabilities({ status: "READY_FOR_COLLECTION", viewerSide: "receiver", liveBagNumbers: [1], bagCount: 1, hasBookedCollection: false });
    expect(receiver.receive).toBe(false);
    expect(receiver.receiveWithoutScans).toBe(true);
    for (const s of ALL_STATUSES) for (const side of ["sender", "receiver", "pcse"] as const) expect(allowedActions(s, side).size).toBeGreaterThanOrEqual(0);
  });

  it("the overdue rule: not yet delivered and past the due date", () => {
    expect(isOverdue({ status: "IN_TRANSIT", dueDate: "2026-11-20" }, "2026-11-23")).toBe(true);
    expect(isOverdue({ status: "IN_TRANSIT", dueDate: "2026-11-23" }, "2026-11-23")).toBe(false);
    expect(isOverdue({ status: "DELIVERED", dueDate: "2026-11-20" }, "2026-11-23")).toBe(false);
    expect(isOverdue({ status: "RECEIVED", dueDate: "2026-11-20" }, "2026-11-23")).toBe(false);
    expect(isOverdue({ status: "MISSING", dueDate: "2026-11-20" }, "2026-11-23")).toBe(true);
    expect(AWAITING_DELIVERY_STATUSES.every((s) => OPEN_STATUSES.includes(s))).toBe(true);
  });

  it("every action names at least one status and one side", () => {
    for (const rule of Object.values(MOVEMENT_ACTIONS)) {
      expect(rule.statuses.length).toBeGreaterThan(0);
      expect(rule.sides.length).toBeGreaterThan(0);
    }
    expect(Object.keys(STATUS_GROUP)).toHaveLength(15);
  });
});

// No list of statuses is written anywhere but the lifecycle (and the words for them, and the derivation of status
// from events, which maps events to statuses one at a time).
describe("one lifecycle", () => {
  const ROOT = path.resolve(import.meta.dirname, "..", "..");
  const ALLOWED = new Set(["lib/movements/lifecycle.ts", "lib/movements/labels.ts", "lib/tracking/status.ts"]);
  const STATUS = /["'](REQUESTED|LABELLED|READY_FOR_COLLECTION|COLLECTED|IN_TRANSIT|OUT_FOR_DELIVERY|DELIVERED|RECEIVED|DELIVERY_FAILED|RETURNED_TO_SENDER|MISSING|LOST|NO_PAPER_RECORD|HELD_AT_PRACTICE|CANCELLED)["']/g;

  it("no application file writes a list of two or more movement statuses", () => {
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "app", "lib", "components"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((f) => /\.(ts|tsx)$/.test(f) && !f.startsWith("lib/db/generated/") && !ALLOWED.has(f) && fs.existsSync(path.join(ROOT, f)));
    const offenders: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(ROOT, f), "utf8");
      // A status list: an array or set literal holding two or more status names.
      for (const m of text.matchAll(/\[[^\[\]]*\]/g)) {
        const names = new Set([...m[0].matchAll(STATUS)].map((x) => x[1]));
        // Event types share some names (COLLECTED, DELIVERED, RECEIVED...): only count lists that are clearly statuses.
        const statusOnly = [...names].filter((n) => ["REQUESTED", "LABELLED", "READY_FOR_COLLECTION", "IN_TRANSIT", "MISSING", "LOST", "NO_PAPER_RECORD", "HELD_AT_PRACTICE", "CANCELLED", "DELIVERY_FAILED", "RETURNED_TO_SENDER"].includes(n));
        // Lists of event types, attention reasons, missing-record stages or urgent-request statuses share some names
        // with statuses; they name things no movement status does.
        const otherKind = /type:\s*"|["'](CREATED|LABEL_PRINTED|ARRIVED_AT_HUB|DEPARTED_HUB|EXCEPTION|MARKED_[A-Z_]+|COURIER_EXCEPTION|VOIDED_LABEL_SCANNED|PROBLEM_REPORTED|RECEIVED_WITHOUT_SCANS|SEARCHING|RECONSTITUTED|MERGED|ACKNOWLEDGED)["']/.test(m[0]);
        if (names.size >= 2 && statusOnly.length >= 1 && !otherKind) offenders.push(`${f}: ${m[0].slice(0, 80)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
