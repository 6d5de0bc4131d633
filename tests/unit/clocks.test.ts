import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bankHolidayDates } from "@/lib/reference/files";
import { addCalendarMonthsPlain, calendarShortfall, makeCalendar, subtractWorkingDays } from "@/lib/clocks/calendar";
import { clockState, pausedWorkingDays } from "@/lib/clocks/working-clock";
import { internalTargetDate, statutoryDueDate } from "@/lib/clocks/statutory";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "@/lib/nhs/working-days";
import { DEFAULT_POLICY_RULES } from "@/lib/service-levels/policy";
import { deriveMilestones } from "@/lib/tracking/clocks";

const england = makeCalendar("england-and-wales", bankHolidayDates("england-and-wales"));
const scotland = makeCalendar("scotland", bankHolidayDates("scotland"));
const ni = makeCalendar("northern-ireland", bankHolidayDates("northern-ireland"));
// Noon in London in winter (UTC) on a date.
const at = (date: string, hour = 12) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);

describe("working-day clocks", () => {
  it("the contract's 12 working days from collection, across Christmas and New Year 2026", () => {
    // Collected Monday 21 December 2026: 22,23,24, (25 Christmas, 28 Boxing Day substitute), 29,30,31, (1 Jan),
    // 4,5,6,7,8, 11.
    const c = clockState({ startedAt: at("2026-12-21"), targetWorkingDays: 12, calendar: england, now: at("2026-12-21") });
    expect(c.dueDate).toBe("2027-01-11");
    expect(c.state).toBe("running");
    expect(c.remainingWorkingDays).toBe(12);
    const met = clockState({ startedAt: at("2026-12-21"), targetWorkingDays: 12, calendar: england, stoppedAt: at("2027-01-11", 16), now: at("2027-01-20") });
    expect(met).toMatchObject({ state: "met", breached: false, elapsedWorkingDays: 12 });
    const late = clockState({ startedAt: at("2026-12-21"), targetWorkingDays: 12, calendar: england, stoppedAt: at("2027-01-12"), now: at("2027-01-20") });
    expect(late).toMatchObject({ state: "breached", breached: true, elapsedWorkingDays: 13 });
  });

  it("Easter 2027: Good Friday 26 March and Easter Monday 29 March are not working days in England", () => {
    const c = clockState({ startedAt: at("2027-03-24"), targetWorkingDays: 3, calendar: england, now: at("2027-03-24") });
    expect(c.dueDate).toBe("2027-03-31"); // 25, (26, 29), 30, 31
  });

  it("each nation's calendar: St Andrew's Day is a holiday in Scotland only, the Boyne in Northern Ireland only", () => {
    expect(isWorkingDay("2026-11-30", england.holidays)).toBe(true);
    expect(isWorkingDay("2026-11-30", scotland.holidays)).toBe(false);
    expect(isWorkingDay("2027-07-12", ni.holidays)).toBe(false);
    expect(isWorkingDay("2027-07-12", england.holidays)).toBe(true);
    const start = at("2026-11-27"); // a Friday
    expect(clockState({ startedAt: start, targetWorkingDays: 1, calendar: england, now: start }).dueDate).toBe("2026-11-30");
    expect(clockState({ startedAt: start, targetWorkingDays: 1, calendar: scotland, now: start }).dueDate).toBe("2026-12-01");
  });

  it("a clock is breached from the first day after its due date, not on it", () => {
    const base = { startedAt: at("2026-11-23"), targetWorkingDays: 2, calendar: england };
    expect(clockState({ ...base, now: at("2026-11-25", 23) })).toMatchObject({ dueDate: "2026-11-25", breached: false, remainingWorkingDays: 0 });
    expect(clockState({ ...base, now: at("2026-11-26", 0) })).toMatchObject({ breached: true, state: "breached", remainingWorkingDays: -1 });
  });

  it("a pause over a bank holiday adds only the working days it covered", () => {
    // Paused Friday 1 May 2026 to Tuesday 5 May (Monday 4 May is the Early May bank holiday): adds Tuesday only.
    const pauses = [{ from: at("2026-05-01"), to: at("2026-05-05") }];
    expect(pausedWorkingDays(pauses, england, at("2026-05-10"))).toBe(1);
    const c = clockState({ startedAt: at("2026-04-27"), targetWorkingDays: 5, calendar: england, pauses, now: at("2026-05-06") });
    // Without the pause: 28,29,30, 1, 5 -> due Tue 5 May; with one paused day: Wed 6 May.
    expect(c.dueDate).toBe("2026-05-06");
    expect(c.pausedWorkingDays).toBe(1);
    expect(c.breached).toBe(false);
  });

  it("an open pause moves the due date while it lasts, up to the policy's cap", () => {
    const pauses = [{ from: at("2026-11-23"), to: null }];
    const c = clockState({ startedAt: at("2026-11-23"), targetWorkingDays: 2, calendar: england, pauses, now: at("2026-12-04") });
    expect(c.state).toBe("paused");
    expect(c.pausedWorkingDays).toBe(9);
    expect(c.dueDate).toBe("2026-12-08");
    const capped = clockState({ startedAt: at("2026-11-23"), targetWorkingDays: 2, calendar: england, pauses, maxPausedWorkingDays: 3, now: at("2026-12-04") });
    expect(capped.pausedWorkingDays).toBe(3);
    expect(capped.breached).toBe(true);
  });

  it("property: without pauses, a clock stopped on its due date is met and one stopped a working day later is breached", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2024-01-01"), max: new Date("2027-10-31"), noInvalidDate: true }), fc.integer({ min: 0, max: 40 }), (start, target) => {
        const startedAt = new Date(Math.floor(start.getTime() / 86_400_000) * 86_400_000 + 12 * 3_600_000);
        const first = clockState({ startedAt, targetWorkingDays: target, calendar: england, now: startedAt });
        const onDue = clockState({ startedAt, targetWorkingDays: target, calendar: england, stoppedAt: at(first.dueDate), now: at(first.dueDate) });
        const dayAfter = addWorkingDays(first.dueDate, 1, england.holidays);
        const after = clockState({ startedAt, targetWorkingDays: target, calendar: england, stoppedAt: at(dayAfter), now: at(dayAfter) });
        return !onDue.breached && after.breached && isWorkingDay(first.dueDate, england.holidays) === (target > 0 || isWorkingDay(first.startedOn, england.holidays));
      }),
      { numRuns: 300 },
    );
  });

  it("property: elapsed + remaining = target for a running clock on a working day before its due date", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2024-01-01"), max: new Date("2027-09-30"), noInvalidDate: true }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 29 }), (start, target, k) => {
        const startDay = new Date(start).toISOString().slice(0, 10);
        if (!isWorkingDay(startDay, england.holidays) || k >= target) return true;
        const today = addWorkingDays(startDay, k, england.holidays);
        const c = clockState({ startedAt: at(startDay), targetWorkingDays: target, calendar: england, now: at(today) });
        return c.elapsedWorkingDays === k && c.remainingWorkingDays === target - k && !c.breached;
      }),
      { numRuns: 300 },
    );
  });

  it("property: subtracting working days undoes adding them, from a working day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2024-01-01"), max: new Date("2027-06-30"), noInvalidDate: true }), fc.integer({ min: 0, max: 60 }), (d, n) => {
        const day = d.toISOString().slice(0, 10);
        if (!isWorkingDay(day, england.holidays)) return true;
        const later = addWorkingDays(day, n, england.holidays);
        return subtractWorkingDays(later, n, england) === day && workingDaysBetween(day, later, england.holidays) === n;
      }),
      { numRuns: 300 },
    );
  });
});

describe("statutory clocks", () => {
  const rules = DEFAULT_POLICY_RULES.statutory;
  it("a subject access request is due the corresponding date next month, or the month's last day", () => {
    expect(addCalendarMonthsPlain("2027-01-31", 1)).toBe("2027-02-28");
    expect(addCalendarMonthsPlain("2028-01-31", 1)).toBe("2028-02-29");
    expect(addCalendarMonthsPlain("2026-10-31", 1)).toBe("2026-11-30");
    expect(addCalendarMonthsPlain("2026-12-15", 1)).toBe("2027-01-15");
    expect(statutoryDueDate({ basis: "SUBJECT_ACCESS_REQUEST", receivedOn: "2026-11-03" }, rules, england)).toBe("2026-12-03");
    // 31 January -> 28 February 2027 is a Sunday: the next working day.
    expect(statutoryDueDate({ basis: "SUBJECT_ACCESS_REQUEST", receivedOn: "2027-01-31" }, rules, england)).toBe("2027-03-01");
    // Extended by two months.
    expect(statutoryDueDate({ basis: "SUBJECT_ACCESS_REQUEST", receivedOn: "2026-11-03", extended: true }, rules, england)).toBe("2027-02-03");
    // 25 November -> 25 December (Christmas) -> 29 December (Boxing Day substitute on the 28th).
    expect(statutoryDueDate({ basis: "SUBJECT_ACCESS_REQUEST", receivedOn: "2026-11-25" }, rules, england)).toBe("2026-12-29");
  });

  it("Access to Health Records Act: 40 days, or 21 when every entry is recent; a coroner's own date", () => {
    expect(statutoryDueDate({ basis: "ACCESS_TO_HEALTH_RECORDS", receivedOn: "2026-11-23" }, rules, england)).toBe("2027-01-02");
    expect(statutoryDueDate({ basis: "ACCESS_TO_HEALTH_RECORDS", receivedOn: "2026-11-23", recentEntriesOnly: true }, rules, england)).toBe("2026-12-14");
    expect(statutoryDueDate({ basis: "CORONER", receivedOn: "2026-11-23", dateGiven: "2026-12-01" }, rules, england)).toBe("2026-12-01");
    expect(statutoryDueDate({ basis: "CLINICAL_NEED", receivedOn: "2026-11-23" }, rules, england)).toBeNull();
  });

  it("the internal target leaves the review working days before the statutory date, never before receipt", () => {
    expect(internalTargetDate("2026-12-03", "2026-11-03", rules, england)).toBe("2026-11-26");
    expect(internalTargetDate("2026-11-25", "2026-11-23", rules, england)).toBe("2026-11-23");
  });
});

describe("the calendar knows when it runs out", () => {
  it("warns when bank holidays are not known for the next 12 months", () => {
    expect(england.knownUntil).toBe("2027-12-31");
    expect(calendarShortfall(england, "2026-11-23")).toBeNull();
    expect(calendarShortfall(england, "2027-02-01")).toMatch(/known only until 2027-12-31/);
    expect(calendarShortfall(makeCalendar("scotland", []), "2026-11-23")).toMatch(/No bank holidays are known for Scotland/);
  });
});

describe("milestones when a destination is corrected (issue 13)", () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
  const e = (type: Parameters<typeof deriveMilestones>[0][number]["type"], h: number) => ({ type, occurredAt: at(h), sourceEventId: `${type}-${h}` });

  it("a correction before collection releases the record again when it is next made ready, and ends a hold", () => {
    const m = deriveMilestones([e("CREATED", 8), e("READY_FOR_COLLECTION", 9), e("MARKED_HELD_AT_PRACTICE", 10), e("DESTINATION_CORRECTED", 11)]);
    expect(m.releasedAt).toBeNull();
    expect(m.legReadyAt).toBeNull();
    expect(m.holds).toEqual([{ from: at(10), to: at(11) }]);
    expect(deriveMilestones([e("CREATED", 8), e("READY_FOR_COLLECTION", 9), e("DESTINATION_CORRECTED", 11), e("READY_FOR_COLLECTION", 12)]).releasedAt).toEqual(at(12));
  });

  it("after collection it changes no milestone", () => {
    expect(deriveMilestones([e("CREATED", 8), e("READY_FOR_COLLECTION", 9), e("COLLECTED", 10), e("DESTINATION_CORRECTED", 11)])).toMatchObject({ releasedAt: at(9), collectedAt: at(10) });
  });
});
