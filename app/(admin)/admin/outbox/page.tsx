import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listOutbox } from "@/lib/notifications/queries";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";
import { Pagination } from "@/components/ui/Pagination";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

const STATUSES = ["all", "PENDING", "SENT", "LOGGED", "FAILED"] as const;
const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = { all: "All", PENDING: "Waiting to send", SENT: "Sent by GOV.UK Notify", LOGGED: "Kept here only", FAILED: "Failed" };
const TONE = { PENDING: "blue", SENT: "green", LOGGED: "grey", FAILED: "red" } as const;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("admin");
  const { status, page } = await searchParams;
  const o = await listOutbox(db, actor, { status, page });
  const current = o.params.status;
  return (
    <>
      <h1>Outbox</h1>
      <p className="mb-4 max-w-3xl">
        Every email the portal has queued: cases opened on a practice&apos;s record, PCSE asking a practice to search, cases resolved, urgent requests and their reminders,
        breaches for supervisors. A message carries a reference and a link, never a patient identifier. The job runner sends them every minute, retrying a failure up to
        5 times with a growing wait.
      </p>
      <p className="mb-6 border-l-4 border-nhs-blue bg-white p-4">
        {o.notifyConfigured
          ? "GOV.UK Notify is configured (NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID): messages are sent."
          : "GOV.UK Notify is not configured: messages are kept here only (status “Kept here only”), nothing is emailed."}
      </p>
      <nav aria-label="Messages by status" className="mb-6">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {STATUSES.map((s) => (
            <li key={s}>
              <Link href={s === "all" ? "/admin/outbox" : `/admin/outbox?status=${s}`} aria-current={current === s ? "page" : undefined} className={current === s ? "font-bold" : ""}>
                {STATUS_LABELS[s]} ({formatNumber(o.counts[s] ?? 0)})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {o.rows.length === 0 ? (
        <p className="border-l-4 border-nhs-blue bg-white p-4">No messages.</p>
      ) : (
        <ResponsiveTable
          caption={`Messages, newest first: ${STATUS_LABELS[current].toLowerCase()}`}
          columns={[{ label: "Queued", nowrap: true }, "To", "Message", "Status", { label: "Attempts", numeric: true }, "Last error"]}
          rows={o.rows.map((n) => ({
            key: n.id,
            className: n.status === "FAILED" ? "border-l-8 border-l-nhs-red" : "",
            cells: [
              formatDateTime(n.createdAt),
              <span key="to" className="break-all">
                {n.toEmail}
              </span>,
              <span key="message">
                <span className="font-bold">{n.subject}</span>
                <span className="block [overflow-wrap:anywhere]">{n.body}</span>
              </span>,
              <span key="status">
                <Tag tone={TONE[n.status]}>{STATUS_LABELS[n.status]}</Tag>
                {n.sentAt ? <span className="block text-nhs-secondary">{formatDateTime(n.sentAt)}</span> : n.status === "PENDING" ? <span className="block text-nhs-secondary">Next try {formatDateTime(n.nextAttemptAt)}</span> : null}
              </span>,
              String(n.attempts),
              n.lastError ?? <span className="text-nhs-secondary">None</span>,
            ],
          }))}
        />
      )}
      <Pagination page={o.page} pageCount={o.pageCount} total={o.total} basePath="/admin/outbox" noun={o.total === 1 ? "message" : "messages"} params={current === "all" ? {} : { status: current }} />
    </>
  );
}
