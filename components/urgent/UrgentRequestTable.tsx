import Link from "next/link";
import type { UrgentRow } from "@/lib/urgent/queries";
import { URGENT_STATUS_LABELS } from "@/lib/urgent/queries";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { Countdown } from "@/components/urgent/Countdown";

const EDGE = { red: "border-l-8 border-l-nhs-red", yellow: "border-l-8 border-l-nhs-warm-yellow" } as const;

/** Urgent requests, soonest target first. No patient identifiers: opening a request is the audited view. */
export function UrgentRequestTable({ rows, basePath, caption, show, empty }: { rows: UrgentRow[]; basePath: string; caption: string; show: "holder" | "requester" | "both"; empty: string }) {
  if (rows.length === 0) return <p className="border-l-4 border-nhs-blue bg-white p-4">{empty}</p>;
  const columns = [
    { label: "Request", nowrap: true },
    ...(show !== "holder" ? ["Held by"] : []),
    ...(show !== "requester" ? ["Requested by"] : []),
    "Status",
    { label: "Statutory date", nowrap: true },
    { label: "Internal target", nowrap: true },
    "Countdown",
  ];
  return (
    <ResponsiveTable
      caption={caption}
      columns={columns}
      rows={rows.map((r) => ({
        key: r.reference,
        className: r.countdown.state === "overdue" ? EDGE.red : r.countdown.state === "due-today" || r.countdown.state === "due-soon" ? EDGE.yellow : "",
        cells: [
          <span key="request">
            <Link href={`${basePath}/${r.reference}`} className="font-bold whitespace-nowrap">
              {r.reference}
            </Link>
            <span className="block">{r.basisLabel}</span>
            <span className="block text-nhs-secondary">{formatShortDate(r.createdAt)}</span>
          </span>,
          ...(show !== "holder" ? [r.holder] : []),
          ...(show !== "requester" ? [r.requester] : []),
          <span key="status">
            {URGENT_STATUS_LABELS[r.status]}
            {r.movementReference ? <span className="block text-nhs-secondary">as {r.movementReference}</span> : null}
          </span>,
          r.statutoryDueDate ? formatCalendarDate(r.statutoryDueDate) : <span className="text-nhs-secondary">None (clinical need)</span>,
          formatCalendarDate(r.internalTargetDate),
          <Countdown key="countdown" countdown={r.countdown} />,
        ],
      }))}
    />
  );
}
