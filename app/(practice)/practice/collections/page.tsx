import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listCollections, practiceBacklog } from "@/lib/collections/queries";
import { BacklogTable } from "@/components/collections/BacklogTable";
import { formatCalendarDate } from "@/lib/format";
import { TableHead } from "@/components/ui/TableHead";

export const metadata: Metadata = { title: "Collections" };

export default async function Page() {
  const actor = await requireAudience("practice");
  const [backlog, collections] = await Promise.all([practiceBacklog(db, actor), listCollections(db, actor)]);
  return (
    <>
      <h1>Collections</h1>
      <p className="mb-6">
        <Link href="/practice/collections/new" className="inline-block rounded bg-nhs-green px-4 py-2.5 font-bold text-white no-underline shadow-[0_4px_0_#00401e] visited:text-white hover:text-white">
          Book a collection
        </Link>
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
          <table className="w-full border-collapse bg-white text-left">
            <caption className="sr-only">Collections, newest date first</caption>
            <TableHead columns={["Reference", "Site", "Date", { label: "Records", numeric: true }, { label: "Bags", numeric: true }, "Status"]} />
            <tbody>
              {collections.map((c) => (
                <tr key={c.reference} className="border-b border-nhs-grey-4">
                  <td className="p-2">
                    <Link href={`/practice/collections/${c.reference}`} className="font-bold">{c.reference}</Link>
                  </td>
                  <td className="p-2">{c.organisation.name} ({c.organisation.odsCode})</td>
                  <td className="p-2">{formatCalendarDate(c.collectionDate.toISOString().slice(0, 10))}</td>
                  <td className="p-2 text-right">{c._count.items}</td>
                  <td className="p-2 text-right">{c.bagCount}</td>
                  <td className="p-2">{c.status.charAt(0) + c.status.slice(1).toLowerCase()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
