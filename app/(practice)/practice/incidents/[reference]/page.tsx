import type { Metadata } from "next";
import Link from "@/components/ui/Link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPracticeIncident } from "@/lib/incidents/queries";
import { INCIDENT_CATEGORY_LABELS } from "@/lib/incidents/rules";
import { formatPence } from "@/lib/incidents/payment";
import { orNotFound } from "@/lib/http/not-found";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { Pagination } from "@/components/ui/Pagination";
import { AffectedPatientsForm } from "@/components/incidents/AffectedPatientsForm";
import { SignReturnForm } from "@/components/incidents/SignReturnForm";
import { formatCalendarDate, formatDateTime, formatNumber } from "@/lib/format";
import { pendingSuggestions } from "@/lib/workload/queries";
import { WorkloadSuggestions } from "@/components/workload/WorkloadSuggestions";

export const metadata: Metadata = { title: "Incident" };

const SHOW = [
  ["to-review", "To review"],
  ["reviewed", "Reviewed"],
  ["all", "All patients"],
] as const;

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("practice");
  const { reference } = await params;
  const query = await searchParams;
  // The workload a review just recorded implies is offered here, where the review form sends the person back.
  const [d, suggestions] = await Promise.all([orNotFound(getPracticeIncident(db, actor, reference, query)), pendingSuggestions(db, actor)]);
  const i = d.incident;
  const c = d.counts;
  const signed = d.signedReturn;
  return (
    <>
      <BackLink href="/practice/incidents">Back to incidents</BackLink>
      <h1>
        <span className="block text-nhs-m text-nhs-secondary">{i.reference}</span>
        {i.title}
      </h1>
      {query.reviewed ? <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4">Review saved.</p> : null}
      {query.noharm ? <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4">{formatNumber(Number(query.noharm) || 0)} reviews of no harm recorded.</p> : null}
      {query.signed ? <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4">Your practice&apos;s return is signed.</p> : null}
      <WorkloadSuggestions data={suggestions} />
      <SummaryList
        rows={[
          { key: "Kind", value: INCIDENT_CATEGORY_LABELS[i.category] },
          { key: "Organisation responsible", value: i.responsibleOrganisation },
          { key: "Reviews due", value: formatCalendarDate(i.reviewsDueDate) },
          { key: "Your patients", value: `${formatNumber(c.items)}: ${formatNumber(c.reviewed)} reviewed (${formatNumber(c.noHarm)} no harm, ${formatNumber(c.potentialHarm)} potential harm, ${formatNumber(c.harm)} harm)` },
          { key: "Payment", value: `${i.schemeText}. For your ${formatNumber(c.items)} patients: ${formatPence(d.paymentPence)}` },
        ]}
      />
      <section aria-labelledby="return-heading" className="mb-10">
        <h2 id="return-heading">Your practice&apos;s return</h2>
        {signed ? (
          <p className="border-l-4 border-nhs-green bg-white p-4">
            Signed by {signed.signedByName} on {formatDateTime(signed.signedAt)}: {signed.nilReturn ? "a nil return (no harm)" : `${formatNumber(signed.harmCount)} ${signed.harmCount === 1 ? "patient" : "patients"} with harm`}. Payment released: <strong>{formatPence(signed.paymentPence)}</strong>.
          </p>
        ) : d.signOffProblems.length ? (
          <>
            <p>The practice manager can sign the return when:</p>
            <ul className="mb-4 list-disc pl-6">
              {d.signOffProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        ) : can(actor.role, "incident:sign") ? (
          <SignReturnForm reference={i.reference} nilReturn={c.harm === 0} payment={d.paymentPence ? formatPence(d.paymentPence) : ""} items={c.items} />
        ) : (
          <p>Every patient is reviewed: your practice manager can now sign the return.</p>
        )}
      </section>
      <section aria-labelledby="patients-heading">
        <h2 id="patients-heading">Patients</h2>
        <nav aria-label="Which patients" className="mb-4">
          <ul className="flex flex-wrap gap-4">
            {SHOW.map(([value, label]) => (
              <li key={value}>{d.params.show === value ? <strong aria-current="page">{label}</strong> : <Link href={`/practice/incidents/${i.reference}?show=${value}`}>{label}</Link>}</li>
            ))}
          </ul>
        </nav>
        {d.patients.length ? <AffectedPatientsForm reference={i.reference} patients={d.patients} canEdit={!signed && i.status === "OPEN"} /> : <p className="border-l-4 border-nhs-blue bg-white p-4">No patients to show here.</p>}
        <Pagination page={d.params.page} pageCount={d.pageCount} total={d.shownCount} basePath={`/practice/incidents/${i.reference}`} params={{ show: d.params.show }} noun="patients" />
      </section>
    </>
  );
}
