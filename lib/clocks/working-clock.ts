// A service-level clock counted in working days: when it is due, how much of it has gone, how much is paused, and
// whether it is breached. Pure: the caller passes `now` and the calendar. Used for every movement leg and case.
//
// Rules (docs/service-levels.md):
// - Day 0 is the day the clock starts (Europe/London); a clock started on a weekend or bank holiday counts from
//   the next working day. Due = start + target working days (+ paused working days, up to the policy's cap).
// - A pause from day A to day B adds the working days after A up to and including B: a pause begun and ended on
//   the same day adds nothing; a pause from Friday to Tuesday over a bank-holiday Monday adds one day (Tuesday).
//   An open pause counts up to today, so the due date moves while the clock is paused.
// - A stopped clock is met when it stopped on or before its due date, breached when after. A running clock is
//   breached from the first day after its due date.
import { addWorkingDays, londonDate, workingDaysBetween, type Calendar, type IsoDate } from "@/lib/clocks/calendar";

export type Pause = { from: Date; to: Date | null };

export type ClockInput = {
  startedAt: Date;
  targetWorkingDays: number;
  calendar: Calendar;
  pauses?: readonly Pause[];
  /** The most working days pauses may add (the policy's cap); unlimited when undefined. */
  maxPausedWorkingDays?: number;
  stoppedAt?: Date | null;
  now: Date;
  /** False on hot paths that store only the due date and breach: elapsed and remaining are then left at 0. */
  detail?: boolean;
};

export type ClockState = "running" | "paused" | "met" | "breached";

export type ClockResult = {
  startedOn: IsoDate;
  dueDate: IsoDate;
  stoppedOn: IsoDate | null;
  pausedWorkingDays: number;
  elapsedWorkingDays: number;
  /** Working days from today to the due date: negative once breached; 0 for a stopped clock. */
  remainingWorkingDays: number;
  breached: boolean;
  state: ClockState;
};

export function pausedWorkingDays(pauses: readonly Pause[], calendar: Calendar, now: Date, cap?: number): number {
  let total = 0;
  for (const p of pauses) {
    const from = londonDate(p.from);
    const to = londonDate(p.to ?? now);
    if (to > from) total += workingDaysBetween(from, to, calendar.holidays);
  }
  return cap === undefined ? total : Math.min(total, cap);
}

export function clockState(input: ClockInput): ClockResult {
  const { calendar, now } = input;
  if (!Number.isInteger(input.targetWorkingDays) || input.targetWorkingDays < 0) throw new RangeError(`target must be a whole number of working days, got ${input.targetWorkingDays}`);
  const startedOn = londonDate(input.startedAt);
  const stoppedOn = input.stoppedAt ? londonDate(input.stoppedAt) : null;
  // Pauses only count while the clock ran: none after it stopped.
  const end = input.stoppedAt ?? now;
  const pauses = (input.pauses ?? []).filter((p) => p.from < end).map((p) => ({ from: p.from, to: p.to && p.to < end ? p.to : input.stoppedAt ? end : p.to }));
  const paused = pauses.length ? pausedWorkingDays(pauses, calendar, now, input.maxPausedWorkingDays) : 0;
  const dueDate = addWorkingDays(startedOn, input.targetWorkingDays + paused, calendar.holidays);
  const today = londonDate(now);
  const endOn = stoppedOn ?? today;
  const detail = input.detail !== false;
  const elapsedWorkingDays = detail ? Math.max(0, workingDaysBetween(startedOn, endOn, calendar.holidays) - paused) : 0;
  if (stoppedOn) {
    const breached = stoppedOn > dueDate;
    return { startedOn, dueDate, stoppedOn, pausedWorkingDays: paused, elapsedWorkingDays, remainingWorkingDays: 0, breached, state: breached ? "breached" : "met" };
  }
  const breached = today > dueDate;
  const openPause = pauses.some((p) => p.to === null);
  return {
    startedOn,
    dueDate,
    stoppedOn: null,
    pausedWorkingDays: paused,
    elapsedWorkingDays,
    remainingWorkingDays: detail ? workingDaysBetween(today, dueDate, calendar.holidays) : 0,
    breached,
    state: breached ? "breached" : openPause ? "paused" : "running",
  };
}
