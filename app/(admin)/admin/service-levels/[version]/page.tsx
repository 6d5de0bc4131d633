import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { policyVersionDetail } from "@/lib/service-levels/queries";
import { orNotFound } from "@/lib/http/not-found";
import { formatCalendarDate } from "@/lib/format";
import { BackLink } from "@/components/ui/BackLink";
import { Tag } from "@/components/ui/StatusTag";

import { PolicyLines } from "@/components/service-levels/PolicyLines";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

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
        <ResponsiveTable
          className="mb-8"
          caption={`Changes from version ${v.previous}`}
          rowHeaders
          columns={["Rule", `Version ${v.previous}`, `Version ${v.version}`]}
          rows={v.changes.map((c) => ({ key: c.label, cells: [c.label, c.from ?? "None", <span key="t" className="font-bold">{c.to ?? "None"}</span>] }))}
        />
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
