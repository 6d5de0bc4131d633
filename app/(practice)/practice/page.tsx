import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { practiceOverview } from "@/lib/movements/overview";
import { formatNumber } from "@/lib/format";
import { pendingSuggestions } from "@/lib/workload/queries";
import { WorkloadSuggestions } from "@/components/workload/WorkloadSuggestions";

export const metadata: Metadata = { title: "Overview" };

export default async function PracticeHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const { problem } = await searchParams;
  const [overview, suggestions] = await Promise.all([practiceOverview(db, actor), pendingSuggestions(db, actor)]);
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
        <Link href="/practice/receive" className="inline-block rounded bg-nhs-blue px-4 py-2.5 font-bold text-white no-underline shadow-[0_4px_0_#003087] visited:text-white hover:text-white">
          Receive records
        </Link>
        <Link href="/practice/send" className="inline-block rounded bg-nhs-green px-4 py-2.5 font-bold text-white no-underline shadow-[0_4px_0_#00401e] visited:text-white hover:text-white">
          Send a record
        </Link>
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
