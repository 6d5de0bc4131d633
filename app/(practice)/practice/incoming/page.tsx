import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPracticeMovements } from "@/lib/movements/queries";
import { loadSavedSearch } from "@/lib/movements/saved-searches";
import { MovementFilters, splitSort } from "@/components/movements/MovementFilters";
import { MovementTable } from "@/components/movements/MovementTable";
import { Pagination } from "@/components/ui/Pagination";
import { ReceiveManyForm, RECEIVE_MANY_FORM } from "@/components/receipt/ReceiveManyForm";
import { canTake } from "@/lib/movements/lifecycle";

export const metadata: Metadata = { title: "Incoming records" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  // The search term comes only from the user's saved search (?s=id), never from the URL itself.
  const params = splitSort(await searchParams);
  const saved = await loadSavedSearch(db, actor, "incoming", params.s);
  const result = await listPracticeMovements(db, actor, "incoming", { ...params, q: saved.query });
  const p = result.params;
  // Rows that can be confirmed here: the courier has them or delivered them (the lifecycle's receipt rule), and those
  // still at the sender (ticking one says why it must be confirmed from its page, with how it arrived).
  const receivable = result.rows.filter((r) => canTake("receive", r.status, "receiver")).map((r) => r.reference);
  const awaiting = result.rows.filter((r) => canTake("receive", r.status, "receiver") || canTake("receiveWithoutScans", r.status, "receiver")).map((r) => r.reference);
  return (
    <>
      <h1>Incoming records</h1>
      <MovementFilters params={p} list="incoming" expired={"expired" in saved && saved.expired} />
      <ReceiveManyForm receivable={receivable} awaiting={awaiting.length} />
      <MovementTable
        selectForm={RECEIVE_MANY_FORM}
        selectable={(row) => awaiting.includes(row.reference)}
        selectLabel="Arrived"
        rows={result.rows}
        counterpart="from"
        basePath="/practice/movements"
        caption={`Incoming records, ${result.total.toLocaleString("en-GB")} in all${result.pageCount > 1 ? `, page ${result.page} of ${result.pageCount}` : ""}`}
      />
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/practice/incoming" noun="record movements" params={{ ...(p.q && params.s ? { s: params.s } : {}), status: p.status, priority: p.priority, sort: `${p.sort}:${p.order}` }} />
    </>
  );
}
