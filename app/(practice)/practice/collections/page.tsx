import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listCollections, practiceBacklog } from "@/lib/collections/queries";
import { BacklogTable } from "@/components/collections/BacklogTable";
import { formatCalendarDate } from "@/lib/format";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

export const metadata: Metadata = { title: "Collections" };

export default async function Page() {
  const actor = await requireAudience("practice");
  const [backlog, collections] = await Promise.all([practiceBacklog(db, actor), listCollections(db, actor)]);
  return (
    <>
      <h1>Collections</h1>
      <p className="mb-6">
        <ButtonLink href="/practice/collections/new">Book a collection</ButtonLink>
      </p>
      <section className="mb-10" aria-labelledby="backlog-heading">
        <h2 id="backlog-heading">Records waiting for collection</h2>
        <BacklogTable rows={backlog} caption="Records ready but not collected, by site and how long they have waited" firstColumn="Site" />
      </section>
      <section aria-labelledby="booked-heading">
        <h2 id="booked-heading">Booked collections</h2>
        {collections.length === 0 ? (
          <p>No collections booked yet.</p>
        ) : (
          <ResponsiveTable
            caption="Collections, newest date first"
            columns={["Reference", "Site", { label: "Date", nowrap: true }, { label: "Records", numeric: true }, { label: "Bags", numeric: true }, "Status"]}
            rows={collections.map((c) => ({
              key: c.reference,
              cells: [
                <Link key="r" href={`/practice/collections/${c.reference}`} className="font-bold">{c.reference}</Link>,
                `${c.organisation.name} (${c.organisation.odsCode})`,
                formatCalendarDate(c.collectionDate.toISOString().slice(0, 10)),
                c._count.items,
                c.bagCount,
                c.status.charAt(0) + c.status.slice(1).toLowerCase(),
              ],
            }))}
          />
        )}
      </section>
    </>
  );
}
