import { describe, expect, it } from "vitest";
import { PRACTICE_PURPOSES, PURPOSE_GROUPS, accountableRegion, effectivePriority, findPurpose, purposeOf, receiverProblem } from "@/lib/movements/rules";
import { generateReference, normaliseReference, REFERENCE_PATTERN } from "@/lib/movements/reference";
import { DEFAULT_POLICY_RULES, crossBorderCountryOf, movementTargets } from "@/lib/service-levels/policy";
import { parseSendRecord } from "@/lib/movements/schemas";

const practice = { kind: "GP_PRACTICE" as const, country: "ENGLAND" as const, closed: false, sameTree: false };

describe("movement rules", () => {
  it("every purpose has a distinct form value", () => {
    expect(new Set(PRACTICE_PURPOSES.map((p) => p.value)).size).toBe(PRACTICE_PURPOSES.length);
  });

  it("re-registration goes to a practice in England only", () => {
    const p = findPurpose("PRACTICE_TO_PRACTICE/RE_REGISTRATION")!;
    expect(receiverProblem(p, practice)).toBeNull();
    expect(receiverProblem(p, { ...practice, country: "WALES" })).toMatch(/outside England/);
    expect(receiverProblem(p, { ...practice, kind: "PCSE_STORE" })).toMatch(/records store/);
    expect(receiverProblem(p, { ...practice, closed: true })).toMatch(/closed/);
    expect(receiverProblem(p, { ...practice, sameTree: true })).toMatch(/your own practice/);
  });

  it("deceased goes to the store; cross-border to Wales or an agency", () => {
    expect(receiverProblem(findPurpose("PRACTICE_TO_STORE/DECEASED")!, { ...practice, kind: "PCSE_STORE" })).toBeNull();
    expect(receiverProblem(findPurpose("PRACTICE_TO_STORE/DECEASED")!, practice)).not.toBeNull();
    const cross = findPurpose("PRACTICE_TO_CROSS_BORDER/CROSS_BORDER_REGISTRATION")!;
    expect(receiverProblem(cross, { ...practice, country: "WALES" })).toBeNull();
    expect(receiverProblem(cross, { ...practice, kind: "CROSS_BORDER_AGENCY", country: "SCOTLAND" })).toBeNull();
    expect(receiverProblem(cross, practice)).toMatch(/in England/);
  });

  it("the send form offers no urgent request (the receiver asks for one) and groups its reasons by where the record goes", () => {
    expect(PRACTICE_PURPOSES.some((p) => p.type === "URGENT_REQUEST")).toBe(false);
    expect(findPurpose("URGENT_REQUEST/CORONER")).toBeUndefined();
    expect(parseSendRecord({ purpose: "URGENT_REQUEST/CLINICAL_NEED" })).toMatchObject({ ok: false, fieldErrors: { purpose: ["Select why the record is moving"] } });
    expect(PURPOSE_GROUPS.map((g) => g.heading)).toEqual(["To the patient's new GP practice in England", "To Wales, Scotland or Northern Ireland", "To the PCSE records store", "After a record you have already sent"]);
    // Each group's purposes all go to the same kind of place.
    for (const g of PURPOSE_GROUPS) expect(new Set(g.purposes.map((p) => p.type)).size).toBe(1);
  });

  it("urgent requests are always urgent", () => {
    expect(effectivePriority(purposeOf("URGENT_REQUEST", "CORONER")!, "ROUTINE")).toBe("URGENT");
    expect(effectivePriority(findPurpose("PRACTICE_TO_PRACTICE/RE_REGISTRATION")!, "ROUTINE")).toBe("ROUTINE");
  });

  it("the accountable region is the receiving practice's, else the sender's", () => {
    expect(accountableRegion({ regionCode: "Y63", country: "ENGLAND" }, { regionCode: "Y56", country: "ENGLAND", kind: "GP_PRACTICE" })).toBe("Y56");
    expect(accountableRegion({ regionCode: "Y63", country: "ENGLAND" }, { regionCode: null, country: "ENGLAND", kind: "PCSE_STORE" })).toBe("Y63");
    expect(accountableRegion({ regionCode: "Y63", country: "ENGLAND" }, { regionCode: null, country: "WALES", kind: "GP_PRACTICE" })).toBe("Y63");
    expect(accountableRegion({ regionCode: null, country: "WALES" }, { regionCode: null, country: "WALES", kind: "GP_PRACTICE" })).toBeNull();
  });

  it("targets come from the policy by type and priority; a routine cross-border movement takes its nation's", () => {
    expect(movementTargets(DEFAULT_POLICY_RULES, "PRACTICE_TO_PRACTICE", "ROUTINE", null)).toEqual({ release: 10, collection: 5, delivery: 12, receipt: 5, endToEnd: 40 });
    expect(movementTargets(DEFAULT_POLICY_RULES, "PRACTICE_TO_PRACTICE", "URGENT", null).endToEnd).toBe(8);
    expect(crossBorderCountryOf("PRACTICE_TO_CROSS_BORDER", "ENGLAND", "SCOTLAND")).toBe("SCOTLAND");
    expect(crossBorderCountryOf("CROSS_BORDER_TO_PRACTICE", "WALES", "ENGLAND")).toBe("WALES");
    expect(crossBorderCountryOf("PRACTICE_TO_PRACTICE", "ENGLAND", "ENGLAND")).toBeNull();
    expect(movementTargets(DEFAULT_POLICY_RULES, "PRACTICE_TO_CROSS_BORDER", "ROUTINE", "SCOTLAND")).toMatchObject({ release: 10, delivery: 15, endToEnd: 30 });
    expect(movementTargets(DEFAULT_POLICY_RULES, "PRACTICE_TO_CROSS_BORDER", "URGENT", "SCOTLAND").endToEnd).toBe(11);
  });
});

describe("references", () => {
  it("generates readable unique references", () => {
    const refs = new Set(Array.from({ length: 5000 }, () => generateReference()));
    expect(refs.size).toBe(5000);
    for (const r of refs) expect(r).toMatch(REFERENCE_PATTERN);
  });
  it("normalises what people type", () => {
    expect(normaliseReference("rm-7q4k-2m9d")).toBe("RM-7Q4K-2M9D");
    expect(normaliseReference("7Q4K2M9D")).toBe("RM-7Q4K-2M9D");
    expect(normaliseReference("RM-7Q4K-2M9")).toBeNull();
    expect(normaliseReference("RM-0Q4K-2M9D")).toBeNull(); // 0 is not in the alphabet
  });
});

describe("send-a-record input", () => {
  const good = {
    nhsNumber: "943 476 5919",
    givenName: "Ada",
    familyName: "Lovelace",
    dobDay: "10",
    dobMonth: "12",
    dobYear: "1985",
    purpose: "PRACTICE_TO_PRACTICE/RE_REGISTRATION",
    fromOrganisationId: "7f1c1f7e-8a3c-4d1e-9a55-0b7e4c1d2a3b",
    destinationOdsCode: "f84003",
    priority: "ROUTINE",
    bagCount: "1",
    notes: "",
  };
  it("accepts a good form and normalises it", () => {
    const r = parseSendRecord(good);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.nhsNumber).toBe("9434765919");
      expect(r.data.destinationOdsCode).toBe("F84003");
      expect(r.data.dateOfBirth).toBe("1985-12-10");
      expect(r.data.notes).toBeNull();
    }
  });
  it("reports every bad field at once, in words", () => {
    const r = parseSendRecord({ ...good, nhsNumber: "9434765918", givenName: "<b>Ada</b>", dobDay: "31", dobMonth: "2", bagCount: "0", notes: "x".repeat(501), purpose: "NOPE", priority: "SOON" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors.nhsNumber[0]).toMatch(/check digit/);
      expect(r.fieldErrors.givenName[0]).toMatch(/< or >/);
      expect(r.fieldErrors.dateOfBirth[0]).toMatch(/real date/);
      expect(r.fieldErrors.bagCount[0]).toMatch(/1 or more/);
      expect(r.fieldErrors.notes[0]).toMatch(/500 characters/);
      expect(r.fieldErrors.purpose[0]).toMatch(/Select why/);
      expect(r.fieldErrors.priority[0]).toMatch(/priority/);
    }
  });
  it("wrong types get messages, not crashes", () => {
    const r = parseSendRecord({ ...good, nhsNumber: 9434765919, bagCount: { n: 1 }, dobYear: ["1985"], givenName: null });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors.nhsNumber[0]).toMatch(/NHS number/);
      expect(r.fieldErrors.bagCount[0]).toMatch(/number/);
      expect(r.fieldErrors.dateOfBirth[0]).toMatch(/year/);
      expect(r.fieldErrors.givenName[0]).toMatch(/given name/);
    }
  });
  it("refuses future and implausible dates of birth", () => {
    const future = parseSendRecord({ ...good, dobYear: String(new Date().getFullYear() + 1) });
    expect(future.ok).toBe(false);
    const old = parseSendRecord({ ...good, dobYear: "1700" });
    expect(old.ok).toBe(false);
  });
});

describe("label barcodes", async () => {
  const { labelBarcode, BARCODE_PATTERN, normaliseBarcode, code128Modules, dataMatrixModules } = await import("@/lib/labels/barcode");
  it("encode reference, bag and version", () => {
    expect(labelBarcode("RM-7Q4K-2M9D", 1, 1)).toBe("RM-7Q4K-2M9D-1A");
    expect(labelBarcode("RM-7Q4K-2M9D", 12, 3)).toBe("RM-7Q4K-2M9D-12C");
    expect(BARCODE_PATTERN.test("RM-7Q4K-2M9D-12C")).toBe(true);
    expect(() => labelBarcode("RM-7Q4K-2M9D", 1, 27)).toThrow(RangeError);
    expect(normaliseBarcode(" rm-7q4k-2m9d-1a\n")).toBe("RM-7Q4K-2M9D-1A");
  });
  it("are encoded by bwip-js as Code 128 and DataMatrix", () => {
    const bars = code128Modules("RM-7Q4K-2M9D-1A");
    // Start code B (11 modules) .. stop (13): every symbol is a whole number of 11-module characters plus 2.
    expect((bars.reduce((a, b) => a + b, 0) - 2) % 11).toBe(0);
    const dm = dataMatrixModules("RM-7Q4K-2M9D-1A");
    expect(dm.pixels).toHaveLength(dm.size * dm.width);
  });
});
