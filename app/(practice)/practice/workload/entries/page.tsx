import type { Metadata } from "next";
import Link from "@/components/ui/Link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listWorkloadEntries, pendingSuggestions, workloadFormOptions } from "@/lib/workload/queries";
import { lastTwelveMonths, labelOfMonth } from "@/lib/workload/figures";
import { formatMinutes, formatPence } from "@/lib/workload/schemas";
import { londonDate } from "@/lib/nhs/working-days";
import { formatCalendarDate } from "@/lib/format";
import { WorkloadSuggestions } from "@/components/workload/WorkloadSuggestions";
import { EntryForm } from "@/components/workload/EntryForm";
import { Pagination } from "@/components/ui/Pagination";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { Tag } from "@/components/ui/StatusTag";

export const metadata: Metadata = { title: "Workload log" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const query = await searchParams;
  const [list, suggestions, options] = await Promise.all([listWorkloadEntries(db, actor, query), pendingSuggestions(db, actor, 50), workloadFormOptions(db, actor)]);
  const today = londonDate(new Date());
  const months = lastTwelveMonths(today).months.reverse();
  const title = list.manager && list.who === "practice" ? "The practice's workload log" : "Your workload log";
  return (
    <>
      {query.logged === "1" ? (
        <div role="status" className="mb-8 bg-nhs-green p-6 text-white">
          <h2 className="text-nhs-l">Work logged</h2>
          <p>It is in the list below, costed at the rate for the grade on that day.</p>
        </div>
      ) : null}
      <h1>{title}</h1>
      <p className="mb-6">
        The time the records service costs the practice: bagging and labelling, chasing, searching, carrying records, rebuilding lost ones. Log it as you go; the practice manager
        turns it into evidence for a claim.{list.manager ? (
          <>
            {" "}
            <Link href="/practice/workload">See the practice&apos;s figures</Link>.
          </>
        ) : null}
      </p>
      <WorkloadSuggestions data={suggestions} />

      <details className="mb-8 border border-nhs-grey-4 bg-white p-4" open={query.add === "1" || undefined}>
        <summary className="cursor-pointer font-bold text-nhs-blue">Log work by hand</summary>
        <div className="mt-4 max-w-3xl">
          <EntryForm tasks={options.tasks} sites={options.sites} defaultGrade={options.defaultGrade} today={today} />
        </div>
      </details>

      <form method="get" action="/practice/workload/entries" className="mb-6 flex flex-wrap items-end gap-4">
        {list.manager ? (
          <div>
            <label htmlFor="who" className="block font-bold">
              Whose entries
            </label>
            <select id="who" name="who" defaultValue={list.who} className="mt-1 border-2 border-nhs-text bg-white p-2">
              <option value="practice">Everyone in the practice</option>
              <option value="mine">Mine</option>
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="month" className="block font-bold">
            Month
          </label>
          <select id="month" name="month" defaultValue={list.month ?? ""} className="mt-1 border-2 border-nhs-text bg-white p-2">
            <option value="">All months</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {labelOfMonth(m)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="mb-1 rounded bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          Show
        </button>
      </form>

      <p className="mb-2">
        <strong>{formatMinutes(list.minutes)}</strong>, costing <strong>{formatPence(list.costPence)}</strong>, in {list.total.toLocaleString("en-GB")}{" "}
        {list.total === 1 ? "entry" : "entries"}
        {list.month ? ` in ${labelOfMonth(list.month)}` : ""} (withdrawn entries not counted).
      </p>
      {list.rows.length === 0 ? (
        <p>No work logged yet.</p>
      ) : (
        <ResponsiveTable
          caption={`${title}, newest first`}
          columns={[
            { label: "Date", nowrap: true },
            "Task",
            "Grade",
            { label: "Items", numeric: true },
            { label: "Minutes", numeric: true },
            "Cause",
            "How logged",
            "For",
            { label: "Cost", numeric: true },
            ...(list.manager ? ["Logged by"] : []),
            "Actions",
          ]}
          rows={list.rows.map((r) => ({
            key: r.id,
            className: r.withdrawn ? "text-nhs-secondary line-through" : "",
            cells: [
              formatCalendarDate(r.date),
              r.taskName,
              r.gradeLabel,
              r.quantity,
              <>
                {r.minutes}
                {r.suggestedMinutes !== null && r.suggestedMinutes !== r.minutes ? <span className="block text-nhs-secondary">suggested {r.suggestedMinutes}</span> : null}
              </>,
              r.causeLabel,
              r.sourceLabel,
              r.reference ?? "–",
              formatPence(r.costPence),
              ...(list.manager ? [r.by] : []),
              <span key="actions" className="no-underline">
                {r.withdrawn ? <Tag tone="grey">Withdrawn</Tag> : r.locked ? <Tag tone="blue">In a claim</Tag> : null}{" "}
                <Link href={`/practice/workload/entries/${r.id}`}>
                  {r.withdrawn || r.locked ? "View" : "Change"}
                  <span className="sr-only">
                    {" "}
                    {r.taskName} on {formatCalendarDate(r.date)}
                  </span>
                </Link>
              </span>,
            ],
          }))}
        />
      )}
      <Pagination page={list.page} pageCount={list.pages} total={list.total} basePath="/practice/workload/entries" noun="entries" params={{ who: list.who, ...(list.month ? { month: list.month } : {}) }} />
    </>
  );
}
