import Link from "next/link";
import type { MovementRow } from "@/lib/movements/queries";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { REASON_LABELS } from "@/lib/movements/labels";
import { StatusTag, Tag } from "@/components/ui/StatusTag";

/** A list of movements. `counterpart` says which organisation to show: the receiver (outgoing) or sender (incoming). */
export function MovementTable({ rows, counterpart, basePath, caption }: { rows: MovementRow[]; counterpart: "to" | "from" | "both"; basePath: string; caption: string }) {
  if (rows.length === 0) {
    return <p className="border-l-4 border-nhs-blue bg-white p-4">No record movements match.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-nhs-small">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-nhs-grey-3">
            <th scope="col" className="p-2">Reference</th>
            <th scope="col" className="p-2">Patient</th>
            {counterpart !== "from" ? <th scope="col" className="p-2">To</th> : null}
            {counterpart !== "to" ? <th scope="col" className="p-2">From</th> : null}
            <th scope="col" className="p-2">Reason</th>
            <th scope="col" className="p-2">Created</th>
            <th scope="col" className="p-2">Due</th>
            <th scope="col" className="p-2">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.reference} className="border-b border-nhs-grey-4 align-top">
              <td className="p-2 whitespace-nowrap">
                <Link href={`${basePath}/${m.reference}`} className="font-bold">
                  {m.reference}
                </Link>
              </td>
              <td className="p-2">
                {m.patientName}
                <span className="block whitespace-nowrap text-nhs-secondary">{formatNhsNumber(m.nhsNumber)}</span>
              </td>
              {counterpart !== "from" ? (
                <td className="p-2">
                  {m.to.name} <span className="text-nhs-secondary">({m.to.odsCode})</span>
                </td>
              ) : null}
              {counterpart !== "to" ? (
                <td className="p-2">
                  {m.from.name} <span className="text-nhs-secondary">({m.from.odsCode})</span>
                </td>
              ) : null}
              <td className="p-2">
                {REASON_LABELS[m.reason]}
                {m.priority === "URGENT" ? (
                  <span className="mt-1 block">
                    <Tag tone="red">Urgent</Tag>
                  </span>
                ) : null}
              </td>
              <td className="p-2 whitespace-nowrap">{formatShortDate(m.createdAt)}</td>
              <td className="p-2 whitespace-nowrap">
                {formatCalendarDate(m.dueDate)}
                {m.overdue ? <span className="block font-bold text-nhs-red">Overdue</span> : null}
              </td>
              <td className="p-2">
                <StatusTag status={m.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
