import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/errors";

describe("fieldErrorsOf", () => {
  it("collects each field's messages, the first path segment naming the field", () => {
    const result = z.object({ a: z.string(), b: z.number() }).safeParse({ a: 1, b: "x" });
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(Object.keys(errors).sort()).toEqual(["a", "b"]);
    expect(errors.a).toHaveLength(1);
  });

  // A record schema names fields by the client's keys: the property test over route handlers once sent a query key
  // that an object literal answers from its prototype ("fieldErrors[...].push is not a function", a 500).
  it("keeps keys an object's prototype has (constructor, toString, __proto__) as plain fields", () => {
    const schema = z.record(z.string(), z.string());
    for (const key of ["constructor", "toString", "valueOf", "hasOwnProperty"]) {
      const result = schema.safeParse({ [key]: 1 });
      expect(result.success, key).toBe(false);
      const errors = fieldErrorsOf(result.error!);
      expect(Object.hasOwn(errors, key), key).toBe(true);
      expect(errors[key], key).toHaveLength(1);
    }
    // Zod drops a "__proto__" key itself; an issue naming it still becomes an own field, never the prototype.
    const errors = fieldErrorsOf({ issues: [{ path: ["__proto__"], message: "bad" }] });
    expect(Object.hasOwn(errors, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
  });

  it("merges two issues for one field, and renames", () => {
    const errors = fieldErrorsOf({ issues: [{ path: ["dobDay"], message: "one" }, { path: ["dobYear"], message: "two" }, { path: [], message: "form" }] }, (f) => (f.startsWith("dob") ? "dateOfBirth" : f));
    expect(errors).toEqual({ dateOfBirth: ["one", "two"], form: ["form"] });
  });
});
