import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPracticeMovements } from "@/lib/movements/queries";
import { MovementFilters, splitSort } from "@/components/movements/MovementFilters";
import { MovementTable } from "@/components/movements/MovementTable";
import { Pagination } from "@/components/ui/Pagination";
import { ConfirmReceivedButton } from "@/components/receipt/ConfirmReceivedButton";
import { canTake } from "@/lib/movements/lifecycle";


export const metadata: Metadata = { title: "Incoming records" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const result = await listPracticeMovements(db, actor, "incoming", splitSort(await searchParams));
  const p = result.params;
  return (
    <>
      <h1>Incoming records</h1>
      <MovementFilters params={p} action="/practice/incoming" />
      <MovementTable
        action={{ header: "Arrived?", render: (row) => (canTake("receive", row.status, "receiver") ? <ConfirmReceivedButton reference={row.reference} compact /> : null) }}
        rows={result.rows} counterpart="from" basePath="/practice/movements" caption="Incoming records, ${result.total} in all" />
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/practice/incoming" noun="record movements" params={{ q: p.q, status: p.status, priority: p.priority, sort: `${p.sort}:${p.order}` }} />
    </>
  );
}
