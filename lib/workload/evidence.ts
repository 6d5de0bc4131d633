import "server-only";
// Evidence packs: the practice's extra work for a period and a scope (all of it, the records-service failures, one
// case, one incident), itemised — date, site, grade, task, cause, items, minutes entered and suggested, how it was
// logged, references (movement, collection, case, incident: never an NHS number or a name, never the free-text
// note, which could hold one) — with totals by grade, task and cause, the rates used and their sources, and the
// practice manager's declaration. The CSV is the pack: its SHA-256 is shown and, once signed, stored with it, so any
// copy can be checked (`sha256sum pack.csv`). The PDF is drawn from the CSV's own rows and carries the hash.
import { createHash } from "node:crypto";
import PDFDocument from "pdfkit";
import { stringify } from "csv-stringify/sync";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { EvidenceScope, StaffGrade, WorkloadCause, WorkloadEntrySource } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { caseScopeWhere, claimScopeWhere } from "@/lib/auth/scope";
import { NotFoundError, ValidationError, fieldErrorsOf, type FieldErrors } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { londonDate } from "@/lib/nhs/working-days";
import { generatePrefixedReference, normalisePrefixedReference } from "@/lib/movements/reference";
import { formatCalendarDate } from "@/lib/format";
import { CAUSE_LABELS, EARLIEST_WORKLOAD_DATE, GRADE_LABELS, SCOPE_LABELS, SERVICE_FAILURE_CAUSES, SOURCE_LABELS, dateFromParts, isRealDate, packSchema, parseScopeParam, type EvidenceRequest } from "@/lib/workload/schemas";

export const DECLARATION =
  "I declare that this record of the practice's extra work is accurate and complete to the best of my knowledge, that it was kept at the time the work was done, that the rates are the real costs of the staff grades named (with employer's on-costs), and that NHS England may audit it against the practice's own records.";

/** A pack as rows: its facts, then titled tables. What the CSV holds and the PDF draws. */
export type EvidenceDocument = { meta: [string, string][]; sections: { title: string; header: string[]; rows: string[][] }[] };

export type EvidenceSummary = {
  totals: { entries: number; minutes: number; costPence: number };
  byGrade: { key: string; label: string; entries: number; minutes: number; costPence: number }[];
  byTask: { key: string; label: string; entries: number; items: number; minutes: number; costPence: number }[];
  byCause: { key: string; label: string; entries: number; minutes: number; costPence: number }[];
  rates: { grade: StaffGrade; label: string; pencePerHour: number; effectiveFrom: string | null; whose: string; source: string; sourceYear: string | null }[];
};

type Scope = { scope: EvidenceScope; caseId: string | null; caseReference: string | null; incidentId: string | null; label: string };

/** Incidents a practice may name: those with patients registered in its tree, or with its workload against them. */
function incidentOfPractice(actor: Actor): Prisma.IncidentWhereInput {
  const tree = { in: actor.scopeOrganisationIds };
  return { OR: [{ items: { some: { practiceId: tree } } }, { workloadEntries: { some: { organisationId: tree } } }] };
}

const pounds = (pence: number) => (pence / 100).toFixed(2);
const hoursOf = (minutes: number) => (minutes / 60).toFixed(2);

function practiceOf(actor: Actor): string {
  const id = actor.scopeOrganisationIds[0];
  if (!id) throw new NotFoundError("The practice");
  return id;
}

/** The scope as entry filters, checked against the actor's own cases. */
async function resolveScope(db: Db, actor: Actor, scope: EvidenceScope, caseReference: string | null, incidentReference: string | null): Promise<Scope> {
  if (scope === "CASE") {
    const ref = normalisePrefixedReference(caseReference ?? "", "CS");
    const found = ref ? await db.case.findFirst({ where: { AND: [{ reference: ref }, caseScopeWhere(actor)] }, select: { id: true, reference: true } }) : null;
    if (!found) throw new ValidationError({ caseReference: ["No case of your practice has that reference: check it, like CS-7Q4K-2M9D"] });
    return { scope, caseId: found.id, caseReference: found.reference, incidentId: null, label: `Case ${found.reference}` };
  }
  if (scope === "INCIDENT") {
    const ref = normalisePrefixedReference(incidentReference ?? "", "IN");
    const found = ref ? await db.incident.findFirst({ where: { AND: [{ reference: ref }, incidentOfPractice(actor)] }, select: { id: true, reference: true } }) : null;
    if (!found) throw new ValidationError({ incidentReference: ["No incident of your practice has that reference: select it from the list"] });
    return { scope, caseId: null, caseReference: null, incidentId: found.id, label: `Incident ${found.reference}` };
  }
  return { scope, caseId: null, caseReference: null, incidentId: null, label: SCOPE_LABELS[scope] };
}

type EntryLine = {
  id: string;
  date: Date;
  grade: StaffGrade;
  taskName: string;
  taskCode: string;
  quantity: number;
  minutes: number;
  suggestedMinutes: number | null;
  cause: WorkloadCause;
  source: WorkloadEntrySource;
  incidentReference: string | null;
  ratePencePerHour: number;
  rateId: string | null;
  costPence: number;
  site: string;
  movementReference: string | null;
  collectionReference: string | null;
  caseReference: string | null;
  batch: string | null;
};

/**
 * The practice's entries in the period and scope, with their references, in one statement (a year of a busy practice
 * is thousands of lines: the batch references are gathered by the database, not by a query per entry).
 */
async function entryLines(db: Db | Prisma.TransactionClient, practiceId: string, from: string, to: string, s: Scope): Promise<EntryLine[]> {
  return db.$queryRaw<EntryLine[]>`
    SELECT e.id, e.date, e.grade, t.name AS "taskName", e."taskCode", e.quantity, e.minutes, e."suggestedMinutes", e.cause, e.source,
           n.reference AS "incidentReference", e."ratePencePerHour", e."rateId", e."costPence", site."odsCode" AS site,
           m.reference AS "movementReference", c.reference AS "collectionReference", k.reference AS "caseReference",
           (SELECT string_agg(bm.reference, ' ' ORDER BY bm.reference) FROM "WorkloadEntryMovement" b JOIN "RecordMovement" bm ON bm.id = b."movementId" WHERE b."entryId" = e.id) AS batch
      FROM "WorkloadEntry" e
      JOIN "WorkloadTask" t ON t.code = e."taskCode"
      JOIN "Organisation" site ON site.id = e."siteId"
      LEFT JOIN "RecordMovement" m ON m.id = e."movementId"
      LEFT JOIN "Collection" c ON c.id = e."collectionId"
      LEFT JOIN "Case" k ON k.id = e."caseId"
      LEFT JOIN "Incident" n ON n.id = e."incidentId"
     WHERE e."organisationId" = ${practiceId}::uuid AND e."withdrawnAt" IS NULL
       AND e.date >= ${from}::date AND e.date <= ${to}::date
       AND (${s.scope !== "SERVICE_FAILURES"} OR e.cause::text = ANY(${[...SERVICE_FAILURE_CAUSES]}::text[]))
       AND (${s.caseId}::uuid IS NULL OR e."caseId" = ${s.caseId}::uuid)
       AND (${s.incidentId}::uuid IS NULL OR e."incidentId" = ${s.incidentId}::uuid)
     ORDER BY e.date, e."createdAt", e.id`;
}

type Collected = { document: EvidenceDocument; summary: EvidenceSummary; entryIds: string[] };

/**
 * The pack's content for a practice, period and scope. `declaration` null: a draft (not signed). Every line is
 * references only: movements, collections, cases and incidents by their reference (a harm review by its incident:
 * never the patient).
 */
async function collect(db: Db | Prisma.TransactionClient, practiceId: string, from: string, to: string, s: Scope, reference: string | null, declaration: { name: string; role: string; on: string } | null): Promise<Collected> {
  const [practice, entries] = await Promise.all([
    db.organisation.findUniqueOrThrow({ where: { id: practiceId }, select: { name: true, odsCode: true, icbCode: true, regionCode: true } }),
    entryLines(db, practiceId, from, to, s),
  ]);
  const rateRows = await db.gradeRate.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.rateId).filter((x): x is string => Boolean(x)))] } }, select: { id: true, organisationId: true, effectiveFrom: true, source: true, sourceYear: true } });
  const rateById = new Map(rateRows.map((r) => [r.id, r]));

  const byGrade = new Map<string, EvidenceSummary["byGrade"][number]>();
  const byTask = new Map<string, EvidenceSummary["byTask"][number]>();
  const byCause = new Map<string, EvidenceSummary["byCause"][number]>();
  const rates = new Map<string, EvidenceSummary["rates"][number]>();
  let minutes = 0;
  let cost = 0;
  const lines: string[][] = entries.map((e, i) => {
    minutes += e.minutes;
    cost += e.costPence;
    const g = byGrade.get(e.grade) ?? { key: e.grade, label: GRADE_LABELS[e.grade], entries: 0, minutes: 0, costPence: 0 };
    g.entries++;
    g.minutes += e.minutes;
    g.costPence += e.costPence;
    byGrade.set(e.grade, g);
    const t = byTask.get(e.taskCode) ?? { key: e.taskCode, label: e.taskName, entries: 0, items: 0, minutes: 0, costPence: 0 };
    t.entries++;
    t.items += e.quantity;
    t.minutes += e.minutes;
    t.costPence += e.costPence;
    byTask.set(e.taskCode, t);
    const c = byCause.get(e.cause) ?? { key: e.cause, label: CAUSE_LABELS[e.cause], entries: 0, minutes: 0, costPence: 0 };
    c.entries++;
    c.minutes += e.minutes;
    c.costPence += e.costPence;
    byCause.set(e.cause, c);
    const rate = e.rateId ? rateById.get(e.rateId) : undefined;
    const rateKey = `${e.grade}:${e.ratePencePerHour}:${e.rateId ?? ""}`;
    if (!rates.has(rateKey)) {
      rates.set(rateKey, {
        grade: e.grade,
        label: GRADE_LABELS[e.grade],
        pencePerHour: e.ratePencePerHour,
        effectiveFrom: rate ? rate.effectiveFrom.toISOString().slice(0, 10) : null,
        whose: rate?.organisationId ? "The practice's rate" : "National default",
        source: rate?.source ?? "Not recorded",
        sourceYear: rate?.sourceYear ?? null,
      });
    }
    const refs = [e.caseReference, e.collectionReference, e.batch ?? e.movementReference, e.incidentReference].filter(Boolean).join(" ");
    return [
      String(i + 1),
      e.id.slice(0, 8),
      e.date.toISOString().slice(0, 10),
      e.site,
      GRADE_LABELS[e.grade],
      e.taskName,
      CAUSE_LABELS[e.cause],
      String(e.quantity),
      String(e.minutes),
      e.suggestedMinutes === null ? "" : String(e.suggestedMinutes),
      SOURCE_LABELS[e.source],
      refs,
      pounds(e.ratePencePerHour),
      pounds(e.costPence),
    ];
  });
  const order = <T extends { minutes: number; label: string }>(m: Map<string, T>) => [...m.values()].sort((a, b) => b.minutes - a.minutes || a.label.localeCompare(b.label));
  const summary: EvidenceSummary = {
    totals: { entries: entries.length, minutes, costPence: cost },
    byGrade: order(byGrade),
    byTask: order(byTask),
    byCause: order(byCause),
    rates: [...rates.values()].sort((a, b) => a.label.localeCompare(b.label) || (a.effectiveFrom ?? "").localeCompare(b.effectiveFrom ?? "")),
  };
  const document: EvidenceDocument = {
    meta: [
      ["Workload evidence pack", reference ?? "DRAFT (not signed)"],
      ["Practice", `${practice.name} (${practice.odsCode})`],
      ["ICB", practice.icbCode ?? ""],
      ["NHS England region", practice.regionCode ?? ""],
      ["Period", `${from} to ${to}`],
      ["Scope", s.label],
      ["Entries", String(entries.length)],
      ["Total minutes", String(minutes)],
      ["Total hours", hoursOf(minutes)],
      ["Total cost (GBP)", pounds(cost)],
      ["Identifiers", "References only: no NHS number, patient name or staff name appears in this pack."],
    ],
    sections: [
      { title: "Totals by grade", header: ["Grade", "Entries", "Minutes", "Hours", "Cost (GBP)"], rows: summary.byGrade.map((g) => [g.label, String(g.entries), String(g.minutes), hoursOf(g.minutes), pounds(g.costPence)]) },
      { title: "Totals by task", header: ["Task", "Entries", "Items", "Minutes", "Hours", "Cost (GBP)"], rows: summary.byTask.map((t) => [t.label, String(t.entries), String(t.items), String(t.minutes), hoursOf(t.minutes), pounds(t.costPence)]) },
      { title: "Totals by cause", header: ["Cause", "Entries", "Minutes", "Hours", "Cost (GBP)"], rows: summary.byCause.map((c) => [c.label, String(c.entries), String(c.minutes), hoursOf(c.minutes), pounds(c.costPence)]) },
      { title: "Rates used (per hour, employer's on-costs included)", header: ["Grade", "Rate (GBP/hour)", "In force from", "Whose", "Pay year", "Source"], rows: summary.rates.map((r) => [r.label, pounds(r.pencePerHour), r.effectiveFrom ?? "", r.whose, r.sourceYear ?? "", r.source]) },
      { title: "Itemised work", header: ["Line", "Entry", "Date", "Site", "Grade", "Task", "Cause", "Items", "Minutes entered", "Minutes suggested", "How logged", "References", "Rate (GBP/hour)", "Cost (GBP)"], rows: lines },
      {
        title: "Declaration",
        header: ["Statement", "Signed by", "Role", "Date"],
        rows: [declaration ? [DECLARATION, declaration.name, declaration.role, declaration.on] : ["Not signed: this is a draft. The practice manager signs the declaration in the portal (Claims) to make the pack.", "", "", ""]],
      },
    ],
  };
  return { document, summary, entryIds: entries.map((e) => e.id) };
}

/** The pack as CSV text (formula-like cells escaped, so a spreadsheet never runs them). Deterministic. */
export function evidenceCsv(document: EvidenceDocument): string {
  const records: string[][] = [...document.meta, []];
  for (const s of document.sections) records.push([s.title], s.header, ...s.rows, []);
  return stringify(records, { escape_formulas: true, record_delimiter: "\n" });
}

/**
 * The records of a CSV as csv-stringify writes them (RFC 4180: fields quoted when they hold a comma, a quote or a
 * line break; a quote inside doubled). A single pass: a 5,000-line pack reads in milliseconds.
 */
export function csvRecords(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && csv[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Reads a pack's CSV back into its rows (for drawing the PDF of a stored pack exactly as signed). */
export function parseEvidenceCsv(csv: string): EvidenceDocument {
  const records = csvRecords(csv);
  const blocks: string[][][] = [[]];
  for (const r of records) {
    if (r.length === 0 || (r.length === 1 && r[0] === "")) blocks.push([]);
    else blocks[blocks.length - 1].push(r.map((cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)));
  }
  const [meta, ...rest] = blocks.filter((b) => b.length);
  return { meta: (meta ?? []).map((r) => [r[0] ?? "", r[1] ?? ""]), sections: rest.map(([title, header, ...rows]) => ({ title: title[0], header: header ?? [], rows })) };
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

// --------------------------------------------------------------------------------------------------------------
// PDF
// --------------------------------------------------------------------------------------------------------------

/**
 * The itemised lines are drawn one text call per line in a fixed-pitch font, the columns padded to these widths in
 * characters (numbers to the right): a 5,000-line pack is 5,000 text calls instead of 65,000, which is what keeps a
 * year's PDF well under two seconds. The CSV holds every cell in full (references of a batch, the entry id).
 */
const ITEM_COLUMNS: { header: string; title: string; chars: number; right?: boolean }[] = [
  { header: "Line", title: "Line", chars: 5, right: true },
  { header: "Date", title: "Date", chars: 10 },
  { header: "Site", title: "Site", chars: 8 },
  { header: "Grade", title: "Grade", chars: 29 },
  { header: "Task", title: "Task", chars: 24 },
  { header: "Cause", title: "Cause", chars: 26 },
  { header: "Items", title: "Items", chars: 5, right: true },
  { header: "Minutes entered", title: "Min", chars: 5, right: true },
  { header: "Minutes suggested", title: "Sugg", chars: 5, right: true },
  { header: "How logged", title: "Logged", chars: 19 },
  { header: "References", title: "References", chars: 32 },
  { header: "Rate (GBP/hour)", title: "£/hour", chars: 7, right: true },
  { header: "Cost (GBP)", title: "Cost £", chars: 8, right: true },
];

/** pdfkit's internals this file relies on to write a plain line of text without re-measuring every glyph. */
type PdfInternals = { _font: { id: string; ascender: number; ref(): unknown }; page: { fonts: Record<string, unknown>; height: number }; addContent(data: string): unknown };

/**
 * One line of ASCII text at (x, y) in the current standard font, written straight into the page's content stream as
 * pdfkit's own text() writes it (the same operators: its flip, its baseline, the font's WinAnsi codes, which are the
 * ASCII codes), but without pdfkit's per-glyph width and kerning look-ups, which cost about 0.3 ms for a 190-character
 * line. Anything else goes through doc.text().
 */
function plainLine(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  if (!/^[\x20-\x7e]*$/.test(text)) {
    doc.text(text, x, y, { lineBreak: false });
    return;
  }
  const d = doc as unknown as PdfInternals;
  const font = d._font;
  d.page.fonts[font.id] ??= font.ref();
  const h = d.page.height;
  const baseline = h - y - (font.ascender / 1000) * size;
  let hex = "";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16);
  d.addContent(`q\n1 0 0 -1 0 ${h} cm\nBT\n1 0 0 1 ${x.toFixed(2)} ${baseline.toFixed(2)} Tm\n/${font.id} ${size} Tf\n<${hex}> Tj\nET\nQ`);
}

function column(text: string, chars: number, right = false): string {
  const t = text.length > chars ? `${text.slice(0, chars - 1)}~` : text;
  return right ? t.padStart(chars) : t.padEnd(chars);
}

function fit(text: string, width: number, size: number): string {
  const max = Math.max(3, Math.floor(width / (size * 0.5)));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The PDF of a pack, drawn from its rows, with the SHA-256 of its CSV on every page. */
export async function renderEvidencePdf(document: EvidenceDocument, hash: string, signed: boolean): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 30, bufferPages: true, compress: true, info: { Title: `Workload evidence pack ${document.meta[0]?.[1] ?? ""}`, Producer: "Records movement portal" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = 30;
  const bottom = doc.page.height - 45;
  doc.font("Helvetica-Bold").fontSize(16).text(`Workload evidence pack: ${document.meta[0]?.[1] ?? ""}`, left, 30);
  doc.moveDown(0.4).font("Helvetica").fontSize(9);
  for (const [k, v] of document.meta.slice(1)) doc.font("Helvetica-Bold").text(`${k}: `, { continued: true }).font("Helvetica").text(v);
  doc.moveDown(0.3).font("Helvetica-Bold").text(`SHA-256 of the CSV of this pack: ${hash}`);
  doc.font("Helvetica").text(signed ? "Check a copy of the CSV against this hash (for example: sha256sum pack.csv), and against the hash the portal shows for the pack." : "Draft: not signed. This hash is of the draft CSV as downloaded now; a signed pack's hash is stored by the portal.");

  const table = (title: string, header: string[], rows: string[][], widths: number[], size: number) => {
    const rowHeight = size + 3.5;
    const drawHeader = () => {
      doc.font("Helvetica-Bold").fontSize(size);
      let x = left;
      const y = doc.y;
      header.forEach((h, i) => {
        doc.text(fit(h, widths[i] - 3, size), x, y, { lineBreak: false });
        x += widths[i];
      });
      doc.y = y + rowHeight + 1;
      doc.moveTo(left, doc.y - 2).lineTo(left + widths.reduce((a, b) => a + b, 0), doc.y - 2).lineWidth(0.5).strokeColor("#666666").stroke();
      doc.font("Helvetica").fontSize(size);
    };
    if (doc.y > bottom - 60) doc.addPage();
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(11).text(title, left, doc.y);
    doc.moveDown(0.2);
    drawHeader();
    for (const r of rows) {
      if (doc.y + rowHeight > bottom) {
        doc.addPage();
        doc.y = 30;
        drawHeader();
      }
      const y = doc.y;
      let x = left;
      // No width option: pdfkit then draws the text without its line wrapper (fit() has already shortened it),
      // which makes a 5,000-line pack several times faster to draw.
      for (let i = 0; i < header.length; i++) {
        const cell = r[i];
        if (cell) doc.text(fit(cell, widths[i] - 3, size), x, y, { lineBreak: false });
        x += widths[i];
      }
      doc.y = y + rowHeight;
    }
  };

  const usable = doc.page.width - 60;
  for (const s of document.sections) {
    if (s.title === "Itemised work") {
      const at = ITEM_COLUMNS.map((c) => s.header.indexOf(c.header));
      const line = (cells: string[]) => ITEM_COLUMNS.map((c, i) => column(cells[i] ?? "", c.chars, c.right)).join(" ");
      const size = 6.6;
      const rowHeight = size + 2.6;
      const header = () => {
        doc.font("Courier-Bold").fontSize(size).text(line(ITEM_COLUMNS.map((c) => c.title)), left, doc.y, { lineBreak: false });
        doc.y += rowHeight + 1;
        doc.font("Courier").fontSize(size);
      };
      if (doc.y > bottom - 60) doc.addPage();
      doc.moveDown(0.8).font("Helvetica-Bold").fontSize(11).text(`${s.title} (${s.rows.length.toLocaleString("en-GB")} lines; a batch's references and each entry's id in full in the CSV)`, left, doc.y);
      doc.moveDown(0.2);
      header();
      for (const r of s.rows) {
        if (doc.y + rowHeight > bottom) {
          doc.addPage();
          doc.y = 30;
          header();
        }
        const y = doc.y;
        plainLine(doc, line(at.map((i) => (i < 0 ? "" : r[i]))), left, y, size);
        doc.y = y + rowHeight;
      }
    } else if (s.title === "Declaration") {
      if (doc.y > bottom - 120) doc.addPage();
      doc.moveDown(1).font("Helvetica-Bold").fontSize(11).text("Declaration", left, doc.y);
      const [statement, name, role, date] = s.rows[0] ?? [];
      doc.moveDown(0.2).font("Helvetica").fontSize(9.5).text(statement ?? "", { width: usable });
      if (name) doc.moveDown(0.4).text(`Signed in the portal by ${name}, ${role}, on ${date}.`);
    } else if (s.title.startsWith("Rates used")) {
      table(s.title, s.header, s.rows, [110, 74, 70, 100, 50, usable - 404], 7.5);
      // The sources are long: written out in full below the table.
      doc.moveDown(0.3).font("Helvetica").fontSize(7.5);
      for (const r of s.rows) doc.text(`${r[0]} at £${r[1]}: ${r[5]}`, left, doc.y, { width: usable });
    } else {
      const first = Math.min(260, usable - (s.header.length - 1) * 70);
      table(s.title, s.header, s.rows, [first, ...s.header.slice(1).map(() => 70)], 8.5);
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font("Helvetica").fontSize(7).fillColor("#444444").text(`${document.meta[0]?.[1] ?? ""}  ·  SHA-256 of the CSV ${hash}  ·  page ${i + 1} of ${range.count}`, left, doc.page.height - 28, { width: usable, lineBreak: false });
    doc.fillColor("#000000");
  }
  doc.end();
  return done;
}

// --------------------------------------------------------------------------------------------------------------
// Commands and queries
// --------------------------------------------------------------------------------------------------------------

function checkPeriod(from: string, to: string, today: string, errors: FieldErrors, fromKey = "from", toKey = "to") {
  if (from < EARLIEST_WORKLOAD_DATE) errors[fromKey] = ["The start of the period must be in 2020 or later"];
  if (to > today) errors[toKey] = ["The end of the period must be today or in the past"];
  if (from > to) errors[toKey] = ["The end of the period must be on or after its start"];
}

/**
 * The practice manager signs an evidence pack: the period, the scope and the declaration (name, role, today). The
 * pack is frozen there and then: its CSV, its SHA-256, its totals and the entries it holds.
 */
export async function createEvidencePack(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string; sha256: string; entries: number }> {
  requirePermission(actor, "workload:manage");
  const today = londonDate(now);
  const errors: FieldErrors = {};
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  const from = dateFromParts(raw, "from", "the start of the period");
  const to = dateFromParts(raw, "to", "the end of the period");
  if ("error" in from) errors.from = [from.error];
  if ("error" in to) errors.to = [to.error];
  if (!("error" in from) && !("error" in to)) checkPeriod(from.date, to.date, today, errors);
  if (Object.keys(errors).length || !parsed.success || "error" in from || "error" in to) throw new ValidationError(errors);
  const practiceId = practiceOf(actor);
  const input = parsed.data;
  const scope = await resolveScope(db, actor, input.scope, input.caseReference, input.incidentReference);
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generatePrefixedReference("EP");
    try {
      return await db.$transaction(
        async (tx) => {
          const { document, summary, entryIds } = await collect(tx, practiceId, from.date, to.date, scope, reference, { name: input.declarationName, role: input.declarationRole, on: today });
          if (entryIds.length === 0) throw new ValidationError({ form: ["There is no workload in that period and scope to put in a pack"] });
          const csv = evidenceCsv(document);
          const hash = sha256(csv);
          const pack = await tx.evidencePack.create({
            data: {
              reference,
              organisationId: practiceId,
              periodFrom: new Date(`${from.date}T00:00:00Z`),
              periodTo: new Date(`${to.date}T00:00:00Z`),
              scope: scope.scope,
              scopeCaseId: scope.caseId,
              scopeIncidentId: scope.incidentId,
              scopeLabel: scope.label,
              entryCount: entryIds.length,
              totalMinutes: summary.totals.minutes,
              totalCostPence: summary.totals.costPence,
              summary: summary as unknown as Prisma.InputJsonValue,
              sha256: hash,
              csv,
              declarationName: input.declarationName,
              declarationRole: input.declarationRole,
              declaredOn: new Date(`${today}T00:00:00Z`),
              createdById: actor.id,
              createdAt: now,
            },
            select: { id: true },
          });
          await tx.evidencePackEntry.createMany({ data: entryIds.map((entryId) => ({ packId: pack.id, entryId })) });
          await recordAuditEvent(tx, { actor, action: "CREATE_EVIDENCE_PACK", entityType: "EvidencePack", entityId: pack.id, details: { reference, entries: entryIds.length, from: from.date, to: to.date, scope: scope.scope, sha256: hash } });
          return { reference, sha256: hash, entries: entryIds.length };
        },
        { timeout: 60_000 },
      );
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && JSON.stringify(error.meta ?? {}).includes("reference")) continue;
      throw error;
    }
  }
  throw new Error("Could not allocate an evidence pack reference");
}

export type EvidenceFile = { csv: string; sha256: string; document: EvidenceDocument; signed: boolean; reference: string | null; fileName: string };

/** Checks the download's query after sign-in (a 400 for a bad one, never before the permission check). */
export function parseEvidenceQuery(query: { from?: string; to?: string; format?: string; scope?: string; pack?: string }, today: string): EvidenceRequest {
  const errors: FieldErrors = {};
  const from = query.from ?? "";
  const to = query.to ?? "";
  if (!isRealDate(from)) errors.from = ["Give the start of the period as from=YYYY-MM-DD"];
  if (!isRealDate(to)) errors.to = ["Give the end of the period as to=YYYY-MM-DD"];
  if (!errors.from && !errors.to) checkPeriod(from, to, today, errors);
  const format = query.format ?? "csv";
  if (format !== "csv" && format !== "pdf") errors.format = ["Give the format as format=csv or format=pdf"];
  const scope = parseScopeParam(query.scope);
  if (!scope) errors.scope = ["Give the scope as all, service-failures, case:CS-XXXX-XXXX or incident:IN-XXXX-XXXX"];
  if (Object.keys(errors).length || !scope) throw new ValidationError(errors);
  return { from, to, format: format as "csv" | "pdf", ...scope, pack: query.pack ?? null };
}

/**
 * The pack for a period and scope (GET /api/workload/evidence): a signed pack if one was made for exactly that period
 * and scope (the latest; or the one named by `pack`), served exactly as stored; otherwise a draft of what a pack would
 * hold now, with its hash, marked not signed. Every download is audited.
 */
export async function evidenceForPeriod(db: Db, actor: Actor | null, request: EvidenceRequest): Promise<EvidenceFile> {
  requirePermission(actor, "workload:manage");
  const practiceId = practiceOf(actor);
  const scope = await resolveScope(db, actor, request.scope, request.caseReference, request.incidentReference);
  const packRef = request.pack ? normalisePrefixedReference(request.pack, "EP") : null;
  if (request.pack && !packRef) throw new NotFoundError("The evidence pack");
  const stored = await db.evidencePack.findFirst({
    where: packRef
      ? { reference: packRef, organisationId: practiceId }
      : { organisationId: practiceId, periodFrom: new Date(`${request.from}T00:00:00Z`), periodTo: new Date(`${request.to}T00:00:00Z`), scope: scope.scope, scopeCaseId: scope.caseId, scopeIncidentId: scope.incidentId },
    orderBy: { createdAt: "desc" },
    select: { id: true, reference: true, csv: true, sha256: true },
  });
  if (packRef && !stored) throw new NotFoundError("The evidence pack");
  let file: EvidenceFile;
  if (stored) {
    file = { csv: stored.csv, sha256: stored.sha256, document: parseEvidenceCsv(stored.csv), signed: true, reference: stored.reference, fileName: `evidence-${stored.reference}` };
  } else {
    const { document } = await collect(db, practiceId, request.from, request.to, scope, null, null);
    const csv = evidenceCsv(document);
    file = { csv, sha256: sha256(csv), document, signed: false, reference: null, fileName: `evidence-draft-${request.from}-to-${request.to}` };
  }
  await recordAuditEvent(db, { actor, action: "DOWNLOAD_EVIDENCE", entityType: "EvidencePack", ...(stored ? { entityId: stored.id } : {}), details: { pack: file.reference ?? "draft", from: request.from, to: request.to, scope: scope.scope, format: request.format, sha256: file.sha256 } });
  return file;
}

/** A claim's evidence pack, exactly as signed: for the claiming practice's manager and the commissioners deciding it. */
export async function evidenceForClaim(db: Db, actor: Actor | null, rawReference: string, format: "csv" | "pdf"): Promise<EvidenceFile> {
  requirePermission(actor, "claim:read");
  const reference = normalisePrefixedReference(rawReference, "CM");
  const claim = reference ? await db.claim.findFirst({ where: { AND: [{ reference }, claimScopeWhere(actor)] }, select: { id: true, reference: true, evidencePack: { select: { id: true, reference: true, csv: true, sha256: true } } } }) : null;
  if (!claim) throw new NotFoundError("The claim");
  const pack = claim.evidencePack;
  await recordAuditEvent(db, { actor, action: "DOWNLOAD_EVIDENCE", entityType: "EvidencePack", entityId: pack.id, details: { pack: pack.reference, claim: claim.reference, format } });
  return { csv: pack.csv, sha256: pack.sha256, document: parseEvidenceCsv(pack.csv), signed: true, reference: pack.reference, fileName: `evidence-${pack.reference}` };
}

export type PackRow = { reference: string; from: string; to: string; scopeLabel: string; entries: number; minutes: number; costPence: number; sha256: string; declaredBy: string; declaredOn: string; claim: { reference: string; status: string } | null };

/** The practice's signed packs, newest first, with the claim made from each (if any). */
export async function listEvidencePacks(db: Db, actor: Actor | null): Promise<PackRow[]> {
  requirePermission(actor, "workload:manage");
  const rows = await db.evidencePack.findMany({
    where: { organisationId: { in: actor.scopeOrganisationIds } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { reference: true, periodFrom: true, periodTo: true, scopeLabel: true, entryCount: true, totalMinutes: true, totalCostPence: true, sha256: true, declarationName: true, declaredOn: true, claims: { orderBy: { submittedAt: "desc" }, take: 1, select: { reference: true, status: true } } },
  });
  return rows.map((p) => ({
    reference: p.reference,
    from: p.periodFrom.toISOString().slice(0, 10),
    to: p.periodTo.toISOString().slice(0, 10),
    scopeLabel: p.scopeLabel,
    entries: p.entryCount,
    minutes: p.totalMinutes,
    costPence: p.totalCostPence,
    sha256: p.sha256,
    declaredBy: p.declarationName,
    declaredOn: formatCalendarDate(p.declaredOn.toISOString().slice(0, 10)),
    claim: p.claims[0] ?? null,
  }));
}

/** The incidents the practice has logged work against (for a pack of one incident's work), newest first. */
export async function incidentsWithWorkload(db: Db, actor: Actor | null): Promise<{ reference: string; title: string }[]> {
  requirePermission(actor, "workload:manage");
  return db.incident.findMany({
    where: { workloadEntries: { some: { organisationId: { in: actor.scopeOrganisationIds }, withdrawnAt: null } } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { reference: true, title: true },
  });
}

