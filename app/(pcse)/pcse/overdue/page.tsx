import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { overdueQueue } from "@/lib/tracking/overdue";
import { CLOCK_KINDS, CLOCK_LABELS } from "@/lib/tracking/clocks";
import { REGIONS } from "@/lib/reference/regions";
import { formatCalendarDate } from "@/lib/format";
import { StatusTag, Tag } from "@/components/ui/StatusTag";
import { Pagination } from "@/components/ui/Pagination";

import { Button } from "@/components/ui/Button";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

export const metadata: Metadata = { title: "Overdue" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("pcse");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const q = await overdueQueue(db, actor, raw);
  const params = { ...(q.filters.clock ? { clock: q.filters.clock } : {}), ...(q.filters.region ? { region: q.filters.region } : {}) };
  const all = Object.values(q.counts).reduce((n, c) => n + (c ?? 0), 0);
  return (
    <>
      <h1>Overdue movements</h1>
      <p className="mb-6">
        Every open record movement with a service-level clock past its due date, most overdue first. The clock sweep records breaches as they happen (every
        5 minutes); due dates come from the policy version each movement was sent under.
      </p>
      <nav aria-label="Filter by clock" className="mb-4">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link href={`/pcse/overdue${q.filters.region ? `?region=${q.filters.region}` : ""}`} aria-current={!q.filters.clock ? "page" : undefined} className={!q.filters.clock ? "font-bold" : ""}>
              All clocks ({all.toLocaleString("en-GB")})
            </Link>
          </li>
          {CLOCK_KINDS.map((k) => (
            <li key={k}>
              <Link href={`/pcse/overdue?clock=${k}${q.filters.region ? `&region=${q.filters.region}` : ""}`} aria-current={q.filters.clock === k ? "page" : undefined} className={q.filters.clock === k ? "font-bold" : ""}>
                {CLOCK_LABELS[k]} ({(q.counts[k] ?? 0).toLocaleString("en-GB")})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/pcse/overdue" className="mb-6 flex flex-wrap items-end gap-4">
        {q.filters.clock ? <input type="hidden" name="clock" value={q.filters.clock} /> : null}
        <div>
          <label htmlFor="region" className="block font-bold">Region</label>
          <select id="region" name="region" defaultValue={q.filters.region ?? ""} className="mt-1 block max-w-full border-2 border-nhs-text bg-white p-2">
            <option value="">All of England</option>
            {REGIONS.map((r) => (
              <option key={r.code} value={r.code}>{r.name}</option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">Show</Button>
      </form>
      {q.rows.length === 0 ? (
        <p className="border-l-4 border-nhs-green bg-white p-4">Nothing is overdue.</p>
      ) : (
        <ResponsiveTable
          caption={`Overdue movements, most overdue first, ${q.total.toLocaleString("en-GB")} in all`}
          columns={["Reference", "Late at", { label: "Due", nowrap: true }, "Working days late", "From", "To", "Status"]}
          rows={q.rows.map((m) => ({
            key: `${m.reference}-${m.clock}`,
            cells: [
              <span key="r">
                <Link href={`/pcse/movements/${m.reference}`} className="font-bold">{m.reference}</Link>
                {m.priority === "URGENT" ? <span className="mt-1 block"><Tag tone="red">Urgent</Tag></span> : null}
              </span>,
              CLOCK_LABELS[m.clock],
              formatCalendarDate(m.dueDate),
              <span key="l" className="font-bold">{m.workingDaysOverdue}</span>,
              `${m.fromOrganisation.name} (${m.fromOrganisation.odsCode})`,
              `${m.toOrganisation.name} (${m.toOrganisation.odsCode})`,
              <StatusTag key="s" status={m.status} />,
            ],
          }))}
        />
      )}
      <Pagination page={q.filters.page} pageCount={q.pageCount} total={q.total} basePath="/pcse/overdue" noun="overdue clocks" params={params} />
    </>
  );
}
