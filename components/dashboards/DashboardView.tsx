// One commissioner dashboard (England, a region, an ICB or a practice): what the month's figures are and how they
// were calculated, the KPIs against target, a 12-month trend with its data table, the level below as a league table
// sorted on the server, the worst practices, every KPI's detail, and the CSV export. Presentational: the page passes
// lib/dashboards/queries.ts' view in.
import Link from "@/components/ui/Link";
import type { DashboardView as View } from "@/lib/dashboards/queries";
import { HEADLINE_KPIS, KPI_DEFINITIONS, disclosureRuleText, type HeadlineKpi } from "@/lib/dashboards/kpis";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { CompactTable } from "@/components/ui/CompactTable";
import { TrendChart } from "@/components/dashboards/TrendChart";

const TREND_KPIS: HeadlineKpi[] = ["onTime", "endToEndMedian", "backlog", "participation"];
/** The league table's columns: these, and the KPI it is sorted by (every KPI is in the KPI table and the export). */
const LEAGUE_KPIS: HeadlineKpi[] = ["onTime", "endToEndMedian", "backlog", "missingPer1000", "problemsPer1000", "workloadPer100", "participation"];
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

function query(base: Record<string, string | number | undefined>, extra: Record<string, string | number>) {
  const all = { ...base, ...extra };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== "") q.set(k, String(v));
  return `?${q.toString()}`;
}

export function DashboardView({ view, path, exportView }: { view: View; path: string; exportView: string }) {
  const { params, month, rules } = view;
  const base = { month: month?.month, side: params.side, sort: params.sort, dir: params.dir };
  // The link to this view with every KPI's detail tables, or back without them (the other parameters kept).
  const withDetail = `${path}${query(base, { detail: "all" })}`;
  const leagueKpis = LEAGUE_KPIS.includes(params.sort) ? LEAGUE_KPIS : [params.sort, ...LEAGUE_KPIS];
  const exportHref = `/api/commissioner/export${query({ ...base }, { view: exportView, ...(view.unit.level === "NATIONAL" ? {} : { code: view.unit.code }) })}`;
  return (
    <>
      {view.breadcrumbs.length > 1 || view.unit.level !== "NATIONAL" ? (
        <nav aria-label="Breadcrumb" className="mb-4 text-nhs-small">
          <ol className="flex flex-wrap gap-x-2">
            {view.breadcrumbs.map((b) => (
              <li key={b.href}>
                <Link href={`${b.href}${query(base, {})}`}>{b.name}</Link> <span aria-hidden="true">›</span>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <h1>
        {view.unit.level === "NATIONAL" ? "Service performance: England" : `${view.unit.name}`}
        {view.unit.level === "PRACTICE" || view.unit.level === "ICB" || view.unit.level === "REGION" ? <span className="block text-nhs-m text-nhs-secondary">{view.unit.code}</span> : null}
      </h1>
      {view.scopeNote ? <p className="border-l-4 border-nhs-blue bg-white p-4">{view.scopeNote}</p> : null}

      <form method="get" action={path} className="mb-6 flex flex-wrap items-end gap-4 bg-white p-4">
        <div className="w-full min-w-0 sm:w-auto">
          <label htmlFor="month" className="block font-bold">Month</label>
          <select id="month" name="month" defaultValue={month?.month} className="min-h-10 w-full max-w-full border-2 border-nhs-text bg-white px-2 sm:w-auto">
            {view.months.map((m) => (
              <option key={m.month} value={m.month}>{m.label}{m.status === "FINAL" ? "" : " (provisional)"}</option>
            ))}
          </select>
        </div>
        <div className="w-full min-w-0 sm:w-auto">
          <label htmlFor="side" className="block font-bold">Measured at</label>
          <select id="side" name="side" defaultValue={params.side} className="min-h-10 w-full max-w-full border-2 border-nhs-text bg-white px-2 sm:w-auto">
            <option value="sending">Sending practice</option>
            <option value="receiving">Receiving practice</option>
          </select>
        </div>
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <button type="submit" className="nhs-button min-h-10 rounded bg-nhs-green px-4 font-bold text-white shadow-[0_4px_0_#00401e]">Show</button>
      </form>

      {!month || !rules ? (
        <p className="border-l-4 border-nhs-blue bg-white p-4">No figures yet: the commissioner dashboards job has not run. Figures appear after its first run (hourly).</p>
      ) : (
        <>
          <section aria-labelledby="about" className="mb-8 border-l-4 border-nhs-blue bg-white p-4">
            <h2 id="about" className="text-nhs-s">
              {month.label}: {month.status === "FINAL" ? "final figures" : "provisional figures"}
            </h2>
            <ul className="list-disc pl-6">
              <li>
                {month.status === "FINAL"
                  ? `Judged as at the end of the cut-off day, ${date.format(new Date(`${month.cutOffDate}T00:00:00Z`))} (${rules.kpis.cohortCutOffWorkingDays} working days after the month ended); these figures no longer change.`
                  : `As at ${dateTime.format(month.asOf)}. Final after the cut-off, ${date.format(new Date(`${month.cutOffDate}T00:00:00Z`))} (${rules.kpis.cohortCutOffWorkingDays} working days after the month ends).`}
              </li>
              <li>Targets and rules: service-level policy version {month.policyVersion} (in force on the month&apos;s first day).</li>
              <li>Measured at the {params.side === "receiving" ? "receiving" : "sending"} practice (branch surgeries within their practice). England counts every movement once either way.</li>
              <li>{view.national ? "National figures are exact." : disclosureRuleText(rules.disclosure)}</li>
            </ul>
            <p className="mt-2">
              <a href={exportHref}>Download this view as CSV</a> (the same figures and rule{view.national ? "" : ": disclosure control applied"}).
            </p>
          </section>

          <h2>Key performance indicators</h2>
          <ResponsiveTable
            caption={`KPIs for ${view.unit.name}, ${month.label}`}
            rowHeaders
            small={false}
            columns={["KPI", { label: "Value", numeric: true }, { label: "Target", numeric: true }, "Against target"]}
            rows={view.headline.map((h) => {
              const def = KPI_DEFINITIONS[h.kpi];
              return {
                key: h.kpi,
                cells: [
                  <span key="k">
                    {def.number}. {def.title} ({def.unit})
                    <details className="mt-1 text-nhs-small">
                      <summary className="cursor-pointer text-nhs-blue underline">How it is calculated</summary>
                      <p><strong>Formula:</strong> {def.formula}.</p>
                      <p><strong>Cohort:</strong> {def.cohort}.</p>
                      <p><strong>Excluded:</strong> {def.exclusions}.</p>
                    </details>
                  </span>,
                  h.figure.text,
                  h.target === null ? "–" : `${h.target}${def.unit === "%" ? "%" : ""}`,
                  h.below ? <strong key="b" className="text-nhs-red">Below target</strong> : h.target !== null && h.figure.value !== null && def.unit === "%" ? "Met" : "–",
                ],
              };
            })}
          />

          {view.credits ? (
            <section aria-labelledby="credits" className="mt-8">
              <h2 id="credits">Service credits (KPI 11)</h2>
              <p>What the contract rule in policy version {month.policyVersion} gives for this month{month.status === "FINAL" ? "" : " if the provisional figures stand"}.</p>
              <ResponsiveTable
                caption={`Service credits, ${month.label}`}
                rowHeaders
                columns={["KPI", { label: "Measured", numeric: true }, { label: "Target", numeric: true }, { label: "Points below", numeric: true }, { label: "Credit", numeric: true }, "Rule"]}
                rows={view.credits.map((c) => ({ key: c.kpi, cells: [c.title, c.measured === null ? "–" : `${c.measured}%`, `${c.target}%`, String(c.pointsBelow), `£${(c.amountPence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 })}`, c.rule] }))}
              />
            </section>
          ) : null}

          <h2 className="mt-8">Trends over 12 months</h2>
          <div className="grid gap-6 lg:grid-cols-2">
            {TREND_KPIS.map((kpi) => {
              const def = KPI_DEFINITIONS[kpi];
              const i = HEADLINE_KPIS.indexOf(kpi);
              const points = view.trend.map((t) => ({ label: `${t.label.slice(0, 3)} ${t.month.slice(2, 4)}`, value: t.cells[i].figure.value }));
              return (
                <figure key={kpi} className="m-0 min-w-0 bg-white p-4">
                  <figcaption className="mb-2 font-bold">{def.title} ({def.unit})</figcaption>
                  <TrendChart title={def.title} unit={def.unit} points={points} target={def.target(rules)} />
                </figure>
              );
            })}
          </div>
          <div className="mt-4">
            <CompactTable
              caption="The charts' figures by month"
              captionVisible
              rowHeaders
              columns={["Month", ...TREND_KPIS.map((k) => ({ label: `${KPI_DEFINITIONS[k].title} (${KPI_DEFINITIONS[k].unit})`, numeric: true })), "Figures"]}
              rows={view.trend.map((t) => ({ key: t.month, cells: [t.label, ...TREND_KPIS.map((k) => t.cells[HEADLINE_KPIS.indexOf(k)].figure.text), t.status === "FINAL" ? "Final" : "Provisional"] }))}
            />
          </div>

          {view.worst.length ? (
            <section aria-labelledby="worst" className="mt-8">
              <h2 id="worst">Worst practices for on-time delivery</h2>
              <p>The five with the lowest on-time delivery this month among practices with more than {rules.disclosure.suppressTo} records collected.</p>
              <CompactTable
                caption="Worst practices for on-time delivery"
                rowHeaders
                columns={["Practice", { label: "On-time delivery", numeric: true }, { label: "Records collected", numeric: true }]}
                rows={view.worst.map((w) => ({ key: w.code, cells: [{ text: `${w.name} (${w.code})`, href: `${w.href}${query(base, {})}` }, w.cells[0].figure.text, w.cells[HEADLINE_KPIS.indexOf("collected")].figure.text] }))}
              />
            </section>
          ) : null}

          {view.league ? (
            <section aria-labelledby="league" className="mt-8">
              <h2 id="league">{view.league.title}: league table</h2>
              <form method="get" action={path} className="mb-4 flex flex-wrap items-end gap-4">
                <input type="hidden" name="month" value={month.month} />
                <input type="hidden" name="side" value={params.side} />
                <div className="w-full min-w-0 sm:w-auto">
                  <label htmlFor="sort" className="block font-bold">Sort by</label>
                  <select id="sort" name="sort" defaultValue={params.sort} className="min-h-10 w-full max-w-full border-2 border-nhs-text bg-white px-2 sm:w-auto">
                    {HEADLINE_KPIS.map((k) => (
                      <option key={k} value={k}>{KPI_DEFINITIONS[k].title}</option>
                    ))}
                  </select>
                </div>
                <div className="w-full min-w-0 sm:w-auto">
                  <label htmlFor="dir" className="block font-bold">Order</label>
                  <select id="dir" name="dir" defaultValue={params.dir} className="min-h-10 w-full max-w-full border-2 border-nhs-text bg-white px-2 sm:w-auto">
                    <option value="worst">Worst first</option>
                    <option value="asc">Lowest first</option>
                    <option value="desc">Highest first</option>
                  </select>
                </div>
                <button type="submit" className="nhs-button min-h-10 rounded bg-nhs-blue px-4 font-bold text-white shadow-[0_4px_0_#003087]">Sort</button>
              </form>
              <CompactTable
                caption={`${view.league.title}, ${month.label}, sorted by ${KPI_DEFINITIONS[params.sort].title.toLowerCase()} (${params.dir === "worst" ? "worst first" : params.dir === "asc" ? "lowest first" : "highest first"})`}
                rowHeaders
                columns={[view.league.level === "PRACTICE" ? "Practice" : view.league.level === "ICB" ? "ICB" : "Region", ...leagueKpis.map((k) => ({ label: KPI_DEFINITIONS[k].title, numeric: true }))]}
                rows={view.league.rows.map((r) => ({
                  key: r.code,
                  cells: [
                    { text: `${r.name} (${r.code})`, href: `${r.href}${query(base, {})}` },
                    ...leagueKpis.map((k) => {
                      const c = r.cells[HEADLINE_KPIS.indexOf(k)];
                      return c.below ? { text: c.figure.text, alert: "below target" } : c.figure.text;
                    }),
                  ],
                }))}
              />
              {view.league.pages > 1 ? (
                <nav aria-label="League table pages" className="mt-4 flex flex-wrap gap-4">
                  {view.league.page > 1 ? <Link href={`${path}${query(base, { page: view.league.page - 1 })}`}>Previous page</Link> : null}
                  <span>Page {view.league.page} of {view.league.pages} ({view.league.total} in all)</span>
                  {view.league.page < view.league.pages ? <Link href={`${path}${query(base, { page: view.league.page + 1 })}`}>Next page</Link> : null}
                </nav>
              ) : null}
            </section>
          ) : null}

          <section aria-labelledby="detail" className="mt-8">
            <h2 id="detail">Every KPI in detail</h2>
            {params.detail === "all" ? (
              <>
                <p>
                  <Link href={`${path}${query(base, {})}`}>Hide the detail tables</Link>
                </p>
                {view.details.map((t) => (
                  <section key={t.id} aria-labelledby={`d-${t.id}`} className="mb-6">
                    <h3 id={`d-${t.id}`}>KPI {t.kpi}: {t.title}</h3>
                    {t.rows.length ? (
                      <CompactTable caption={`${t.title}, ${month.label}`} rowHeaders columns={["Measure", ...t.columns.map((c) => ({ label: c, numeric: true }))]} rows={t.rows.map((r) => ({ key: r.label, cells: [r.label, ...r.cells.map((c) => c.text)] }))} />
                    ) : (
                      <p>None this month.</p>
                    )}
                  </section>
                ))}
              </>
            ) : (
              <>
                <p>
                  Each KPI&apos;s breakdown ({view.details.length} tables: bands, ages, kinds, causes and tasks) is on request, with the same figures as the CSV.{" "}
                  <Link href={withDetail}>Show every KPI in detail</Link>
                </p>
                <ul className="list-disc pl-6">
                  {view.details.map((t) => (
                    <li key={t.id}>
                      <Link href={`${withDetail}#d-${t.id}`}>KPI {t.kpi}: {t.title}</Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
