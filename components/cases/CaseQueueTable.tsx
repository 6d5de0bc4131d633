import { Fragment } from "react";
import Link from "@/components/ui/Link";
import type { CaseQueueRow } from "@/lib/cases/queries";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { REGIONS } from "@/lib/reference/regions";
import { caseDueState } from "@/lib/cases/labels";
import { Tag } from "@/components/ui/StatusTag";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { CaseStatusTag, MissingStageTag } from "@/components/cases/CaseStatusTag";

const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name]));

const EDGE = { breached: "border-l-8 border-l-nhs-red", today: "border-l-8 border-l-nhs-warm-yellow" } as const;

/**
 * PCSE's cases (the queue, search results). No patient identifiers: a case's summary and its raiser are all the
 * queue shows; opening a case is the audited view of its patients. `selectForm`: the id of a form the rows'
 * checkboxes belong to (assigning many at once).
 */
export function CaseQueueTable({ rows, today, caption, selectForm }: { rows: CaseQueueRow[]; today: string; caption: string; selectForm?: string }) {
  if (rows.length === 0) return <p className="border-l-4 border-nhs-blue bg-white p-4">No cases match.</p>;
  const columns = [...(selectForm ? ["Select"] : []), { label: "Case", nowrap: true }, "Status", "Summary", "Owner", "Raised by", "Region", { label: "Due", nowrap: true }];
  return (
    <ResponsiveTable
      caption={caption}
      columns={columns}
      rows={rows.map((c) => {
        const due = caseDueState(c, today);
        return {
          key: c.reference,
          className: due === "breached" || due === "today" ? EDGE[due] : "",
          cells: [
            ...(selectForm
              ? [
                  <Fragment key="select">
                    <input type="checkbox" form={selectForm} name="references" value={c.reference} id={`select-${c.reference}`} />
                    <label htmlFor={`select-${c.reference}`} className="sr-only">
                      Select {c.reference}
                    </label>
                  </Fragment>,
                ]
              : []),
            <Fragment key="case">
              <Link href={`/pcse/cases/${c.reference}`} className="font-bold whitespace-nowrap">
                {c.reference}
              </Link>
              <span className="block">{c.kindLabel}</span>
            </Fragment>,
            <Fragment key="status">
              <CaseStatusTag status={c.status} />
              {c.paused ? <span className="block text-nhs-secondary">Clock paused</span> : null}
              {c.missingStage ? (
                <span className="mt-1 block">
                  <MissingStageTag stage={c.missingStage} />
                </span>
              ) : null}
            </Fragment>,
            c.summary,
            c.ownerName ?? <span className="text-nhs-secondary">Nobody yet</span>,
            <Fragment key="raised">
              {c.raisedBy ?? <span className="text-nhs-secondary">The portal</span>}
              <span className="block text-nhs-secondary">{formatShortDate(c.openedAt)}</span>
            </Fragment>,
            c.regionCode ? (REGION_NAMES.get(c.regionCode) ?? c.regionCode) : "None",
            <Fragment key="due">
              {c.nextDueDate ? formatCalendarDate(c.nextDueDate) : <span className="text-nhs-secondary">Clocks stopped</span>}
              {due === "breached" ? (
                <span className="mt-1 block">
                  <Tag tone="red">Breached</Tag>
                </span>
              ) : due === "today" ? (
                <span className="mt-1 block">
                  <Tag tone="yellow">Due today</Tag>
                </span>
              ) : due === "week" ? (
                <span className="mt-1 block font-bold">Due this week</span>
              ) : null}
            </Fragment>,
          ],
        };
      })}
    />
  );
}
