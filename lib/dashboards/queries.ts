import "server-only";
// The commissioner dashboards' views: England, a region, an ICB or a practice, for one month, with its KPIs against
// target, its 12-month trend, a league table of the level below (sortable by any headline KPI) and the worst
// practices. Reads only the rollup (DashboardRollup): a handful of rows per view. Aggregates only, disclosure control
// below national level (lib/dashboards/kpis.ts). A regional commissioner sees their region's units, and other
// regions only inside England's national figures: the scope is in every where.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { DashboardLevel, DashboardSide, Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import type { PolicyRules } from "@/lib/service-levels/policy";
import { policyRules } from "@/lib/service-levels/versions";
import { prismaSql } from "@/lib/db/sql";
import { monthLabel, type MonthKey } from "@/lib/dashboards/metrics";
import { HEADLINE_KPIS, KPI_DEFINITIONS, belowTarget, detailTables, serviceCredits, type CreditLine, type DetailTable, type Figure, type HeadlineKpi, type RollupFigures } from "@/lib/dashboards/kpis";

export const LEVEL_PATHS = { NATIONAL: "/commissioner", REGION: "/commissioner/regions", ICB: "/commissioner/icbs", PRACTICE: "/commissioner/practices" } as const;
const CHILD_LEVEL: Record<DashboardLevel, DashboardLevel | null> = { NATIONAL: "REGION", REGION: "ICB", ICB: "PRACTICE", PRACTICE: null };
export const LEVEL_NAMES: Record<DashboardLevel, string> = { NATIONAL: "England", REGION: "Region", ICB: "Integrated care board", PRACTICE: "Practice" };
export const PAGE_SIZE = 25;

/** A view's own parameters (also the export's), from the URL's search params. */
export const viewParamsSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().catch(undefined),
  side: z.enum(["sending", "receiving"]).catch("sending").default("sending"),
  sort: z.enum(HEADLINE_KPIS).catch("onTime").default("onTime"),
  dir: z.enum(["asc", "desc", "worst"]).catch("worst").default("worst"),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
  /** "all": the page shows every KPI's detail tables (they are about half of a dashboard page, so on request). */
  detail: z.enum(["all"]).optional().catch(undefined),
});
export type ViewParams = z.infer<typeof viewParamsSchema>;

export type MonthMeta = { month: MonthKey; label: string; status: "PROVISIONAL" | "FINAL"; policyVersion: number; cutOffDate: string; asOf: Date; refreshedAt: Date };

export type UnitSummary = { level: DashboardLevel; code: string; name: string; regionCode: string | null; icbCode: string | null };

export type KpiCell = { kpi: HeadlineKpi; figure: Figure; below: boolean };

export type LeagueRow = UnitSummary & { href: string; cells: KpiCell[] };

export type DashboardView = {
  unit: UnitSummary;
  national: boolean;
  breadcrumbs: { name: string; href: string }[];
  month: MonthMeta | null;
  months: { month: MonthKey; label: string; status: string }[];
  params: ViewParams;
  rules: PolicyRules | null;
  headline: (KpiCell & { target: number | null })[];
  details: DetailTable[];
  trend: { month: MonthKey; label: string; status: string; cells: KpiCell[] }[];
  league: { level: DashboardLevel; title: string; rows: LeagueRow[]; total: number; page: number; pages: number } | null;
  worst: LeagueRow[];
  credits: CreditLine[] | null;
  scopeNote: string | null;
};

const monthKey = (d: Date) => d.toISOString().slice(0, 7);

/**
 * Rollup rows by one SQL statement (`select`'s columns): a view made 8-10 Prisma calls, each a query compilation on
 * the server (docs/database.md, "Raw SQL on the busiest pages"). `where` is SQL over the rollup's columns with $n
 * parameters after the region scope's ($1): a regional commissioner reads only their own region's rows.
 */
async function rollupRows<T>(db: Db, actor: Actor, select: Record<string, true>, where: string, values: unknown[], order = ""): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(
    `SELECT ${columnsOf(select)} FROM "DashboardRollup" WHERE ($1::text IS NULL OR "regionCode" = $1) AND ${where}${order ? ` ORDER BY ${order}` : ""}`,
    actor.regionCode ?? null,
    ...values,
  );
}

/** A select's columns as SQL (the level enum as text). */
function columnsOf(select: Record<string, true>): string {
  return Object.keys(select)
    .map((c) => (c === "level" ? "level::text AS level" : `"${c}"`))
    .join(", ");
}

type MonthRow = { month: Date; status: "PROVISIONAL" | "FINAL"; policyVersion: number; cutOffDate: Date; asOf: Date; refreshedAt: Date };

const rollupSelect = {
  month: true, level: true, code: true, name: true, regionCode: true, icbCode: true,
  practices: true, collected: true, deliveredFast: true, deliveredOnTime: true, deliveredLate: true, notDelivered: true, returnedOrFailed: true,
  requested: true, receiptConfirmed: true, releaseDays: true, collectionDays: true, deliveryDays: true, receiptDays: true, endToEndDays: true,
  backlogMain: true, backlogBranch: true, missingCases: true, missingFoundInSearch: true, missingMarkedMissing: true, missingMarkedLost: true, missingOpenByAge: true,
  delivered: true, wrongPatient: true, incomplete: true, damaged: true, urgentRequests: true, urgentOnTarget: true, urgentAtRisk: true, urgentBreached: true, urgentOpen: true,
  casesOpened: true, caseFirstResponseMet: true, caseFirstResponseLate: true, caseResolutionMet: true, caseResolutionLate: true, caseKinds: true, crossBorder: true,
  harmReviews: true, harmReviewsHarm: true, harmReviewsPotential: true, incidentReturnsSigned: true,
  practicesSending: true, practicesReceiving: true, practicesActive: true, recordsReleased: true, receiptsConfirmed: true,
  movementsMoved: true, workloadEntries: true, workloadItems: true, workloadMinutes: true, workloadCostPence: true, workloadByCause: true, workloadByTask: true,
  claimsSubmitted: true, claimsSubmittedPence: true, claimsOffered: true, claimsOfferedPence: true, claimsPaid: true, claimsPaidPence: true,
} satisfies Prisma.DashboardRollupSelect;

/**
 * What the headline KPIs (league tables, trends) read: a league table of an ICB's practices is ~150 rows, and reading
 * them whole (every histogram, the case kinds and cross-border JSON) was the view's largest cost. A headline KPI that
 * reads another column must add it here (the views test compares trend and headline cells, which would differ).
 */
const headlineSelect = {
  month: true, level: true, code: true, name: true, regionCode: true, icbCode: true,
  practices: true, collected: true, deliveredFast: true, deliveredOnTime: true, requested: true, endToEndDays: true, backlogMain: true, backlogBranch: true,
  missingCases: true, delivered: true, wrongPatient: true, incomplete: true, damaged: true, urgentOnTarget: true, urgentBreached: true,
  caseFirstResponseMet: true, caseFirstResponseLate: true, caseResolutionMet: true, caseResolutionLate: true, practicesActive: true,
  movementsMoved: true, workloadEntries: true, workloadMinutes: true, workloadCostPence: true,
} satisfies Prisma.DashboardRollupSelect;

type Row = Prisma.DashboardRollupGetPayload<{ select: typeof headlineSelect }> & Partial<Prisma.DashboardRollupGetPayload<{ select: typeof rollupSelect }>>;
/** Pence are BigInt columns (England's month can pass an Int); as numbers they are exact to 2^53. */
const PENCE_FIELDS = ["workloadCostPence", "claimsSubmittedPence", "claimsOfferedPence", "claimsPaidPence"] as const;
const figureCache = new WeakMap<Row, RollupFigures>();
function figures(r: Row): RollupFigures {
  let f = figureCache.get(r);
  if (!f) {
    const copy: Record<string, unknown> = { ...r };
    for (const k of PENCE_FIELDS) if (r[k] !== undefined) copy[k] = Number(r[k]);
    figureCache.set(r, (f = copy as unknown as RollupFigures));
  }
  return f;
}

function cells(r: Row, rules: PolicyRules, national: boolean): KpiCell[] {
  return HEADLINE_KPIS.map((kpi) => {
    const figure = KPI_DEFINITIONS[kpi].figure(figures(r), rules.disclosure, national);
    return { kpi, figure, below: belowTarget(kpi, figure, rules) };
  });
}

function hrefOf(level: DashboardLevel, code: string) {
  return level === "NATIONAL" ? LEVEL_PATHS.NATIONAL : `${LEVEL_PATHS[level]}/${encodeURIComponent(code)}`;
}

/** Orders league rows by one KPI: "worst" first by the KPI's own direction; suppressed and empty figures last. */
export function sortLeague(rows: LeagueRow[], kpi: HeadlineKpi, dir: ViewParams["dir"]): LeagueRow[] {
  const i = HEADLINE_KPIS.indexOf(kpi);
  const better = KPI_DEFINITIONS[kpi].better;
  const ascending = dir === "asc" || (dir === "worst" && better === "higher");
  return [...rows].sort((a, b) => {
    const x = a.cells[i].figure.value;
    const y = b.cells[i].figure.value;
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    return (ascending ? x - y : y - x) || a.name.localeCompare(b.name);
  });
}

/** A version's rules never change once it exists (a new policy is a new version): cached per process. */
function rulesFor(db: Db, version: number): Promise<PolicyRules> {
  return policyRules(prismaSql(db), version);
}

/**
 * One dashboard view. `code` is ignored for England. Throws NotFoundError for a unit that does not exist or is outside
 * a regional commissioner's region (the same answer, so nothing is learnt by trying).
 */
export async function dashboardView(db: Db, actor: Actor | null, level: DashboardLevel, code: string | null, rawParams: Record<string, unknown> = {}, options: { allLeagueRows?: boolean } = {}): Promise<DashboardView> {
  requirePermission(actor, "dashboard:read");
  const params = viewParamsSchema.parse(rawParams);
  const side: DashboardSide = params.side === "receiving" ? "RECEIVING" : "SENDING";
  const national = level === "NATIONAL";
  const unitCode = national ? "ENG" : (code ?? "").toUpperCase().slice(0, 10);

  const monthRows = await db.$queryRawUnsafe<MonthRow[]>(`SELECT month, status::text AS status, "policyVersion", "cutOffDate", "asOf", "refreshedAt" FROM "DashboardMonth" ORDER BY month DESC LIMIT 24`);
  const months = monthRows.map((m) => ({ month: monthKey(m.month), label: monthLabel(monthKey(m.month)), status: m.status }));
  const selected = (params.month && monthRows.find((m) => monthKey(m.month) === params.month)) || monthRows[0] || null;

  // The unit itself (latest row of any month, so a unit with no rows yet still 404s cleanly).
  const [unitRow] = national
    ? [null]
    : await rollupRows<{ code: string; name: string; regionCode: string | null; icbCode: string | null }>(db, actor, { code: true, name: true, regionCode: true, icbCode: true }, `level = $2::"DashboardLevel" AND side = $3::"DashboardSide" AND code = $4`, [level, side, unitCode], "month DESC LIMIT 1");
  if (!unitRow && !national) throw new NotFoundError(`That ${LEVEL_NAMES[level].toLowerCase()}`);
  const unit: UnitSummary = { level, code: unitCode, name: unitRow?.name ?? "England", regionCode: unitRow?.regionCode ?? null, icbCode: unitRow?.icbCode ?? null };

  const breadcrumbs: { name: string; href: string }[] = [{ name: "England", href: LEVEL_PATHS.NATIONAL }];
  if (level === "ICB" || level === "PRACTICE") {
    const [region] = unit.regionCode ? await db.$queryRawUnsafe<{ code: string; name: string }[]>(`SELECT code, name FROM "Region" WHERE code = $1`, unit.regionCode) : [];
    if (region) breadcrumbs.push({ name: region.name, href: hrefOf("REGION", region.code) });
  }
  if (level === "PRACTICE" && unit.icbCode) {
    const [icb] = await db.$queryRawUnsafe<{ code: string; name: string }[]>(`SELECT code, name FROM "Icb" WHERE code = $1`, unit.icbCode);
    if (icb) breadcrumbs.push({ name: icb.name, href: hrefOf("ICB", icb.code) });
  }

  const scopeNote = actor.regionCode && national ? "You see England's national figures and your own region's detail: other regions appear only within England's totals." : null;
  const empty: DashboardView = { unit, national, breadcrumbs, month: null, months, params, rules: null, headline: [], details: [], trend: [], league: null, worst: [], credits: null, scopeNote };
  if (!selected) return empty;

  const rules = await rulesFor(db, selected.policyVersion);
  const month: MonthMeta = { month: monthKey(selected.month), label: monthLabel(monthKey(selected.month)), status: selected.status, policyVersion: selected.policyVersion, cutOffDate: selected.cutOffDate.toISOString().slice(0, 10), asOf: selected.asOf, refreshedAt: selected.refreshedAt };

  const trendFrom = new Date(selected.month);
  trendFrom.setUTCMonth(trendFrom.getUTCMonth() - 11);
  const unitWhere = `level = $2::"DashboardLevel" AND side = $3::"DashboardSide" AND code = $4`;
  const [[currentInScope], trendRows] = await Promise.all([
    // The unit's own row: read without the region scope, which is checked below (a regional commissioner's England).
    db.$queryRawUnsafe<Row[]>(`SELECT ${columnsOf(rollupSelect)} FROM "DashboardRollup" WHERE month = $1::date AND level = $2::"DashboardLevel" AND side = $3::"DashboardSide" AND code = $4`, selected.month, level, side, unitCode),
    national
      ? db.$queryRawUnsafe<Row[]>(`SELECT ${columnsOf(headlineSelect)} FROM "DashboardRollup" WHERE level = $1::"DashboardLevel" AND side = $2::"DashboardSide" AND code = $3 AND month BETWEEN $4::date AND $5::date ORDER BY month`, level, side, unitCode, trendFrom, selected.month)
      : rollupRows<Row>(db, actor, headlineSelect, `${unitWhere} AND month BETWEEN $5::date AND $6::date`, [level, side, unitCode, trendFrom, selected.month], "month"),
  ]);
  const current = currentInScope ?? null;
  if (current && !national && actor.regionCode && current.regionCode !== actor.regionCode) throw new NotFoundError(`That ${LEVEL_NAMES[level].toLowerCase()}`);
  const statusOf = new Map(monthRows.map((m) => [monthKey(m.month), m.status]));
  const versionOf = new Map(monthRows.map((m) => [monthKey(m.month), m.policyVersion]));
  const trendRules = new Map<number, PolicyRules>([[selected.policyVersion, rules]]);
  for (const v of new Set(trendRows.map((r) => versionOf.get(monthKey(r.month)) ?? selected.policyVersion))) if (!trendRules.has(v)) trendRules.set(v, await rulesFor(db, v));
  const trend = trendRows.map((r) => {
    const m = monthKey(r.month);
    return { month: m, label: monthLabel(m), status: statusOf.get(m) ?? "PROVISIONAL", cells: cells(r, trendRules.get(versionOf.get(m) ?? selected.policyVersion)!, national) };
  });

  const headline = current
    ? cells(current, rules, national).map((c) => ({ ...c, target: KPI_DEFINITIONS[c.kpi].target(rules) }))
    : [];
  const taskNames = current && Object.keys(current.workloadByTask as object).length ? Object.fromEntries((await db.$queryRawUnsafe<{ code: string; name: string }[]>(`SELECT code, name FROM "WorkloadTask"`)).map((t) => [t.code, t.name])) : {};
  const details = current ? detailTables(figures(current), rules, national, taskNames) : [];

  // The level below, in the unit (a regional commissioner's national page lists their own region only).
  const child = CHILD_LEVEL[level];
  let league: DashboardView["league"] = null;
  if (child) {
    const within = level === "REGION" ? `"regionCode" = $5` : level === "ICB" ? `"icbCode" = $5` : "$5::text IS NULL";
    const rows = await rollupRows<Row>(db, actor, headlineSelect, `month = $2::date AND level = $3::"DashboardLevel" AND side = $4::"DashboardSide" AND ${within}`, [selected.month, child, side, national ? null : unitCode]);
    const all = sortLeague(rows.map((r) => ({ level: child, code: r.code, name: r.name, regionCode: r.regionCode, icbCode: r.icbCode, href: hrefOf(child, r.code), cells: cells(r, rules, false) })), params.sort, params.dir);
    const size = options.allLeagueRows ? Math.max(1, all.length) : PAGE_SIZE;
    const pages = Math.max(1, Math.ceil(all.length / size));
    const page = Math.min(params.page, pages);
    league = { level: child, title: child === "REGION" ? "Regions" : child === "ICB" ? "Integrated care boards" : "Practices", rows: all.slice((page - 1) * size, page * size), total: all.length, page, pages };
  }

  // The worst practices for on-time delivery in the unit, among those whose figures are not suppressed.
  let worst: LeagueRow[] = [];
  if (level !== "PRACTICE") {
    const candidates = await db.$queryRaw<{ code: string }[]>`
      SELECT code FROM "DashboardRollup"
       WHERE month = ${selected.month}::date AND level = 'PRACTICE' AND side = ${side}::"DashboardSide" AND collected > ${rules.disclosure.suppressTo}
         AND ("deliveredFast" + "deliveredOnTime") NOT BETWEEN ${rules.disclosure.suppressFrom} AND ${rules.disclosure.suppressTo}
         AND (${actor.regionCode}::text IS NULL OR "regionCode" = ${actor.regionCode})
         AND (${level === "REGION" ? unitCode : null}::text IS NULL OR "regionCode" = ${level === "REGION" ? unitCode : null})
         AND (${level === "ICB" ? unitCode : null}::text IS NULL OR "icbCode" = ${level === "ICB" ? unitCode : null})
       ORDER BY ("deliveredFast" + "deliveredOnTime")::float8 / collected ASC, code LIMIT 5`;
    if (candidates.length) {
      const rows = await rollupRows<Row>(db, actor, headlineSelect, `month = $2::date AND level = 'PRACTICE' AND side = $3::"DashboardSide" AND code = ANY($4::text[])`, [selected.month, side, candidates.map((c) => c.code)]);
      worst = sortLeague(rows.map((r) => ({ level: "PRACTICE" as const, code: r.code, name: r.name, regionCode: r.regionCode, icbCode: r.icbCode, href: hrefOf("PRACTICE", r.code), cells: cells(r, rules, false) })), "onTime", "worst");
    }
  }

  const credits = national && current ? serviceCredits(figures(current), rules) : null;
  return { unit, national, breadcrumbs, month, months, params, rules, headline, details, trend, league, worst, credits, scopeNote };
}
