import type { BacklogRow } from "@/lib/collections/queries";
import { AGE_BANDS } from "@/lib/collections/bands";
import { formatNumber } from "@/lib/format";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

/** Records waiting for collection by site or region and age band (the NHS responsive table: cards on a phone). */
export function BacklogTable({ rows, caption, firstColumn, totals }: { rows: BacklogRow[]; caption: string; firstColumn: string; totals?: BacklogRow }) {
  const cells = (r: BacklogRow) => [
    <>
      {r.name}
      {r.odsCode ? <span className="text-nhs-secondary"> ({r.odsCode})</span> : null}
    </>,
    ...r.bands.map((n, i) => <span key={i} className={i === r.bands.length - 1 && n > 0 ? "font-bold text-nhs-red" : ""}>{formatNumber(n)}</span>),
    <span key="t" className="font-bold">{formatNumber(r.total)}</span>,
    r.total ? r.oldestDays : "—",
  ];
  return (
    <ResponsiveTable
      caption={caption}
      captionVisible
      small={false}
      rowHeaders
      columns={[firstColumn, ...AGE_BANDS.map((b) => ({ label: b.label, numeric: true })), { label: "All waiting", numeric: true }, { label: "Oldest (working days)", numeric: true }]}
      rows={rows.map((r) => ({ key: r.key, cells: cells(r) }))}
      footer={totals ? { key: "totals", cells: cells(totals) } : undefined}
    />
  );
}
