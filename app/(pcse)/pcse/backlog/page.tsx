import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { nationalBacklog } from "@/lib/collections/queries";
import { BacklogTable } from "@/components/collections/BacklogTable";

export const metadata: Metadata = { title: "Collection backlog" };

export default async function Page() {
  const actor = await requireAudience("pcse");
  const backlog = await nationalBacklog(db, actor);
  return (
    <>
      <h1>Collection backlog</h1>
      <p className="mb-6">Records marked ready for collection and not yet collected, across every practice and branch surgery, by how many working days they have waited.</p>
      <section className="mb-10">
        <BacklogTable rows={backlog.regions} totals={backlog.totals} caption="Waiting for collection, by NHS England region" firstColumn="Region" />
      </section>
      <section>
        <BacklogTable rows={backlog.longestWaiting} caption="The 20 sites waiting longest" firstColumn="Site" />
      </section>
    </>
  );
}
