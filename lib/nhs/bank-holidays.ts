import "server-only";
// Bank holidays (England and Wales) from the BankHoliday table, seeded from gov.uk's list; one-off holidays
// are added to the table. Cached briefly: they change a few times a year.
import type { Db } from "@/lib/db/client";
import type { IsoDate } from "@/lib/nhs/working-days";

let cache: { at: number; holidays: Set<IsoDate> } | null = null;
const TTL_MS = 10 * 60 * 1000;

export async function loadBankHolidays(db: Db, now = Date.now()): Promise<Set<IsoDate>> {
  if (cache && now - cache.at < TTL_MS) return cache.holidays;
  const rows = await db.bankHoliday.findMany({ where: { division: "england-and-wales" }, select: { date: true } });
  cache = { at: now, holidays: new Set(rows.map((r) => r.date.toISOString().slice(0, 10))) };
  return cache.holidays;
}

export function clearBankHolidayCache() {
  cache = null;
}
