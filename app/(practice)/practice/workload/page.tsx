import type { Metadata } from "next";
import Link from "@/components/ui/Link";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { workloadOverview } from "@/lib/workload/queries";
import { formatMinutes, formatPence, formatWhole, hours } from "@/lib/workload/schemas";
import type { Totals } from "@/lib/workload/figures";
import { WorkloadChart } from "@/components/workload/WorkloadChart";
import { BreakdownTable } from "@/components/workload/BreakdownTable";
import { ButtonLink } from "@/components/ui/ButtonLink";

export const metadata: Metadata = { title: "Workload and its cost" };

function Headline({ title, t }: { title: string; t: Totals }) {
  const cards = [
    { label: "Hours", value: hours(t.minutes) },
    { label: "Cost", value: formatPence(t.costPence) },
    { label: "Entries", value: formatWhole(t.entries) },
    { label: "Minutes per record moved", value: t.minutesPerRecord === null ? "–" : formatWhole(t.minutesPerRecord) },
  ];
  return (
    <section aria-label={title} className="mb-6">
      <h2>{title}</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map((c) => (
          <li key={c.label} className="border-t-4 border-nhs-blue bg-white p-4">
            <span className="block text-nhs-l font-bold">{c.value}</span>
            {c.label}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-nhs-small text-nhs-secondary">
        {formatWhole(t.movements)} records sent or received by the practice and its branch surgeries.
      </p>
    </section>
  );
}

export default async function Page() {
  const actor = await requireAudience("practice");
  // Practice staff see their own entries; the practice's figures are the manager's.
  if (!can(actor.role, "workload:manage")) redirect("/practice/workload/entries");
  const o = await workloadOverview(db, actor);
  const n = o.national;
  return (
    <>
      <h1>Workload and its cost</h1>
      <p className="mb-4">
        The extra work the records service causes {o.practiceName}, as your staff logged it, costed at the rate for each grade on the day of the work.
      </p>
      <p className="mb-8 flex flex-wrap gap-4">
        <ButtonLink href="/practice/workload/entries">The workload log</ButtonLink>
        <ButtonLink href="/practice/workload/rates" variant="secondary">
          Rates per grade
        </ButtonLink>
        <ButtonLink href="/practice/claims" variant="reverse">
          Evidence and claims
        </ButtonLink>
      </p>
      {o.pendingSuggestions > 0 ? (
        <p className="mb-6 border-l-4 border-nhs-blue bg-white p-4">
          {formatWhole(o.pendingSuggestions)} suggested {o.pendingSuggestions === 1 ? "entry is" : "entries are"} waiting for the staff who did the work to accept or
          dismiss. They are not counted until accepted.
        </p>
      ) : null}
      <Headline title={`This month (${o.months[o.months.length - 1].label})`} t={o.thisMonth} />
      <Headline title={`The last 12 months (${o.months[0].label} to ${o.months[o.months.length - 1].label})`} t={o.year} />

      <section aria-labelledby="national" className="mb-8 border-l-8 border-nhs-blue bg-white p-4">
        <h2 id="national">Compared with practices in England</h2>
        <dl className="grid gap-2 sm:grid-cols-2">
          <div>
            <dt className="font-bold">Your practice: minutes per 100 records moved, last 12 months</dt>
            <dd className="text-nhs-l font-bold">{n.practicePer100 === null ? "–" : `${formatWhole(n.practicePer100)} min`}</dd>
          </div>
          <div>
            <dt className="font-bold">National median</dt>
            <dd className="text-nhs-l font-bold">{n.medianPer100 !== null ? `${formatWhole(n.medianPer100)} min` : n.suppressed ? <abbr title="Not shown: too few practices to publish">*</abbr> : "–"}</dd>
          </div>
        </dl>
        <p className="mt-2 text-nhs-small">
          {formatWhole(n.practices)} {n.practices === 1 ? "practice" : "practices"} in England logged workload and moved records in the 12 months (that is{" "}
          {formatMinutes(o.year.minutes)} here). {n.suppressed ? "The median is not shown: " : ""}
          {n.rule}
        </p>
      </section>

      <h2>Hours by month</h2>
      <WorkloadChart months={o.months} />

      <h2>Where the time went, last 12 months</h2>
      <BreakdownTable caption="By task, last 12 months" heading="Task" lines={o.year.byTask} />
      <BreakdownTable caption="By grade, last 12 months" heading="Grade" lines={o.year.byGrade} />
      <BreakdownTable caption="By cause, last 12 months" heading="Cause" lines={o.year.byCause} />
      <h2>This month</h2>
      <BreakdownTable caption="By task, this month" heading="Task" lines={o.thisMonth.byTask} />
      <BreakdownTable caption="By grade, this month" heading="Grade" lines={o.thisMonth.byGrade} />
      <BreakdownTable caption="By cause, this month" heading="Cause" lines={o.thisMonth.byCause} />
      <p>
        <Link href="/practice/workload/entries?who=practice">Every entry of the practice</Link>
      </p>
    </>
  );
}
