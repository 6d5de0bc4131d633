import type { ReactNode } from "react";

// The NHS responsive table: a table on wide screens; below 640 px each row becomes a card with the column's name
// beside each value, so nothing scrolls sideways on a phone. Explicit ARIA roles keep the table's semantics, which
// `display: block` would otherwise drop for screen readers.

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
    <tr key={r.key} role="row" className={`mb-3 block border border-nhs-grey-4 bg-white py-2 align-top sm:mb-0 sm:table-row sm:border-0 sm:border-b sm:py-0 ${footerRow ? "font-bold sm:border-t-2 sm:border-nhs-text" : ""} ${r.className ?? ""}`}>
      {r.cells.map((cell, i) => {
        const c = cols[i];
        const header = rowHeaders && i === 0;
        const Tag = header ? "th" : "td";
        return (
          <Tag
            key={i}
            role={header ? "rowheader" : "cell"}
            scope={header ? "row" : undefined}
            className={`block px-2 py-1 text-left sm:table-cell sm:py-2 ${header && !footerRow ? "font-normal" : ""} ${c?.numeric ? "sm:text-right" : ""} ${c?.nowrap ? "sm:whitespace-nowrap" : ""}`}
          >
            {header ? null : (
              <span className="mr-2 inline-block min-w-24 max-w-[45%] align-top font-bold sm:hidden" aria-hidden="true">
                {c?.label}
              </span>
            )}
            <span className={header ? "font-bold sm:font-[inherit]" : "inline-block max-w-full align-top break-words"}>{cell}</span>
          </Tag>
        );
      })}
    </tr>
  );
  return (
    <table role="table" className={`block w-full border-collapse text-left sm:table sm:bg-white ${small ? "text-nhs-small" : ""} ${className}`}>
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
