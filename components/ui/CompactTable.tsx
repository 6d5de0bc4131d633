"use client";
import Link from "@/components/ui/Link";
import { ResponsiveTable, type ResponsiveColumn } from "@/components/ui/ResponsiveTable";

/**
 * A cell in words: plain text, a link, or a figure flagged red with words for screen readers (e.g. "below target").
 */
export type CompactCell = string | { text: string; href: string } | { text: string; alert: string };

/**
 * The responsive table (components/ui/ResponsiveTable.tsx) drawn from rows of words. A client component on purpose:
 * a server component's output travels twice, as HTML and as React's payload of every element for the browser's
 * router; a client component's payload is only its props. For a league table of 25 practices that payload was
 * 60 KiB of a 214 KiB page (docs/dashboards.md, "Load"). The same HTML.
 */
export function CompactTable({ caption, captionVisible, columns, rows, rowHeaders, small }: { caption: string; captionVisible?: boolean; columns: ResponsiveColumn[]; rows: { key: string; cells: CompactCell[] }[]; rowHeaders?: boolean; small?: boolean }) {
  return (
    <ResponsiveTable
      caption={caption}
      captionVisible={captionVisible}
      columns={columns}
      rowHeaders={rowHeaders}
      small={small}
      rows={rows.map((r) => ({
        key: r.key,
        cells: r.cells.map((c, i) =>
          typeof c === "string" ? (
            c
          ) : "href" in c ? (
            <Link key={i} href={c.href}>
              {c.text}
            </Link>
          ) : (
            <strong key={i} className="text-nhs-red">
              {c.text} <span className="sr-only">{`(${c.alert})`}</span>
            </strong>
          ),
        ),
      }))}
    />
  );
}
