import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPracticeMovements } from "@/lib/movements/queries";
import { MovementFilters, splitSort } from "@/components/movements/MovementFilters";
import { MovementTable } from "@/components/movements/MovementTable";
import { Pagination } from "@/components/ui/Pagination";
import { BulkLabelActions } from "@/components/labels/BulkLabelActions";
import { practiceOverview } from "@/lib/movements/overview";

export const metadata: Metadata = { title: "Outgoing records" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const [result, overview] = await Promise.all([listPracticeMovements(db, actor, "outgoing", splitSort(await searchParams)), practiceOverview(db, actor)]);
  const p = result.params;
  return (
    <>
      <h1>Outgoing records</h1>
      <MovementFilters params={p} action="/practice/outgoing" />
      <BulkLabelActions pendingCount={overview.outgoingNeedingLabels} />
      <MovementTable selectForm="bulk" rows={result.rows} counterpart="to" basePath="/practice/movements" caption="Outgoing records, ${result.total} in all" />
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/practice/outgoing" noun="record movements" params={{ q: p.q, status: p.status, priority: p.priority, sort: `${p.sort}:${p.order}` }} />
    </>
  );
}
