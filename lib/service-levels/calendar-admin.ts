import "server-only";
// The working-day calendars as an administrator sees them: when each division's bank holidays run out, the next
// twelve months' holidays, and adding a one-off holiday (a coronation, a jubilee). Adding one re-derives the open
// movements' clocks through the job runner, since due dates after it move on by a working day.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { londonDate } from "@/lib/nhs/working-days";
import { prismaSql } from "@/lib/db/sql";
import { loadCalendars, clearCalendarCache } from "@/lib/clocks/calendars";
import { DIVISIONS, DIVISION_LABELS, addCalendarMonthsPlain, calendarShortfall, type Division } from "@/lib/clocks/calendar";
import { parseDateParts } from "@/lib/service-levels/dates";
import { clearBankHolidayCache } from "@/lib/nhs/bank-holidays";

export async function calendarOverview(db: Db, actor: Actor | null, now = new Date()) {
  requirePermission(actor, "policy:read");
  const today = londonDate(now);
  const horizon = addCalendarMonthsPlain(today, 12);
  const calendars = await loadCalendars(prismaSql(db), 0);
  const upcoming = await db.bankHoliday.findMany({
    where: { date: { gte: new Date(`${today}T00:00:00Z`), lte: new Date(`${horizon}T00:00:00Z`) } },
    select: { division: true, date: true, title: true, addedBy: { select: { name: true } } },
    orderBy: [{ date: "asc" }, { division: "asc" }],
  });
  return {
    today,
    horizon,
    divisions: DIVISIONS.map((d) => ({
      division: d,
      label: DIVISION_LABELS[d],
      knownUntil: calendars[d].knownUntil,
      warning: calendarShortfall(calendars[d], today),
      upcoming: upcoming.filter((h) => h.division === d).map((h) => ({ date: h.date.toISOString().slice(0, 10), title: h.title, addedBy: h.addedBy?.name ?? null })),
    })),
  };
}

/** Warnings only (for the top of every admin page): divisions whose holidays run out within 12 months. */
export async function calendarWarnings(db: Db, now = new Date()): Promise<string[]> {
  const calendars = await loadCalendars(prismaSql(db));
  const today = londonDate(now);
  return DIVISIONS.map((d) => calendarShortfall(calendars[d], today)).filter((w): w is string => Boolean(w));
}

const holidaySchema = z.object({
  divisions: z.array(z.enum(DIVISIONS as unknown as [Division, ...Division[]]), { error: "Select where the bank holiday applies" }).min(1, "Select where the bank holiday applies"),
  title: z
    .string({ error: "Enter the bank holiday's name" })
    .trim()
    .min(3, "Enter the bank holiday's name, like Coronation of the King")
    .max(100, "The name must be 100 characters or fewer")
    .refine((v) => !/[<>]/.test(v), "The name must not contain < or >"),
});

export async function addBankHoliday(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ date: string; divisions: Division[] }> {
  requirePermission(actor, "calendar:manage");
  const today = londonDate(now);
  const errors: Record<string, string[]> = {};
  const parsed = holidaySchema.safeParse({ divisions: Array.isArray(raw.divisions) ? raw.divisions : raw.divisions === undefined ? [] : [raw.divisions], title: raw.title });
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  const date = parseDateParts(raw, "holiday", "The date");
  if (!date.ok) errors.holidayDate = [date.message];
  else if (date.date <= today) errors.holidayDate = ["The date must be after today: past due dates are never changed"];
  else if (date.date > addCalendarMonthsPlain(today, 36)) errors.holidayDate = ["The date must be within the next three years"];
  else {
    const weekday = new Date(`${date.date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) errors.holidayDate = ["That date is a weekend, which is never a working day: choose the weekday the holiday is observed on"];
  }
  if (Object.keys(errors).length || !parsed.success || !date.ok) throw new ValidationError(errors);
  const existing = await db.bankHoliday.findMany({ where: { date: new Date(`${date.date}T00:00:00Z`), division: { in: parsed.data.divisions } }, select: { division: true, title: true } });
  if (existing.length) throw new ValidationError({ holidayDate: [`That date is already a bank holiday in ${existing.map((e) => `${DIVISION_LABELS[e.division as Division]} (${e.title})`).join(" and ")}`] });
  try {
    await db.$transaction(async (tx) => {
      await tx.bankHoliday.createMany({ data: parsed.data.divisions.map((division) => ({ division, date: new Date(`${date.date}T00:00:00Z`), title: parsed.data.title, addedById: actor.id })) });
      await recordAuditEvent(tx, { actor, action: "ADD_BANK_HOLIDAY", entityType: "BankHoliday", entityId: date.date, details: { divisions: parsed.data.divisions, title: parsed.data.title } });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ValidationError({ holidayDate: ["That date is already a bank holiday there"] });
    throw error;
  }
  clearCalendarCache();
  clearBankHolidayCache();
  return { date: date.date, divisions: parsed.data.divisions };
}
