"use client";
import Link from "@/components/ui/Link";
import type { ReactNode } from "react";
import { StatusTag, Tag } from "@/components/ui/StatusTag";
import type { MovementStatus } from "@/lib/db/generated/enums";

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

type Org = { name: string; odsCode: string };

/** One movement as a list shows it: words and dates already chosen and formatted on the server (MovementTable). */
export type MovementCells = {
  reference: string;
  patientName: string;
  nhsNumber: string;
  to: Org;
  from: Org;
  reason: string;
  urgent: boolean;
  created: string;
  due: string;
  overdue: boolean;
  status: MovementStatus;
  selectable: boolean;
};

/**
 * The movement lists' table, from compact rows. A client component on purpose: a server component's output travels
 * twice (as HTML and as React's payload of every element, for the browser's router); here the payload carries only
 * the rows' words, which the HTML shows anyway (docs/dashboards.md, "Load"). `actions`: the extra last column's
 * cells, one per row, rendered on the server.
 */
export function MovementRows({
  rows,
  counterpart,
  basePath,
  caption,
  selectForm,
  selectLabel,
  actions,
}: {
  rows: MovementCells[];
  counterpart: "to" | "from" | "both";
  basePath: string;
  caption: string;
  selectForm?: string;
  selectLabel: string;
  actions?: { header: string; cells: ReactNode[] };
}) {
  const columns = [...(selectForm ? ["Select"] : []), "Reference", "Patient", ...(counterpart !== "from" ? ["To"] : []), ...(counterpart !== "to" ? ["From"] : []), "Reason", "Created", "Due", "Status", ...(actions ? [actions.header] : [])];
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
        {rows.map((m, i) => (
          <tr key={m.reference} role="row" className="rt-row">
            {selectForm ? (
              <td role="cell" className="rt-cell">
                {m.selectable ? (
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
              <span className="block whitespace-nowrap text-nhs-secondary">{m.nhsNumber}</span>
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
              {m.reason}
              {m.urgent ? (
                <span className="mt-1 block">
                  <Tag tone="red">Urgent</Tag>
                </span>
              ) : null}
            </Cell>
            <Cell label="Created" nowrap>
              {m.created}
            </Cell>
            <Cell label="Due" nowrap>
              {m.due}
              {m.overdue ? <span className="block font-bold text-nhs-red">Overdue</span> : null}
            </Cell>
            <Cell label="Status">
              <StatusTag status={m.status} />
            </Cell>
            {actions ? <Cell label={actions.header}>{actions.cells[i]}</Cell> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
