// Dates and times as NHS services show them: "22 November 2026", "22 Nov 2026, 14:05", in Europe/London.
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });
const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/London" });
const calendar = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDate(iso: string | Date): string {
  return dateFormat.format(typeof iso === "string" ? new Date(iso) : iso);
}
export function formatShortDate(iso: string | Date): string {
  return shortDate.format(typeof iso === "string" ? new Date(iso) : iso);
}
export function formatDateTime(iso: string | Date): string {
  return dateTime.format(typeof iso === "string" ? new Date(iso) : iso);
}
/** A calendar date (YYYY-MM-DD, no time zone): due dates, dates of birth. */
export function formatCalendarDate(isoDate: string): string {
  return calendar.format(new Date(`${isoDate}T00:00:00Z`));
}
export function formatNumber(n: number): string {
  return n.toLocaleString("en-GB");
}
