import type { ReactNode } from "react";

// The NHS responsive table (as components/movements/MovementTable.tsx): a table on wide screens; on narrow ones each
// row becomes a card with the column name beside each value. Explicit ARIA roles keep the table semantics that
// `display: block` would otherwise drop.

export function ResponsiveTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <table role="table" className="block w-full border-collapse text-left text-nhs-small sm:table sm:bg-white">
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
        {children}
      </tbody>
    </table>
  );
}

export function ResponsiveRow({ children, highlight }: { children: ReactNode; highlight?: "red" | "yellow" }) {
  const edge = highlight === "red" ? "border-l-8 border-l-nhs-red" : highlight === "yellow" ? "border-l-8 border-l-nhs-warm-yellow" : "";
  return (
    <tr role="row" className={`mb-4 block border border-nhs-grey-4 bg-white py-2 align-top sm:mb-0 sm:table-row sm:border-0 sm:border-b sm:py-0 ${edge}`}>
      {children}
    </tr>
  );
}

export function Cell({ label, children, nowrap }: { label: string; children: ReactNode; nowrap?: boolean }) {
  return (
    <td role="cell" className={`block px-2 py-1 sm:table-cell sm:py-2 ${nowrap ? "sm:whitespace-nowrap" : ""}`}>
      <span className="mr-2 inline-block w-24 font-bold sm:hidden" aria-hidden="true">
        {label}
      </span>
      <span className="inline-block max-w-full align-top break-words">{children}</span>
    </td>
  );
}
