import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatNhsNumber, isValidNhsNumber, nhsNumberCheckDigit, normaliseNhsNumber, redactNhsNumbers, testNhsNumbers } from "@/lib/nhs/nhs-number";

describe("NHS number", () => {
  it("accepts the NHS Data Dictionary example and rejects a changed digit", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("943 476 5919")).toBe(true);
    expect(isValidNhsNumber("943-476-5919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
  });

  it("rejects numbers whose check digit would be 10, and wrong lengths or characters", () => {
    // 999000001x: sum = 9*10+9*9+9*8+1*2 = 245, 245 mod 11 = 3, check = 8
    expect(nhsNumberCheckDigit("999000001")).toBe(8);
    // Find a first-nine whose check is 10 and prove no tenth digit makes it valid.
    const tenCase = Array.from({ length: 200 }, (_, i) => `999000${String(i).padStart(3, "0")}`).find((n) => nhsNumberCheckDigit(n) === null)!;
    expect(tenCase).toBeDefined();
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(tenCase + d)).toBe(false);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659190")).toBe(false);
    expect(isValidNhsNumber("94347659l9")).toBe(false);
    expect(isValidNhsNumber("")).toBe(false);
  });

  it("maps a check of 11 to 0", () => {
    const zero = Array.from({ length: 500 }, (_, i) => `999${String(i).padStart(6, "0")}`).find((n) => nhsNumberCheckDigit(n) === 0)!;
    expect(isValidNhsNumber(`${zero}0`)).toBe(true);
  });

  it("formats 3-3-4 and normalises what people type", () => {
    expect(formatNhsNumber("9434765919")).toBe("943 476 5919");
    expect(normaliseNhsNumber(" 943 476-5919 ")).toBe("9434765919");
    expect(formatNhsNumber("abc")).toBe("abc");
  });

  it("test numbers are all valid and in the 999 range", () => {
    const gen = testNhsNumbers();
    const first = Array.from({ length: 1000 }, () => gen.next().value as string);
    expect(new Set(first).size).toBe(1000);
    for (const n of first) {
      expect(n.startsWith("999")).toBe(true);
      expect(isValidNhsNumber(n)).toBe(true);
    }
  });

  it("any single-digit change to a valid number is detected (property)", () => {
    const gen = testNhsNumbers();
    const valid = Array.from({ length: 300 }, () => gen.next().value as string);
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (n, position, delta) => {
        const digits = n.split("");
        digits[position] = String((Number(digits[position]) + delta) % 10);
        expect(isValidNhsNumber(digits.join(""))).toBe(false);
      }),
    );
  });

  it("redacts NHS-number-shaped digit runs in text", () => {
    expect(redactNhsNumbers("patient 943 476 5919 and 9434765919 or 943-476-5919")).toBe("patient [nhs-number] and [nhs-number] or [nhs-number]");
    expect(redactNhsNumbers("order 12345 and phone 01642 672351")).toBe("order 12345 and phone 01642 672351");
  });
});
