import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { serviceLevelOverview } from "@/lib/service-levels/queries";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";

import { PolicyLines } from "@/components/service-levels/PolicyLines";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

export const metadata: Metadata = { title: "Service levels" };

const TONE = { "in force": "green", scheduled: "blue", superseded: "grey" } as const;

export default async function Page() {
  const actor = await requireAudience("admin");
  const o = await serviceLevelOverview(db, actor);
  return (
    <>
      <h1>Service levels</h1>
      <p className="mb-4">
        The targets, pauses, statutory rules, contract measures and disclosure rule that every due date, clock and dashboard figure comes from. A policy is never
        edited: a change is a new version with the date it takes effect, and every record movement keeps the version it was sent under.
      </p>
      <p className="mb-8">
        <ButtonLink href="/admin/service-levels/new">Create a new version</ButtonLink>
      </p>
      <h2>
        Version {o.inForce.version}, in force since {formatCalendarDate(o.inForce.effectiveFrom)}
      </h2>
      <p className="mb-4">{o.inForce.summary}</p>
      <PolicyLines lines={o.inForce.lines} caption={`Version ${o.inForce.version}: every rule`} />
      <h2>History</h2>
      <ResponsiveTable
        className="mb-8"
        caption="Every version of the service-level policy, newest first"
        columns={["Version", { label: "Takes effect", nowrap: true }, "State", "What changed", "Made by"]}
        rows={o.history.map((v) => ({
          key: String(v.version),
          cells: [
            <Link key="v" href={`/admin/service-levels/${v.version}`} className="font-bold">
              Version {v.version}
            </Link>,
            formatCalendarDate(v.effectiveFrom),
            <Tag key="s" tone={TONE[v.state]}>{v.state}</Tag>,
            v.summary,
            <span key="b">
              {v.createdBy ?? "Set up with the portal"}
              <span className="block text-nhs-secondary">{formatDateTime(v.createdAt)}</span>
            </span>,
          ],
        }))}
      />
    </>
  );
}
