import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { teamOverview } from "@/lib/cases/queries";
import { CASE_KIND_LABELS, type CaseKind } from "@/lib/cases/kinds";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatNumber } from "@/lib/format";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

export const metadata: Metadata = { title: "Team" };

function share(part: number, whole: number): string {
  return whole ? `${formatNumber(part)} (${Math.round((part / whole) * 100)}%)` : "None resolved";
}

export default async function Page() {
  const actor = await requireAudience("pcse");
  // Supervisors only: to a caseworker the page does not exist (as anything else they may not see).
  if (!can(actor.role, "case:supervise")) notFound();
  const team = await teamOverview(db, actor);
  const m = team.month;
  return (
    <>
      <h1>Team</h1>
      <section aria-labelledby="workload-heading" className="mb-10">
        <h2 id="workload-heading">Open cases by caseworker</h2>
        <p className="mb-4">
          {formatNumber(team.unassigned.open)} open {team.unassigned.open === 1 ? "case has" : "cases have"} no owner ({formatNumber(team.unassigned.breached)} breached).{" "}
          <Link href="/pcse/cases?owner=none">Assign them</Link>
        </p>
        <ResponsiveTable
          caption="Open cases by caseworker: open, breached, waiting, and by kind"
          columns={["Caseworker", { label: "Open", numeric: true }, { label: "Breached", numeric: true }, { label: "Waiting", numeric: true }, "By kind", "Reassign"]}
          rows={team.caseworkers.map((w) => ({
            key: w.id,
            className: w.breached ? "border-l-8 border-l-nhs-red" : "",
            cells: [
              <span key="name">
                <span className="font-bold">{w.name}</span>
                <span className="block text-nhs-secondary">{ROLE_LABELS[w.role]}</span>
              </span>,
              formatNumber(w.open),
              w.breached ? <strong key="breached" className="text-nhs-red">{formatNumber(w.breached)}</strong> : "0",
              formatNumber(w.waiting),
              Object.keys(w.byKind).length ? (
                <ul key="kinds">
                  {Object.entries(w.byKind).map(([kind, n]) => (
                    <li key={kind}>
                      {CASE_KIND_LABELS[kind as CaseKind]}: {formatNumber(n)}
                    </li>
                  ))}
                </ul>
              ) : (
                "None"
              ),
              w.open ? (
                <Link key="reassign" href={`/pcse/cases?owner=${w.id}`}>
                  Reassign<span className="sr-only"> {w.name}&apos;s cases</span>
                </Link>
              ) : (
                <span key="reassign" className="text-nhs-secondary">Nothing to reassign</span>
              ),
            ],
          }))}
        />
      </section>
      <section aria-labelledby="month-heading">
        <h2 id="month-heading">Service levels in {m.label}</h2>
        <p className="mb-4">
          {formatNumber(m.opened)} cases opened and {formatNumber(m.resolved)} resolved since 1 {m.label}. Of those resolved, the first response was on time
          for {share(m.firstResponseMet, m.resolved)} and the resolution for {share(m.resolutionMet, m.resolved)}.
        </p>
        {m.byKind.length ? (
          <ResponsiveTable
            caption={`Cases resolved in ${m.label} by kind, and how many met each clock`}
            columns={["Problem", { label: "Resolved", numeric: true }, "First response on time", "Resolved on time"]}
            rows={m.byKind.map((k) => ({ key: k.kind, cells: [k.label, formatNumber(k.resolved), share(k.firstResponseMet, k.resolved), share(k.resolutionMet, k.resolved)] }))}
          />
        ) : (
          <p className="border-l-4 border-nhs-blue bg-white p-4">No case has been resolved this month yet.</p>
        )}
      </section>
    </>
  );
}
