import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPracticeMovements } from "@/lib/movements/queries";
import { loadSavedSearch } from "@/lib/movements/saved-searches";
import { MovementFilters, splitSort } from "@/components/movements/MovementFilters";
import { MovementTable } from "@/components/movements/MovementTable";
import { Pagination } from "@/components/ui/Pagination";
import { BulkLabelActions } from "@/components/labels/BulkLabelActions";
import { practiceOverview } from "@/lib/movements/overview";
import { pendingSuggestions } from "@/lib/workload/queries";
import { WorkloadSuggestions } from "@/components/workload/WorkloadSuggestions";

export const metadata: Metadata = { title: "Outgoing records" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  // The search term comes only from the user's saved search (?s=id), never from the URL itself.
  const params = splitSort(await searchParams);
  const saved = await loadSavedSearch(db, actor, "outgoing", params.s);
  const [result, overview, suggestions] = await Promise.all([listPracticeMovements(db, actor, "outgoing", { ...params, q: saved.query }), practiceOverview(db, actor), pendingSuggestions(db, actor)]);
  const p = result.params;
  return (
    <>
      <h1>Outgoing records</h1>
      <WorkloadSuggestions data={suggestions} />
      <MovementFilters params={p} list="outgoing" expired={"expired" in saved && saved.expired} />
      <BulkLabelActions pendingCount={overview.outgoingNeedingLabels} />
      <MovementTable selectForm="bulk" rows={result.rows} counterpart="to" basePath="/practice/movements" caption={`Outgoing records, ${result.total.toLocaleString("en-GB")} in all${result.pageCount > 1 ? `, page ${result.page} of ${result.pageCount}` : ""}`} />
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/practice/outgoing" noun="record movements" params={{ ...(p.q && params.s ? { s: params.s } : {}), status: p.status, priority: p.priority, sort: `${p.sort}:${p.order}` }} />
    </>
  );
}
