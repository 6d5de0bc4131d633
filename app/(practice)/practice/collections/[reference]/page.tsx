import type { Metadata } from "next";
import Link from "@/components/ui/Link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { getCollection } from "@/lib/collections/queries";
import { orNotFound } from "@/lib/http/not-found";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { StatusTag } from "@/components/ui/StatusTag";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { ButtonAnchor } from "@/components/ui/ButtonLink";
import { pendingSuggestions } from "@/lib/workload/queries";
import { WorkloadSuggestions } from "@/components/workload/WorkloadSuggestions";

export const metadata: Metadata = { title: "Collection" };

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("practice");
  const { reference } = await params;
  const c = await orNotFound(getCollection(db, actor, reference));
  const suggestions = await pendingSuggestions(db, actor);
  const { booked } = await searchParams;
  const labels = c.items.reduce((n, i) => n + i.movement.labels.length, 0);
  return (
    <>
      <BackLink href="/practice/collections">Back to collections</BackLink>
      {booked === "1" ? (
        <div role="status" className="mb-8 bg-nhs-green p-6 text-white">
          <h2 className="text-nhs-l">Collection booked</h2>
          <p>Print the manifest and give it to the driver with the bags.</p>
        </div>
      ) : null}
      <WorkloadSuggestions data={suggestions} />
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">Collection</span>
        {c.reference}
      </h1>
      <SummaryList
        rows={[
          { key: "Site", value: `${c.organisation.name} (${c.organisation.odsCode})` },
          { key: "Date", value: formatCalendarDate(c.collectionDate.toISOString().slice(0, 10)) },
          { key: "Bags", value: String(c.bagCount) },
          { key: "Records", value: `${c.items.length} (${labels} labels)` },
          { key: "Status", value: c.status.charAt(0) + c.status.slice(1).toLowerCase() },
          { key: "Booked", value: `${formatDateTime(c.createdAt)}${c.bookedBy ? ` by ${c.bookedBy.name}` : ""}` },
        ]}
      />
      <p className="mb-8">
        <ButtonAnchor href={`/api/collections/${c.reference}/manifest`} target="_blank" rel="noopener" variant="secondary">
          Print the manifest<span className="sr-only"> (opens a PDF in a new tab)</span>
        </ButtonAnchor>
      </p>
      <h2>Records in this collection</h2>
      <ResponsiveTable
        caption={`Records in collection ${c.reference}`}
        small={false}
        columns={["Movement", "To", "Labels", "Status"]}
        rows={c.items.map(({ movement: m }) => ({
          key: m.reference,
          cells: [
            <Link key="m" href={`/practice/movements/${m.reference}`} className="font-bold">{m.reference}</Link>,
            `${m.toOrganisation.name} (${m.toOrganisation.odsCode})`,
            <span key="l" className="font-mono text-nhs-small">{m.labels.map((l) => l.barcode).join(", ")}</span>,
            <StatusTag key="s" status={m.status} />,
          ],
        }))}
      />
    </>
  );
}
