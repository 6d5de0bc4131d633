import Link from "next/link";
import type { UrgentRow } from "@/lib/urgent/queries";
import { URGENT_STATUS_LABELS } from "@/lib/urgent/queries";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { Cell, ResponsiveRow, ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { Countdown } from "@/components/urgent/Countdown";

/** Urgent requests, soonest target first. No patient identifiers: opening a request is the audited view. */
export function UrgentRequestTable({ rows, basePath, caption, show, empty }: { rows: UrgentRow[]; basePath: string; caption: string; show: "holder" | "requester" | "both"; empty: string }) {
  if (rows.length === 0) return <p className="border-l-4 border-nhs-blue bg-white p-4">{empty}</p>;
  const columns = ["Request", ...(show !== "holder" ? ["Held by"] : []), ...(show !== "requester" ? ["Requested by"] : []), "Status", "Statutory date", "Internal target", "Countdown"];
  return (
    <ResponsiveTable caption={caption} columns={columns}>
      {rows.map((r) => (
        <ResponsiveRow key={r.reference} highlight={r.countdown.state === "overdue" ? "red" : r.countdown.state === "due-today" || r.countdown.state === "due-soon" ? "yellow" : undefined}>
          <Cell label="Request" nowrap>
            <Link href={`${basePath}/${r.reference}`} className="font-bold">
              {r.reference}
            </Link>
            <span className="block whitespace-normal">{r.basisLabel}</span>
            <span className="block text-nhs-secondary">{formatShortDate(r.createdAt)}</span>
          </Cell>
          {show !== "holder" ? <Cell label="Held by">{r.holder}</Cell> : null}
          {show !== "requester" ? <Cell label="Requested by">{r.requester}</Cell> : null}
          <Cell label="Status">
            {URGENT_STATUS_LABELS[r.status]}
            {r.movementReference ? <span className="block text-nhs-secondary">as {r.movementReference}</span> : null}
          </Cell>
          <Cell label="Statutory date" nowrap>
            {r.statutoryDueDate ? formatCalendarDate(r.statutoryDueDate) : <span className="text-nhs-secondary">None (clinical need)</span>}
          </Cell>
          <Cell label="Internal target" nowrap>
            {formatCalendarDate(r.internalTargetDate)}
          </Cell>
          <Cell label="Countdown">
            <Countdown countdown={r.countdown} />
          </Cell>
        </ResponsiveRow>
      ))}
    </ResponsiveTable>
  );
}
