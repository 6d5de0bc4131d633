import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPcseUrgentRequests } from "@/lib/urgent/queries";
import { UrgentRequestTable } from "@/components/urgent/UrgentRequestTable";

export const metadata: Metadata = { title: "Urgent requests" };

export default async function Page() {
  const actor = await requireAudience("pcse");
  const { store, atRisk } = await listPcseUrgentRequests(db, actor);
  return (
    <>
      <h1>Urgent requests</h1>
      <section aria-labelledby="store-heading" className="mb-10">
        <h2 id="store-heading">For records in PCSE&apos;s store</h2>
        <p className="mb-4">Requests PCSE must answer: acknowledge, then send the record. Soonest internal target first.</p>
        <UrgentRequestTable rows={store} basePath="/pcse/requests" caption="Urgent requests for records in PCSE's store" show="requester" empty="No request is waiting for PCSE's store." />
      </section>
      <section aria-labelledby="risk-heading">
        <h2 id="risk-heading">At risk</h2>
        <p className="mb-4">Every open request whose internal target is within 3 days or past. One past its target opens a case by itself.</p>
        <UrgentRequestTable rows={atRisk} basePath="/pcse/requests" caption="Urgent requests at risk, soonest target first" show="both" empty="No urgent request is at risk." />
      </section>
    </>
  );
}
