// Working-day calendars: one per UK bank-holiday division (gov.uk publishes England and Wales, Scotland, and
// Northern Ireland separately). Pure: holidays come in as data (the BankHoliday table, loaded by
// lib/clocks/calendars.ts), so the same functions serve the portal, the tests and the benchmarks.
import type { Country } from "@/lib/db/generated/enums";
import { addWorkingDays, isWorkingDay, londonDate, workingDaysBetween, type IsoDate } from "@/lib/nhs/working-days";

export type Division = "england-and-wales" | "scotland" | "northern-ireland";
export const DIVISIONS: readonly Division[] = ["england-and-wales", "scotland", "northern-ireland"];

export const DIVISION_LABELS: Record<Division, string> = {
  "england-and-wales": "England and Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
};

export type Calendar = {
  division: Division;
  holidays: ReadonlySet<IsoDate>;
  /** The last date the holiday list can be trusted for: the end of the last year it lists any holiday in. */
  knownUntil: IsoDate | null;
};

export function makeCalendar(division: Division, holidayDates: Iterable<IsoDate>): Calendar {
  const holidays = new Set(holidayDates);
  let lastYear = 0;
  for (const d of holidays) lastYear = Math.max(lastYear, Number(d.slice(0, 4)));
  return { division, holidays, knownUntil: lastYear ? `${lastYear}-12-31` : null };
}

/** The division whose bank holidays apply to an organisation in a country. */
export function divisionFor(country: Country): Division {
  if (country === "SCOTLAND") return "scotland";
  if (country === "NORTHERN_IRELAND") return "northern-ireland";
  return "england-and-wales";
}

/** Says when bank holidays are not known for the next 12 months (the admin pages show it); null when they are. */
export function calendarShortfall(calendar: Calendar, today: IsoDate): string | null {
  const horizon = addCalendarMonthsPlain(today, 12);
  if (!calendar.knownUntil) return `No bank holidays are known for ${DIVISION_LABELS[calendar.division]}: every weekday counts as a working day`;
  if (calendar.knownUntil < horizon) {
    return `Bank holidays for ${DIVISION_LABELS[calendar.division]} are known only until ${calendar.knownUntil}: load gov.uk's newer list or add them, or due dates after that will count bank holidays as working days`;
  }
  return null;
}

/** Date `months` calendar months after `date`: the same day of the month, or the month's last day if it has none. */
export function addCalendarMonthsPlain(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number);
  const targetMonth = m - 1 + months;
  const year = y + Math.floor(targetMonth / 12);
  const month = ((targetMonth % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The date `days` working days before `date` (the inverse of addWorkingDays for a working day). */
export function subtractWorkingDays(date: IsoDate, days: number, calendar: Calendar): IsoDate {
  let current = date;
  let remaining = days;
  while (remaining > 0) {
    current = addCalendarDays(current, -1);
    if (isWorkingDay(current, calendar.holidays)) remaining--;
  }
  return current;
}

/** The first working day on or after `date`. */
export function nextWorkingDayOnOrAfter(date: IsoDate, calendar: Calendar): IsoDate {
  let current = date;
  while (!isWorkingDay(current, calendar.holidays)) current = addCalendarDays(current, 1);
  return current;
}

export { addWorkingDays, isWorkingDay, londonDate, workingDaysBetween, type IsoDate };
