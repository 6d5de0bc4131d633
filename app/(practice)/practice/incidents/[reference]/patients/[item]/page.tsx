import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { getAffectedPatient } from "@/lib/incidents/queries";
import { HARM_LEVEL_LABELS, HARM_OUTCOME_LABELS, REVIEWER_ROLE_LABELS, TRIAGE_LABELS, delayText } from "@/lib/incidents/rules";
import { orNotFound } from "@/lib/http/not-found";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { HarmReviewForm } from "@/components/incidents/HarmReviewForm";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Harm review" };

export default async function Page({ params }: { params: Promise<{ reference: string; item: string }> }) {
  const actor = await requireAudience("practice");
  const { reference, item } = await params;
  const p = await orNotFound(getAffectedPatient(db, actor, reference, item));
  const r = p.review;
  return (
    <>
      <BackLink href={`/practice/incidents/${p.incident.reference}`}>Back to the incident</BackLink>
      <h1>
        <span className="block text-nhs-m text-nhs-secondary">Harm review, {p.incident.reference}</span>
        {formatNhsNumber(p.nhsNumber)}
      </h1>
      <SummaryList
        rows={[
          ...(p.name ? [{ key: "Name (as on the envelope)", value: p.name }] : []),
          ...(p.dateOfBirth ? [{ key: "Date of birth", value: formatCalendarDate(p.dateOfBirth) }] : []),
          { key: "Priority", value: TRIAGE_LABELS[p.priority] },
          { key: "Held from", value: formatCalendarDate(p.heldFrom) },
          { key: "Released", value: p.releasedOn ? formatCalendarDate(p.releasedOn) : "Still held" },
          { key: "Delay", value: delayText(p.delayDays) },
          ...(p.movementReference ? [{ key: "Record movement", value: p.movementReference }] : []),
        ]}
      />
      {p.locked ? (
        r ? (
          <SummaryList
            rows={[
              { key: "Outcome", value: HARM_OUTCOME_LABELS[r.outcome] },
              ...(r.harmLevel ? [{ key: "Level of harm", value: HARM_LEVEL_LABELS[r.harmLevel] }] : []),
              ...(r.harmDescription ? [{ key: "Harm", value: r.harmDescription }] : []),
              { key: "Patient told", value: r.patientInformed && r.patientInformedOn ? formatCalendarDate(r.patientInformedOn) : "No" },
              ...(r.actionsTaken ? [{ key: "Actions taken", value: r.actionsTaken }] : []),
              { key: "Reviewer", value: REVIEWER_ROLE_LABELS[r.reviewerRole] },
              { key: "Minutes", value: String(r.minutesSpent) },
              { key: "Reviewed", value: formatDateTime(r.reviewedAt) },
            ]}
          />
        ) : (
          <p>This patient was not reviewed.</p>
        )
      ) : (
        <>
          <h2>{r ? `Review (version ${r.version}, ${formatDateTime(r.reviewedAt)})` : "Record the review"}</h2>
          <HarmReviewForm reference={p.incident.reference} itemId={p.itemId} review={r} />
        </>
      )}
    </>
  );
}
