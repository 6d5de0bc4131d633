import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listIncidents } from "@/lib/incidents/queries";
import { INCIDENT_CATEGORY_LABELS } from "@/lib/incidents/rules";
import { describeScheme, SBS_BANDS } from "@/lib/incidents/payment";
import { CreateIncidentForm } from "@/components/incidents/CreateIncidentForm";
import { formatCalendarDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Incidents" };

export default async function Page() {
  const actor = await requireAudience("pcse");
  const incidents = await listIncidents(db, actor);
  return (
    <>
      <h1>Incidents</h1>
      <p className="mb-6">Failures that affect many patients at once. Each practice where an affected patient is now registered reviews every patient for harm and signs a return.</p>
      {incidents.length === 0 ? (
        <p className="border-l-4 border-nhs-blue bg-white p-4">There are no incidents.</p>
      ) : (
        <div className="mb-10 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="incidents-caption">
          <table className="w-full border-collapse bg-white text-left">
            <caption id="incidents-caption" className="mb-2 text-left text-nhs-s font-bold">Incidents, newest first</caption>
            <thead>
              <tr className="border-b-2 border-nhs-grey-3">
                <th scope="col" className="p-2">Incident</th>
                <th scope="col" className="p-2">Kind</th>
                <th scope="col" className="p-2">Reviews due</th>
                <th scope="col" className="p-2 text-right">Patients</th>
                <th scope="col" className="p-2 text-right">Reviewed</th>
                <th scope="col" className="p-2 text-right">Practices signed</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.reference} className="border-b border-nhs-grey-4">
                  <td className="p-2">
                    <Link href={`/pcse/incidents/${i.reference}`} className="font-bold">{i.reference}</Link>
                    <span className="block">{i.title}</span>
                  </td>
                  <td className="p-2">{INCIDENT_CATEGORY_LABELS[i.category]}</td>
                  <td className="p-2 whitespace-nowrap">{formatCalendarDate(i.reviewsDueDate)}</td>
                  <td className="p-2 text-right">{formatNumber(i.progress.items)}</td>
                  <td className="p-2 text-right">{formatNumber(i.progress.reviewed)}</td>
                  <td className="p-2 text-right">{formatNumber(i.progress.practicesSigned)} of {formatNumber(i.progress.practices)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can(actor.role, "incident:manage") ? (
        <section aria-labelledby="create-heading">
          <h2 id="create-heading">Create an incident</h2>
          <p className="mb-6">Then import its affected patients from a CSV file.</p>
          <CreateIncidentForm bandsText={describeScheme("BANDED", { bands: { ...SBS_BANDS } })} />
        </section>
      ) : null}
    </>
  );
}
