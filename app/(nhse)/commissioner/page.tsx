import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { monthOverview } from "@/lib/dashboards/overview";
import { STATUS_LABELS } from "@/lib/movements/labels";
import { formatNumber } from "@/lib/format";
import type { MovementStatus } from "@/lib/db/generated/enums";
import { GROUP_LABELS, statusesIn, type StatusGroup } from "@/lib/movements/lifecycle";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

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
      <ResponsiveTable
        caption="Movements this month by region and status"
        captionVisible
        small={false}
        rowHeaders
        columns={[
          "Region",
          { label: "All", numeric: true },
          ...COLUMNS.map((c) => ({ label: c.label, numeric: true })),
        ]}
        rows={overview.regions.map((r) => ({
          key: r.regionCode ?? "none",
          cells: [r.regionName, formatNumber(r.total), ...COLUMNS.map((c) => formatNumber(sum(r.byStatus, c.statuses)))],
        }))}
        footer={{ key: "totals", cells: [overview.totals.regionName, formatNumber(overview.totals.total), ...COLUMNS.map((c) => formatNumber(sum(overview.totals.byStatus, c.statuses)))] }}
      />
      <p className="mt-4 text-nhs-small text-nhs-secondary">
        {COLUMNS.map((c) => `${c.label}: ${c.statuses.map((st) => STATUS_LABELS[st].toLowerCase()).join(", ")}`).join(". ")}.
      </p>
    </>
  );
}
