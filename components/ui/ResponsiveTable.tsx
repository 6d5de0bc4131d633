import type { ReactNode } from "react";

// The NHS responsive table: a table on wide screens; below 640 px each row becomes a card with the column's name
// beside each value, so nothing scrolls sideways on a phone. Explicit ARIA roles keep the table's semantics, which
// `display: block` would otherwise drop for screen readers. Its classes (rt, rt-row, rt-cell, rt-value) are
// component classes in app/globals.css, so each cell does not repeat a long list of utilities in the page. On a phone
// each cell's column name is drawn by CSS from its data-label with empty alternative text (`content: attr() / ""`),
// so screen readers, which have the column header, do not hear it twice (it was an aria-hidden span in every cell).

export type ResponsiveColumn = string | { label: string; numeric?: boolean; nowrap?: boolean };
export type ResponsiveRow = { key: string; cells: ReactNode[]; className?: string };

const columnOf = (c: ResponsiveColumn) => (typeof c === "string" ? { label: c, numeric: false, nowrap: false } : { numeric: false, nowrap: false, ...c });

export function ResponsiveTable({
  caption,
  captionVisible = false,
  columns,
  rows,
  rowHeaders = false,
  footer,
  className = "",
  small = true,
}: {
  caption: ReactNode;
  /** Show the caption above the table (else it is for screen readers only). */
  captionVisible?: boolean;
  columns: ResponsiveColumn[];
  rows: ResponsiveRow[];
  /** The first cell of each row names the row (`<th scope="row">`). */
  rowHeaders?: boolean;
  /** A totals row. */
  footer?: ResponsiveRow;
  className?: string;
  small?: boolean;
}) {
  const cols = columns.map(columnOf);
  const row = (r: ResponsiveRow, footerRow = false) => (
    <tr key={r.key} role="row" className={["rt-row", footerRow ? "font-bold sm:border-t-2 sm:border-nhs-text" : "", r.className ?? ""].filter(Boolean).join(" ")}>
      {r.cells.map((cell, i) => {
        const c = cols[i];
        const header = rowHeaders && i === 0;
        const Tag = header ? "th" : "td";
        return (
          <Tag
            key={i}
            role={header ? "rowheader" : "cell"}
            scope={header ? "row" : undefined}
            data-label={header ? undefined : c?.label}
            className={["rt-cell", header && !footerRow ? "font-normal" : "", c?.numeric ? "sm:text-right" : "", c?.nowrap ? "sm:whitespace-nowrap" : ""].filter(Boolean).join(" ")}
          >
            <span className={header ? "font-bold sm:font-[inherit]" : "rt-value"}>{cell}</span>
          </Tag>
        );
      })}
    </tr>
  );
  return (
    <table role="table" className={["rt", small ? "text-nhs-small" : "", className].filter(Boolean).join(" ")}>
      <caption className={captionVisible ? "mb-2 block text-left text-nhs-s font-bold sm:table-caption" : "sr-only"}>{caption}</caption>
      <thead role="rowgroup" className="sr-only sm:not-sr-only sm:table-header-group">
        <tr role="row" className="border-b-2 border-nhs-grey-3">
          {cols.map((c) => (
            <th key={c.label} role="columnheader" scope="col" className={`p-2 ${c.numeric ? "text-right" : ""}`}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" className="block sm:table-row-group">
        {rows.map((r) => row(r))}
      </tbody>
      {footer ? (
        <tfoot role="rowgroup" className="block sm:table-footer-group">
          {row(footer, true)}
        </tfoot>
      ) : null}
    </table>
  );
}
