import "server-only";
// Every commissioner view as CSV (GET /api/commissioner/export?view=…): the same figures as the page, after the same
// disclosure control, in one long table (section, unit, month, measure, value) that a spreadsheet can pivot. The
// first rows say what the figures are: the month, provisional or final, the policy version, the cut-off, the as-of
// instant and the disclosure rule. Formulas are escaped by the caller (csv-stringify's escape_formulas).
import { z } from "zod";
import { stringify } from "csv-stringify/sync";
import type { Db } from "@/lib/db/client";
import type { DashboardLevel } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { dashboardView, viewParamsSchema } from "@/lib/dashboards/queries";
import { KPI_DEFINITIONS, disclosureRuleText } from "@/lib/dashboards/kpis";

export const EXPORT_VIEWS = { national: "NATIONAL", region: "REGION", icb: "ICB", practice: "PRACTICE" } as const satisfies Record<string, DashboardLevel>;

export const exportQuerySchema = viewParamsSchema.extend({
  view: z.enum(Object.keys(EXPORT_VIEWS) as [keyof typeof EXPORT_VIEWS, ...(keyof typeof EXPORT_VIEWS)[]]),
  code: z.string().regex(/^[A-Za-z0-9]{1,10}$/).optional(),
});

export const EXPORT_COLUMNS = ["section", "code", "name", "month", "measure", "value", "note"] as const;

export async function dashboardExport(db: Db, actor: Actor | null, raw: Record<string, unknown>): Promise<{ fileName: string; body: string; rows: number }> {
  requirePermission(actor, "dashboard:read");
  const parsed = exportQuerySchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const query = parsed.data;
  const level = EXPORT_VIEWS[query.view];
  const view = await dashboardView(db, actor, level, query.code ?? null, query, { allLeagueRows: true });
  const month = view.month?.month ?? "";
  const rows: string[][] = [];
  const unit = [view.unit.code, view.unit.name];
  rows.push(["about", ...unit, month, "Figures", view.month ? (view.month.status === "FINAL" ? "Final" : "Provisional") : "No figures yet", view.month ? `As at ${view.month.asOf.toISOString()}; cut-off ${view.month.cutOffDate}; policy version ${view.month.policyVersion}` : ""]);
  rows.push(["about", ...unit, month, "Measured at", query.side === "receiving" ? "Receiving practice" : "Sending practice", ""]);
  if (view.rules) rows.push(["about", ...unit, month, "Disclosure control", view.national ? "National figures: exact" : "Applied", disclosureRuleText(view.rules.disclosure)]);
  for (const h of view.headline) {
    const def = KPI_DEFINITIONS[h.kpi];
    rows.push(["kpi", ...unit, month, `KPI ${def.number}: ${def.title} (${def.unit})`, h.figure.text, `Target: ${h.target ?? "none"}. Formula: ${def.formula}. Cohort: ${def.cohort}. Excluded: ${def.exclusions}`]);
  }
  for (const t of view.details) {
    for (const r of t.rows) t.columns.forEach((col, i) => rows.push([`KPI ${t.kpi}: ${t.title}`, ...unit, month, `${r.label}: ${col}`, r.cells[i]?.text ?? "", ""]));
  }
  for (const tr of view.trend) for (const c of tr.cells) rows.push(["trend", ...unit, tr.month, KPI_DEFINITIONS[c.kpi].title, c.figure.text, tr.status === "FINAL" ? "final" : "provisional"]);
  for (const l of view.league?.rows ?? []) for (const c of l.cells) rows.push([`league: ${view.league!.title}`, l.code, l.name, month, KPI_DEFINITIONS[c.kpi].title, c.figure.text, c.below ? "below target" : ""]);
  for (const cr of view.credits ?? []) rows.push(["service credit (KPI 11)", ...unit, month, cr.title, (cr.amountPence / 100).toFixed(2), `Measured ${cr.measured ?? "–"}% against ${cr.target}%: ${cr.pointsBelow} points below, ${cr.creditPercent}% credit. Rule: ${cr.rule}`]);
  const body = stringify([[...EXPORT_COLUMNS], ...rows], { escape_formulas: true });
  const fileName = `commissioner-${query.view}${query.code ? `-${query.code.toUpperCase()}` : ""}-${month || "none"}.csv`;
  return { fileName, body, rows: rows.length };
}
