// A movement's status is derived from its tracking events here and nowhere else. Events may arrive late,
// twice or out of order: they are sorted by when they happened (ties broken by the journey's natural order
// and then the source id), so the result never depends on arrival order, and a late scan never moves a
// record backwards along its journey.
import type { MovementStatus, TrackingEventType } from "@/lib/db/generated/enums";
import { FINAL_STATUSES } from "@/lib/movements/lifecycle";

export type StatusEvent = {
  type: TrackingEventType;
  occurredAt: Date;
  sourceEventId: string;
};

/** Forward progress along one journey; a higher rank never gives way to a lower one. */
const PROGRESS: Partial<Record<TrackingEventType, { rank: number; status: MovementStatus }>> = {
  CREATED: { rank: 0, status: "REQUESTED" },
  LABEL_PRINTED: { rank: 1, status: "LABELLED" },
  READY_FOR_COLLECTION: { rank: 2, status: "READY_FOR_COLLECTION" },
  COLLECTED: { rank: 3, status: "COLLECTED" },
  ARRIVED_AT_HUB: { rank: 4, status: "IN_TRANSIT" },
  DEPARTED_HUB: { rank: 4, status: "IN_TRANSIT" },
  OUT_FOR_DELIVERY: { rank: 5, status: "OUT_FOR_DELIVERY" },
  DELIVERED: { rank: 6, status: "DELIVERED" },
  RECEIVED: { rank: 7, status: "RECEIVED" },
};

/** How far along its journey a status is (0 requested ... 7 received), or -1 for statuses off the journey: the
 * courier simulator uses it to continue a journey from where a record is. */
export function journeyRank(status: MovementStatus): number {
  for (const p of Object.values(PROGRESS)) if (p?.status === status) return p.rank;
  return -1;
}

/** Order used only to break ties between events stamped with the same instant. */
const TIE_ORDER: TrackingEventType[] = [
  "CREATED",
  "LABEL_PRINTED",
  "READY_FOR_COLLECTION",
  "MARKED_HELD_AT_PRACTICE",
  "DESTINATION_CORRECTED",
  "COLLECTED",
  "ARRIVED_AT_HUB",
  "DEPARTED_HUB",
  "OUT_FOR_DELIVERY",
  "EXCEPTION",
  "DELIVERY_FAILED",
  "RETURNED_TO_SENDER",
  "DELIVERED",
  "RECEIVED",
  "MARKED_MISSING",
  "MARKED_LOST",
  "MARKED_FOUND",
  "MARKED_NO_PAPER_RECORD",
  "CANCELLED",
];

export function compareEvents(a: StatusEvent, b: StatusEvent): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  const byType = TIE_ORDER.indexOf(a.type) - TIE_ORDER.indexOf(b.type);
  if (byType !== 0) return byType;
  return a.sourceEventId < b.sourceEventId ? -1 : a.sourceEventId > b.sourceEventId ? 1 : 0;
}

/** The events in the order they happened (compareEvents): the list itself when it already is (the refresh sorts
 * each movement's events once for the three derivations that read them), else a sorted copy. */
export function inEventOrder<T extends StatusEvent>(events: readonly T[]): readonly T[] {
  for (let i = 1; i < events.length; i++) if (compareEvents(events[i - 1], events[i]) > 0) return [...events].sort(compareEvents);
  return events;
}

/** Statuses nothing further can change (the lifecycle's final statuses; a lost record can still be found). */
const CLOSED: ReadonlySet<MovementStatus> = new Set(FINAL_STATUSES);

export function deriveStatus(events: readonly StatusEvent[]): MovementStatus {
  const ordered = inEventOrder(events);
  let status: MovementStatus = "REQUESTED";
  // The furthest point reached on the current leg, and the status that point means.
  let rank = -1;
  let progressStatus: MovementStatus = "REQUESTED";

  for (const event of ordered) {
    if (CLOSED.has(status)) break;
    const progress = PROGRESS[event.type];
    if (progress) {
      // A scan of a record marked missing or lost is news of where it is, even at the same point of the journey.
      const foundByScan = progress.rank === rank && (status === "MISSING" || status === "LOST") && event.type !== "CREATED";
      if (progress.rank > rank || foundByScan) {
        rank = progress.rank;
        progressStatus = progress.status;
        status = progress.status;
      }
      continue;
    }
    switch (event.type) {
      case "DELIVERY_FAILED":
        if (rank < PROGRESS.DELIVERED!.rank) {
          status = "DELIVERY_FAILED";
          // The record goes back to the hub and out again: those later scans must count.
          rank = PROGRESS.COLLECTED!.rank;
          progressStatus = "COLLECTED";
        }
        break;
      case "RETURNED_TO_SENDER":
        if (rank < PROGRESS.DELIVERED!.rank) {
          status = "RETURNED_TO_SENDER";
          // A new leg starts at the sender: it can be made ready and collected again.
          rank = PROGRESS.LABEL_PRINTED!.rank;
          progressStatus = "LABELLED";
        }
        break;
      case "MARKED_HELD_AT_PRACTICE":
        if (rank < PROGRESS.COLLECTED!.rank) {
          status = "HELD_AT_PRACTICE";
          // Held after being made ready: making it ready again must count (the lifecycle allows "mark ready" from
          // held), so the leg steps back to "label printed".
          if (rank > PROGRESS.LABEL_PRINTED!.rank) {
            rank = PROGRESS.LABEL_PRINTED!.rank;
            progressStatus = "LABELLED";
          }
        }
        break;
      case "DESTINATION_CORRECTED":
        // Sent to the wrong place and corrected before the courier had it: the journey starts again at the sender,
        // which must print new labels (the old ones, with the old address, were voided) and make it ready again.
        if (rank < PROGRESS.COLLECTED!.rank) {
          rank = PROGRESS.CREATED!.rank;
          progressStatus = "REQUESTED";
          status = "REQUESTED";
        }
        break;
      case "MARKED_MISSING":
        status = "MISSING";
        break;
      case "MARKED_LOST":
        status = "LOST";
        break;
      case "MARKED_FOUND":
        if (status === "MISSING" || status === "LOST") status = progressStatus;
        break;
      case "MARKED_NO_PAPER_RECORD":
        status = "NO_PAPER_RECORD";
        break;
      case "CANCELLED":
        status = "CANCELLED";
        break;
      case "EXCEPTION":
        // Flags the movement for PCSE attention; the journey's status is unchanged.
        break;
    }
  }
  return status;
}
