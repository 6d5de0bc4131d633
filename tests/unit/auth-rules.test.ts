import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, permissionsOf } from "@/lib/auth/permissions";
import { ROLES, ROLE_AUDIENCE, homeFor } from "@/lib/auth/roles";
import { cis2ClaimsSchema, mapCis2Claims, parseRoleMap } from "@/lib/auth/cis2";
import { movementScopeWhere, dashboardScopeWhere } from "@/lib/auth/scope";
import type { Actor } from "@/lib/auth/actor";

const actor = (role: Actor["role"], extra: Partial<Actor> = {}): Actor => ({
  id: "u",
  email: "e",
  name: "n",
  role,
  organisationId: "o1",
  organisationName: "Org",
  organisationOdsCode: "A00001",
  organisationKind: "GP_PRACTICE",
  scopeOrganisationIds: ["o1", "o2"],
  regionCode: null,
  ...extra,
});

describe("permissions", () => {
  it("every permission names real roles and every role has a home", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
    for (const r of ROLES) expect(homeFor(r)).toMatch(/^\//);
  });
  it("commissioners and administrators never read movements", () => {
    for (const r of ["COMMISSIONER", "ADMINISTRATOR"] as const) {
      expect(can(r, "movement:read:own")).toBe(false);
      expect(can(r, "movement:read:any")).toBe(false);
      expect(permissionsOf(r)).not.toContain("movement:create");
    }
    expect(ROLE_AUDIENCE.COMMISSIONER).toBe("nhse");
  });
});

describe("scope", () => {
  it("practice users see only their tree; PCSE all; others nothing", () => {
    expect(movementScopeWhere(actor("PRACTICE_STAFF"))).toEqual({ OR: [{ fromOrganisationId: { in: ["o1", "o2"] } }, { toOrganisationId: { in: ["o1", "o2"] } }] });
    expect(movementScopeWhere(actor("PRACTICE_STAFF", { scopeOrganisationIds: [] }))).toEqual({ id: { in: [] } });
    expect(movementScopeWhere(actor("PCSE_CASEWORKER"))).toEqual({});
    expect(movementScopeWhere(actor("COMMISSIONER"))).toEqual({ id: { in: [] } });
    expect(movementScopeWhere(actor("ADMINISTRATOR"))).toEqual({ id: { in: [] } });
    expect(dashboardScopeWhere(actor("COMMISSIONER", { regionCode: "Y63" }))).toEqual({ regionCode: "Y63" });
    expect(dashboardScopeWhere(actor("COMMISSIONER"))).toEqual({});
    expect(dashboardScopeWhere(actor("PRACTICE_MANAGER"))).toEqual({ id: { in: [] } });
  });
});

describe("CIS2 claims mapping", () => {
  const roleMap = parseRoleMap(JSON.stringify({ R8000: "PRACTICE_STAFF", R8003: "PRACTICE_MANAGER", R9001: "COMMISSIONER" }));
  const claims = (roles: { org_code: string; role_code?: string }[]) => cis2ClaimsSchema.parse({ sub: "123456789012", name: "Test User", nhsid_nrbac_roles: roles });

  it("maps a known job role at a known organisation", () => {
    expect(mapCis2Claims(claims([{ org_code: "a81001", role_code: "S8000:G8000:R8003" }]), roleMap, new Set(["A81001"]))).toEqual({ ok: true, role: "PRACTICE_MANAGER", odsCode: "A81001" });
  });
  it("skips unmapped roles and unknown organisations, refusing when nothing fits", () => {
    expect(mapCis2Claims(claims([{ org_code: "A81001", role_code: "S1:G1:R1234" }, { org_code: "ZZZ999", role_code: "S:G:R8000" }, { org_code: "F84003", role_code: "S:G:R8000" }]), roleMap, new Set(["A81001", "F84003"]))).toEqual({ ok: true, role: "PRACTICE_STAFF", odsCode: "F84003" });
    expect(mapCis2Claims(claims([{ org_code: "A81001", role_code: "S:G:R1" }]), roleMap, new Set(["A81001"])).ok).toBe(false);
    expect(mapCis2Claims(claims([]), roleMap, new Set(["A81001"])).ok).toBe(false);
  });
  it("rejects a role map naming a role the portal does not have", () => {
    expect(() => parseRoleMap(JSON.stringify({ R1: "SUPERUSER" }))).toThrow(/not a portal role/);
    expect(parseRoleMap(undefined)).toEqual({});
  });
});
