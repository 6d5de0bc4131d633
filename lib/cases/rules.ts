// The case lifecycle: statuses, which action each allows and who may take it, the outcomes each kind can end with,
// and the case clocks. Pure: no database, no clock (callers pass `now`). Commands check these on the server and
// pages use them to offer buttons, so the two cannot disagree.
import type { CaseKind, CaseOutcome, CaseStatus, MissingStage } from "@/lib/db/generated/enums";
import { clockState, type ClockResult } from "@/lib/clocks/working-clock";
import { addCalendarMonthsPlain, type Calendar } from "@/lib/clocks/calendar";
import { londonDate } from "@/lib/nhs/working-days";
import { CASE_WAITING_STATUSES } from "@/lib/cases/kinds";

export const CASE_STATUSES = ["OPEN", "IN_PROGRESS", "WAITING_ON_PRACTICE", "WAITING_ON_COURIER", "WAITING_ON_THIRD_PARTY", "RESOLVED", "CLOSED"] as const satisfies readonly CaseStatus[];
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ["OPEN", "IN_PROGRESS", "WAITING_ON_PRACTICE", "WAITING_ON_COURIER", "WAITING_ON_THIRD_PARTY"];
export const WAITING_STATUSES: readonly CaseStatus[] = CASE_WAITING_STATUSES;

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  OPEN: "Open",
  IN_PROGRESS: "In progress",
  WAITING_ON_PRACTICE: "Waiting on the practice",
  WAITING_ON_COURIER: "Waiting on the courier",
  WAITING_ON_THIRD_PARTY: "Waiting on a third party",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};

export const MISSING_STAGE_LABELS: Record<MissingStage, string> = {
  SEARCHING: "Searching",
  MISSING: "Marked missing",
  LOST: "Lost",
  FOUND: "Found",
  RECONSTITUTED: "Reconstituted",
  MERGED: "Found and merged",
};

export const OUTCOME_LABELS: Record<CaseOutcome, string> = {
  RECORD_DELIVERED: "The record was delivered",
  FOUND_AND_SENT: "Found and sent on",
  FOUND_AT_SENDER: "Found at the sending practice",
  RECONSTITUTED: "A reconstituted record was made",
  MERGED: "The original was found and merged",
  REDELIVERED: "Redelivered to the right practice",
  RECORDS_EXCHANGED: "The wrong and the right records exchanged",
  NO_FAULT_FOUND: "No fault found",
  DUPLICATE: "A duplicate of another case",
  WITHDRAWN_BY_PRACTICE: "Withdrawn by the practice",
  SERVICE_PUT_RIGHT: "Put right",
  NOT_FOR_PCSE: "Not a matter for PCSE",
};

const WHEREABOUTS: readonly CaseKind[] = ["RECORD_NOT_RECEIVED", "MISSING_RECORD", "CROSS_BORDER_DELAY", "COLLECTION_MISSED", "URGENT_REQUEST_CHASE"];
const SERVICE: readonly CaseKind[] = ["SERVICE_REGISTRATIONS", "SERVICE_PERFORMERS_LIST", "SERVICE_SUPPLIES", "SERVICE_PAYMENTS", "SERVICE_PENSIONS", "SERVICE_COMMUNICATIONS"];
const COMMON: readonly CaseOutcome[] = ["NO_FAULT_FOUND", "DUPLICATE", "WITHDRAWN_BY_PRACTICE"];

/** The outcomes a case of each kind can be resolved with. */
export function outcomesFor(kind: CaseKind): CaseOutcome[] {
  if (SERVICE.includes(kind)) return ["SERVICE_PUT_RIGHT", "NOT_FOR_PCSE", ...COMMON];
  if (kind === "COLLECTION_MISSED") return ["SERVICE_PUT_RIGHT", "RECORD_DELIVERED", ...COMMON];
  if (kind === "MISSING_RECORD") return ["RECORD_DELIVERED", "FOUND_AND_SENT", "FOUND_AT_SENDER", "RECONSTITUTED", "MERGED", ...COMMON];
  if (WHEREABOUTS.includes(kind)) return ["RECORD_DELIVERED", "FOUND_AND_SENT", "FOUND_AT_SENDER", "REDELIVERED", ...COMMON];
  if (kind === "WRONG_PATIENT") return ["RECORDS_EXCHANGED", "REDELIVERED", ...COMMON];
  if (kind === "DEMOGRAPHICS_DISAGREEMENT") return ["NO_FAULT_FOUND", "RECORDS_EXCHANGED", "DUPLICATE"];
  return ["REDELIVERED", "SERVICE_PUT_RIGHT", ...COMMON];
}

/** Kinds whose record may have to be searched for (the structured search, found, missing, lost). */
export function isWhereabouts(kind: CaseKind): boolean {
  return WHEREABOUTS.includes(kind);
}

export function isServiceFailure(kind: CaseKind): boolean {
  return SERVICE.includes(kind);
}

export type CaseActor = "caseworker" | "supervisor" | "practice";

export type CaseAction =
  | "take"
  | "assign"
  | "note"
  | "chaseSender"
  | "chaseCourier"
  | "askPracticeToSearch"
  | "waitOnThirdParty"
  | "resume"
  | "recordSearchStep"
  | "markFound"
  | "markMissing"
  | "markLost"
  | "arrangeRedelivery"
  | "resolve"
  | "reopen"
  | "close"
  | "practiceReply"
  | "withdraw";

type Rule = {
  from: readonly CaseStatus[];
  who: readonly CaseActor[];
  /** Only these kinds (undefined: any). */
  kinds?: readonly CaseKind[];
  /** Only in these missing-record stages (undefined: any, including none). */
  stages?: readonly (MissingStage | null)[];
  /** The status it leaves the case in (undefined: unchanged; "resume": back to in progress). */
  to?: CaseStatus;
  label: string;
};

const PCSE: readonly CaseActor[] = ["caseworker", "supervisor"];
const OPEN = OPEN_CASE_STATUSES;

export const CASE_ACTIONS: Record<CaseAction, Rule> = {
  take: { from: OPEN, who: PCSE, label: "take the case" },
  assign: { from: OPEN, who: PCSE, label: "assign the case" },
  note: { from: CASE_STATUSES, who: PCSE, label: "add a note" },
  chaseSender: { from: OPEN, who: PCSE, label: "chase the sending practice" },
  chaseCourier: { from: OPEN, who: PCSE, to: "WAITING_ON_COURIER", label: "chase the courier" },
  askPracticeToSearch: { from: OPEN, who: PCSE, to: "WAITING_ON_PRACTICE", label: "ask a practice to search" },
  waitOnThirdParty: { from: OPEN, who: PCSE, to: "WAITING_ON_THIRD_PARTY", label: "wait on a third party" },
  resume: { from: WAITING_STATUSES, who: PCSE, to: "IN_PROGRESS", label: "take the case off hold" },
  recordSearchStep: { from: OPEN, who: PCSE, kinds: WHEREABOUTS, stages: [null, "SEARCHING", "MISSING", "LOST"], label: "record a search step" },
  markFound: { from: OPEN, who: PCSE, kinds: WHEREABOUTS, stages: [null, "SEARCHING", "MISSING", "LOST", "RECONSTITUTED"], label: "mark the record found" },
  markMissing: { from: OPEN, who: PCSE, kinds: ["MISSING_RECORD"], stages: ["SEARCHING"], label: "mark the record missing" },
  markLost: { from: OPEN, who: PCSE, kinds: ["MISSING_RECORD"], stages: ["MISSING"], label: "mark the record lost" },
  arrangeRedelivery: { from: OPEN, who: PCSE, label: "arrange a redelivery" },
  resolve: { from: OPEN, who: PCSE, to: "RESOLVED", label: "resolve the case" },
  reopen: { from: ["RESOLVED", "CLOSED"], who: PCSE, to: "IN_PROGRESS", label: "reopen the case" },
  close: { from: ["RESOLVED"], who: PCSE, to: "CLOSED", label: "close the case" },
  practiceReply: { from: OPEN, who: ["practice"], label: "reply" },
  withdraw: { from: OPEN, who: ["practice"], to: "RESOLVED", label: "withdraw the case" },
};

export function canTakeCaseAction(action: CaseAction, c: { status: CaseStatus; kind: CaseKind; missingStage: MissingStage | null }, who: CaseActor): boolean {
  const rule = CASE_ACTIONS[action];
  if (!rule.who.includes(who) || !rule.from.includes(c.status)) return false;
  if (rule.kinds && !rule.kinds.includes(c.kind)) return false;
  if (rule.stages && !rule.stages.includes(c.missingStage)) return false;
  return true;
}

export function caseActionRefusal(action: CaseAction, c: { status: CaseStatus; kind: CaseKind; missingStage: MissingStage | null }, who: CaseActor): string | null {
  if (canTakeCaseAction(action, c, who)) return null;
  const rule = CASE_ACTIONS[action];
  if (!rule.who.includes(who)) return `You cannot ${rule.label}`;
  if (!rule.from.includes(c.status)) return `You cannot ${rule.label} while the case is ${CASE_STATUS_LABELS[c.status].toLowerCase()}`;
  if (c.missingStage) return `You cannot ${rule.label} while the record is ${MISSING_STAGE_LABELS[c.missingStage].toLowerCase()}`;
  return `You cannot ${rule.label} on this kind of case`;
}

export function availableCaseActions(c: { status: CaseStatus; kind: CaseKind; missingStage: MissingStage | null }, who: CaseActor): Set<CaseAction> {
  const out = new Set<CaseAction>();
  for (const a of Object.keys(CASE_ACTIONS) as CaseAction[]) if (canTakeCaseAction(a, c, who)) out.add(a);
  return out;
}

export function isCaseOpen(status: CaseStatus): boolean {
  return OPEN_CASE_STATUSES.includes(status);
}

export type CaseClockInput = {
  openedAt: Date;
  firstResponseAt: Date | null;
  resolutionClockStoppedAt: Date | null;
  /** Working days already paused (closed pauses), and the start of the pause going on now. */
  pausedWorkingDays: number;
  pausedSince: Date | null;
  targets: { firstResponse: number; resolution: number };
  maxPausedWorkingDays: number;
  calendar: Calendar;
  now: Date;
};

/**
 * A case's two clocks under its policy version. First response: no pauses (a waiting case has still had a
 * response). Resolution: paused while the case waits (as the policy says), the pause days capped.
 */
export function caseClocks(c: CaseClockInput): { firstResponse: ClockResult; resolution: ClockResult } {
  const firstResponse = clockState({ startedAt: c.openedAt, targetWorkingDays: c.targets.firstResponse, calendar: c.calendar, stoppedAt: c.firstResponseAt, now: c.now });
  const banked = Math.min(c.pausedWorkingDays, c.maxPausedWorkingDays);
  const resolution = clockState({
    startedAt: c.openedAt,
    targetWorkingDays: c.targets.resolution + banked,
    calendar: c.calendar,
    pauses: c.pausedSince ? [{ from: c.pausedSince, to: null }] : [],
    maxPausedWorkingDays: c.maxPausedWorkingDays - banked,
    stoppedAt: c.resolutionClockStoppedAt,
    now: c.now,
  });
  return { firstResponse, resolution };
}

/**
 * What the queue sorts on: breached (either clock, ever) first, then the nearest date a running clock falls due.
 * A case whose clocks have both stopped has no next due date.
 */
export function queueColumns(c: { firstResponseAt: Date | null; resolutionClockStoppedAt: Date | null; firstResponseDueDate: string; resolutionDueDate: string; firstResponseBreached: boolean; resolutionBreached: boolean }): { breached: boolean; nextDueDate: Date | null } {
  const running = [c.firstResponseAt ? null : c.firstResponseDueDate, c.resolutionClockStoppedAt ? null : c.resolutionDueDate].filter((d): d is string => d !== null).sort();
  return { breached: c.firstResponseBreached || c.resolutionBreached, nextDueDate: running[0] ? new Date(`${running[0]}T00:00:00Z`) : null };
}

/** The date a missing-record search runs out (the policy's search days from the case opening, plus pauses). */
export function searchDueDate(openedAt: Date, searchWorkingDays: number, pausedWorkingDays: number, calendar: Calendar): string {
  return clockState({ startedAt: openedAt, targetWorkingDays: searchWorkingDays + pausedWorkingDays, calendar, now: openedAt }).dueDate;
}

/** A missing record becomes lost this many calendar months after its case opened. */
export function lostOnDate(openedAt: Date, lostAfterMonths: number): string {
  return addCalendarMonthsPlain(londonDate(openedAt), lostAfterMonths);
}

/** Resolved cases close by themselves this many working days later unless reopened. */
export const AUTO_CLOSE_WORKING_DAYS = 10;
