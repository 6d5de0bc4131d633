import { titleWithProblem } from "@/lib/http/error-title";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { redirect } from "next/navigation";
import { searchPcse } from "@/lib/cases/search";
import { loadSavedSearch } from "@/lib/movements/saved-searches";
import { searchMovementsAction } from "@/lib/movements/actions";
import { londonDate } from "@/lib/nhs/working-days";
import { MovementTable } from "@/components/movements/MovementTable";
import { CaseQueueTable } from "@/components/cases/CaseQueueTable";
import { Pagination } from "@/components/ui/Pagination";

export const generateMetadata = titleWithProblem("Search");

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("pcse");
  // The search term comes only from the user's saved search (?s=id): an NHS number never travels in a URL.
  const { s, problem, page } = await searchParams;
  const saved = await loadSavedSearch(db, actor, "pcse", s);
  const query = saved.query;
  const result = await searchPcse(db, actor, query, page);
  // A single match opens directly.
  if (result.single && result.page === 1) redirect(result.single);
  return (
    <>
      <h1>Find a case or record movement</h1>
      {problem === "invalid" || problem === "failed" ? (
        <p role="alert" className="mb-4 border-l-4 border-nhs-red bg-white p-4">
          {problem === "invalid" ? "That search could not be used: enter a reference, NHS number or ODS code, in 100 characters or fewer." : "Something went wrong with that search. Try again."}
        </p>
      ) : null}
      {"expired" in saved && saved.expired ? (
        <p role="status" className="mb-4 border-l-4 border-nhs-warm-yellow bg-white p-4">
          Your search has expired. Search again.
        </p>
      ) : null}
      <form action={searchMovementsAction} role="search" className="mb-8 max-w-xl">
        <label htmlFor="q" className="block font-bold">
          Reference, NHS number or ODS code
        </label>
        <span id="q-hint" className="block text-nhs-secondary">
          A case (CS-7Q4K-2M9D), movement (RM-7Q4K-2M9D) or urgent request reference, the barcode on a bag (RM-7Q4K-2M9D-1A), an NHS number (943 476 5919), a
          surname with a date of birth (Smith 12/03/1950), or an ODS code or practice name. Searches that name a patient are recorded.
        </span>
        <div className="mt-1 flex gap-2">
          <input id="q" name="q" type="search" defaultValue={query} maxLength={100} aria-describedby="q-hint" className="block w-full min-w-0 border-2 border-nhs-text bg-white p-2" />
          <button type="submit" className="rounded bg-nhs-blue px-4 font-bold text-white shadow-[0_4px_0_#003087]">
            Search
          </button>
        </div>
      </form>
      {result.message ? <p className="mb-4 border-l-4 border-nhs-red bg-white p-4">{result.message}</p> : null}
      {query && !result.message ? (
        <>
          {result.organisations && result.organisations.length > 1 ? (
            <details className="mb-6">
              <summary className="cursor-pointer font-bold text-nhs-blue underline">The {result.organisations.length} organisations searched</summary>
              <ul className="mt-2 list-disc pl-6">
                {result.organisations.map((o) => (
                  <li key={o.odsCode}>
                    {o.name} ({o.odsCode})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {result.cases.length ? (
            <section aria-labelledby="case-results-heading" className="mb-8">
              <h2 id="case-results-heading">
                {result.cases.length === 1 ? "1 case" : `${result.cases.length} cases`} found{result.cases.length >= 50 ? " (the 50 newest)" : ""}
              </h2>
              <CaseQueueTable rows={result.cases} today={londonDate(new Date())} caption="Cases found" />
            </section>
          ) : null}
          <h2>
            {result.movementTotal.toLocaleString("en-GB")} {result.movementTotal === 1 ? "movement" : "movements"} found
            {result.understoodAs ? ` by ${result.understoodAs}` : ""}
            {result.movementTotal > result.movements.length ? ` (page ${result.page} of ${result.pageCount})` : ""}
          </h2>
          <MovementTable rows={result.movements} counterpart="both" basePath="/pcse/movements" caption="Search results" />
          {result.pageCount > 1 && typeof s === "string" ? (
            <Pagination page={result.page} pageCount={result.pageCount} total={result.movementTotal} basePath="/pcse" noun={result.movementTotal === 1 ? "movement" : "movements"} params={{ s }} />
          ) : null}
        </>
      ) : null}
    </>
  );
}
