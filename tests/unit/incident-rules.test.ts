// The incident's pure rules: a row of the import file, the harm review, sign-off, payment and delay.
import { describe, expect, it } from "vitest";
import { checkImportRow } from "@/lib/incidents/schemas";
import { reviewProblems, signOffProblems, delayText, daysBetween } from "@/lib/incidents/rules";
import { describeScheme, paymentFor, SBS_BANDS } from "@/lib/incidents/payment";

const TODAY = "2026-11-23";

describe("a row of the import file", () => {
  it("accepts a good row, normalising what people type", () => {
    const { row, problems } = checkImportRow({ nhs_number: "943 476 5919", practice_ods_code: "a81001", held_from: "2025-01-01", released_on: "2026-01-01", movement_reference: "rm 7q4k 2m9d", priority: "HIGH" }, TODAY);
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ nhsNumber: "9434765919", practiceOdsCode: "A81001", movementReference: "RM-7Q4K-2M9D", priority: "HIGH", releasedOn: "2026-01-01" });
  });

  it("names every problem of a bad row", () => {
    const { problems } = checkImportRow({ nhs_number: "9434765918", practice_ods_code: "A8 1001", held_from: "2027-01-01", released_on: "2026-02-30", movement_reference: "XX-1", priority: "urgent", date_of_birth: "1990-13-01" }, TODAY);
    expect(problems).toEqual([
      "NHS number fails the check digit test",
      "practice ODS code is not a code, like A81001",
      "held from is in the future",
      "released on is not a real date (YYYY-MM-DD)",
      "movement reference is not a reference, like RM-7Q4K-2M9D",
      "priority must be high or low",
      "date of birth is not a real past date (YYYY-MM-DD)",
    ]);
    expect(checkImportRow({}, TODAY).problems).toEqual(["NHS number missing", "practice ODS code missing", "held from date missing", "priority missing"]);
    expect(checkImportRow({ nhs_number: "9434765919", practice_ods_code: "A81001", held_from: "2025-06-01", released_on: "2025-01-01", priority: "low" }, TODAY).problems).toEqual(["released on is before held from"]);
  });
});

describe("the harm review", () => {
  const ok = { outcome: "NO_HARM" as const, harmLevel: null, patientInformed: false, patientInformedOn: null, reviewerRole: "PRACTICE_MANAGER" as const, minutesSpent: 10 };
  it("lets anyone record no harm, only a clinician anything else", () => {
    expect(reviewProblems(ok, TODAY, "2025-01-01")).toEqual({});
    expect(reviewProblems({ ...ok, outcome: "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW" }, TODAY, "2025-01-01").reviewerRole).toContain("Only a clinician");
    expect(reviewProblems({ ...ok, outcome: "HARM_IDENTIFIED", harmLevel: "SEVERE", reviewerRole: "NURSE" }, TODAY, "2025-01-01")).toEqual({});
  });
  it("needs a level with harm, none without, and a sensible date when told", () => {
    expect(reviewProblems({ ...ok, outcome: "HARM_IDENTIFIED", reviewerRole: "GP" }, TODAY, "2025-01-01").harmLevel).toBe("Select the level of harm");
    expect(reviewProblems({ ...ok, harmLevel: "LOW" }, TODAY, "2025-01-01").harmLevel).toContain("only recorded when harm");
    expect(reviewProblems({ ...ok, patientInformed: true }, TODAY, "2025-01-01").patientInformedOn).toBe("Enter the date the patient was told");
    expect(reviewProblems({ ...ok, patientInformed: true, patientInformedOn: "2024-12-31" }, TODAY, "2025-01-01").patientInformedOn).toContain("before the record was held");
    expect(reviewProblems({ ...ok, minutesSpent: 601 }, TODAY, "2025-01-01").minutesSpent).toBeDefined();
  });
  it("signs off only when everyone is reviewed, concluded, and told where candour applies", () => {
    expect(signOffProblems([{ outcome: "NO_HARM", harmLevel: null, patientInformed: false }])).toEqual([]);
    expect(signOffProblems([{ outcome: "HARM_IDENTIFIED", harmLevel: "LOW", patientInformed: false }])).toEqual([]);
    expect(signOffProblems([{ outcome: "HARM_IDENTIFIED", harmLevel: "DEATH", patientInformed: false }])[0]).toContain("duty of candour");
    expect(signOffProblems([{ outcome: null, harmLevel: null, patientInformed: false }, { outcome: "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW", harmLevel: null, patientInformed: false }])).toEqual(["1 patient has not been reviewed", "1 patient is waiting for a clinical review of potential harm"]);
    expect(signOffProblems([])).toEqual(["The practice has no patients in this incident"]);
  });
});

describe("payment and delay", () => {
  it("pays each scheme", () => {
    expect(paymentFor("NONE", {}, 10)).toBe(0);
    expect(paymentFor("FLAT_PER_PRACTICE", { flatPence: 7_500 }, 1)).toBe(7_500);
    expect(paymentFor("PER_ITEM", { perItemPence: 1_250 }, 4)).toBe(5_000);
    expect(paymentFor("BANDED", { bands: { ...SBS_BANDS } }, 70)).toBe(20_000);
    expect(describeScheme("BANDED", {})).toBe("£50 for fewer than 20 patients, £100 for 20 to 50, plus £50 for each further 10 (or part of 10)");
  });
  it("says how long a record was held", () => {
    expect(daysBetween("2025-01-01", "2025-03-01")).toBe(59);
    expect(delayText(1)).toBe("1 day");
    expect(delayText(365)).toBe("12 months");
    expect(delayText(1100)).toBe("3.0 years");
  });
});
