// The repository's own reference data (data/, see data/README.md): nothing outside the clone is read.
// Larger files are stored gzip-compressed; `readReferenceFile("ods/epraccur.csv")` reads the file or its `.gz`.
// No server-only import: scripts, tests and benchmarks read these too.
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** `<repository>/data`, found from this file so it works from any working directory. */
export const REFERENCE_DATA_DIR = path.resolve(import.meta.dirname, "..", "..", "data");

/** The text of a reference file, relative to data/ (or to `dir`), transparently decompressing a `.gz` copy. */
export function readReferenceFile(relative: string, dir = REFERENCE_DATA_DIR): string {
  const plain = path.join(dir, relative);
  if (fs.existsSync(plain)) return fs.readFileSync(plain, "utf8");
  const zipped = `${plain}.gz`;
  if (fs.existsSync(zipped)) return gunzipSync(fs.readFileSync(zipped)).toString("utf8");
  throw new Error(`Reference file ${relative} is missing from ${dir} (neither ${relative} nor ${relative}.gz): is the clone complete?`);
}

export type BankHolidayDivision = "england-and-wales" | "scotland" | "northern-ireland";
export const BANK_HOLIDAY_DIVISIONS: readonly BankHolidayDivision[] = ["england-and-wales", "scotland", "northern-ireland"];

export type BankHolidayFile = Record<BankHolidayDivision, { division: string; events: { title: string; date: string; notes: string; bunting: boolean }[] }>;

export function readBankHolidayFile(dir = REFERENCE_DATA_DIR): BankHolidayFile {
  return JSON.parse(readReferenceFile("calendar/bank-holidays.json", dir)) as BankHolidayFile;
}

/** The bank holiday dates of one division, as `YYYY-MM-DD` strings (for tests and benchmarks). */
export function bankHolidayDates(division: BankHolidayDivision = "england-and-wales", dir = REFERENCE_DATA_DIR): Set<string> {
  return new Set(readBankHolidayFile(dir)[division].events.map((e) => e.date));
}
