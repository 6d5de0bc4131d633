import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/not-found";
import { getWorkloadEntry, workloadFormOptions } from "@/lib/workload/queries";
import { CAUSE_LABELS, GRADE_LABELS, SOURCE_LABELS, formatMinutes, formatPence } from "@/lib/workload/schemas";
import { londonDate } from "@/lib/nhs/working-days";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { EntryForm } from "@/components/workload/EntryForm";
import { WithdrawEntryForm } from "@/components/workload/WithdrawEntryForm";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { TableHead } from "@/components/ui/TableHead";

export const metadata: Metadata = { title: "Workload entry" };

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("practice");
  const { id } = await params;
  const query = await searchParams;
  const [e, options] = await Promise.all([orNotFound(getWorkloadEntry(db, actor, id)), workloadFormOptions(db, actor)]);
  const editable = !e.withdrawn && !e.locked;
  return (
    <>
      <BackLink href="/practice/workload/entries">Back to the workload log</BackLink>
      {query.saved === "1" ? (
        <div role="status" className="mb-8 bg-nhs-green p-6 text-white">
          <h2 className="text-nhs-l">Changes saved</h2>
          <p>The earlier version is kept below.</p>
        </div>
      ) : null}
      {query.withdrawn === "1" ? (
        <div role="status" className="mb-8 border-l-8 border-nhs-blue bg-white p-6">
          <h2 className="text-nhs-l">Entry withdrawn</h2>
          <p>It is kept with its history and left out of every total and evidence pack.</p>
        </div>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">Workload entry</span>
        {e.taskName}, {formatCalendarDate(e.date)}
      </h1>
      <SummaryList
        rows={[
          { key: "Minutes", value: `${formatMinutes(e.minutes)}${e.suggestedMinutes !== null ? ` (suggested ${formatMinutes(e.suggestedMinutes)})` : ""}` },
          { key: "Items", value: String(e.quantity) },
          { key: "Grade", value: GRADE_LABELS[e.grade] },
          { key: "Cause", value: CAUSE_LABELS[e.cause] },
          { key: "Site", value: e.siteName },
          { key: "For", value: e.batch ? `${e.movementReferences.length} records: ${e.movementReferences.join(", ")}` : (e.reference ?? "–") },
          { key: "Cost", value: `${formatPence(e.costPence)} at ${formatPence(e.ratePencePerHour)} an hour${e.rateSource ? ` (${e.rateSource})` : ""}` },
          { key: "How logged", value: `${SOURCE_LABELS[e.source]}, by ${e.by} on ${formatDateTime(e.createdAt)}` },
          { key: "Note", value: e.note ?? "–" },
          { key: "State", value: e.withdrawn ? "Withdrawn" : e.locked ? "Evidence for a claim to NHS England: it cannot be changed now" : `Version ${e.version}` },
        ]}
      />
      {editable ? (
        <section aria-labelledby="change" className="mb-8 max-w-3xl">
          <h2 id="change">Change this entry</h2>
          <EntryForm
            tasks={options.tasks}
            sites={options.sites}
            defaultGrade={options.defaultGrade}
            today={londonDate(new Date())}
            entry={{ entryId: e.id, taskCode: e.taskCode, grade: e.grade, minutes: e.minutes, quantity: e.quantity, date: e.date, cause: e.cause, siteId: e.siteId, reference: e.reference, note: e.note, batch: e.batch }}
          />
          <WithdrawEntryForm entryId={e.id} />
        </section>
      ) : null}
      <h2>History</h2>
      {e.history.length === 0 ? (
        <p>Not changed since it was logged.</p>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-nhs-small">
          <caption className="sr-only">Earlier versions of this entry</caption>
          <TableHead columns={["Version", "Changed", "By", "Minutes then", "Grade then", "Date then", "Cause then"]} />
          <tbody>
            {e.history.map((h) => (
              <tr key={h.version} className="border-b border-nhs-grey-4">
                <td className="p-2">
                  {h.version} ({h.change === "WITHDRAWN" ? "withdrawn" : "edited"})
                </td>
                <td className="p-2">{formatDateTime(h.changedAt)}</td>
                <td className="p-2">{h.by}</td>
                <td className="p-2">{h.minutes}</td>
                <td className="p-2">{GRADE_LABELS[h.grade]}</td>
                <td className="p-2">{formatCalendarDate(h.date)}</td>
                <td className="p-2">{CAUSE_LABELS[h.cause]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
