import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { serviceLevelOverview } from "@/lib/service-levels/queries";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";
import { TableHead } from "@/components/ui/TableHead";
import { PolicyLines } from "@/components/service-levels/PolicyLines";
import { ButtonLink } from "@/components/ui/ButtonLink";

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
      <table className="mb-8 w-full border-collapse bg-white text-left text-nhs-small">
        <caption className="sr-only">Every version of the service-level policy, newest first</caption>
        <TableHead columns={["Version", "Takes effect", "State", "What changed", "Made by"]} />
        <tbody>
          {o.history.map((v) => (
            <tr key={v.version} className="border-b border-nhs-grey-4 align-top">
              <td className="p-2">
                <Link href={`/admin/service-levels/${v.version}`} className="font-bold">
                  Version {v.version}
                </Link>
              </td>
              <td className="p-2 whitespace-nowrap">{formatCalendarDate(v.effectiveFrom)}</td>
              <td className="p-2">
                <Tag tone={TONE[v.state]}>{v.state}</Tag>
              </td>
              <td className="p-2">{v.summary}</td>
              <td className="p-2">
                {v.createdBy ?? "Set up with the portal"}
                <span className="block text-nhs-secondary">{formatDateTime(v.createdAt)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
