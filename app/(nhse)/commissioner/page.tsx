import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { monthOverview } from "@/lib/dashboards/overview";
import { STATUS_LABELS } from "@/lib/movements/labels";
import { formatNumber } from "@/lib/format";
import type { MovementStatus } from "@/lib/db/generated/enums";
import { GROUP_LABELS, statusesIn, type StatusGroup } from "@/lib/movements/lifecycle";

export const metadata: Metadata = { title: "Service overview" };

// The lifecycle's status groups (lib/movements/lifecycle.ts), so the columns always cover every status once.
const GROUPS: StatusGroup[] = ["at-sender", "ready", "in-transit", "delivered", "missing", "lost", "closed"];
const COLUMNS: { label: string; statuses: MovementStatus[] }[] = GROUPS.map((g) => ({ label: GROUP_LABELS[g], statuses: statusesIn(g) }));

export default async function Page() {
  const actor = await requireAudience("nhse");
  const overview = await monthOverview(db, actor);
  const sum = (byStatus: Partial<Record<MovementStatus, number>>, statuses: MovementStatus[]) => statuses.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
  return (
    <>
      <h1>Service overview: {overview.scope}</h1>
      <p className="mb-6">
        Record movements created in {overview.monthLabel}, by where they are now. Counts only: no patient is identifiable here.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left">
          <caption className="mb-2 text-left text-nhs-s font-bold">Movements this month by region and status</caption>
          <thead>
            <tr className="border-b-2 border-nhs-grey-3">
              <th scope="col" className="p-2">Region</th>
              <th scope="col" className="p-2 text-right">All</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c.label} className="p-2 text-right">
                  <abbr title={c.statuses.map((s) => STATUS_LABELS[s]).join(", ")} className="no-underline">{c.label}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.regions.map((r) => (
              <tr key={r.regionCode ?? "none"} className="border-b border-nhs-grey-4">
                <th scope="row" className="p-2 font-normal">{r.regionName}</th>
                <td className="p-2 text-right">{formatNumber(r.total)}</td>
                {COLUMNS.map((c) => (
                  <td key={c.label} className="p-2 text-right">{formatNumber(sum(r.byStatus, c.statuses))}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-nhs-text font-bold">
              <th scope="row" className="p-2">{overview.totals.regionName}</th>
              <td className="p-2 text-right">{formatNumber(overview.totals.total)}</td>
              {COLUMNS.map((c) => (
                <td key={c.label} className="p-2 text-right">{formatNumber(sum(overview.totals.byStatus, c.statuses))}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
