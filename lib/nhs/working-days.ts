// Working-day arithmetic for service levels: Monday to Friday, excluding the bank holidays passed in (one division's).
// Dates are calendar dates (`YYYY-MM-DD`) in Europe/London; pure functions, no clock.
//
// Internally dates are day numbers (days since 1970-01-01) and each holiday set is turned into a set of day numbers
// once (cached per set): the clock derivation runs these loops for every clock of every movement a courier batch
// touches, and string dates cost ~1 µs a step where integers cost a few nanoseconds.

export type IsoDate = string; // YYYY-MM-DD

const DAY_MS = 86_400_000;

// Dates in use cluster in a few years, so both directions are memoised (bounded, cleared when large).
const toNumber = new Map<string, number>();
const toDate = new Map<number, string>();

function dayNumber(date: IsoDate): number {
  let n = toNumber.get(date);
  if (n === undefined) {
    const y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
    const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
    const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
    n = Date.UTC(y, m - 1, d) / DAY_MS;
    if (toNumber.size > 100_000) toNumber.clear();
    toNumber.set(date, n);
  }
  return n;
}

function fromDayNumber(n: number): IsoDate {
  let date = toDate.get(n);
  if (date === undefined) {
    date = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (toDate.size > 100_000) toDate.clear();
    toDate.set(n, date);
  }
  return date;
}

const holidayNumbers = new WeakMap<ReadonlySet<IsoDate>, Set<number>>();

function numbersOf(holidays: ReadonlySet<IsoDate>): Set<number> {
  let set = holidayNumbers.get(holidays);
  if (!set) {
    set = new Set([...holidays].map(dayNumber));
    holidayNumbers.set(holidays, set);
  }
  return set;
}

/** 1970-01-01 was a Thursday: day number 0 is weekday 4 (Sunday 0 ... Saturday 6). */
function isWorkingDayNumber(n: number, holidays: Set<number>): boolean {
  const weekday = (((n + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6 && !holidays.has(n);
}

export function isWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  return isWorkingDayNumber(dayNumber(date), numbersOf(holidays));
}

// Europe/London without Intl on the hot path: since 1996 the UK is on UTC+1 (BST) from 01:00 UTC on the last Sunday
// of March to 01:00 UTC on the last Sunday of October, else UTC. Instants before 1996 go through Intl.
// (tests/unit/working-days.test.ts checks this against Intl for thousands of instants.)
const LONDON = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const BST_FROM_YEAR = 1996;
const bstWindows = new Map<number, [number, number]>();

function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

function bstWindow(year: number): [number, number] {
  let w = bstWindows.get(year);
  if (!w) bstWindows.set(year, (w = [lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)]));
  return w;
}

// The UTC year last seen, as [year, first ms, first ms of the next year]: instants cluster, so this spares a Date.
let lastYear: [number, number, number] = [0, 0, 0];

function utcYear(ms: number): number {
  if (ms >= lastYear[1] && ms < lastYear[2]) return lastYear[0];
  const year = new Date(ms).getUTCFullYear();
  lastYear = [year, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
  return year;
}

/** The calendar date in Europe/London of an instant (a record sent at 00:30 BST belongs to that day). */
export function londonDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  const year = Number.isNaN(ms) ? 0 : utcYear(ms);
  if (year < BST_FROM_YEAR) {
    const text = LONDON.format(instant); // en-GB: DD/MM/YYYY
    return `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
  }
  const [from, to] = bstWindow(year);
  const local = ms >= from && ms < to ? ms + 3_600_000 : ms;
  return fromDayNumber(Math.floor(local / DAY_MS));
}

/**
 * The date `days` working days after `start`. Day 0 is `start` itself; a start on a weekend or bank
 * holiday counts from the next working day, so 10 working days from a Saturday ends on the second Friday.
 */
export function addWorkingDays(start: IsoDate, days: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  const set = numbersOf(holidays);
  const from = dayNumber(start);
  // Remembered per calendar: a courier batch asks the same few (start day, target) pairs for hundreds of clocks.
  const key = days < 1024 ? from * 1024 + days : NaN;
  let known = addedDays.get(set);
  const hit = known?.get(key);
  if (hit !== undefined) return hit;
  let n = from;
  let remaining = days;
  while (remaining > 0) {
    n++;
    if (isWorkingDayNumber(n, set)) remaining--;
  }
  const result = fromDayNumber(n);
  if (!Number.isNaN(key)) {
    if (!known || known.size > 100_000) addedDays.set(set, (known = new Map()));
    known.set(key, result);
  }
  return result;
}

const addedDays = new WeakMap<Set<number>, Map<number, IsoDate>>();

/**
 * Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`.
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for a working day `d`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: ReadonlySet<IsoDate>): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === b) return 0;
  const set = numbersOf(holidays);
  let count = 0;
  if (b > a) {
    // Forwards: the days after `from`, up to and including `to`.
    for (let n = a + 1; n <= b; n++) if (isWorkingDayNumber(n, set)) count++;
    return count;
  }
  // Backwards: the days before `from`, down to and including `to`.
  for (let n = b; n < a; n++) if (isWorkingDayNumber(n, set)) count++;
  return -count;
}

/** The instant a London calendar date begins (00:00 GMT or BST), e.g. for "from this date" filters. */
export function londonMidnight(date: IsoDate): Date {
  const utc = new Date(`${date}T00:00:00Z`);
  // At 00:00 UTC London is on the same date, at 00:00 (GMT) or 01:00 (BST).
  return londonDate(new Date(utc.getTime() - 1)) === date ? new Date(utc.getTime() - 3_600_000) : utc;
}
