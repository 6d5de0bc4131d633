import type { MovementListParams } from "@/lib/movements/schemas";
import { filterMovementsAction } from "@/lib/movements/actions";

/**
 * Filters as a form posted to a server action (works without JavaScript). The search box may hold an NHS number,
 * so it is kept server-side and the list's URL carries only the saved search's id; status, priority and sort stay
 * in the URL.
 */
export function MovementFilters({ params, list, expired }: { params: MovementListParams; list: "outgoing" | "incoming"; expired?: boolean }) {
  const select = "mt-1 block w-full border-2 border-nhs-text bg-white p-2";
  return (
    <form action={filterMovementsAction} className="mb-6 grid gap-4 border border-nhs-grey-4 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5" aria-label="Filter record movements">
      <input type="hidden" name="list" value={list} />
      {expired ? (
        <p role="status" className="border-l-4 border-nhs-warm-yellow pl-3 sm:col-span-2 lg:col-span-5">
          Your search has expired. Search again.
        </p>
      ) : null}
      <div className="lg:col-span-2">
        <label htmlFor="q" className="font-bold">
          Search
        </label>
        <span id="q-hint" className="block text-nhs-small text-nhs-secondary">
          Reference, NHS number or family name
        </span>
        <input id="q" name="q" type="search" defaultValue={params.q} aria-describedby="q-hint" className={select} maxLength={100} />
      </div>
      <div>
        <label htmlFor="status" className="font-bold">
          Status
        </label>
        <select id="status" name="status" defaultValue={params.status} className={select}>
          <option value="open">Open (on its way)</option>
          <option value="overdue">Overdue</option>
          <option value="closed">Closed</option>
          <option value="all">All</option>
        </select>
      </div>
      <div>
        <label htmlFor="priority" className="font-bold">
          Priority
        </label>
        <select id="priority" name="priority" defaultValue={params.priority} className={select}>
          <option value="any">Any</option>
          <option value="URGENT">Urgent</option>
          <option value="ROUTINE">Routine</option>
        </select>
      </div>
      <div>
        <label htmlFor="sort" className="font-bold">
          Sort by
        </label>
        <select id="sort" name="sort" defaultValue={`${params.sort}:${params.order}`} className={select}>
          <option value="created:desc">Newest first</option>
          <option value="created:asc">Oldest first</option>
          <option value="due:asc">Due soonest</option>
          <option value="due:desc">Due latest</option>
          <option value="status:asc">Status</option>
          <option value="reference:asc">Reference</option>
        </select>
      </div>
      <div className="sm:col-span-2 lg:col-span-5">
        <button type="submit" className="rounded bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          Apply filters
        </button>
      </div>
    </form>
  );
}

/** `sort=due:asc` from the filter form -> `{ sort: "due", order: "asc" }`. */
export function splitSort(searchParams: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(searchParams)) if (typeof v === "string") flat[k] = v;
  if (flat.sort?.includes(":")) {
    const [sort, order] = flat.sort.split(":");
    flat.sort = sort;
    flat.order = order;
  }
  return flat;
}
