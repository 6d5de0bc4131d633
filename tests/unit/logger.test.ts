import { describe, expect, it } from "vitest";
import { scrub } from "@/lib/logging/logger";

describe("log scrubbing", () => {
  it("redacts patient fields by name and NHS numbers anywhere", () => {
    const out = scrub({
      nhsNumber: "9434765919",
      familyName: "Lovelace",
      nested: { message: "failed for 943 476 5919", list: ["9434765919"] },
      err: new Error("duplicate key (nhsNumber)=(9434765919)"),
    }) as Record<string, unknown>;
    const text = JSON.stringify(out);
    expect(text).not.toContain("9434765919");
    expect(text).not.toContain("943 476 5919");
    expect(text).not.toContain("Lovelace");
    expect(out.nhsNumber).toBe("[redacted]");
  });
});
