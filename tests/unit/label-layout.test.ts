// The printed label's geometry: the Code 128 symbol keeps its quiet zone (10 modules) on every side, so the
// human-readable text never touches the bars (issue 13), and nothing leaves the label, on A4 sheets and thermal
// labels, urgent or not, with long addresses. (tests/e2e/labels-collection-receipt.spec.ts decodes the printed
// barcodes back with ZXing.)
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { CODE128_QUIET_MODULES, drawLabel, renderLabelsPdf, type LabelData } from "@/lib/labels/pdf";

const MM = 72 / 25.4;
const party = (name: string, lines: number) => ({ name, odsCode: "A81001", addressLines: Array.from({ length: lines }, (_, i) => `${i + 1} Long Street Name With Several Words`), postcode: "TS18 1HU" });

function label(urgent: boolean, lines: number): LabelData {
  return { barcode: "RM-7Q4K-2M9D-12C", reference: "RM-7Q4K-2M9D", bagNumber: 12, bagCount: 20, urgent, from: party("The Densham Surgery", lines), to: party("Lower Clapton General Practice And Health Centre", lines), printedOn: "22 Nov 2026" };
}

describe("label layout", () => {
  for (const [format, w, h] of [["A4 sheet label", 99.1 * MM, 93.1 * MM], ["thermal label", 100 * MM, 150 * MM]] as const) {
    for (const urgent of [false, true]) {
      for (const lines of [1, 4]) {
        it(`${format}${urgent ? ", urgent" : ""}, ${lines} address line(s): quiet zone round the bars, all inside the label`, () => {
          const doc = new PDFDocument({ size: [w + 20, h + 20], margin: 0 });
          const g = drawLabel(doc, label(urgent, lines), 10, 10, w, h);
          doc.end();
          const quiet = CODE128_QUIET_MODULES * g.moduleWidth;
          // Clear space under the bars before the human-readable text: at least the symbology's quiet zone.
          expect(g.humanReadable.y - (g.bars.y + g.bars.height)).toBeGreaterThanOrEqual(quiet - 1e-6);
          // Left and right quiet zones, inside the label.
          expect(g.bars.x - g.label.x).toBeGreaterThanOrEqual(quiet);
          expect(g.label.x + g.label.width - (g.bars.x + g.bars.width)).toBeGreaterThanOrEqual(quiet);
          // Bars tall enough to scan (10 mm at the least) and a module wide enough to print (0.25 mm).
          expect(g.bars.height).toBeGreaterThanOrEqual(10 * MM * Math.min(h / (93 * MM), w / (99 * MM)) - 1e-6);
          expect(g.moduleWidth).toBeGreaterThanOrEqual(0.25 * MM);
          expect(g.bottom).toBeLessThanOrEqual(g.label.y + g.label.height + 1e-6);
        });
      }
    }
  }

  it("renders both formats as PDFs", async () => {
    for (const format of ["a4", "thermal"] as const) expect((await renderLabelsPdf([label(true, 2), label(false, 2)], format)).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
