import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { attentionQueue } from "@/lib/tracking/queries";
import { ATTENTION_LABELS } from "@/lib/tracking/attention";
import { StatusTag, Tag } from "@/components/ui/StatusTag";
import { Pagination } from "@/components/ui/Pagination";
import { formatDateTime } from "@/lib/format";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";


export const metadata: Metadata = { title: "Needs attention" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("pcse");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string"));
  const q = await attentionQueue(db, actor, raw);
  return (
    <>
      <h1>Movements needing attention</h1>
      <nav aria-label="Filter by reason" className="mb-6">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link href="/pcse/attention" aria-current={!q.filters.reason ? "page" : undefined} className={!q.filters.reason ? "font-bold" : ""}>
              All ({q.total.toLocaleString("en-GB")})
            </Link>
          </li>
          {Object.entries(ATTENTION_LABELS).map(([reason, label]) => (
            <li key={reason}>
              <Link href={`/pcse/attention?reason=${reason}`} aria-current={q.filters.reason === reason ? "page" : undefined} className={q.filters.reason === reason ? "font-bold" : ""}>
                {label} ({(q.counts[reason as keyof typeof q.counts] ?? 0).toLocaleString("en-GB")})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {q.rows.length === 0 ? (
        <p className="border-l-4 border-nhs-green bg-white p-4">Nothing needs attention.</p>
      ) : (
        <ResponsiveTable
          caption={`Movements needing attention, newest first, ${q.total.toLocaleString("en-GB")} in all`}
          columns={["Reference", "Why", "From", "To", "Status", { label: "Needs attention since", nowrap: true }]}
          rows={q.rows.map((m) => ({
            key: m.reference,
            cells: [
              <span key="r">
                <Link href={`/pcse/movements/${m.reference}`} className="font-bold">{m.reference}</Link>
                {m.priority === "URGENT" ? <span className="mt-1 block"><Tag tone="red">Urgent</Tag></span> : null}
              </span>,
              m.attentionReasons.map((r) => ATTENTION_LABELS[r]).join(", "),
              `${m.fromOrganisation.name} (${m.fromOrganisation.odsCode})`,
              `${m.toOrganisation.name} (${m.toOrganisation.odsCode})`,
              <StatusTag key="s" status={m.status} />,
              formatDateTime(m.since),
            ],
          }))}
        />
      )}
      <Pagination page={q.filters.page} pageCount={q.pageCount} total={q.total} basePath="/pcse/attention" noun="movements" params={q.filters.reason ? { reason: q.filters.reason } : {}} />
    </>
  );
}
