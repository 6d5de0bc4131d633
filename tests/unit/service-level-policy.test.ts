import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_RULES, diffPolicies, disclose, policyLines, policyRulesSchema } from "@/lib/service-levels/policy";

describe("the service-level policy", () => {
  it("the default version is valid and covers every movement type × priority and every case kind", () => {
    expect(policyRulesSchema.safeParse(DEFAULT_POLICY_RULES).success).toBe(true);
    expect(DEFAULT_POLICY_RULES.movements).toHaveLength(14);
    expect(DEFAULT_POLICY_RULES.kpis.onTimeDeliveryWorkingDays).toBe(12);
    expect(DEFAULT_POLICY_RULES.kpis.onTimeDeliveryTargetPercent).toBe(98.5);
    expect(DEFAULT_POLICY_RULES.missingRecords).toEqual({ searchWorkingDays: 5, lostAfterMonths: 6 });
  });

  it("refuses a policy with a missing or duplicated target, or impossible numbers, with words for the administrator", () => {
    const missing = { ...DEFAULT_POLICY_RULES, movements: DEFAULT_POLICY_RULES.movements.slice(1) };
    const r = policyRulesSchema.safeParse(missing);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join(" ")).toMatch(/Practice to practice, routine: needs exactly one set of targets \(has 0\)/);
    const negative = { ...DEFAULT_POLICY_RULES, movements: DEFAULT_POLICY_RULES.movements.map((m, i) => (i === 0 ? { ...m, delivery: -1 } : m)) };
    expect(policyRulesSchema.safeParse(negative).success).toBe(false);
    const inverted = { ...DEFAULT_POLICY_RULES, cases: DEFAULT_POLICY_RULES.cases.map((c, i) => (i === 0 ? { ...c, firstResponse: 20 } : c)) };
    expect(policyRulesSchema.safeParse(inverted).error!.issues[0].message).toMatch(/first response cannot be due after the resolution/);
  });

  it("describes the difference between two versions in words", () => {
    const next = structuredClone(DEFAULT_POLICY_RULES);
    next.movements[0].delivery = 10;
    next.kpis.onTimeDeliveryTargetPercent = 99;
    const changes = diffPolicies(DEFAULT_POLICY_RULES, next);
    expect(changes).toEqual([
      { label: "Practice to practice, routine: collected to delivered", from: "12 working days", to: "10 working days" },
      { label: "Contract KPI: routine records delivered within", from: "12 working days of collection, target 98.5%", to: "12 working days of collection, target 99%" },
    ]);
    expect(diffPolicies(DEFAULT_POLICY_RULES, DEFAULT_POLICY_RULES)).toEqual([]);
    expect(diffPolicies(null, DEFAULT_POLICY_RULES)).toHaveLength(policyLines(DEFAULT_POLICY_RULES).length);
  });

  it("disclosure control: below national level 1-7 suppressed and the rest rounded to 5; national exact", () => {
    const d = DEFAULT_POLICY_RULES.disclosure;
    expect([0, 1, 7, 8, 12, 13, 1234].map((n) => disclose(n, d, false))).toEqual([0, null, null, 10, 10, 15, 1235]);
    expect(disclose(3, d, true)).toBe(3);
  });
});
