import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bankHolidayDates } from "@/lib/reference/files";
import { addWorkingDays, isWorkingDay, londonDate, workingDaysBetween } from "@/lib/nhs/working-days";

const holidays = bankHolidayDates("england-and-wales");

describe("working days (England and Wales)", () => {
  it("skips weekends", () => {
    expect(addWorkingDays("2026-11-20", 1, holidays)).toBe("2026-11-23"); // Friday -> Monday
    expect(addWorkingDays("2026-11-23", 10, holidays)).toBe("2026-12-07");
  });

  it("skips bank holidays: Christmas 2026 (Boxing Day substitute on Monday 28 December)", () => {
    expect(holidays.has("2026-12-25")).toBe(true);
    expect(holidays.has("2026-12-28")).toBe(true);
    expect(addWorkingDays("2026-12-24", 1, holidays)).toBe("2026-12-29");
    expect(addWorkingDays("2026-12-21", 10, holidays)).toBe("2027-01-07"); // 22,23,24,29,30,31, 4,5,6,7 (1 Jan holiday)
  });

  it("counts from the next working day when created at a weekend", () => {
    expect(addWorkingDays("2026-11-21", 10, holidays)).toBe("2026-12-04"); // Saturday -> 10th working day is Friday 4 Dec
    expect(addWorkingDays("2026-11-22", 3, holidays)).toBe("2026-11-25");
  });

  it("Easter 2027: Good Friday and Easter Monday are not working days", () => {
    expect(isWorkingDay("2027-03-26", holidays)).toBe(false);
    expect(isWorkingDay("2027-03-29", holidays)).toBe(false);
    expect(addWorkingDays("2027-03-25", 1, holidays)).toBe("2027-03-30");
  });

  it("workingDaysBetween inverts addWorkingDays (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 40 }), (offset, n) => {
        const start = new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        if (!isWorkingDay(start, holidays)) return;
        const end = addWorkingDays(start, n, holidays);
        expect(workingDaysBetween(start, end, holidays)).toBe(n);
        // Backwards: start (a working day) counts, end does not.
        expect(workingDaysBetween(end, start, holidays)).toBe(n === 0 ? 0 : -n);
      }),
    );
  });

  it("refuses a negative number of days", () => {
    expect(() => addWorkingDays("2026-11-23", -1, holidays)).toThrow(RangeError);
  });

  it("takes the London calendar date of an instant (BST and GMT)", () => {
    expect(londonDate(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01"); // 00:30 BST
    expect(londonDate(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31"); // GMT
  });
});

describe("londonDate without Intl", () => {
  const intl = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
  const viaIntl = (d: Date) => {
    const t = intl.format(d);
    return `${t.slice(6, 10)}-${t.slice(3, 5)}-${t.slice(0, 2)}`;
  };
  it("agrees with Intl's Europe/London around every clock change 2000-2040, and at random instants", () => {
    for (let year = 2000; year <= 2040; year++) {
      for (const month of [2, 9]) {
        const lastDay = new Date(Date.UTC(year, month + 1, 0));
        const change = Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
        for (const offset of [-3_600_001, -3_600_000, -1, 0, 1, 3_599_999, 3_600_000, 22 * 3_600_000, 23 * 3_600_000 - 1, 23 * 3_600_000]) {
          const d = new Date(change + offset);
          expect(londonDate(d), d.toISOString()).toBe(viaIntl(d));
        }
      }
    }
    fc.assert(fc.property(fc.date({ min: new Date("1990-01-01"), max: new Date("2060-12-31"), noInvalidDate: true }), (d) => londonDate(d) === viaIntl(d)), { numRuns: 5000 });
  });
});
