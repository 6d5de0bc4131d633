// NHS CIS2 (Care Identity Service 2) claims -> the portal's role and organisation. Pure, unit-tested.
// CIS2 sends `nhsid_nrbac_roles`: one entry per role the smartcard holder has, each with the ODS code of the
// organisation and a role code `Sxxxx:Gxxxx:Rxxxx` (the R code is the national job role). Which national
// job roles mean which portal role is a local decision, so it is configuration (CIS2_ROLE_MAP), never guessed.
import { z } from "zod";
import type { Role } from "@/lib/db/generated/enums";
import { isRole } from "@/lib/auth/roles";

const nrbacRole = z.object({
  org_code: z.string(),
  role_code: z.string().optional(),
  person_roleid: z.string().optional(),
});

export const cis2ClaimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  nhsid_nrbac_roles: z.array(nrbacRole).optional().default([]),
  nhsid_org_memberships: z.array(z.object({ org_code: z.string() }).loose()).optional().default([]),
});

export type Cis2Claims = z.infer<typeof cis2ClaimsSchema>;

/** `{"R8000":"PRACTICE_STAFF","R8003":"PRACTICE_MANAGER",...}` keyed by the R code of the role code. */
export function parseRoleMap(json: string | undefined): Record<string, Role> {
  if (!json) return {};
  const parsed = z.record(z.string(), z.string()).parse(JSON.parse(json));
  const out: Record<string, Role> = {};
  for (const [code, role] of Object.entries(parsed)) {
    if (!isRole(role)) throw new Error(`CIS2_ROLE_MAP: ${role} is not a portal role`);
    out[code] = role;
  }
  return out;
}

export type Cis2Mapping =
  | { ok: true; role: Role; odsCode: string }
  | { ok: false; reason: string };

/**
 * Picks the first CIS2 role whose job-role code is mapped and whose organisation the portal knows.
 * `knownOdsCodes` tells which organisations exist (practices, PCSE sites, NHS England region codes, X24).
 */
export function mapCis2Claims(claims: Cis2Claims, roleMap: Record<string, Role>, knownOdsCodes: ReadonlySet<string>): Cis2Mapping {
  for (const entry of claims.nhsid_nrbac_roles) {
    const jobRole = entry.role_code?.split(":").find((part) => part.startsWith("R"));
    const role = jobRole ? roleMap[jobRole] : undefined;
    if (!role) continue;
    const odsCode = entry.org_code.toUpperCase();
    if (!knownOdsCodes.has(odsCode)) continue;
    return { ok: true, role, odsCode };
  }
  return { ok: false, reason: "No CIS2 role of yours is mapped to a portal role at an organisation the portal knows" };
}
