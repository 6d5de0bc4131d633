import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getCase, listCaseworkers } from "@/lib/cases/queries";
import { CASE_ACTIONS, MISSING_STAGE_LABELS, OUTCOME_LABELS, type CaseAction } from "@/lib/cases/rules";
import { CASE_ORIGIN_LABELS, TASK_KIND_LABELS, TASK_STATUS_LABELS, describeTaskResponse } from "@/lib/cases/labels";
import { caseActionForms } from "@/lib/cases/action-forms";
import { URGENT_BASIS_LABELS } from "@/lib/urgent/schemas";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { CaseStatusTag, MissingStageTag } from "@/components/cases/CaseStatusTag";
import { CaseClocks } from "@/components/cases/CaseClocks";
import { CaseMovements } from "@/components/cases/CaseMovements";
import { CaseTimeline } from "@/components/cases/CaseTimeline";
import { CaseDetailsList } from "@/components/cases/CaseDetailsList";
import { CaseActionForms } from "@/components/cases/CaseActionForms";
import { Tag } from "@/components/ui/StatusTag";

export const metadata: Metadata = { title: "Case" };

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("pcse");
  const { reference } = await params;
  const query = await searchParams;
  const [c, caseworkers] = await Promise.all([orNotFound(getCase(db, actor, reference)), listCaseworkers(db, actor)]);
  const done = typeof query.done === "string" && query.done in CASE_ACTIONS ? (query.done as CaseAction) : null;
  const redelivery = typeof query.redelivery === "string" && /^RM-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(query.redelivery) ? query.redelivery : null;
  const main = c.movements.find((m) => m.role === "CONCERNS") ?? c.movements.find((m) => m.role === "EXPECTED") ?? c.movements[0] ?? null;
  const forms = caseActionForms({
    available: c.actions,
    outcomes: c.outcomes,
    hasMovement: c.movements.length > 0,
    senderOdsCode: main?.from.odsCode ?? null,
    bagCount: main?.bagCount ?? null,
    ownedByMe: c.owner?.id === actor.id,
    canSupervise: can(actor.role, "case:supervise"),
    caseworkers,
  });
  const names = Object.fromEntries(caseworkers.map((w) => [w.id, w.name]));
  const breached = c.clocks.firstResponse.state === "breached" || c.clocks.resolution.state === "breached";
  return (
    <>
      <BackLink href="/pcse/cases">Back to the case queue</BackLink>
      {done ? (
        <div role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4">
          <p className="font-bold">Done: {done === "take" ? "the case is yours" : CASE_ACTIONS[done].label}.</p>
          {redelivery ? (
            <p>
              Redelivery <Link href={`/pcse/movements/${redelivery}`}>{redelivery}</Link> created: print its labels from its page.
            </p>
          ) : null}
        </div>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">Case: {c.kindLabel}</span>
        {c.reference}
      </h1>
      <p className="mb-6 flex flex-wrap items-center gap-3">
        <CaseStatusTag status={c.status} />
        <MissingStageTag stage={c.missingStage} />
        {breached ? <Tag tone="red">Breached</Tag> : null}
        <span>{c.owner ? `Owner: ${c.owner.name}` : "Nobody owns this case yet"}</span>
      </p>
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <SummaryList
            rows={[
              { key: "Problem", value: c.kindLabel },
              { key: "Summary", value: c.summary },
              { key: "Raised", value: `${CASE_ORIGIN_LABELS[c.origin as keyof typeof CASE_ORIGIN_LABELS] ?? c.origin}${c.raisedBy ? `: ${c.raisedBy.name} (${c.raisedBy.odsCode})` : ""}${c.raisedByPerson ? `, ${c.raisedByPerson}` : ""}` },
              { key: "Opened", value: formatDateTime(c.openedAt) },
              ...(c.details ? [{ key: "Details", value: <CaseDetailsList details={c.details} /> }] : []),
              ...(c.receivedNhsNumber ? [{ key: "NHS number on the record received", value: formatNhsNumber(c.receivedNhsNumber) }] : []),
              ...(c.urgentRequest
                ? [{ key: "Urgent request", value: <><Link href={`/pcse/requests/${c.urgentRequest.reference}`}>{c.urgentRequest.reference}</Link>: {URGENT_BASIS_LABELS[c.urgentRequest.basis as keyof typeof URGENT_BASIS_LABELS]}, internal target {formatCalendarDate(c.urgentRequest.internalTargetDate)}{c.urgentRequest.statutoryDueDate ? `, statutory date ${formatCalendarDate(c.urgentRequest.statutoryDueDate)}` : ""}</> }]
                : []),
              ...(c.collection ? [{ key: "Collection", value: `${c.collection.reference}, booked for ${formatCalendarDate(c.collection.collectionDate)}` }] : []),
              ...(c.outcome ? [{ key: "Outcome", value: `${OUTCOME_LABELS[c.outcome]}${c.outcomeNote ? `: ${c.outcomeNote}` : ""}` }] : []),
              ...(c.resolvedAt ? [{ key: "Resolved", value: formatDateTime(c.resolvedAt) }] : []),
              ...(c.closedAt ? [{ key: "Closed", value: formatDateTime(c.closedAt) }] : []),
            ]}
          />
          {c.missingStage || c.kind === "MISSING_RECORD" ? (
            <section aria-labelledby="missing-heading" className="mb-8 border-l-4 border-nhs-warm-yellow bg-white p-4">
              <h2 id="missing-heading">Missing-record search</h2>
              <SummaryList
                rows={[
                  { key: "Stage", value: c.missingStage ? MISSING_STAGE_LABELS[c.missingStage] : "Not started" },
                  ...(c.searchEndsOn ? [{ key: "Search ends", value: `${formatCalendarDate(c.searchEndsOn)} (then marked missing if not found)` }] : []),
                  ...(c.lostOn ? [{ key: "Treated as lost on", value: `${formatCalendarDate(c.lostOn)} if still not found` }] : []),
                  ...(c.found ? [{ key: "Found", value: `${formatDateTime(c.found.at)}${c.found.where ? `, at ${c.found.where}` : ""}${c.found.how ? `: ${c.found.how}` : ""}` }] : []),
                ]}
              />
            </section>
          ) : null}
          <section aria-labelledby="actions-heading" className="mb-8">
            <h2 id="actions-heading">Actions</h2>
            {forms.length ? <CaseActionForms reference={c.reference} forms={forms} /> : <p>No action is open on this case now.</p>}
          </section>
          <CaseClocks clocks={c.clocks} policyVersion={c.policyVersion} />
          <CaseMovements movements={c.movements} basePath="/pcse/movements" />
          {c.tasks.length ? (
            <section aria-labelledby="tasks-heading" className="mb-8">
              <h2 id="tasks-heading">Tasks for practices</h2>
              <ul className="space-y-3">
                {c.tasks.map((t) => (
                  <li key={t.id} className="bg-white p-3">
                    <p className="font-bold">
                      {TASK_KIND_LABELS[t.kind]}: {TASK_STATUS_LABELS[t.status].toLowerCase()}
                    </p>
                    <p>
                      {t.organisation}
                      {t.dueDate ? `, due ${formatCalendarDate(t.dueDate)}` : ""}
                    </p>
                    {t.completedAt ? <p className="text-nhs-small">Done {formatDateTime(t.completedAt)}</p> : null}
                    {t.response ? <p>{describeTaskResponse(t.response)}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <div className="min-w-0">
          {c.contacts.length ? (
            <section aria-labelledby="contacts-heading" className="mb-8">
              <h2 id="contacts-heading">Contacts</h2>
              <ul className="space-y-3">
                {c.contacts.map((o) => (
                  <li key={o.odsCode} className="bg-white p-3 break-words">
                    <p className="font-bold">
                      {o.name} ({o.odsCode})
                    </p>
                    {o.phone ? <p>Telephone {o.phone}</p> : <p className="text-nhs-secondary">No telephone number held</p>}
                    <p className="text-nhs-small">{o.address}</p>
                    {o.managers.map((m) => (
                      <p key={m.email} className="text-nhs-small">
                        Practice manager: {m.name}, <a href={`mailto:${m.email}`}>{m.email}</a>
                      </p>
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <h2>Timeline</h2>
          <p className="mb-4 text-nhs-small">Entries marked Internal are PCSE&apos;s only; practices see the rest.</p>
          <CaseTimeline entries={c.timeline} names={names} />
        </div>
      </div>
    </>
  );
}
