import type { Metadata } from "next";
import Link from "@/components/ui/Link";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listPracticeClaims } from "@/lib/claims/queries";
import { OPEN_CLAIM_STATUSES, SETTLED_CLAIM_STATUSES } from "@/lib/claims/rules";
import { DECLARATION, incidentsWithWorkload, listEvidencePacks } from "@/lib/workload/evidence";
import { formatMinutes, formatPence } from "@/lib/workload/schemas";
import { lastTwelveMonths } from "@/lib/workload/figures";
import { londonDate } from "@/lib/nhs/working-days";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { EvidencePackForm } from "@/components/claims/EvidencePackForm";
import { SubmitClaimForm } from "@/components/claims/SubmitClaimForm";
import { ClaimStatusTag } from "@/components/claims/ClaimParts";

export const metadata: Metadata = { title: "Evidence and claims" };

const evidenceHref = (p: { reference: string; from: string; to: string }, format: "csv" | "pdf") => `/api/workload/evidence?${new URLSearchParams({ from: p.from, to: p.to, format, pack: p.reference })}`;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("practice");
  if (!can(actor.role, "workload:manage")) redirect("/practice");
  const query = await searchParams;
  const [claims, packs, incidents] = await Promise.all([listPracticeClaims(db, actor), listEvidencePacks(db, actor), incidentsWithWorkload(db, actor)]);
  const today = londonDate(new Date());
  const year = lastTwelveMonths(today);
  const made = query.pack ? packs.find((p) => p.reference === query.pack) : undefined;
  const claimable = packs.filter((p) => !p.claim || !([...OPEN_CLAIM_STATUSES, ...SETTLED_CLAIM_STATUSES] as string[]).includes(p.claim.status));
  const draft = (from: string, format: "csv" | "pdf") => `/api/workload/evidence?${new URLSearchParams({ from, to: today, format, scope: "service-failures" })}`;
  return (
    <>
      {made ? (
        <div role="status" className="mb-8 bg-nhs-green p-6 text-white">
          <h2 className="text-nhs-l">Evidence pack {made.reference} signed</h2>
          <p>
            {made.entries.toLocaleString("en-GB")} entries, {formatPence(made.costPence)}. Its SHA-256 is <span className="font-mono break-all">{made.sha256}</span>: anyone can check a copy
            of the CSV against it.
          </p>
        </div>
      ) : null}
      <h1>Evidence and claims</h1>
      <p className="mb-8">
        Practices that can evidence their loss may claim it from NHS England, case by case. Evidence that succeeds is kept at the time, itemised, tied to real pay rates and signed
        with a declaration open to audit: an evidence pack is exactly that, built from the workload log.
      </p>

      <h2>Claims</h2>
      {claims.length === 0 ? (
        <p className="mb-8">No claims yet.</p>
      ) : (
        <ResponsiveTable
          className="mb-8"
          caption="The practice's claims, newest first"
          columns={["Claim", "Period", "Status", { label: "Claimed", numeric: true }, { label: "Offered", numeric: true }, { label: "Paid", numeric: true }, "Submitted"]}
          rows={claims.map((c) => ({
            key: c.reference,
            cells: [
              <Link key="claim" href={`/practice/claims/${c.reference}`} className="font-bold">
                {c.reference}
              </Link>,
              <>
                {c.period}
                <span className="block text-nhs-secondary">{c.scopeLabel}</span>
              </>,
              <ClaimStatusTag key="status" status={c.status} label={c.statusLabel} />,
              formatPence(c.amountClaimedPence),
              c.offerPence === null ? "–" : formatPence(c.offerPence),
              c.paidPence === null ? "–" : formatPence(c.paidPence),
              formatDateTime(c.submittedAt),
            ],
          }))}
        />
      )}

      {claimable.length ? (
        <section aria-labelledby="make-claim" className="mb-10">
          <h2 id="make-claim">Make a claim</h2>
          <SubmitClaimForm packs={claimable.map((p) => ({ reference: p.reference, label: `${p.reference}: ${formatCalendarDate(p.from)} to ${formatCalendarDate(p.to)}, ${p.scopeLabel}, ${formatPence(p.costPence)}` }))} />
        </section>
      ) : null}

      <h2>Evidence packs</h2>
      {packs.length === 0 ? (
        <p className="mb-8">No evidence packs yet.</p>
      ) : (
        <ResponsiveTable
          className="mb-8"
          caption="The practice's signed evidence packs, newest first"
          columns={["Pack", "Period and scope", { label: "Work", numeric: true }, { label: "Cost", numeric: true }, "Signed", "SHA-256", { label: "Download", nowrap: true }]}
          rows={packs.map((p) => ({
            key: p.reference,
            cells: [
              <span key="pack" className="font-bold">{p.reference}</span>,
              <>
                {formatCalendarDate(p.from)} to {formatCalendarDate(p.to)}
                <span className="block text-nhs-secondary">{p.scopeLabel}</span>
              </>,
              <>
                {formatMinutes(p.minutes)}
                <span className="block text-nhs-secondary">{p.entries.toLocaleString("en-GB")} entries</span>
              </>,
              formatPence(p.costPence),
              <>
                {p.declaredBy}, {p.declaredOn}
                {p.claim ? (
                  <span className="block">
                    In claim <Link href={`/practice/claims/${p.claim.reference}`}>{p.claim.reference}</Link>
                  </span>
                ) : null}
              </>,
              <span key="sha" className="font-mono text-xs break-all">{p.sha256}</span>,
              <>
                <a href={evidenceHref(p, "csv")}>
                  CSV<span className="sr-only"> of {p.reference}</span>
                </a>{" "}
                ·{" "}
                <a href={evidenceHref(p, "pdf")} target="_blank" rel="noopener">
                  PDF<span className="sr-only"> of {p.reference} (opens in a new tab)</span>
                </a>
              </>,
            ],
          }))}
        />
      )}

      <section aria-labelledby="make-pack">
        <h2 id="make-pack">Make an evidence pack</h2>
        <p className="mb-2">
          Choose the period and what it covers, read the declaration and sign it. The pack is frozen when you sign: its CSV, its hash, and the rates each line was costed at.
        </p>
        <p className="mb-6">
          Look before you sign: a draft of the records-service failures in the last 12 months as <a href={draft(year.from, "csv")}>CSV</a> or{" "}
          <a href={draft(year.from, "pdf")} target="_blank" rel="noopener">
            PDF<span className="sr-only"> (opens in a new tab)</span>
          </a>
          .
        </p>
        <EvidencePackForm declaration={DECLARATION} name={actor.name} from={year.from} to={today} incidents={incidents} />
      </section>
    </>
  );
}
