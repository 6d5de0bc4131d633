import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPracticeUrgentRequests } from "@/lib/urgent/queries";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { UrgentRequestTable } from "@/components/urgent/UrgentRequestTable";

export const metadata: Metadata = { title: "Urgent requests" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const { show } = await searchParams;
  const r = await listPracticeUrgentRequests(db, actor, { show });
  return (
    <>
      <h1>Urgent requests</h1>
      <p className="mb-6">
        <ButtonLink href="/practice/requests/new">Request a record urgently</ButtonLink>
      </p>
      <nav aria-label="Which requests" className="mb-6">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link href="/practice/requests" aria-current={r.show === "open" ? "page" : undefined} className={r.show === "open" ? "font-bold" : ""}>
              Open requests
            </Link>
          </li>
          <li>
            <Link href="/practice/requests?show=all" aria-current={r.show === "all" ? "page" : undefined} className={r.show === "all" ? "font-bold" : ""}>
              All requests
            </Link>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="answer-heading" className="mb-10">
        <h2 id="answer-heading">To answer</h2>
        <p className="mb-4">Other practices need these records, which your practice holds. Soonest target first.</p>
        <UrgentRequestTable rows={r.toAnswer} basePath="/practice/requests" caption="Urgent requests for records your practice holds, soonest target first" show="requester" empty="No request is waiting for your practice." />
      </section>
      <section aria-labelledby="made-heading">
        <h2 id="made-heading">Made by your practice</h2>
        <UrgentRequestTable rows={r.made} basePath="/practice/requests" caption="Urgent requests your practice made, newest first" show="holder" empty="Your practice has no open urgent request." />
      </section>
    </>
  );
}
