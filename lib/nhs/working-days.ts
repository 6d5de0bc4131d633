// Working-day arithmetic for service levels: Monday to Friday, excluding bank holidays (England and Wales).
// Dates are calendar dates (`YYYY-MM-DD`) in Europe/London; pure functions, no clock.

export type IsoDate = string; // YYYY-MM-DD

const DAY_MS = 86_400_000;

function toUtcMidnight(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  const weekday = new Date(toUtcMidnight(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The calendar date in Europe/London of an instant (a record sent at 00:30 BST belongs to that day). */
export function londonDate(instant: Date): IsoDate {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * The date `days` working days after `start`. Day 0 is `start` itself; a start on a weekend or bank
 * holiday counts from the next working day, so 10 working days from a Saturday ends on the second Friday.
 */
export function addWorkingDays(start: IsoDate, days: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  let ms = toUtcMidnight(start);
  let remaining = days;
  while (remaining > 0) {
    ms += DAY_MS;
    if (isWorkingDay(fromUtc(ms), holidays)) remaining--;
  }
  return fromUtc(ms);
}

/**
 * Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`.
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for a working day `d`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: ReadonlySet<IsoDate>): number {
  const a = toUtcMidnight(from);
  const b = toUtcMidnight(to);
  if (a === b) return 0;
  const sign = b > a ? 1 : -1;
  let count = 0;
  for (let ms = a + sign * DAY_MS; sign > 0 ? ms <= b : ms >= b; ms += sign * DAY_MS) {
    if (isWorkingDay(fromUtc(ms), holidays)) count++;
  }
  return sign * count;
}
