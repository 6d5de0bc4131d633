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

function drawCode128(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, height: number) {
  const modules = code128Modules(text);
  const total = modules.reduce((a, b) => a + b, 0) + 20; // 10-module quiet zones
  const unit = width / total;
  let cursor = x + 10 * unit;
  modules.forEach((m, i) => {
    if (i % 2 === 0) doc.rect(cursor, y, m * unit, height);
    cursor += m * unit;
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

function party(doc: PDFKit.PDFDocument, title: string, p: LabelParty, x: number, y: number, width: number, scale: number, big: boolean) {
  doc.font("Helvetica-Bold").fontSize(7 * scale).text(title, x, y, { width });
  doc.font("Helvetica-Bold").fontSize((big ? 12 : 8.5) * scale).text(`${p.name} (${p.odsCode})`, { width });
  doc.font("Helvetica").fontSize((big ? 10 : 7.5) * scale).text(p.addressLines.join(", "), { width });
  if (p.postcode) doc.font("Helvetica-Bold").fontSize((big ? 13 : 8.5) * scale).text(p.postcode, { width });
  return doc.y;
}

/** One label in the box (x, y, w, h). Layout scales with the box height. */
function drawLabel(doc: PDFKit.PDFDocument, label: LabelData, x: number, y: number, w: number, h: number) {
  // The layout is designed for a 99 x 93 mm label; larger labels scale by whichever side is tighter.
  const scale = Math.min(h / (93 * MM), w / (99 * MM));
  const pad = 4 * MM * scale;
  const inner = w - 2 * pad;
  let cursor = y + pad;
  if (label.urgent) {
    const bar = 12 * MM * scale;
    doc.rect(x + pad, cursor, inner, bar).fill("#000000");
    doc.fillColor("#ffffff").font("Helvetica-Bold").fontSize(22 * scale).text("URGENT", x + pad, cursor + bar / 2 - 10 * scale, { width: inner, align: "center" });
    doc.fillColor("#000000");
    cursor += bar + 2 * MM * scale;
  }
  const dm = 16 * MM * scale;
  doc.font("Helvetica-Bold").fontSize(15 * scale).text(label.reference, x + pad, cursor, { width: inner - dm - pad });
  doc.font("Helvetica-Bold").fontSize(12 * scale).text(`Bag ${label.bagNumber} of ${label.bagCount}`, { width: inner - dm - pad });
  drawDataMatrix(doc, label.barcode, x + w - pad - dm, cursor, dm);
  cursor = Math.max(doc.y, cursor + dm) + 2 * MM * scale;
  cursor = party(doc, "TO", label.to, x + pad, cursor, inner, scale, true) + 1.5 * MM * scale;
  cursor = party(doc, "FROM", label.from, x + pad, cursor, inner, scale, false) + 2 * MM * scale;
  const barHeight = Math.min(32 * MM * scale, Math.max(10 * MM * scale, y + h - cursor - pad - 9 * scale - 8 * scale));
  drawCode128(doc, label.barcode, x + pad, cursor, inner, barHeight);
  doc.font("Courier-Bold").fontSize(9 * scale).text(label.barcode, x + pad, cursor + barHeight + 1, { width: inner, align: "center" });
  doc.font("Helvetica").fontSize(6.5 * scale).text(`Printed ${label.printedOn}. NHS paper GP record: confidential. If found, contact PCSE.`, x + pad, doc.y, { width: inner, align: "center" });
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
