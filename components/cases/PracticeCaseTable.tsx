import Link from "next/link";
import type { PracticeCaseRow } from "@/lib/cases/queries";
import { CASE_EVENT_LABELS, TASK_KIND_LABELS } from "@/lib/cases/labels";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { CaseStatusTag } from "@/components/cases/CaseStatusTag";

/** A practice's cases: those waiting for the practice first (marked), each with the latest shared update. */
export function PracticeCaseTable({ rows, caption }: { rows: PracticeCaseRow[]; caption: string }) {
  if (rows.length === 0) return <p className="border-l-4 border-nhs-blue bg-white p-4">No cases here.</p>;
  return (
    <ResponsiveTable
      caption={caption}
      columns={[{ label: "Case", nowrap: true }, "Status", "Record", "Latest update", { label: "Due", nowrap: true }]}
      rows={rows.map((c) => ({
        key: c.reference,
        className: c.waitingForYou ? "border-l-8 border-l-nhs-warm-yellow" : "",
        cells: [
          <span key="case">
            <Link href={`/practice/cases/${c.reference}`} className="font-bold whitespace-nowrap">
              {c.reference}
            </Link>
            <span className="block">{c.kindLabel}</span>
            <span className="block text-nhs-secondary">Opened {formatShortDate(c.openedAt)}</span>
          </span>,
          <span key="status">
            <CaseStatusTag status={c.status} />
            {c.waitingForYou ? (
              <span className="mt-1 block">
                <Tag tone="yellow">Waiting for you</Tag>
                {c.openTasks.length ? <span className="block">{c.openTasks.map((t) => TASK_KIND_LABELS[t]).join("; ")}</span> : null}
              </span>
            ) : null}
          </span>,
          c.movementReferences.length ? c.movementReferences.join(", ") : <span className="text-nhs-secondary">None</span>,
          c.lastUpdate ? (
            <span key="update">
              {CASE_EVENT_LABELS[c.lastUpdate.type]}, {formatShortDate(c.lastUpdate.at)}
              {c.lastUpdate.note ? <span className="block">{c.lastUpdate.note.length > 200 ? `${c.lastUpdate.note.slice(0, 200)}…` : c.lastUpdate.note}</span> : null}
            </span>
          ) : (
            "None"
          ),
          c.dueDate ? formatCalendarDate(c.dueDate) : <span className="text-nhs-secondary">None</span>,
        ],
      }))}
    />
  );
}
