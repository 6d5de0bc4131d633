import type { Metadata } from "next";
import Link from "@/components/ui/Link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { CLAIM_STATUSES, listClaimsForCommissioner } from "@/lib/claims/queries";
import { CLAIM_STATUS_LABELS } from "@/lib/claims/rules";
import { formatPence } from "@/lib/workload/schemas";
import { formatDateTime } from "@/lib/format";
import { ClaimStatusTag } from "@/components/claims/ClaimParts";
import { TableHead } from "@/components/ui/TableHead";

export const metadata: Metadata = { title: "Claims from practices" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("nhse");
  const list = await listClaimsForCommissioner(db, actor, await searchParams);
  const totals = list.counts.reduce((a, c) => ({ claims: a.claims + c.claims, claimed: a.claimed + c.claimedPence, offered: a.offered + c.offeredPence, paid: a.paid + c.paidPence }), { claims: 0, claimed: 0, offered: 0, paid: 0 });
  return (
    <>
      <h1>Claims from practices{list.region ? `: region ${list.region}` : ": England"}</h1>
      <p className="mb-6">
        Practices claim the extra work the records service caused them, with a signed evidence pack: itemised work at real rates, references only, no patient identifiers. Decide
        each claim case by case: review it, make an offer or decline it, and mark an accepted offer paid.
      </p>
      <div className="mb-8 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-nhs-small">
          <caption className="mb-2 text-left text-nhs-s font-bold">Claims by status{list.region ? ` in region ${list.region}` : ""} (counts of claims, not patients)</caption>
          <TableHead columns={["Status", { label: "Claims", numeric: true }, { label: "Claimed", numeric: true }, { label: "Offered", numeric: true }, { label: "Paid", numeric: true }]} />
          <tbody>
            {list.counts.map((c) => (
              <tr key={c.status} className="border-b border-nhs-grey-4">
                <th scope="row" className="p-2 font-normal">
                  {c.label}
                </th>
                <td className="p-2 text-right">{c.claims.toLocaleString("en-GB")}</td>
                <td className="p-2 text-right">{formatPence(c.claimedPence)}</td>
                <td className="p-2 text-right">{formatPence(c.offeredPence)}</td>
                <td className="p-2 text-right">{formatPence(c.paidPence)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-nhs-text font-bold">
              <th scope="row" className="p-2">
                All
              </th>
              <td className="p-2 text-right">{totals.claims.toLocaleString("en-GB")}</td>
              <td className="p-2 text-right">{formatPence(totals.claimed)}</td>
              <td className="p-2 text-right">{formatPence(totals.offered)}</td>
              <td className="p-2 text-right">{formatPence(totals.paid)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <form method="get" action="/commissioner/claims" className="mb-6 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="status" className="block font-bold">
            Show
          </label>
          <select id="status" name="status" defaultValue={list.status} className="mt-1 border-2 border-nhs-text bg-white p-2">
            <option value="open">Waiting for a decision</option>
            <option value="all">All claims</option>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CLAIM_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {list.national ? (
          <div>
            <label htmlFor="region" className="block font-bold">
              Region
            </label>
            <select id="region" name="region" defaultValue={list.region ?? ""} className="mt-1 border-2 border-nhs-text bg-white p-2">
              <option value="">England</option>
              {["Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="mb-1 rounded bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          Show
        </button>
      </form>
      {list.rows.length === 0 ? (
        <p>No claims to show.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-nhs-small">
            <caption className="sr-only">Claims, oldest submitted first</caption>
            <TableHead columns={["Claim", "Practice", "Region and ICB", "Period", "Status", { label: "Claimed", numeric: true }, { label: "Offered", numeric: true }, "Submitted"]} />
            <tbody>
              {list.rows.map((c) => (
                <tr key={c.reference} className="border-b border-nhs-grey-4 align-top">
                  <td className="p-2">
                    <Link href={`/commissioner/claims/${c.reference}`} className="font-bold">
                      {c.reference}
                    </Link>
                  </td>
                  <td className="p-2">
                    {c.practice} ({c.odsCode})
                  </td>
                  <td className="p-2">{[c.regionCode, c.icbCode].filter(Boolean).join(", ") || "–"}</td>
                  <td className="p-2">
                    {c.period}
                    <span className="block text-nhs-secondary">{c.scopeLabel}</span>
                  </td>
                  <td className="p-2">
                    <ClaimStatusTag status={c.status} label={c.statusLabel} />
                  </td>
                  <td className="p-2 text-right">{formatPence(c.amountClaimedPence)}</td>
                  <td className="p-2 text-right">{c.offerPence === null ? "–" : formatPence(c.offerPence)}</td>
                  <td className="p-2">{formatDateTime(c.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
