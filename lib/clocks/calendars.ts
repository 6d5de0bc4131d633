// Loads the working-day calendars (bank holidays per division) from the BankHoliday table. Cached for a few
// minutes per process: holidays change a few times a year (an administrator adding a one-off holiday clears this
// process's cache; other processes see it within CACHE_MS). No server-only import: the worker and scripts use it.
import type { Sql } from "@/lib/db/sql";
import { DIVISIONS, makeCalendar, type Calendar, type Division } from "@/lib/clocks/calendar";

const CACHE_MS = 5 * 60 * 1000;
let cache: { at: number; calendars: Record<Division, Calendar> } | null = null;

export async function loadCalendars(sql: Sql, now = Date.now()): Promise<Record<Division, Calendar>> {
  if (cache && now - cache.at < CACHE_MS) return cache.calendars;
  const rows = await sql.query<{ division: string; date: string }>(`SELECT division, to_char(date, 'YYYY-MM-DD') AS date FROM "BankHoliday"`);
  const byDivision = new Map<Division, string[]>(DIVISIONS.map((d) => [d, []]));
  for (const r of rows) byDivision.get(r.division as Division)?.push(r.date);
  const calendars = Object.fromEntries(DIVISIONS.map((d) => [d, makeCalendar(d, byDivision.get(d)!)])) as Record<Division, Calendar>;
  cache = { at: now, calendars };
  return calendars;
}

export function clearCalendarCache() {
  cache = null;
}
