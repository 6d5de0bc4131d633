import { titleWithProblem } from "@/lib/http/error-title";
import Link from "@/components/ui/Link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { practiceOverview } from "@/lib/movements/overview";
import { formatCalendarDate, formatNumber } from "@/lib/format";
import { casesWaitingForPractice } from "@/lib/cases/queries";
import { TASK_KIND_LABELS } from "@/lib/cases/labels";
import { urgentRequestsWaiting } from "@/lib/urgent/queries";
import { Countdown } from "@/components/urgent/Countdown";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { pendingSuggestions } from "@/lib/workload/queries";
import { WorkloadSuggestions } from "@/components/workload/WorkloadSuggestions";

export const generateMetadata = titleWithProblem("Overview");

export default async function PracticeHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const { problem } = await searchParams;
  // Requests for records this practice holds that it has not yet sent (the first five, and how many in all).
  const [overview, waitingCases, toAnswer, suggestions] = await Promise.all([practiceOverview(db, actor), casesWaitingForPractice(db, actor, 5), urgentRequestsWaiting(db, actor, 5), pendingSuggestions(db, actor)]);
  const cards = [
    { label: "Outgoing, on their way", value: overview.outgoingOpen, href: "/practice/outgoing?status=open" },
    { label: "Outgoing, overdue", value: overview.outgoingOverdue, href: "/practice/outgoing?status=overdue" },
    { label: "Incoming, expected", value: overview.incomingOpen, href: "/practice/incoming?status=open" },
    { label: "Incoming, overdue", value: overview.incomingOverdue, href: "/practice/incoming?status=overdue" },
    { label: "Still need labels", value: overview.outgoingNeedingLabels, href: "/practice/outgoing" },
    { label: "Ready, waiting for collection", value: overview.readyForCollection, href: "/practice/collections" },
  ];
  return (
    <>
      <h1>{actor?.organisationName}</h1>
      <WorkloadSuggestions data={suggestions} />
      <section aria-labelledby="waiting-heading" className={`mb-6 bg-white p-4 ${waitingCases.total + toAnswer.total ? "border-l-8 border-nhs-warm-yellow" : "border-l-4 border-nhs-blue"}`}>
        <h2 id="waiting-heading" className="text-nhs-m">
          Waiting for you
        </h2>
        {waitingCases.total + toAnswer.total === 0 ? (
          <p>Nothing from PCSE or another practice is waiting for your practice.</p>
        ) : (
          <ul className="space-y-3">
            {toAnswer.rows.map((r) => (
              <li key={r.reference}>
                <Link href={`/practice/requests/${r.reference}`} className="font-bold">
                  Urgent request {r.reference}
                </Link>{" "}
                from {r.requester}: send the record by {formatCalendarDate(r.internalTargetDate)} <Countdown countdown={r.countdown} />
              </li>
            ))}
            {toAnswer.total > toAnswer.rows.length ? (
              <li>
                <Link href="/practice/requests">All {formatNumber(toAnswer.total)} urgent requests waiting for your practice</Link>
              </li>
            ) : null}
            {waitingCases.rows.map((c) => (
              <li key={c.reference}>
                <Link href={`/practice/cases/${c.reference}`} className="font-bold">
                  Case {c.reference}
                </Link>{" "}
                ({c.kindLabel}): {c.openTasks.map((t) => TASK_KIND_LABELS[t].toLowerCase()).join("; ") || "PCSE needs an answer"}
              </li>
            ))}
            {waitingCases.total > waitingCases.rows.length ? (
              <li>
                <Link href="/practice/cases">All {formatNumber(waitingCases.total)} cases waiting for your practice</Link>
              </li>
            ) : null}
          </ul>
        )}
      </section>
      {overview.outgoingOverdue + overview.incomingOverdue > 0 ? (
        <div role="region" aria-labelledby="overdue-heading" className="mb-6 border-l-8 border-nhs-red bg-white p-4">
          <h2 id="overdue-heading" className="text-nhs-m">Overdue records</h2>
          <p className="mb-2">Past the due date the service-level policy sets, and not yet delivered.</p>
          <ul className="list-disc pl-6">
            {overview.outgoingOverdue ? (
              <li>
                <Link href="/practice/outgoing?status=overdue&sort=due:asc">
                  {formatNumber(overview.outgoingOverdue)} outgoing {overview.outgoingOverdue === 1 ? "record" : "records"} overdue
                </Link>
              </li>
            ) : null}
            {overview.incomingOverdue ? (
              <li>
                <Link href="/practice/incoming?status=overdue&sort=due:asc">
                  {formatNumber(overview.incomingOverdue)} incoming {overview.incomingOverdue === 1 ? "record" : "records"} overdue
                </Link>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
      {problem === "invalid" || problem === "failed" ? (
        <p role="alert" className="mb-6 border-l-4 border-nhs-red bg-white p-4">
          {problem === "invalid" ? "That search could not be used: search by reference, NHS number or family name, in 100 characters or fewer." : "Something went wrong with that search. Try again."}
        </p>
      ) : null}
      <p className="mb-6 flex flex-wrap gap-4">
        <ButtonLink href="/practice/receive" variant="secondary">
          Receive records
        </ButtonLink>
        <ButtonLink href="/practice/send">Send a record</ButtonLink>
      </p>
      <h2>Record movements</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {cards.map((c) => (
          <li key={c.label} className="border-t-4 border-nhs-blue bg-white p-4">
            <Link href={c.href} className="block">
              <span className="block text-nhs-l font-bold">{formatNumber(c.value)}</span>
              {c.label}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
