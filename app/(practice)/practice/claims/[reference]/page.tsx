import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getPracticeClaim } from "@/lib/claims/queries";
import { formatPence } from "@/lib/workload/schemas";
import { AnswerOfferForm } from "@/components/claims/AnswerOfferForm";
import { ClaimHistory, ClaimStanding, PackSummary } from "@/components/claims/ClaimParts";
import { BackLink } from "@/components/ui/BackLink";

export const metadata: Metadata = { title: "Claim" };

const NOTICES: Record<string, string> = { submitted: "Claim submitted to NHS England", accepted: "Offer accepted", rejected: "Offer rejected" };

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("practice");
  if (!can(actor.role, "workload:manage")) redirect("/practice");
  const { reference } = await params;
  const query = await searchParams;
  const c = await orNotFound(getPracticeClaim(db, actor, reference));
  const notice = query.submitted === "1" ? NOTICES.submitted : query.done ? NOTICES[query.done] : undefined;
  return (
    <>
      <BackLink href="/practice/claims">Back to evidence and claims</BackLink>
      {notice ? (
        <div role="status" className="mb-8 bg-nhs-green p-6 text-white">
          <h2 className="text-nhs-l">{notice}</h2>
        </div>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">Claim to NHS England</span>
        {c.reference}
      </h1>
      <ClaimStanding claim={c} />
      {c.actions.includes("acceptOffer") && c.offerPence !== null ? (
        <section aria-labelledby="offer" className="mb-10">
          <h2 id="offer">NHS England has made an offer</h2>
          <AnswerOfferForm reference={c.reference} offer={formatPence(c.offerPence)} warning={c.warning} />
        </section>
      ) : null}
      <h2>Where the claim stands</h2>
      <ClaimHistory events={c.events} />
      <h2>The evidence</h2>
      <p className="mb-4">
        <a href={`/api/claims/${c.reference}/evidence?format=csv`}>Download the pack as CSV</a> ·{" "}
        <a href={`/api/claims/${c.reference}/evidence?format=pdf`} target="_blank" rel="noopener">
          PDF<span className="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
      <PackSummary claim={c} />
    </>
  );
}
