import "server-only";
// Commissioner overview: movements created this month (Europe/London) by region and status. Aggregates
// only: no patient identifier is selected, so none can leak into the page or its network responses.
import type { Db } from "@/lib/db/client";
import type { MovementStatus } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { dashboardScopeWhere } from "@/lib/auth/scope";
import { londonDate } from "@/lib/nhs/working-days";

export type RegionOverview = { regionCode: string | null; regionName: string; total: number; byStatus: Partial<Record<MovementStatus, number>> };

export type MonthOverview = { monthLabel: string; from: string; to: string; scope: string; regions: RegionOverview[]; totals: RegionOverview };

export function monthBounds(now: Date): { from: string; to: string; label: string } {
  const today = londonDate(now);
  const [y, m] = today.split("-").map(Number);
  const from = `${y}-${String(m).padStart(2, "0")}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  const label = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${from}T00:00:00Z`));
  return { from, to: next, label };
}

/** London midnight of a calendar date as an instant (BST-aware). */
function londonMidnight(date: string): Date {
  const utc = new Date(`${date}T00:00:00Z`);
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" }).format(utc));
  return new Date(utc.getTime() - hour * 3_600_000);
}

export async function monthOverview(db: Db, actor: Actor | null, now = new Date()): Promise<MonthOverview> {
  requirePermission(actor, "dashboard:read");
  const { from, to, label } = monthBounds(now);
  const groups = await db.recordMovement.groupBy({
    by: ["regionCode", "status"],
    where: { AND: [dashboardScopeWhere(actor), { createdAt: { gte: londonMidnight(from), lt: londonMidnight(to) } }] },
    _count: { _all: true },
  });
  const regions = await db.region.findMany({
    where: actor.regionCode ? { code: actor.regionCode } : {},
    select: { code: true, name: true },
    orderBy: { name: "asc" },
  });
  const byRegion = new Map<string | null, RegionOverview>();
  for (const r of regions) byRegion.set(r.code, { regionCode: r.code, regionName: r.name, total: 0, byStatus: {} });
  const totals: RegionOverview = { regionCode: null, regionName: actor.regionCode ? "Your region" : "England", total: 0, byStatus: {} };
  for (const g of groups) {
    let row = byRegion.get(g.regionCode);
    if (!row) {
      row = { regionCode: g.regionCode, regionName: "Outside an NHS England region (Wales, storage)", total: 0, byStatus: {} };
      byRegion.set(g.regionCode, row);
    }
    const n = g._count._all;
    row.total += n;
    row.byStatus[g.status] = (row.byStatus[g.status] ?? 0) + n;
    totals.total += n;
    totals.byStatus[g.status] = (totals.byStatus[g.status] ?? 0) + n;
  }
  return {
    monthLabel: label,
    from,
    to,
    scope: actor.regionCode ? (regions[0]?.name ?? actor.regionCode) : "England",
    regions: [...byRegion.values()],
    totals,
  };
}
