import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPracticeMovements } from "@/lib/movements/queries";
import { loadSavedSearch } from "@/lib/movements/saved-searches";
import { MovementFilters, splitSort } from "@/components/movements/MovementFilters";
import { MovementTable } from "@/components/movements/MovementTable";
import { Pagination } from "@/components/ui/Pagination";
import { ConfirmReceivedButton } from "@/components/receipt/ConfirmReceivedButton";
import { canTake } from "@/lib/movements/lifecycle";


export const metadata: Metadata = { title: "Incoming records" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  // The search term comes only from the user's saved search (?s=id), never from the URL itself.
  const params = splitSort(await searchParams);
  const saved = await loadSavedSearch(db, actor, "incoming", params.s);
  const result = await listPracticeMovements(db, actor, "incoming", { ...params, q: saved.query });
  const p = result.params;
  return (
    <>
      <h1>Incoming records</h1>
      <MovementFilters params={p} list="incoming" expired={"expired" in saved && saved.expired} />
      <MovementTable
        action={{ header: "Arrived?", render: (row) => (canTake("receive", row.status, "receiver") ? <ConfirmReceivedButton reference={row.reference} compact /> : null) }}
        rows={result.rows} counterpart="from" basePath="/practice/movements" caption="Incoming records, ${result.total} in all" />
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/practice/incoming" noun="record movements" params={{ ...(p.q && params.s ? { s: params.s } : {}), status: p.status, priority: p.priority, sort: `${p.sort}:${p.order}` }} />
    </>
  );
}
