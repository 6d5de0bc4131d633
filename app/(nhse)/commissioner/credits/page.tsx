import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { CREDIT_STATUS_LABELS, serviceCreditLedger } from "@/lib/dashboards/credits";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { ServiceCreditForm } from "@/components/dashboards/ServiceCreditForm";

export const metadata: Metadata = { title: "Service credits" };

const pounds = (pence: number) => `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("nhse");
  const params = await searchParams;
  const month = typeof params.month === "string" ? params.month : null;
  const changed = typeof params.changed === "string" ? params.changed : null;
  const ledger = await serviceCreditLedger(db, actor, month);
  const months = [...new Set(ledger.map((e) => e.month))];
  const finalMonths = await db.dashboardMonth.findMany({ where: { status: "FINAL" }, orderBy: { month: "desc" }, take: 12, select: { month: true } });
  return (
    <>
      <h1>Service credits</h1>
      {changed ? (
        <p role="status" className="border-l-4 border-nhs-green bg-white p-4">The credit is now {changed}.</p>
      ) : null}
      <p className="mb-4">
        KPI 11. When a month&apos;s figures become final, the contract rule in that month&apos;s service-level policy is applied to England&apos;s exact figures: for each KPI below its target, the credit is the points below target times the rule&apos;s percentage per point, capped, of the monthly charge. Each credit is proposed here; a national commissioner applies, disputes or waives it, and every change is kept with who made it and why.
      </p>
      <h2>Evidence reports</h2>
      {finalMonths.length ? (
        <ul className="mb-6 list-disc pl-6">
          {finalMonths.map((m) => {
            const key = m.month.toISOString().slice(0, 7);
            return (
              <li key={key}>
                <a href={`/api/commissioner/credits/report?month=${key}`}>Evidence report for {new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(m.month)} (PDF)</a>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="mb-6">No month is final yet: a month becomes final at its cut-off.</p>
      )}
      <h2>Ledger</h2>
      {ledger.length === 0 ? <p className="border-l-4 border-nhs-blue bg-white p-4">No service credits: no final month had a KPI with a credit rule below its target.</p> : null}
      {months.map((m) => {
        const entries = ledger.filter((e) => e.month === m);
        return (
          <section key={m} aria-labelledby={`m-${m}`} className="mb-8">
            <h3 id={`m-${m}`}>{entries[0].monthLabel}</h3>
            <ResponsiveTable
              caption={`Service credits, ${entries[0].monthLabel}`}
              rowHeaders
              columns={["KPI", { label: "Measured", numeric: true }, { label: "Target", numeric: true }, { label: "Points below", numeric: true }, { label: "Credit", numeric: true }, { label: "Amount", numeric: true }, "Status"]}
              rows={entries.map((e) => ({ key: e.id, cells: [e.kpi.replace(/_/g, " ").toLowerCase(), e.measuredPercent === null ? "–" : `${e.measuredPercent}%`, `${e.targetPercent}%`, String(e.pointsBelow), `${e.creditPercent}%`, pounds(e.amountPence), CREDIT_STATUS_LABELS[e.status]] }))}
            />
            {entries.map((e) => (
              <div key={e.id} className="mt-4 bg-white p-4">
                <h4 className="font-bold">{e.kpi.replace(/_/g, " ").toLowerCase()}: {CREDIT_STATUS_LABELS[e.status].toLowerCase()}</h4>
                <p className="text-nhs-small">Rule (policy version {e.policyVersion}): {e.rule}.</p>
                <ol className="list-decimal pl-6 text-nhs-small">
                  {e.history.map((h, i) => (
                    <li key={i}>
                      {when.format(h.at)}: {h.from ? `${CREDIT_STATUS_LABELS[h.from]} to ` : ""}{CREDIT_STATUS_LABELS[h.to].toLowerCase()}{h.by ? ` by ${h.by}` : ""}{h.note ? `: ${h.note}` : ""}
                    </li>
                  ))}
                </ol>
                {e.next.length && !actor.regionCode ? <ServiceCreditForm creditId={e.id} month={e.month} title={`${e.kpi.replace(/_/g, " ").toLowerCase()}, ${e.monthLabel}`} next={e.next as ("APPLIED" | "DISPUTED" | "WAIVED")[]} /> : null}
              </div>
            ))}
          </section>
        );
      })}
    </>
  );
}
