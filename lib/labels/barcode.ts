// Barcode text and encoding. The text is `<movement reference>-<bag number><version letter>`, e.g.
// RM-7Q4K-2M9D-1A for bag 1's first label and RM-7Q4K-2M9D-1B for its first reissue: readable over the
// phone and typeable when a scanner fails. Encoding is bwip-js's (Code 128 and DataMatrix); the PDF draws
// the bars and modules bwip-js computes as vectors (fast, and sharp on any printer).
import bwipjs from "bwip-js/node";

export function labelBarcode(reference: string, bagNumber: number, version: number): string {
  if (version < 1 || version > 26) throw new RangeError("A bag can have at most 26 label versions");
  return `${reference}-${bagNumber}${String.fromCharCode(64 + version)}`;
}

export const BARCODE_PATTERN = /^RM-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-\d{1,2}[A-Z]$/;

/** What a keyboard-wedge scanner or a person typed: upper-cased and trimmed. */
export function normaliseBarcode(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, "");
}

/** Code 128 as bar/space widths in modules, starting with a bar. */
export function code128Modules(text: string): number[] {
  const [symbol] = bwipjs.raw("code128", text, {}) as { sbs: number[] }[];
  return symbol.sbs;
}

/** DataMatrix as a square of dark (1) and light (0) modules, row by row. */
export function dataMatrixModules(text: string): { size: number; width: number; pixels: number[] } {
  const [symbol] = bwipjs.raw("datamatrix", text, {}) as { pixs: number[]; pixx: number; pixy: number }[];
  return { size: symbol.pixy, width: symbol.pixx, pixels: symbol.pixs };
}
