import { titleWithProblem } from "@/lib/http/error-title";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { redirect } from "next/navigation";
import Link from "next/link";
import { searchPcse } from "@/lib/cases/search";
import { loadSavedSearch } from "@/lib/movements/saved-searches";
import { searchMovementsAction } from "@/lib/movements/actions";
import { MovementTable } from "@/components/movements/MovementTable";

export const generateMetadata = titleWithProblem("Find a movement");

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
      <h1>Find a record movement</h1>
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
          For example RM-7Q4K-2M9D, 943 476 5919 or A81001. Searches by NHS number are recorded.
        </span>
        <div className="mt-1 flex gap-2">
          <input id="q" name="q" type="search" defaultValue={query} maxLength={100} aria-describedby="q-hint" className="block w-full border-2 border-nhs-text bg-white p-2" />
          <button type="submit" className="rounded bg-nhs-blue px-4 font-bold text-white shadow-[0_4px_0_#003087]">
            Search
          </button>
        </div>
      </form>
      {result.message ? <p className="mb-4 border-l-4 border-nhs-red bg-white p-4">{result.message}</p> : null}
      {query && !result.message ? (
        <>
          {result.cases.length ? (
            <>
              <h2>{result.cases.length === 1 ? "1 case" : `${result.cases.length} cases`} found</h2>
              <ul className="mb-6 list-disc pl-6">
                {result.cases.map((c) => (
                  <li key={c.reference}>
                    <Link href={`/pcse/cases/${c.reference}`} className="font-bold">
                      {c.reference}
                    </Link>{" "}
                    {c.kindLabel}: {c.summary}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2>
            {result.movementTotal.toLocaleString("en-GB")} {result.movementTotal === 1 ? "movement" : "movements"} found
            {result.understoodAs ? ` by ${result.understoodAs}` : ""}
            {result.movementTotal > result.movements.length ? ` (page ${result.page} of ${result.pageCount})` : ""}
          </h2>
          <MovementTable rows={result.movements} counterpart="both" basePath="/pcse/movements" caption="Search results" />
        </>
      ) : null}
    </>
  );
}
