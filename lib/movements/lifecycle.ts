// The record movement's lifecycle: the one place that says which statuses belong together, what each status
// allows and who may do it, and when a movement is overdue. Screens, server actions, route handlers, queries
// and the seed all ask this module; no list of statuses is written anywhere else
// (tests/unit/lifecycle.test.ts searches the code for one). Pure: no database, no clock.
//
// The receipt rule (settled here; docs/decisions.md): a record can be confirmed as received once it has left the
// sender, i.e. from the courier's first scan on (in transit, delivered, failed delivery) or while PCSE has it
// marked missing or lost (a found record turning up is good news). Before any collection scan (requested,
// labelled, ready, held, returned) a receipt is refused unless the receiver says it arrived another way ("by hand
// or without courier scans", with a reason), which is recorded and flagged for PCSE.
import type { MovementStatus } from "@/lib/db/generated/enums";

export type StatusGroup = "at-sender" | "ready" | "in-transit" | "delivered" | "missing" | "lost" | "closed";

/** Every status in exactly one group (the `satisfies` makes a new status a compile error until it is placed). */
export const STATUS_GROUP = {
  REQUESTED: "at-sender",
  LABELLED: "at-sender",
  HELD_AT_PRACTICE: "at-sender",
  RETURNED_TO_SENDER: "at-sender",
  READY_FOR_COLLECTION: "ready",
  COLLECTED: "in-transit",
  IN_TRANSIT: "in-transit",
  OUT_FOR_DELIVERY: "in-transit",
  DELIVERY_FAILED: "in-transit",
  DELIVERED: "delivered",
  MISSING: "missing",
  LOST: "lost",
  RECEIVED: "closed",
  CANCELLED: "closed",
  NO_PAPER_RECORD: "closed",
} as const satisfies Record<MovementStatus, StatusGroup>;

export const ALL_STATUSES = Object.keys(STATUS_GROUP) as MovementStatus[];

export const GROUP_LABELS: Record<StatusGroup, string> = {
  "at-sender": "At the sending practice",
  ready: "Ready for collection",
  "in-transit": "With the courier",
  delivered: "Delivered, receipt not confirmed",
  missing: "Missing",
  lost: "Lost",
  closed: "Closed",
};

export function statusGroup(status: MovementStatus): StatusGroup {
  return STATUS_GROUP[status];
}

export function statusesIn(...groups: StatusGroup[]): MovementStatus[] {
  return ALL_STATUSES.filter((s) => groups.includes(STATUS_GROUP[s]));
}

/** Open: something is still to happen on the record's journey. Lost records are not open (a case carries them on);
 * a lost record that is found again becomes open again. */
export const OPEN_STATUSES: readonly MovementStatus[] = statusesIn("at-sender", "ready", "in-transit", "delivered", "missing");
export const CLOSED_STATUSES: readonly MovementStatus[] = statusesIn("closed", "lost");
/** Statuses nothing can change any more (no event moves a movement out of them). */
export const FINAL_STATUSES: readonly MovementStatus[] = statusesIn("closed");

export function isOpen(status: MovementStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Still expected at the receiver: open and not yet delivered there. A movement past its due date in one of these
 * statuses is overdue. (Delivered but unconfirmed is the receiver's to confirm: its own receipt clock covers it.) */
export const AWAITING_DELIVERY_STATUSES: readonly MovementStatus[] = statusesIn("at-sender", "ready", "in-transit", "missing");

/** The overdue rule: the end-to-end due date (from the service-level policy) has passed and the record has not
 * been delivered. `today` and `dueDate` are `YYYY-MM-DD` calendar dates in Europe/London. */
export function isOverdue(m: { status: MovementStatus; dueDate: string }, today: string): boolean {
  return AWAITING_DELIVERY_STATUSES.includes(m.status) && m.dueDate < today;
}

/** Who is looking at, or acting on, a movement. */
export type MovementSide = "sender" | "receiver" | "pcse";

export type MovementAction =
  | "printLabels"
  | "voidLabel"
  | "markReady"
  | "bookCollection"
  | "markHeldAtPractice"
  | "markNoPaperRecord"
  | "cancel"
  | "correctDestination"
  | "receive"
  | "receiveWithoutScans"
  | "reportProblem"
  | "reportNotArrived"
  | "markMissing"
  | "markFound"
  | "markLost";

type Rule = { statuses: readonly MovementStatus[]; sides: readonly MovementSide[]; description: string };

const BEFORE_COLLECTION = statusesIn("at-sender", "ready");

/** Which statuses allow which action, and who may take it. Commands check this on the server; screens use it to
 * decide which buttons to offer. Both read this table, so they cannot disagree. */
export const MOVEMENT_ACTIONS: Record<MovementAction, Rule> = {
  printLabels: { statuses: BEFORE_COLLECTION, sides: ["sender", "pcse"], description: "print, or reprint, courier labels" },
  voidLabel: { statuses: BEFORE_COLLECTION, sides: ["sender", "pcse"], description: "void a label and issue a new one" },
  markReady: { statuses: ["LABELLED", "HELD_AT_PRACTICE", "RETURNED_TO_SENDER"], sides: ["sender"], description: "mark the record ready for collection" },
  bookCollection: { statuses: ["READY_FOR_COLLECTION"], sides: ["sender"], description: "book a courier collection" },
  markHeldAtPractice: { statuses: ["REQUESTED", "LABELLED", "READY_FOR_COLLECTION", "RETURNED_TO_SENDER"], sides: ["sender"], description: "keep the record at the practice for now" },
  markNoPaperRecord: { statuses: ["REQUESTED", "LABELLED", "HELD_AT_PRACTICE"], sides: ["sender"], description: "say there is no paper record to send" },
  cancel: { statuses: BEFORE_COLLECTION, sides: ["sender", "pcse"], description: "cancel a movement made in error" },
  correctDestination: { statuses: BEFORE_COLLECTION, sides: ["sender", "pcse"], description: "correct where the record is going" },
  receive: { statuses: [...statusesIn("in-transit", "delivered", "missing", "lost")], sides: ["receiver"], description: "confirm the record has arrived" },
  receiveWithoutScans: { statuses: BEFORE_COLLECTION, sides: ["receiver"], description: "confirm a record that arrived by hand or without courier scans" },
  reportProblem: { statuses: ["DELIVERED", "RECEIVED"], sides: ["receiver"], description: "report the record incomplete, damaged or the wrong patient's" },
  reportNotArrived: { statuses: [...statusesIn("at-sender", "ready", "in-transit", "delivered", "missing")], sides: ["receiver"], description: "report that the record has not arrived" },
  markMissing: { statuses: [...statusesIn("at-sender", "ready", "in-transit", "delivered")], sides: ["pcse"], description: "mark the record missing" },
  markFound: { statuses: ["MISSING", "LOST"], sides: ["pcse"], description: "mark the record found" },
  markLost: { statuses: ["MISSING"], sides: ["pcse"], description: "mark the record lost" },
};

export function canTake(action: MovementAction, status: MovementStatus, side: MovementSide): boolean {
  const rule = MOVEMENT_ACTIONS[action];
  return rule.statuses.includes(status) && rule.sides.includes(side);
}

/** Why an action is refused, in words for the user; null when allowed. */
export function refusal(action: MovementAction, status: MovementStatus, side: MovementSide): string | null {
  if (canTake(action, status, side)) return null;
  const rule = MOVEMENT_ACTIONS[action];
  if (!rule.sides.includes(side)) return `Only ${rule.sides.map((s) => (s === "pcse" ? "PCSE" : `the ${s === "sender" ? "sending" : "receiving"} organisation`)).join(" or ")} can ${rule.description}`;
  if (action === "receive" && BEFORE_COLLECTION.includes(status)) {
    return "The courier has not collected this record yet. If it reached you by hand or without courier scans, confirm it from the record's page and say how it arrived";
  }
  return `You cannot ${rule.description} while the record is ${GROUP_LABELS[statusGroup(status)].toLowerCase()}`;
}

export function allowedActions(status: MovementStatus, side: MovementSide): Set<MovementAction> {
  const out = new Set<MovementAction>();
  for (const action of Object.keys(MOVEMENT_ACTIONS) as MovementAction[]) if (canTake(action, status, side)) out.add(action);
  return out;
}

/** The buttons a viewer gets on a movement's page: the lifecycle's allowed actions narrowed by the facts only the
 * page knows (labels printed for every bag, a collection already booked). */
export function movementCapabilities(m: { status: MovementStatus; viewerSide: MovementSide; liveBagNumbers: readonly number[]; bagCount: number; hasBookedCollection: boolean }) {
  const allowed = allowedActions(m.status, m.viewerSide);
  const allBagsLabelled = new Set(m.liveBagNumbers).size >= m.bagCount;
  return {
    printLabels: allowed.has("printLabels"),
    voidLabels: allowed.has("voidLabel") && m.liveBagNumbers.length > 0,
    markReady: allowed.has("markReady") && allBagsLabelled,
    bookCollection: allowed.has("bookCollection") && !m.hasBookedCollection,
    receive: allowed.has("receive"),
    receiveWithoutScans: allowed.has("receiveWithoutScans"),
    reportProblem: allowed.has("reportProblem"),
    reportNotArrived: allowed.has("reportNotArrived"),
    markHeldAtPractice: allowed.has("markHeldAtPractice"),
    markNoPaperRecord: allowed.has("markNoPaperRecord"),
    cancel: allowed.has("cancel"),
    correctDestination: allowed.has("correctDestination"),
  };
}

export type Capabilities = ReturnType<typeof movementCapabilities>;

/** Statuses in which a record is at a sender's site and waiting for a courier (the collection backlog). */
export const AWAITING_COLLECTION_STATUSES: readonly MovementStatus[] = statusesIn("ready");
/** Statuses in which the sender still has the record and must print labels first. */
export const NEEDS_LABELS_STATUSES: readonly MovementStatus[] = ["REQUESTED"];

/** The commissioner dashboards' "returned or failed" band of the on-time KPI (docs/dashboards.md). */
export const RETURNED_OR_FAILED_STATUSES: readonly MovementStatus[] = ["DELIVERY_FAILED", "RETURNED_TO_SENDER"];
/** Movements that owed nothing (cancelled, no paper record): left out of every dashboard cohort. */
export const VOIDED_STATUSES: readonly MovementStatus[] = ["CANCELLED", "NO_PAPER_RECORD"];
