// Label and manifest PDFs (pdfkit). Labels carry no patient identifier: only the movement reference,
// the bag, sender and receiver. Two formats: A4 sheets of 6 labels (99 x 93 mm) and 100 x 150 mm thermal.
import PDFDocument from "pdfkit";
import { code128Modules, dataMatrixModules } from "@/lib/labels/barcode";

export type LabelFormat = "a4" | "thermal";

export type LabelParty = { name: string; odsCode: string; addressLines: string[]; postcode: string | null };

export type LabelData = {
  barcode: string;
  reference: string;
  bagNumber: number;
  bagCount: number;
  urgent: boolean;
  from: LabelParty;
  to: LabelParty;
  printedOn: string; // e.g. "22 Nov 2026"
};

const MM = 72 / 25.4;

/** Code 128's quiet zone, in modules (ISO/IEC 15417: at least 10X on each side of the symbol). */
export const CODE128_QUIET_MODULES = 10;

export type Box = { x: number; y: number; width: number; height: number };

/** Where a Code 128 symbol's bars go in a box `width` wide, with its quiet zones left and right; the module width. */
export function code128Geometry(text: string, x: number, width: number) {
  const modules = code128Modules(text);
  const total = modules.reduce((a, b) => a + b, 0) + 2 * CODE128_QUIET_MODULES;
  const unit = width / total;
  return { modules, unit, barsX: x + CODE128_QUIET_MODULES * unit, barsWidth: (total - 2 * CODE128_QUIET_MODULES) * unit };
}

function drawCode128(doc: PDFKit.PDFDocument, geometry: ReturnType<typeof code128Geometry>, y: number, height: number) {
  let cursor = geometry.barsX;
  geometry.modules.forEach((m, i) => {
    if (i % 2 === 0) doc.rect(cursor, y, m * geometry.unit, height);
    cursor += m * geometry.unit;
  });
  doc.fill("#000000");
}

function drawDataMatrix(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { size: rows, width: cols, pixels } = dataMatrixModules(text);
  const unit = size / Math.max(rows, cols);
  for (let r = 0; r < rows; r++) {
    let run = -1;
    for (let c = 0; c <= cols; c++) {
      const dark = c < cols && pixels[r * cols + c] === 1;
      if (dark && run < 0) run = c;
      if (!dark && run >= 0) {
        doc.rect(x + run * unit, y + r * unit, (c - run) * unit, unit);
        run = -1;
      }
    }
  }
  doc.fill("#000000");
}

type PartyText = { font: string; size: number; text: string }[];

/** A party's lines and fonts: the receiver big, the sender small; `fit` (at most 1) shrinks them to fit the label. */
function partyText(title: string, p: LabelParty, scale: number, big: boolean, fit: number): PartyText {
  const k = scale * fit;
  return [
    { font: "Helvetica-Bold", size: 7 * k, text: title },
    { font: "Helvetica-Bold", size: (big ? 12 : 8.5) * k, text: `${p.name} (${p.odsCode})` },
    { font: "Helvetica", size: (big ? 10 : 7.5) * k, text: p.addressLines.join(", ") },
    ...(p.postcode ? [{ font: "Helvetica-Bold", size: (big ? 13 : 8.5) * k, text: p.postcode }] : []),
  ];
}

function textHeight(doc: PDFKit.PDFDocument, lines: PartyText, width: number): number {
  return lines.reduce((sum, l) => sum + doc.font(l.font).fontSize(l.size).heightOfString(l.text, { width }), 0);
}

function party(doc: PDFKit.PDFDocument, lines: PartyText, x: number, y: number, width: number) {
  lines.forEach((l, i) => (i === 0 ? doc.font(l.font).fontSize(l.size).text(l.text, x, y, { width }) : doc.font(l.font).fontSize(l.size).text(l.text, { width })));
  return doc.y;
}

/** Where the parts of a drawn label ended up (for tests: nothing may touch the bars or leave the label). */
export type LabelGeometry = { label: Box; bars: Box; moduleWidth: number; humanReadable: Box; bottom: number };

/** One label in the box (x, y, w, h). Layout scales with the box height; long addresses shrink to fit. */
export function drawLabel(doc: PDFKit.PDFDocument, label: LabelData, x: number, y: number, w: number, h: number): LabelGeometry {
  // The layout is designed for a 99 x 93 mm label; larger labels scale by whichever side is tighter.
  const scale = Math.min(h / (93 * MM), w / (99 * MM));
  const pad = 4 * MM * scale;
  const inner = w - 2 * pad;
  const urgentBar = label.urgent ? 10 * MM * scale : 0;
  const dm = 16 * MM * scale;
  const minBars = 10 * MM * scale;
  // The Code 128 symbol with its quiet zones all round: 10 modules left and right, and the same clear space between
  // the bars and the human-readable text under them (the text touched the bars before; issue 13).
  const code = code128Geometry(label.barcode, x + pad, inner);
  const gap = Math.max(CODE128_QUIET_MODULES * code.unit, 1 * MM);
  const footer = `Printed ${label.printedOn}. NHS paper GP record: confidential. If found, contact PCSE.`;
  const codeTextSize = 9 * scale;
  const footerSize = 6.5 * scale;
  const codeTextHeight = doc.font("Courier-Bold").fontSize(codeTextSize).currentLineHeight(true);
  const footerHeight = doc.font("Helvetica").fontSize(footerSize).heightOfString(footer, { width: inner });
  // The addresses shrink (to 70% at most) until the bars keep their least height.
  const heading = (fit: number) => Math.max(dm, doc.font("Helvetica-Bold").fontSize(15 * scale * fit).heightOfString(label.reference, { width: inner - dm - pad }) + doc.font("Helvetica-Bold").fontSize(12 * scale * fit).heightOfString("Bag 20 of 20"));
  const above = (fit: number) =>
    (urgentBar ? urgentBar + 2 * MM * scale : 0) + heading(fit) + 2 * MM * scale + textHeight(doc, partyText("TO", label.to, scale, true, fit), inner) + 1.5 * MM * scale + textHeight(doc, partyText("FROM", label.from, scale, false, fit), inner) + 2 * MM * scale;
  const roomFor = (fit: number) => h - 2 * pad - above(fit) - gap - codeTextHeight - footerHeight;
  const fit = [1, 0.9, 0.8, 0.7].find((f) => roomFor(f) >= minBars) ?? 0.7;

  let cursor = y + pad;
  if (urgentBar) {
    doc.rect(x + pad, cursor, inner, urgentBar).fill("#000000");
    doc.fillColor("#ffffff").font("Helvetica-Bold").fontSize(20 * scale).text("URGENT", x + pad, cursor + urgentBar / 2 - 9 * scale, { width: inner, align: "center" });
    doc.fillColor("#000000");
    cursor += urgentBar + 2 * MM * scale;
  }
  const top = cursor;
  doc.font("Helvetica-Bold").fontSize(15 * scale * fit).text(label.reference, x + pad, cursor, { width: inner - dm - pad });
  doc.font("Helvetica-Bold").fontSize(12 * scale * fit).text(`Bag ${label.bagNumber} of ${label.bagCount}`, { width: inner - dm - pad });
  drawDataMatrix(doc, label.barcode, x + w - pad - dm, top, dm);
  cursor = top + heading(fit) + 2 * MM * scale;
  cursor = party(doc, partyText("TO", label.to, scale, true, fit), x + pad, cursor, inner) + 1.5 * MM * scale;
  cursor = party(doc, partyText("FROM", label.from, scale, false, fit), x + pad, cursor, inner) + 2 * MM * scale;
  const barHeight = Math.min(32 * MM * scale, Math.max(minBars, y + h - pad - cursor - gap - codeTextHeight - footerHeight));
  drawCode128(doc, code, cursor, barHeight);
  const textY = cursor + barHeight + gap;
  doc.font("Courier-Bold").fontSize(codeTextSize).text(label.barcode, x + pad, textY, { width: inner, align: "center", lineBreak: false });
  doc.font("Helvetica").fontSize(footerSize).text(footer, x + pad, textY + codeTextHeight, { width: inner, align: "center" });
  return {
    label: { x, y, width: w, height: h },
    bars: { x: code.barsX, y: cursor, width: code.barsWidth, height: barHeight },
    moduleWidth: code.unit,
    humanReadable: { x: x + pad, y: textY, width: inner, height: codeTextHeight },
    bottom: doc.y,
  };
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

export async function renderLabelsPdf(labels: readonly LabelData[], format: LabelFormat): Promise<Buffer> {
  const info = { Title: `Record movement labels (${labels.length})`, Producer: "Records movement portal" };
  if (format === "thermal") {
    const doc = new PDFDocument({ size: [100 * MM, 150 * MM], margin: 0, autoFirstPage: false, info, compress: true });
    const done = collect(doc);
    for (const label of labels) {
      doc.addPage();
      drawLabel(doc, label, 0, 0, 100 * MM, 150 * MM);
    }
    if (labels.length === 0) doc.addPage();
    doc.end();
    return done;
  }
  // A4: 2 columns x 3 rows of 99.1 x 93.1 mm labels (a common sheet, e.g. 6 per page).
  const doc = new PDFDocument({ size: "A4", margin: 0, autoFirstPage: false, info, compress: true });
  const done = collect(doc);
  const w = 99.1 * MM;
  const h = 93.1 * MM;
  const left = (210 * MM - 2 * w - 2.5 * MM) / 2;
  const top = (297 * MM - 3 * h) / 2;
  labels.forEach((label, i) => {
    const slot = i % 6;
    if (slot === 0) doc.addPage();
    const col = slot % 2;
    const row = Math.floor(slot / 2);
    drawLabel(doc, label, left + col * (w + 2.5 * MM), top + row * h, w, h);
  });
  if (labels.length === 0) doc.addPage();
  doc.end();
  return done;
}

export type ManifestData = {
  reference: string;
  site: LabelParty;
  collectionDate: string;
  bagCount: number;
  printedOn: string;
  rows: { barcode: string; reference: string; bag: string; destination: string; urgent: boolean }[];
};

/** The collection manifest the driver signs: every label to be collected at the site. */
export async function renderManifestPdf(m: ManifestData): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 40, info: { Title: `Collection manifest ${m.reference}` } });
  const done = collect(doc);
  doc.font("Helvetica-Bold").fontSize(18).text(`Collection manifest ${m.reference}`);
  doc.moveDown(0.3).font("Helvetica").fontSize(11).text(`Site: ${m.site.name} (${m.site.odsCode}), ${[...m.site.addressLines, m.site.postcode].filter(Boolean).join(", ")}`);
  doc.text(`Collection date: ${m.collectionDate}    Bags: ${m.bagCount}    Labels: ${m.rows.length}    Printed: ${m.printedOn}`);
  doc.moveDown();
  const cols = [40, 190, 300, 345, 555];
  const header = ["Barcode", "Movement", "Bag", "Destination"];
  const line = (cells: string[], bold: boolean) => {
    const y = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9.5);
    let height = 0;
    cells.forEach((c, i) => {
      doc.text(c, cols[i], y, { width: cols[i + 1] - cols[i] - 6 });
      height = Math.max(height, doc.y - y);
    });
    doc.y = y + height + 4;
    doc.moveTo(40, doc.y - 2).lineTo(555, doc.y - 2).lineWidth(0.5).strokeColor("#999999").stroke();
    if (doc.y > 760) doc.addPage();
  };
  line(header, true);
  for (const r of m.rows) line([r.barcode, r.reference + (r.urgent ? " URGENT" : ""), r.bag, r.destination], false);
  doc.moveDown(2).font("Helvetica").fontSize(11);
  doc.text("Collected by (driver name and signature): ____________________________    Time: ________");
  doc.moveDown().text("Handed over by (practice): ____________________________");
  doc.end();
  return done;
}
