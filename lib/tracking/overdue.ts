import "server-only";
// PCSE: every open movement with a breached service-level clock, most overdue first, read from the narrow
// MovementClock table (so it stays fast nationally). No patient identifiers: references and organisations only.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { MovementClockKind } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { movementScopeWhere } from "@/lib/auth/scope";
import { londonDate, workingDaysBetween } from "@/lib/nhs/working-days";
import { loadCalendars } from "@/lib/clocks/calendars";
import { prismaSql } from "@/lib/db/sql";
import { CLOCK_KINDS } from "@/lib/tracking/clocks";
import { REGIONS } from "@/lib/reference/regions";

export const OVERDUE_PAGE_SIZE = 50;

const filterSchema = z.object({
  clock: z.enum(CLOCK_KINDS).optional().catch(undefined),
  region: z.enum(REGIONS.map((r) => r.code) as [string, ...string[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function overdueQueue(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()) {
  requirePermission(actor, "operations:read");
  const filters = filterSchema.parse(raw);
  const today = londonDate(now);
  const base: Prisma.MovementClockWhereInput = { AND: [{ breached: true }, { movement: movementScopeWhere(actor) }, filters.region ? { movement: { regionCode: filters.region } } : {}] };
  const where: Prisma.MovementClockWhereInput = { AND: [base, filters.clock ? { kind: filters.clock as MovementClockKind } : {}] };
  const [total, clocks, byKind, calendars] = await Promise.all([
    db.movementClock.count({ where }),
    db.movementClock.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { movementId: "asc" }, { kind: "asc" }],
      skip: (filters.page - 1) * OVERDUE_PAGE_SIZE,
      take: OVERDUE_PAGE_SIZE,
      select: {
        kind: true,
        dueDate: true,
        movement: {
          select: { reference: true, status: true, priority: true, fromOrganisation: { select: { name: true, odsCode: true } }, toOrganisation: { select: { name: true, odsCode: true } }, region: { select: { name: true } } },
        },
      },
    }),
    db.movementClock.groupBy({ by: ["kind"], where: base, _count: { _all: true } }),
    loadCalendars(prismaSql(db)),
  ]);
  const holidays = calendars["england-and-wales"].holidays;
  return {
    filters,
    total,
    pageCount: Math.max(1, Math.ceil(total / OVERDUE_PAGE_SIZE)),
    counts: Object.fromEntries(byKind.map((k) => [k.kind, k._count._all])) as Partial<Record<MovementClockKind, number>>,
    rows: clocks.map((c) => {
      const due = c.dueDate.toISOString().slice(0, 10);
      return { ...c.movement, region: c.movement.region?.name ?? null, clock: c.kind, dueDate: due, workingDaysOverdue: workingDaysBetween(due, today, holidays) };
    }),
  };
}
