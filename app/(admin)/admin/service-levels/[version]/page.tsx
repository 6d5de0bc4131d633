import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { policyVersionDetail } from "@/lib/service-levels/queries";
import { orNotFound } from "@/lib/http/not-found";
import { formatCalendarDate } from "@/lib/format";
import { BackLink } from "@/components/ui/BackLink";
import { Tag } from "@/components/ui/StatusTag";
import { TableHead } from "@/components/ui/TableHead";
import { PolicyLines } from "@/components/service-levels/PolicyLines";

export const metadata: Metadata = { title: "Service-level policy version" };

export default async function Page({ params, searchParams }: { params: Promise<{ version: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("admin");
  const v = await orNotFound(policyVersionDetail(db, actor, (await params).version));
  const created = (await searchParams).created === "1";
  return (
    <>
      <BackLink href="/admin/service-levels">Service levels</BackLink>
      {created ? (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4">
          <h2 className="text-nhs-s">Version {v.version} saved</h2>
          <p>
            It takes effect on {formatCalendarDate(v.effectiveFrom)}. Movements sent from then on run under it; movements sent before keep their own version.
          </p>
        </div>
      ) : null}
      <h1>
        Version {v.version} <Tag tone={v.state === "in force" ? "green" : v.state === "scheduled" ? "blue" : "grey"}>{v.state}</Tag>
      </h1>
      <p className="mb-2">Takes effect {formatCalendarDate(v.effectiveFrom)}.</p>
      <p className="mb-8">{v.summary}</p>
      <h2>{v.previous ? `What changed from version ${v.previous}` : "The first version"}</h2>
      {v.previous && v.changes.length ? (
        <table className="mb-8 w-full border-collapse bg-white text-left text-nhs-small">
          <caption className="sr-only">Changes from version {v.previous}</caption>
          <TableHead columns={["Rule", `Version ${v.previous}`, `Version ${v.version}`]} />
          <tbody>
            {v.changes.map((c) => (
              <tr key={c.label} className="border-b border-nhs-grey-4 align-top">
                <th scope="row" className="p-2 font-normal">{c.label}</th>
                <td className="p-2">{c.from ?? "None"}</td>
                <td className="p-2 font-bold">{c.to ?? "None"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mb-8">{v.previous ? "No figure changed." : "The default policy, built from the service's published rules."}</p>
      )}
      <PolicyLines lines={v.lines} caption={`Version ${v.version}: every rule`} />
      <p>
        <Link href="/admin/service-levels">Back to service levels</Link>
      </p>
    </>
  );
}
