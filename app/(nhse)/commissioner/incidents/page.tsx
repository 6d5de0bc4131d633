import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { commissionerIncidents, type DisclosedCounts } from "@/lib/incidents/queries";
import { INCIDENT_CATEGORY_LABELS } from "@/lib/incidents/rules";
import { formatCalendarDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Incidents" };

const n = (v: number | null) => (v === null ? "*" : formatNumber(v));

function Rows({ rows }: { rows: (DisclosedCounts & { code: string | null; name: string })[] }) {
  return (
    <>
      {rows.map((r) => (
        <tr key={r.code ?? "none"} className="border-b border-nhs-grey-4">
          <th scope="row" className="p-2 font-normal">{r.name}</th>
          <td className="p-2 text-right">{n(r.items)}</td>
          <td className="p-2 text-right">{n(r.reviewed)}</td>
          <td className="p-2 text-right">{r.reviewedPercent === null ? "*" : `${r.reviewedPercent}%`}</td>
          <td className="p-2 text-right">{n(r.harm)}</td>
          <td className="p-2 text-right">{formatNumber(r.practicesSigned)} of {formatNumber(r.practices)}</td>
        </tr>
      ))}
    </>
  );
}

function CountsTable({ id, caption, first, rows, national }: { id: string; caption: string; first: string; rows: (DisclosedCounts & { code: string | null; name: string })[]; national?: DisclosedCounts | null }) {
  return (
    <div className="mb-8 overflow-x-auto" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="w-full border-collapse bg-white text-left">
        <caption id={`${id}-caption`} className="mb-2 text-left text-nhs-s font-bold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-nhs-grey-3">
            <th scope="col" className="p-2">{first}</th>
            <th scope="col" className="p-2 text-right">Patients</th>
            <th scope="col" className="p-2 text-right">Reviewed</th>
            <th scope="col" className="p-2 text-right">Reviewed %</th>
            <th scope="col" className="p-2 text-right">Harm found</th>
            <th scope="col" className="p-2 text-right">Practices signed</th>
          </tr>
        </thead>
        <tbody>
          <Rows rows={rows} />
        </tbody>
        {national ? (
          <tfoot>
            <Rows rows={[{ ...national, code: "national", name: "England (exact)" }]} />
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export default async function Page() {
  const actor = await requireAudience("nhse");
  const incidents = await commissionerIncidents(db, actor);
  return (
    <>
      <h1>Incidents</h1>
      <p className="mb-6">Patients affected by incidents and the practices&apos; harm reviews, as counts only. Below national level, counts of 1 to 7 are shown as * and other counts are rounded to the nearest 5; a percentage from a suppressed count is suppressed. National figures are exact. Counts of practices are not about patients and are exact.</p>
      {incidents.length === 0 ? <p className="border-l-4 border-nhs-blue bg-white p-4">There are no incidents.</p> : null}
      {incidents.map((i) => (
        <section key={i.reference} aria-labelledby={`h-${i.reference}`} className="mb-10">
          <h2 id={`h-${i.reference}`}>
            {i.title} <span className="text-nhs-secondary">({i.reference})</span>
          </h2>
          <p className="mb-4">
            {INCIDENT_CATEGORY_LABELS[i.category]} · discovered {formatCalendarDate(i.discoveredOn)} · reviews due {formatCalendarDate(i.reviewsDueDate)}
          </p>
          <CountsTable id={`r-${i.reference}`} caption="By NHS England region" first="Region" rows={i.regions} national={i.national} />
          <CountsTable id={`i-${i.reference}`} caption="By integrated care board" first="ICB" rows={i.icbs} />
        </section>
      ))}
    </>
  );
}
