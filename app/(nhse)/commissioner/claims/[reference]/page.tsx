import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/not-found";
import { getClaimForCommissioner } from "@/lib/claims/queries";
import { DecideClaimForms } from "@/components/claims/DecideClaimForms";
import { ClaimHistory, ClaimStanding, PackSummary } from "@/components/claims/ClaimParts";
import { BackLink } from "@/components/ui/BackLink";

export const metadata: Metadata = { title: "Claim" };

const NOTICES: Record<string, string> = { under_review: "Review started", offer_made: "Offer made to the practice", rejected: "Claim declined", paid: "Marked as paid" };

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("nhse");
  const { reference } = await params;
  const query = await searchParams;
  const c = await orNotFound(getClaimForCommissioner(db, actor, reference));
  const notice = query.done ? NOTICES[query.done] : undefined;
  const pounds = (pence: number) => (pence / 100).toFixed(2);
  return (
    <>
      <BackLink href="/commissioner/claims">Back to claims</BackLink>
      {notice ? (
        <div role="status" className="mb-8 bg-nhs-green p-6 text-white">
          <h2 className="text-nhs-l">{notice}</h2>
        </div>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">
          Claim from {c.practice} ({c.odsCode}){c.regionCode ? `, region ${c.regionCode}` : ""}
          {c.icbCode ? `, ICB ${c.icbCode}` : ""}
        </span>
        {c.reference}
      </h1>
      <ClaimStanding claim={c} />
      <section aria-labelledby="next" className="mb-10">
        <h2 id="next">Next steps</h2>
        <DecideClaimForms reference={c.reference} actions={c.actions} claimed={pounds(c.amountClaimedPence)} offer={c.offerPence === null ? null : pounds(c.offerPence)} />
      </section>
      <h2>History</h2>
      <ClaimHistory events={c.events} />
      <h2>The evidence, as the practice signed it</h2>
      <p className="mb-4">
        <a href={`/api/claims/${c.reference}/evidence?format=csv`}>Download the pack as CSV</a> ·{" "}
        <a href={`/api/claims/${c.reference}/evidence?format=pdf`} target="_blank" rel="noopener">
          PDF<span className="sr-only"> (opens in a new tab)</span>
        </a>{" "}
        (itemised work, references only). Check a copy of the CSV against the SHA-256 below.
      </p>
      <PackSummary claim={c} />
    </>
  );
}
