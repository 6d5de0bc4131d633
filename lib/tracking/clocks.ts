// A movement's milestones and service-level clocks, derived from its tracking events under the policy it was
// opened with. Pure, and run by the same refresh that derives status from events (lib/tracking/refresh.ts), so
// lists and dashboards read stored results and never re-read events.
//
// Milestones: released = first "ready for collection"; collected, delivered and received = the first such event of
// the record's current leg (a return to the sender starts a new leg: it must be made ready and collected again).
// A record collected without a "ready" scan was released when it was collected; one received without a delivery
// scan was delivered when it was received.
//
// Clocks (targets from lib/service-levels/policy.ts):
//   RELEASE     requested -> released            sender's calendar   paused while held at the practice
//   COLLECTION  ready (this leg) -> collected    sender's calendar
//   DELIVERY    collected -> delivered            receiver's calendar (the contract's 12 working days)
//   RECEIPT     delivered -> receipt confirmed    receiver's calendar
//   END_TO_END  requested -> receipt confirmed    receiver's calendar paused while held; its due date is the movement's
// A correction of the destination before collection starts the release again (the journey restarts at the sender).
// A cancelled movement or one with no paper record stops every clock without a breach; a lost record's clocks stop
// running (the case carries it on) but keep the breaches they had.
import type { MovementClockKind, MovementStatus } from "@/lib/db/generated/enums";
import type { Calendar } from "@/lib/clocks/calendar";
import { workingDaysBetween, londonDate } from "@/lib/clocks/calendar";
import { clockState, type ClockResult, type Pause } from "@/lib/clocks/working-clock";
import { inEventOrder, type StatusEvent } from "@/lib/tracking/status";
import { isOpen } from "@/lib/movements/lifecycle";
import type { MovementTargets } from "@/lib/service-levels/policy";

export const CLOCK_KINDS = ["RELEASE", "COLLECTION", "DELIVERY", "RECEIPT", "END_TO_END"] as const satisfies readonly MovementClockKind[];

export const CLOCK_LABELS: Record<MovementClockKind, string> = {
  RELEASE: "Released by the sender",
  COLLECTION: "Collected by the courier",
  DELIVERY: "Delivered",
  RECEIPT: "Receipt confirmed",
  END_TO_END: "Whole journey",
};

export type Milestones = { releasedAt: Date | null; collectedAt: Date | null; deliveredAt: Date | null; receivedAt: Date | null };

export type MovementClock = ClockResult & { kind: MovementClockKind; running: boolean; startedAt: Date };

export type MovementClocks = Milestones & {
  clocks: MovementClock[];
  /** The end-to-end clock's due date: the movement's due date. */
  dueDate: string;
  breached: MovementClockKind[];
  /** Working days from collection to delivery (the contract KPI), once both happened. */
  deliveryWorkingDays: number | null;
  /** Working days from request to receipt confirmed, once received. */
  endToEndWorkingDays: number | null;
};

export type ClockFacts = {
  createdAt: Date;
  status: MovementStatus;
  targets: MovementTargets;
  pauseWhileHeld: boolean;
  maxPausedWorkingDays: number;
  senderCalendar: Calendar;
  receiverCalendar: Calendar;
};

function closeHold(holds: Pause[], at: Date) {
  const open = holds[holds.length - 1];
  if (open && open.to === null) open.to = at;
}

export function deriveMilestones(events: readonly StatusEvent[]): Milestones & { holds: Pause[]; legReadyAt: Date | null } {
  const ordered = inEventOrder(events);
  let releasedAt: Date | null = null;
  let legReadyAt: Date | null = null;
  let collectedAt: Date | null = null;
  let deliveredAt: Date | null = null;
  let receivedAt: Date | null = null;
  const holds: Pause[] = [];
  for (const e of ordered) {
    switch (e.type) {
      case "READY_FOR_COLLECTION":
        releasedAt ??= e.occurredAt;
        if (!collectedAt) legReadyAt = e.occurredAt;
        closeHold(holds, e.occurredAt);
        break;
      case "MARKED_HELD_AT_PRACTICE":
        if (!collectedAt && !deliveredAt && !(holds.at(-1)?.to === null)) holds.push({ from: e.occurredAt, to: null });
        break;
      case "COLLECTED":
      case "ARRIVED_AT_HUB":
      case "DEPARTED_HUB":
      case "OUT_FOR_DELIVERY":
        // The first courier scan of the leg is its collection (a missed "collected" scan is common).
        if (!collectedAt && !deliveredAt) collectedAt = e.occurredAt;
        releasedAt ??= e.occurredAt;
        closeHold(holds, e.occurredAt);
        break;
      case "DELIVERED":
        deliveredAt ??= e.occurredAt;
        collectedAt ??= e.occurredAt;
        releasedAt ??= e.occurredAt;
        break;
      case "RECEIVED":
        receivedAt ??= e.occurredAt;
        deliveredAt ??= e.occurredAt;
        collectedAt ??= e.occurredAt;
        releasedAt ??= e.occurredAt;
        closeHold(holds, e.occurredAt);
        break;
      case "RETURNED_TO_SENDER":
        // Back at the sender before delivery: a new leg (it must be made ready and collected again).
        if (!deliveredAt) {
          collectedAt = null;
          legReadyAt = null;
        }
        break;
      case "DESTINATION_CORRECTED":
        // Corrected before collection: the record is released again once relabelled for the right place (the release
        // clock, on the sender's calendar, keeps running from the request: the mistake was the sender's). The due
        // dates follow the new receiver's calendar and, cross-border, its nation's targets (lib/tracking/refresh.ts
        // reads the movement's current receiver).
        if (!collectedAt && !deliveredAt) {
          releasedAt = null;
          legReadyAt = null;
        }
        closeHold(holds, e.occurredAt);
        break;
      case "CANCELLED":
      case "MARKED_NO_PAPER_RECORD":
        closeHold(holds, e.occurredAt);
        break;
      default:
        break;
    }
  }
  return { releasedAt, collectedAt, deliveredAt, receivedAt, holds, legReadyAt };
}

function clockOf(kind: MovementClockKind, startedAt: Date, stoppedAt: Date | null, target: number, calendar: Calendar, pauses: Pause[], facts: ClockFacts, open: boolean, voided: boolean, now: Date, detail: boolean | undefined): MovementClock {
  const result = clockState({ startedAt, targetWorkingDays: target, calendar, pauses, maxPausedWorkingDays: facts.maxPausedWorkingDays, stoppedAt, now, detail });
  const running = !stoppedAt && open;
  // Written out field by field: an object spread that then overwrites fields took V8's slow path here (30 µs a
  // movement, most of the refresh's time).
  return {
    kind,
    startedAt,
    running,
    startedOn: result.startedOn,
    dueDate: result.dueDate,
    stoppedOn: result.stoppedOn,
    pausedWorkingDays: result.pausedWorkingDays,
    elapsedWorkingDays: result.elapsedWorkingDays,
    remainingWorkingDays: result.remainingWorkingDays,
    breached: voided ? false : result.breached,
    state: !stoppedAt && !open ? (voided ? "met" : result.state) : result.state,
  };
}

/** `detail: false` (the refresh) skips elapsed and remaining working days, which only pages show. (No closures
 * inside: this runs for every movement a courier batch touches.) */
export function deriveMovementClocks(events: readonly StatusEvent[], facts: ClockFacts, now: Date, options: { detail?: boolean } = {}): MovementClocks {
  const m = deriveMilestones(events);
  // Cancelled or no paper record: nothing was owed, so nothing is breached.
  const voided = facts.status === "CANCELLED" || facts.status === "NO_PAPER_RECORD";
  const open = isOpen(facts.status);
  const holds = facts.pauseWhileHeld ? m.holds : [];
  const none: Pause[] = [];
  const d = options.detail;
  const t = facts.targets;
  const clocks: MovementClock[] = [clockOf("RELEASE", facts.createdAt, m.releasedAt, t.release, facts.senderCalendar, holds, facts, open, voided, now, d)];
  if (m.legReadyAt) clocks.push(clockOf("COLLECTION", m.legReadyAt, m.collectedAt, t.collection, facts.senderCalendar, none, facts, open, voided, now, d));
  if (m.collectedAt) clocks.push(clockOf("DELIVERY", m.collectedAt, m.deliveredAt, t.delivery, facts.receiverCalendar, none, facts, open, voided, now, d));
  if (m.deliveredAt) clocks.push(clockOf("RECEIPT", m.deliveredAt, m.receivedAt, t.receipt, facts.receiverCalendar, none, facts, open, voided, now, d));
  const endToEnd = clockOf("END_TO_END", facts.createdAt, m.receivedAt, t.endToEnd, facts.receiverCalendar, holds, facts, open, voided, now, d);
  clocks.push(endToEnd);
  const breached: MovementClockKind[] = [];
  for (const c of clocks) if (c.breached) breached.push(c.kind);
  return {
    releasedAt: m.releasedAt,
    collectedAt: m.collectedAt,
    deliveredAt: m.deliveredAt,
    receivedAt: m.receivedAt,
    clocks,
    dueDate: endToEnd.dueDate,
    breached,
    deliveryWorkingDays: m.collectedAt && m.deliveredAt ? Math.max(0, workingDaysBetween(londonDate(m.collectedAt), londonDate(m.deliveredAt), facts.receiverCalendar.holidays)) : null,
    endToEndWorkingDays: m.receivedAt ? Math.max(0, workingDaysBetween(londonDate(facts.createdAt), londonDate(m.receivedAt), facts.receiverCalendar.holidays)) : null,
  };
}
