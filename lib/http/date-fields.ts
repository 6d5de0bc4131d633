// The NHS date input posts a date as three fields (`receivedOnDay`, `receivedOnMonth`, `receivedOnYear`); the
// schemas take one ISO date (`receivedOn`). This joins them before the schema sees the form, so the schema's
// messages ("Enter the date...", "... must be a real date") are the ones shown. Pure.
import type { FormFields } from "@/lib/http/input";

/** An ISO date from day, month and year as typed; "" when all three are empty; an impossible date when not numbers. */
export function joinDateParts(day: string, month: string, year: string): string {
  const [d, m, y] = [day, month, year].map((p) => p.trim());
  if (!d && !m && !y) return "";
  // Not a date at all: "0000-00-00" passes the shape check and fails the "real date" one, which says what to fix.
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return "0000-00-00";
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/**
 * The form with each named date joined from its three parts (when the form has the parts; a field posted whole,
 * as a script or test may, is left as it is).
 */
export function withJoinedDates(fields: FormFields, names: readonly string[]): FormFields {
  const out: FormFields = { ...fields };
  for (const name of names) {
    const parts = [`${name}Day`, `${name}Month`, `${name}Year`];
    if (!parts.some((p) => p in fields)) continue;
    const [day, month, year] = parts.map((p) => (typeof fields[p] === "string" ? (fields[p] as string) : ""));
    out[name] = joinDateParts(day, month, year);
    for (const p of parts) delete out[p];
  }
  return out;
}

/** The parts of an ISO date, to put back into a date input ({} for anything else). */
export function datePartsOf(iso: string | undefined): { day?: string; month?: string; year?: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])) } : {};
}
