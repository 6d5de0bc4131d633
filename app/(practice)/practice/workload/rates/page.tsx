import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { practiceRates } from "@/lib/workload/queries";
import { formatPence } from "@/lib/workload/schemas";
import { londonDate } from "@/lib/nhs/working-days";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { RateForm } from "@/components/workload/RateForm";
import { BackLink } from "@/components/ui/BackLink";
import { TableHead } from "@/components/ui/TableHead";
import { Tag } from "@/components/ui/StatusTag";

export const metadata: Metadata = { title: "Rates per grade" };

export default async function Page() {
  const actor = await requireAudience("practice");
  if (!can(actor.role, "workload:manage")) redirect("/practice/workload/entries");
  const rates = await practiceRates(db, actor);
  return (
    <>
      <BackLink href="/practice/workload">Back to workload and its cost</BackLink>
      <h1>Rates per grade</h1>
      <p className="mb-6">
        What an hour of each grade costs the practice, with employer&apos;s on-costs. Each entry is costed at the rate in force on the day of the work. Until you set your own, the
        national defaults below apply: each names its source and pay year. Evidence that succeeds is tied to real pay rates, so set the practice&apos;s own where you can.
      </p>
      <div className="mb-8 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-nhs-small">
          <caption className="mb-2 text-left text-nhs-s font-bold">Rates in force today</caption>
          <TableHead columns={["Grade", { label: "Per hour", numeric: true }, "From", "Whose", "Source"]} />
          <tbody>
            {rates.current.map((r) => (
              <tr key={r.grade} className="border-b border-nhs-grey-4 align-top">
                <th scope="row" className="p-2 font-normal">
                  {r.gradeLabel}
                </th>
                <td className="p-2 text-right">{formatPence(r.pencePerHour)}</td>
                <td className="p-2 whitespace-nowrap">{formatCalendarDate(r.effectiveFrom)}</td>
                <td className="p-2">{r.own ? <Tag tone="green">The practice&apos;s</Tag> : <Tag tone="grey">National default{r.sourceYear ? ` ${r.sourceYear}` : ""}</Tag>}</td>
                <td className="p-2">{r.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Set a rate</h2>
      <RateForm today={londonDate(new Date())} />
      <h2 className="mt-10">Rates the practice has set</h2>
      {rates.history.length === 0 ? (
        <p>None yet: the national defaults apply.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-nhs-small">
            <caption className="sr-only">Every rate the practice has set, newest first</caption>
            <TableHead columns={["Grade", { label: "Per hour", numeric: true }, "From", "Source", "Set by"]} />
            <tbody>
              {rates.history.map((r) => (
                <tr key={`${r.grade}-${r.effectiveFrom}`} className="border-b border-nhs-grey-4 align-top">
                  <td className="p-2">{r.gradeLabel}</td>
                  <td className="p-2 text-right">{formatPence(r.pencePerHour)}</td>
                  <td className="p-2 whitespace-nowrap">{formatCalendarDate(r.effectiveFrom)}</td>
                  <td className="p-2">{r.source}</td>
                  <td className="p-2">
                    {r.setBy ?? "–"}
                    {r.setAt ? <span className="block text-nhs-secondary">{formatDateTime(r.setAt)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
