import Link from "next/link";
import type { CaseQueueRow } from "@/lib/cases/queries";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { REGIONS } from "@/lib/reference/regions";
import { caseDueState } from "@/lib/cases/labels";
import { Tag } from "@/components/ui/StatusTag";
import { Cell, ResponsiveRow, ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { CaseStatusTag, MissingStageTag } from "@/components/cases/CaseStatusTag";

const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name]));

/** PCSE's cases (the queue, search results). No patient identifiers: opening a case is the audited view. */
export function CaseQueueTable({ rows, today, caption, selectForm }: { rows: CaseQueueRow[]; today: string; caption: string; selectForm?: string }) {
  if (rows.length === 0) return <p className="border-l-4 border-nhs-blue bg-white p-4">No cases match.</p>;
  const columns = [...(selectForm ? ["Select"] : []), "Case", "Status", "Summary", "Owner", "Raised by", "Region", "Due"];
  return (
    <ResponsiveTable caption={caption} columns={columns}>
      {rows.map((c) => {
        const due = caseDueState(c, today);
        return (
          <ResponsiveRow key={c.reference} highlight={due === "breached" ? "red" : due === "today" ? "yellow" : undefined}>
            {selectForm ? (
              <td role="cell" className="block px-2 py-1 sm:table-cell sm:py-2">
                <input type="checkbox" form={selectForm} name="references" value={c.reference} id={`select-${c.reference}`} className="h-6 w-6 accent-nhs-blue" />
                <label htmlFor={`select-${c.reference}`} className="sr-only">
                  Select {c.reference}
                </label>
              </td>
            ) : null}
            <Cell label="Case" nowrap>
              <Link href={`/pcse/cases/${c.reference}`} className="font-bold">
                {c.reference}
              </Link>
              <span className="block whitespace-normal">{c.kindLabel}</span>
            </Cell>
            <Cell label="Status">
              <CaseStatusTag status={c.status} />
              {c.paused ? <span className="block text-nhs-secondary">Clock paused</span> : null}
              {c.missingStage ? (
                <span className="mt-1 block">
                  <MissingStageTag stage={c.missingStage} />
                </span>
              ) : null}
            </Cell>
            <Cell label="Summary">{c.summary}</Cell>
            <Cell label="Owner">{c.ownerName ?? <span className="text-nhs-secondary">Nobody yet</span>}</Cell>
            <Cell label="Raised by">
              {c.raisedBy ?? <span className="text-nhs-secondary">The portal</span>}
              <span className="block text-nhs-secondary">{formatShortDate(c.openedAt)}</span>
            </Cell>
            <Cell label="Region">{c.regionCode ? (REGION_NAMES.get(c.regionCode) ?? c.regionCode) : "None"}</Cell>
            <Cell label="Due" nowrap>
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
            </Cell>
          </ResponsiveRow>
        );
      })}
    </ResponsiveTable>
  );
}
