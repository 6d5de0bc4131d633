// A clone stands alone: nothing outside the repository is read, and every reference file is inside it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEpraccur } from "@/lib/organisations/ods-import";
import { BANK_HOLIDAY_DIVISIONS, REFERENCE_DATA_DIR, readBankHolidayFile, readReferenceFile } from "@/lib/reference/files";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
// Built at run time so this file does not match itself.
const SIBLING = ["..", "shared"].join("/");

/** Every tracked file plus any new, not-ignored file: what a commit would carry. */
function repositoryFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  return out.split("\n").filter(Boolean).filter((f) => fs.existsSync(path.join(ROOT, f)));
}

describe("a clone that stands alone", () => {
  it(`no source, script, config or test refers to ${SIBLING} (documentation may say where data came from)`, () => {
    const offenders = repositoryFiles()
      .filter((f) => !f.endsWith(".md") && !f.endsWith(".gz") && f !== "package-lock.json")
      .filter((f) => fs.readFileSync(path.join(ROOT, f), "utf8").includes(SIBLING));
    expect(offenders).toEqual([]);
  });

  it("carries every reference file the portal, seed, import, benchmarks and tests read, with its README", () => {
    expect(fs.existsSync(path.join(REFERENCE_DATA_DIR, "README.md"))).toBe(true);
    const readme = fs.readFileSync(path.join(REFERENCE_DATA_DIR, "README.md"), "utf8");
    expect(readme).toContain("Open Government Licence");
    const files = [
      "ods/epraccur.csv",
      "ods/eccg.csv",
      "ods/icb_names_codes_dec_2024.csv",
      "volumes/gp2gp_requestor_transfers_2019.csv",
      "volumes/gp2gp_sender_transfers_2019.csv",
      "volumes/gp-reg-pat-prac-all_2022-05.csv",
    ];
    for (const f of files) {
      expect(readme).toContain(path.basename(f));
      expect(readReferenceFile(f).length).toBeGreaterThan(1000);
    }
    const practices = parseEpraccur(readReferenceFile("ods/epraccur.csv"));
    expect(practices.filter((p) => p.active)).toHaveLength(6_651);
  });

  it("has bank holidays for all three UK divisions", () => {
    const file = readBankHolidayFile();
    for (const division of BANK_HOLIDAY_DIVISIONS) expect(file[division].events.length).toBeGreaterThan(30);
    // St Andrew's Day is Scotland's alone; the Battle of the Boyne Northern Ireland's.
    expect(file.scotland.events.some((e) => e.title.includes("Andrew"))).toBe(true);
    expect(file["northern-ireland"].events.some((e) => e.title.includes("Boyne"))).toBe(true);
  });

  it("says so clearly when a reference file is missing", () => {
    expect(() => readReferenceFile("ods/nope.csv")).toThrow(/nope\.csv is missing/);
  });
});
