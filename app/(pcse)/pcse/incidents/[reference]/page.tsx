import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getIncident } from "@/lib/incidents/queries";
import { INCIDENT_CATEGORY_LABELS } from "@/lib/incidents/rules";
import { orNotFound } from "@/lib/http/not-found";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { Pagination } from "@/components/ui/Pagination";
import { ProgressTable } from "@/components/incidents/ProgressTable";
import { ChaseForm } from "@/components/incidents/ChaseForm";
import { formatCalendarDate, formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Incident" };

const FILTERS = [
  ["all", "All practices"],
  ["not-started", "Not started"],
  ["in-progress", "In progress"],
  ["signed", "Signed off"],
] as const;

const STATE_LABEL = { "not-started": "Not started", "in-progress": "In progress", signed: "Signed off" } as const;

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("pcse");
  const { reference } = await params;
  const query = await searchParams;
  const d = await orNotFound(getIncident(db, actor, reference, query));
  const i = d.incident;
  const t = d.totals;
  const manage = can(actor.role, "incident:manage");
  return (
    <>
      <BackLink href="/pcse/incidents">Back to incidents</BackLink>
      <h1>
        <span className="block text-nhs-m text-nhs-secondary">{i.reference}</span>
        {i.title}
      </h1>
      {query.created ? <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4">Incident created. Import its affected patients next.</p> : null}
      {query.chased ? <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4">{formatNumber(Number(query.chased) || 0)} practices chased: each of their users has been sent a reminder.</p> : null}
      <SummaryList
        rows={[
          { key: "Kind", value: INCIDENT_CATEGORY_LABELS[i.category] },
          { key: "Organisation responsible", value: i.responsibleOrganisation },
          { key: "Discovered", value: formatCalendarDate(i.discoveredOn) },
          { key: "Reviews due", value: formatCalendarDate(i.reviewsDueDate) },
          { key: "Payment to practices", value: i.schemeText },
          {
            key: "Last import",
            value: d.latestImport ? `${d.latestImport.fileName}, ${formatDateTime(d.latestImport.startedAt)}: ${d.latestImport.status === "COMPLETED" ? `${formatNumber(d.latestImport.accepted)} patients imported` : d.latestImport.status.toLowerCase()}` : "None yet",
          },
        ]}
      />
      {manage ? (
        <p className="mb-8">
          <Link href={`/pcse/incidents/${i.reference}/import`} className="font-bold">Import affected patients from a CSV file</Link>
        </p>
      ) : null}
      <h2>Progress</h2>
      <ul className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {[
          ["Patients", t.items],
          ["Reviewed", t.reviewed],
          ["Practices signed off", t.practicesSigned],
          ["Practices not started", t.practices - t.practicesStarted],
        ].map(([label, n]) => (
          <li key={label} className="border-t-4 border-nhs-blue bg-white p-4">
            <span className="block text-nhs-l font-bold">{formatNumber(n as number)}</span>
            {label}
            {label === "Reviewed" && t.items ? ` (${Math.round((t.reviewed / t.items) * 100)}%)` : ""}
            {label === "Practices signed off" ? ` of ${formatNumber(t.practices)}` : ""}
          </li>
        ))}
      </ul>
      <p className="mb-8">Outcomes so far: {formatNumber(t.noHarm)} no harm, {formatNumber(t.potentialHarm)} potential harm needing clinical review, {formatNumber(t.harm)} harm identified.</p>
      <section className="mb-10">
        <ProgressTable id="by-region" rows={d.byRegion} caption="By NHS England region" firstColumn="Region" />
      </section>
      <section className="mb-10">
        <ProgressTable id="by-icb" rows={d.byIcb} caption="By integrated care board" firstColumn="ICB" />
      </section>
      <section aria-labelledby="practices-heading">
        <h2 id="practices-heading">Practices</h2>
        {manage ? <ChaseForm reference={i.reference} notStarted={d.notStarted} /> : null}
        <nav aria-label="Filter practices" className="mb-4">
          <ul className="flex flex-wrap gap-4">
            {FILTERS.map(([value, label]) => (
              <li key={value}>
                {d.params.practices === value ? <strong aria-current="page">{label}</strong> : <Link href={`/pcse/incidents/${i.reference}?practices=${value}`}>{label}</Link>}
              </li>
            ))}
          </ul>
        </nav>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="practices-caption">
          <table className="w-full border-collapse bg-white text-left">
            <caption id="practices-caption" className="mb-2 text-left text-nhs-s font-bold">Practices, not started first</caption>
            <thead>
              <tr className="border-b-2 border-nhs-grey-3">
                <th scope="col" className="p-2">Practice</th>
                <th scope="col" className="p-2">State</th>
                <th scope="col" className="p-2 text-right">Patients</th>
                <th scope="col" className="p-2 text-right">High priority</th>
                <th scope="col" className="p-2 text-right">Reviewed</th>
                <th scope="col" className="p-2 text-right">Harm</th>
                <th scope="col" className="p-2">Last chased</th>
              </tr>
            </thead>
            <tbody>
              {d.practices.map((p) => (
                <tr key={p.practiceId} className="border-b border-nhs-grey-4">
                  <th scope="row" className="p-2 font-normal">{p.name} <span className="text-nhs-secondary">({p.odsCode})</span></th>
                  <td className="p-2">{STATE_LABEL[p.state]}</td>
                  <td className="p-2 text-right">{formatNumber(p.items)}</td>
                  <td className="p-2 text-right">{formatNumber(p.high)}</td>
                  <td className="p-2 text-right">{formatNumber(p.reviewed)}</td>
                  <td className="p-2 text-right">{formatNumber(p.harm)}</td>
                  <td className="p-2 whitespace-nowrap">{p.lastChasedAt ? formatDateTime(p.lastChasedAt) : "Never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination page={d.params.page} pageCount={d.pageCount} total={d.practiceCount} basePath={`/pcse/incidents/${i.reference}`} params={{ practices: d.params.practices }} noun="practices" />
      </section>
    </>
  );
}
