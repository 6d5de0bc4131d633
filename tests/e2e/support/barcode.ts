// Reads a barcode back from a label PDF the way a scanner would see the printed page: the PDF is rasterised
// by poppler's pdftoppm (Debian poppler-utils) and the image decoded by ZXing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
// @zxing/library is CommonJS: take its exports from the default import.
import zxing from "@zxing/library";

const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } = zxing;
export { BarcodeFormat };
type Format = (typeof BarcodeFormat)[keyof typeof BarcodeFormat];

export function decodeFirstPageBarcodes(pdf: Buffer, formats: Format[] = [BarcodeFormat.CODE_128]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "label-"));
  try {
    fs.writeFileSync(path.join(dir, "label.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", "200", "-gray", "-png", "-f", "1", "-l", "1", path.join(dir, "label.pdf"), path.join(dir, "page")]);
    const file = fs.readdirSync(dir).find((f) => f.startsWith("page") && f.endsWith(".png"))!;
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, file)));
    const luminance = new Uint8ClampedArray(png.width * png.height);
    for (let i = 0; i < luminance.length; i++) luminance[i] = png.data[i * 4];
    const hints = new Map<zxing.DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, formats],
      [DecodeHintType.TRY_HARDER, true],
    ]);
    const reader = new MultiFormatReader();
    reader.setHints(hints);
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, png.width, png.height)));
    return reader.decode(bitmap).getText();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
