import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { sendingSites } from "@/lib/organisations/queries";
import { bookableDates, readyAtSite } from "@/lib/collections/queries";
import { BookCollectionForm } from "@/components/collections/BookCollectionForm";
import { BackLink } from "@/components/ui/BackLink";
import { formatDate } from "@/lib/format";
import { Button } from "@/components/ui/Button";

export const metadata: Metadata = { title: "Book a collection" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("practice");
  const sites = await sendingSites(db, actor);
  const { site } = await searchParams;
  const chosen = sites.find((s) => s.id === site) ?? sites[0];
  const [ready, dates] = await Promise.all([readyAtSite(db, actor, chosen.id), bookableDates(db)]);
  return (
    <div className="max-w-3xl">
      <BackLink href="/practice/collections">Back to collections</BackLink>
      <h1>Book a collection</h1>
      {sites.length > 1 ? (
        <form method="get" action="/practice/collections/new" className="mb-8 flex flex-wrap items-end gap-3">
          <div className="min-w-0 max-w-full">
            <label htmlFor="site" className="block font-bold">Collect from</label>
            <select id="site" name="site" defaultValue={chosen.id} className="mt-1 block w-full max-w-full border-2 border-nhs-text bg-white p-2">
              {sites.map((s) => (
                <option key={s.id} value={s.id}>{s.name} ({s.odsCode})</option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">Choose site</Button>
        </form>
      ) : null}
      <h2>{chosen.name} ({chosen.odsCode})</h2>
      {ready.length === 0 ? (
        <p className="border-l-4 border-nhs-blue bg-white p-4">No records at this site are ready for collection. Print labels and mark records ready first (from Outgoing).</p>
      ) : (
        <BookCollectionForm
          siteId={chosen.id}
          dates={dates.map((d) => ({ value: d, label: formatDate(`${d}T12:00:00Z`) }))}
          ready={ready.map((r) => ({ reference: r.reference, bagCount: r.bagCount, priority: r.priority, destination: `${r.toOrganisation.name} (${r.toOrganisation.odsCode})` }))}
        />
      )}
    </div>
  );
}
