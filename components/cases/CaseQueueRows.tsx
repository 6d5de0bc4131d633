"use client";
import { Fragment } from "react";
import Link from "@/components/ui/Link";
import { Tag } from "@/components/ui/StatusTag";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

type Tone = "grey" | "blue" | "green" | "red" | "yellow" | "white";

/** One case as the queue shows it: words and dates already chosen and formatted on the server. */
export type CaseQueueCells = {
  reference: string;
  kindLabel: string;
  status: [label: string, tone: Tone];
  missing: [label: string, tone: Tone] | null;
  paused: boolean;
  summary: string;
  owner: string | null;
  raisedBy: string | null;
  opened: string;
  region: string;
  due: string | null;
  dueState: "breached" | "today" | "week" | null;
};

const EDGE = { breached: "border-l-8 border-l-nhs-red", today: "border-l-8 border-l-nhs-warm-yellow" } as const;

/**
 * The case queue's table, rendered from compact rows. A client component on purpose: a server component's output
 * travels twice (as HTML and as React's payload of every element, for the browser's router), and for 50 rows the
 * payload was two thirds of the page and most of the server's rendering. Here the payload carries only these rows'
 * words; the HTML is the same (docs/dashboards.md, "Load").
 */
export function CaseQueueRows({ rows, caption, selectForm }: { rows: CaseQueueCells[]; caption: string; selectForm?: string }) {
  const columns = [...(selectForm ? ["Select"] : []), { label: "Case", nowrap: true }, "Status", "Summary", "Owner", "Raised by", "Region", { label: "Due", nowrap: true }];
  return (
    <ResponsiveTable
      caption={caption}
      columns={columns}
      rows={rows.map((c) => ({
        key: c.reference,
        className: c.dueState === "breached" || c.dueState === "today" ? EDGE[c.dueState] : "",
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
            <Tag tone={c.status[1]}>{c.status[0]}</Tag>
            {c.paused ? <span className="block text-nhs-secondary">Clock paused</span> : null}
            {c.missing ? (
              <span className="mt-1 block">
                <Tag tone={c.missing[1]}>{c.missing[0]}</Tag>
              </span>
            ) : null}
          </Fragment>,
          c.summary,
          c.owner ?? <span className="text-nhs-secondary">Nobody yet</span>,
          <Fragment key="raised">
            {c.raisedBy ?? <span className="text-nhs-secondary">The portal</span>}
            <span className="block text-nhs-secondary">{c.opened}</span>
          </Fragment>,
          c.region,
          <Fragment key="due">
            {c.due ?? <span className="text-nhs-secondary">Clocks stopped</span>}
            {c.dueState === "breached" ? (
              <span className="mt-1 block">
                <Tag tone="red">Breached</Tag>
              </span>
            ) : c.dueState === "today" ? (
              <span className="mt-1 block">
                <Tag tone="yellow">Due today</Tag>
              </span>
            ) : c.dueState === "week" ? (
              <span className="mt-1 block font-bold">Due this week</span>
            ) : null}
          </Fragment>,
        ],
      }))}
    />
  );
}
