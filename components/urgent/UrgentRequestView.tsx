import Link from "next/link";
import type { UrgentDetail } from "@/lib/urgent/queries";
import { URGENT_STATUS_LABELS } from "@/lib/urgent/queries";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { SummaryList } from "@/components/ui/SummaryList";
import { Countdown } from "@/components/urgent/Countdown";
import { UrgentAnswerForms } from "@/components/urgent/UrgentAnswerForms";

const NOTICES: Record<string, string> = {
  made: "Request sent. The holder has been told; you can follow it here and in your urgent requests.",
  acknowledge: "Acknowledged. The requesting practice can see it.",
  send: "The record is on its way as an urgent movement.",
  cancel: "Request cancelled.",
};

/** One urgent request: the patient as the requester recorded them, its dates and countdown, and the answers open now. */
export function UrgentRequestView({ r, side, notice, movement }: { r: UrgentDetail; side: "practice" | "pcse"; notice: string | null; movement: string | null }) {
  const movementBase = side === "pcse" ? "/pcse/movements" : "/practice/movements";
  const caseBase = side === "pcse" ? "/pcse/cases" : "/practice/cases";
  const sentMovement = movement ?? r.movementReference;
  return (
    <>
      {notice && NOTICES[notice] ? (
        <div role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4">
          <p className="font-bold">{NOTICES[notice]}</p>
          {notice === "send" && sentMovement ? (
            <p>
              Movement <Link href={`${movementBase}/${sentMovement}`}>{sentMovement}</Link>: print its labels from its page.
            </p>
          ) : null}
        </div>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">Urgent request: {r.basisLabel}</span>
        {r.reference}
      </h1>
      <p className="mb-6 flex flex-wrap items-center gap-3">
        <strong>{URGENT_STATUS_LABELS[r.status]}</strong>
        <Countdown countdown={r.countdown} />
      </p>
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <h2>Patient</h2>
          <p className="mb-2 text-nhs-small">As the requesting practice recorded them.</p>
          <SummaryList
            rows={[
              { key: "Name", value: r.patientName },
              { key: "NHS number", value: formatNhsNumber(r.nhsNumber) },
              { key: "Date of birth", value: formatCalendarDate(r.dateOfBirth) },
            ]}
          />
          <h2>Request</h2>
          <SummaryList
            rows={[
              { key: "Why", value: r.basisLabel },
              { key: "Requested by", value: r.requester },
              { key: "Held by", value: r.holder },
              { key: "Made", value: formatDateTime(r.createdAt) },
              { key: "Request received on", value: formatCalendarDate(r.receivedOn) },
              ...(r.dateGiven ? [{ key: "Date given by the coroner or court", value: formatCalendarDate(r.dateGiven) }] : []),
              ...(r.extended ? [{ key: "Extended", value: "Yes: the requester was told the deadline is extended by two months" }] : []),
              ...(r.recentEntriesOnly ? [{ key: "Recent entries only", value: "Yes: every entry was made in the 40 days before the application (21 days)" }] : []),
              { key: "Statutory date", value: r.statutoryDueDate ? formatCalendarDate(r.statutoryDueDate) : "None: clinical need has no statutory date" },
              { key: "Internal target", value: `${formatCalendarDate(r.internalTargetDate)} (early enough to leave time for review)` },
              ...(sentMovement ? [{ key: "Sent as", value: <Link href={`${movementBase}/${sentMovement}`}>{sentMovement}</Link> }] : []),
              ...(r.note ? [{ key: "Note", value: <span className="whitespace-pre-line">{r.note}</span> }] : []),
              ...(r.remindedHalfwayAt ? [{ key: "Holder reminded (halfway)", value: formatDateTime(r.remindedHalfwayAt) }] : []),
              ...(r.remindedThreeQuartersAt ? [{ key: "Holder reminded (three quarters)", value: formatDateTime(r.remindedThreeQuartersAt) }] : []),
              ...(r.breachedAt ? [{ key: "Past its internal target", value: formatDateTime(r.breachedAt) }] : []),
              ...(r.caseReferences.length
                ? [
                    {
                      key: "Cases",
                      value: (
                        <ul>
                          {r.caseReferences.map((c) => (
                            <li key={c}>
                              <Link href={`${caseBase}/${c}`}>{c}</Link>
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
        <div className="min-w-0">
          <UrgentAnswerForms reference={r.reference} side={side} canAcknowledge={r.canAcknowledge} canSend={r.canSend} canCancel={r.canCancel} />
        </div>
      </div>
    </>
  );
}
