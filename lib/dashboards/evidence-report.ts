import "server-only";
// KPI 11's monthly evidence report (PDF): England's figures for the month with how each was calculated, the contract
// rule applied to them, and the ledger of credits with every change. National figures only: exact, no patient data.
import PDFDocument from "pdfkit";
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { monthLabel } from "@/lib/dashboards/metrics";
import { dashboardView } from "@/lib/dashboards/queries";
import { KPI_DEFINITIONS } from "@/lib/dashboards/kpis";
import { CREDIT_STATUS_LABELS, serviceCreditLedger } from "@/lib/dashboards/credits";

const pounds = (pence: number) => `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export async function serviceCreditReport(db: Db, actor: Actor | null, month: string): Promise<{ fileName: string; pdf: Buffer }> {
  requirePermission(actor, "dashboard:read");
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationError({ month: ["Choose a month (YYYY-MM)"] });
  const view = await dashboardView(db, actor, "NATIONAL", null, { month });
  const ledger = await serviceCreditLedger(db, actor, month);

  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `Service credits: evidence report, ${monthLabel(month)}`, Producer: "Records movement portal" }, compress: true });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const h = (text: string, size = 13) => doc.moveDown(0.6).font("Helvetica-Bold").fontSize(size).text(text).font("Helvetica").fontSize(10);
  if (!view.month || view.month.month !== month || !view.rules) {
    doc.font("Helvetica-Bold").fontSize(18).text(`Service credits: evidence report, ${monthLabel(month)}`);
    doc.font("Helvetica").fontSize(10).moveDown(0.3).text("There are no figures for this month: the dashboards job has not computed it.");
    doc.end();
    return { fileName: `service-credits-${month}.pdf`, pdf: await done };
  }
  const m = view.month;
  doc.font("Helvetica-Bold").fontSize(18).text(`Service credits: evidence report, ${m.label}`);
  doc.font("Helvetica").fontSize(10).moveDown(0.3);
  doc.text(m.status === "FINAL" ? `Final figures, judged as at the end of the cut-off day ${m.cutOffDate} (${view.rules.kpis.cohortCutOffWorkingDays} working days after the month ended).` : `PROVISIONAL figures as at ${when.format(m.asOf)}: final after the cut-off day ${m.cutOffDate}. No credit is proposed until then.`);
  doc.text(`Service-level policy version ${m.policyVersion}. England's figures: exact (no disclosure control at national level). Generated ${when.format(new Date())}.`);

  h("Key performance indicators, England");
  for (const k of view.headline) {
    const def = KPI_DEFINITIONS[k.kpi];
    doc.font("Helvetica-Bold").text(`KPI ${def.number}. ${def.title}: ${k.figure.text}${k.target !== null ? ` (target ${k.target}${def.unit === "%" ? "%" : ""})` : ""}${k.below ? "  BELOW TARGET" : ""}`);
    doc.font("Helvetica").text(`Formula: ${def.formula}. Cohort: ${def.cohort}. Excluded: ${def.exclusions}.`, { indent: 12 });
  }
  const bands = view.details.find((d) => d.id === "on-time-bands");
  if (bands) {
    h("KPI 1 by band");
    for (const r of bands.rows) doc.text(`${r.label}: ${r.cells.map((c) => c.text).join(", ")}`);
  }

  h("The contract rule applied");
  for (const c of view.credits ?? []) {
    doc.font("Helvetica-Bold").text(`${c.title}: measured ${c.measured ?? "–"}% against ${c.target}%`);
    doc.font("Helvetica").text(`${c.pointsBelow} percentage points below target × rule = ${c.creditPercent}% of the monthly charge = ${pounds(c.amountPence)}. Rule: ${c.rule}.`, { indent: 12 });
  }

  h("Ledger");
  if (ledger.length === 0) doc.text(m.status === "FINAL" ? "No credit is due: every KPI with a credit rule met its target." : "None yet: credits are proposed when the month's figures become final.");
  for (const e of ledger) {
    doc.font("Helvetica-Bold").text(`${e.kpi.replace(/_/g, " ").toLowerCase()}: ${pounds(e.amountPence)} (${e.creditPercent}%), ${CREDIT_STATUS_LABELS[e.status].toLowerCase()}`);
    doc.font("Helvetica");
    for (const x of e.history) doc.text(`${when.format(x.at)}: ${x.from ? `${CREDIT_STATUS_LABELS[x.from]} → ` : ""}${CREDIT_STATUS_LABELS[x.to]}${x.by ? ` by ${x.by}` : ""}${x.note ? `: ${x.note}` : ""}`, { indent: 12 });
  }
  doc.end();
  return { fileName: `service-credits-${month}.pdf`, pdf: await done };
}
