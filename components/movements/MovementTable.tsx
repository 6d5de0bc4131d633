import Link from "@/components/ui/Link";
import type { ReactNode } from "react";
import type { MovementRow } from "@/lib/movements/queries";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { REASON_LABELS } from "@/lib/movements/labels";
import { StatusTag, Tag } from "@/components/ui/StatusTag";

// NHS responsive table: a table on wide screens; on narrow ones each row becomes a card with the column name
// beside each value. Explicit ARIA roles keep the table semantics that `display: block` would otherwise drop. The
// classes are components/ui/ResponsiveTable.tsx's (app/globals.css): the column name is drawn from data-label.
function Cell({ label, children, nowrap }: { label: string; children: ReactNode; nowrap?: boolean }) {
  return (
    <td role="cell" className={nowrap ? "rt-cell sm:whitespace-nowrap" : "rt-cell"} data-label={label}>
      <span className="rt-value">{children}</span>
    </td>
  );
}

/** A list of movements. `counterpart` says which organisation to show: the receiver (outgoing) or sender (incoming). */
export function MovementTable({
  rows,
  counterpart,
  basePath,
  caption,
  selectForm,
  selectable,
  selectLabel = "Select",
  action,
}: {
  rows: MovementRow[];
  counterpart: "to" | "from" | "both";
  basePath: string;
  caption: string;
  /** The id of a form the rows' checkboxes belong to (bulk actions). */
  selectForm?: string;
  /** Which rows get a checkbox (all, by default). */
  selectable?: (row: MovementRow) => boolean;
  /** The words before the reference in each checkbox's label, e.g. "Select" or "Confirm arrival of". */
  selectLabel?: string;
  /** An extra last column, e.g. "Confirm received". */
  action?: { header: string; render: (row: MovementRow) => ReactNode };
}) {
  if (rows.length === 0) {
    return <p className="border-l-4 border-nhs-blue bg-white p-4">No record movements match.</p>;
  }
  const columns = [...(selectForm ? ["Select"] : []), "Reference", "Patient", ...(counterpart !== "from" ? ["To"] : []), ...(counterpart !== "to" ? ["From"] : []), "Reason", "Created", "Due", "Status", ...(action ? [action.header] : [])];
  return (
    <table role="table" className="rt text-nhs-small">
      <caption className="sr-only">{caption}</caption>
      <thead role="rowgroup" className="sr-only sm:not-sr-only sm:table-header-group">
        <tr role="row" className="border-b-2 border-nhs-grey-3">
          {columns.map((c) => (
            <th key={c} role="columnheader" scope="col" className="p-2">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" className="block sm:table-row-group">
        {rows.map((m) => (
          <tr key={m.reference} role="row" className="rt-row">
            {selectForm ? (
              <td role="cell" className="rt-cell">
                {!selectable || selectable(m) ? (
                  <div className="flex items-center gap-2">
                    <input type="checkbox" form={selectForm} name="references" value={m.reference} id={`${selectForm}-${m.reference}`} />
                    <label htmlFor={`${selectForm}-${m.reference}`} className="cursor-pointer py-2 sm:sr-only">
                      {selectLabel}
                      <span className="sr-only"> {m.reference}</span>
                    </label>
                  </div>
                ) : null}
              </td>
            ) : null}
            <Cell label="Reference" nowrap>
              <Link href={`${basePath}/${m.reference}`} className="font-bold">
                {m.reference}
              </Link>
            </Cell>
            <Cell label="Patient">
              {m.patientName}
              <span className="block whitespace-nowrap text-nhs-secondary">{formatNhsNumber(m.nhsNumber)}</span>
            </Cell>
            {counterpart !== "from" ? (
              <Cell label="To">
                {m.to.name} <span className="text-nhs-secondary">({m.to.odsCode})</span>
              </Cell>
            ) : null}
            {counterpart !== "to" ? (
              <Cell label="From">
                {m.from.name} <span className="text-nhs-secondary">({m.from.odsCode})</span>
              </Cell>
            ) : null}
            <Cell label="Reason">
              {REASON_LABELS[m.reason]}
              {m.priority === "URGENT" ? (
                <span className="mt-1 block">
                  <Tag tone="red">Urgent</Tag>
                </span>
              ) : null}
            </Cell>
            <Cell label="Created" nowrap>
              {formatShortDate(m.createdAt)}
            </Cell>
            <Cell label="Due" nowrap>
              {formatCalendarDate(m.dueDate)}
              {m.overdue ? <span className="block font-bold text-nhs-red">Overdue</span> : null}
            </Cell>
            <Cell label="Status">
              <StatusTag status={m.status} />
            </Cell>
            {action ? <Cell label={action.header}>{action.render(m)}</Cell> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
