// The NHS date-input pattern (day, month, year as three fields) for admin forms. Pure.
export function parseDateParts(raw: Record<string, unknown>, prefix: string, label: string): { ok: true; date: string } | { ok: false; message: string } {
  const part = (k: string) => (typeof raw[`${prefix}${k}`] === "string" ? (raw[`${prefix}${k}`] as string).trim() : "");
  const [d, m, y] = [part("Day"), part("Month"), part("Year")];
  if (!d && !m && !y) return { ok: false, message: `Enter ${label.toLowerCase()}` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { ok: false, message: `${label} must be a real date, like 1 4 2027` };
  const iso = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return { ok: false, message: `${label} must be a real date, like 1 4 2027` };
  return { ok: true, date: iso };
}
