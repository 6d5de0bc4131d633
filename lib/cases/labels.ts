// Words for a case's timeline, tasks and movements as the pages show them. Pure: no database, safe in components.
// A practice's timeline entries carry no `data` (lib/cases/queries.ts strips it), so every entry reads well from its
// type, statuses and note alone; PCSE's carry data, which adds who and what.
import type { CaseEventType, CaseMovementRole, CaseOrigin, CaseStatus, MissingStage, PracticeTaskKind, PracticeTaskStatus } from "@/lib/db/generated/enums";
import { CASE_STATUS_LABELS, OUTCOME_LABELS } from "@/lib/cases/rules";
import { SEARCH_STEP_LABELS } from "@/lib/cases/schemas";
import { formatCalendarDate } from "@/lib/format";

export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  OPENED: "Case opened",
  ALSO_REPORTED: "Reported again",
  ASSIGNED: "Assigned",
  STATUS_CHANGED: "Status changed",
  NOTE: "Note",
  PRACTICE_REPLY: "Reply from the practice",
  CHASED_SENDER: "Sending practice chased",
  CHASED_COURIER: "Courier chased",
  SEARCH_REQUESTED: "A practice asked to search",
  SEARCH_STEP: "Search step recorded",
  MARKED_FOUND: "Record found",
  MARKED_MISSING: "Record marked missing",
  MARKED_LOST: "Record treated as lost",
  REDELIVERY_ARRANGED: "Redelivery arranged",
  TASK_CREATED: "Task set for a practice",
  TASK_COMPLETED: "Task done",
  CLOCK_BREACHED: "Service level breached",
  RESOLVED: "Resolved",
  REOPENED: "Reopened",
  CLOSED: "Closed",
};

export const CASE_ORIGIN_LABELS: Record<CaseOrigin, string> = {
  PRACTICE: "Raised by a practice",
  PCSE: "Opened by PCSE",
  CLOCK_SWEEP: "Opened automatically by the clock sweep",
  SYSTEM: "Opened by the portal",
};

export const TASK_KIND_LABELS: Record<PracticeTaskKind, string> = {
  SEARCH_FOR_RECORD: "Search for the record",
  RECONSTITUTE_RECORD: "Make a reconstituted record",
  MERGE_FOUND_RECORD: "Merge the found record with the reconstituted one",
};

export const TASK_STATUS_LABELS: Record<PracticeTaskStatus, string> = { OPEN: "To do", DONE: "Done", CANCELLED: "No longer needed" };

export const MOVEMENT_ROLE_LABELS: Record<CaseMovementRole, string> = {
  CONCERNS: "The record this case is about",
  EXPECTED: "The record expected",
  DELIVERED: "The record delivered instead",
  REDELIVERY: "Redelivery",
};

export const SEARCH_RESULT_LABELS: Record<string, string> = { NOT_FOUND: "not found", FOUND: "found", ASKED: "asked, waiting for an answer" };

export const PRACTICE_REPLY_LABELS = {
  SEARCHED_NOT_HERE: "We searched: the record is not here",
  FOUND_SENDING: "We found the record and are sending it now",
  INFORMATION: "Information for PCSE",
} as const;

export type CaseStatusTone = "grey" | "blue" | "green" | "red" | "yellow" | "white";

export const CASE_STATUS_TONE: Record<CaseStatus, CaseStatusTone> = {
  OPEN: "white",
  IN_PROGRESS: "blue",
  WAITING_ON_PRACTICE: "yellow",
  WAITING_ON_COURIER: "yellow",
  WAITING_ON_THIRD_PARTY: "yellow",
  RESOLVED: "green",
  CLOSED: "grey",
};

/** The missing-record search's stage: red while the record is missing or lost, yellow while searching, else green. */
export function missingStageTone(stage: MissingStage): CaseStatusTone {
  return stage === "LOST" || stage === "MISSING" ? "red" : stage === "SEARCHING" ? "yellow" : "green";
}

type EntryLike = { type: CaseEventType; fromStatus: CaseStatus | null; toStatus: CaseStatus | null; data: Record<string, unknown> | null };

function text(v: unknown): string | null {
  return typeof v === "string" && v ? v : null;
}

/** One line saying what happened; `names` maps PCSE user ids to names (PCSE's view only). */
export function describeCaseEvent(e: EntryLike, names: ReadonlyMap<string, string> = new Map()): string {
  const d = e.data ?? {};
  switch (e.type) {
    case "STATUS_CHANGED":
      return e.toStatus ? `Status: ${CASE_STATUS_LABELS[e.toStatus].toLowerCase()}${e.fromStatus ? ` (was ${CASE_STATUS_LABELS[e.fromStatus].toLowerCase()})` : ""}` : CASE_EVENT_LABELS.STATUS_CHANGED;
    case "ASSIGNED": {
      const owner = text(d.ownerId);
      return owner ? `Assigned to ${names.get(owner) ?? "a caseworker"}${d.next ? " (took the next case)" : ""}` : CASE_EVENT_LABELS.ASSIGNED;
    }
    case "SEARCH_REQUESTED":
      return text(d.name) ? `${text(d.name)} (${text(d.odsCode)}) asked to search` : "PCSE asked a practice to search";
    case "SEARCH_STEP": {
      const step = text(d.step) as keyof typeof SEARCH_STEP_LABELS | null;
      const result = text(d.result);
      return step && SEARCH_STEP_LABELS[step] ? `${SEARCH_STEP_LABELS[step]}${result ? `: ${SEARCH_RESULT_LABELS[result] ?? result}` : ""}` : CASE_EVENT_LABELS.SEARCH_STEP;
    }
    case "REDELIVERY_ARRANGED":
      return text(d.reference) ? `Redelivery arranged as ${text(d.reference)} from ${text(d.from)}` : CASE_EVENT_LABELS.REDELIVERY_ARRANGED;
    case "TASK_CREATED":
    case "TASK_COMPLETED": {
      const kind = text(d.kind) as PracticeTaskKind | null;
      return kind && TASK_KIND_LABELS[kind] ? `${e.type === "TASK_CREATED" ? "Task set" : "Task done"}: ${TASK_KIND_LABELS[kind].toLowerCase()}` : CASE_EVENT_LABELS[e.type];
    }
    case "RESOLVED": {
      const outcome = text(d.outcome) as keyof typeof OUTCOME_LABELS | null;
      return outcome && OUTCOME_LABELS[outcome] ? `Resolved: ${OUTCOME_LABELS[outcome].toLowerCase()}` : CASE_EVENT_LABELS.RESOLVED;
    }
    default:
      return CASE_EVENT_LABELS[e.type];
  }
}

/** How near its due date a case is, for highlighting: breached, due today (or before), within 7 days, or neither. */
export function caseDueState(c: { breached: boolean; nextDueDate: string | null }, today: string): "breached" | "today" | "week" | null {
  if (c.breached) return "breached";
  if (!c.nextDueDate) return null;
  if (c.nextDueDate <= today) return "today";
  const week = new Date(`${today}T00:00:00Z`);
  week.setUTCDate(week.getUTCDate() + 7);
  return c.nextDueDate < week.toISOString().slice(0, 10) ? "week" : null;
}

/** What a practice answered on a task it completed (PCSE's view): the search's result, the date it did the work, its note. */
export function describeTaskResponse(response: Record<string, unknown>): string {
  const parts: string[] = [];
  if (response.result === "FOUND") parts.push("Found");
  if (response.result === "NOT_HERE") parts.push("Not found there");
  if (typeof response.completedOn === "string") parts.push(`done on ${/^\d{4}-\d{2}-\d{2}$/.test(response.completedOn) ? formatCalendarDate(response.completedOn) : response.completedOn}`);
  if (typeof response.note === "string" && response.note) parts.push(`“${response.note}”`);
  const text = parts.join(", ");
  return text ? text[0].toUpperCase() + text.slice(1) : "Answered";
}
