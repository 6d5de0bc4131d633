// The one role-to-permission table. Every action, route handler and data-access function asks `can()`
// (through requirePermission) before doing anything; the route-group layouts are convenience only.
import type { Role } from "@/lib/db/generated/enums";

export const PERMISSIONS = {
  /** Create a record movement from the user's practice (or one of its branch surgeries). */
  "movement:create": ["PRACTICE_STAFF", "PRACTICE_MANAGER"],
  /** List and open movements where the user's practice tree is sender or receiver. */
  "movement:read:own": ["PRACTICE_STAFF", "PRACTICE_MANAGER"],
  /** Find and open any movement, with patient identifiers (every access audited). */
  "movement:read:any": ["PCSE_CASEWORKER", "PCSE_SUPERVISOR"],
  /** Look organisations up by ODS code, name or postcode (no patient data). */
  "organisation:search": ["PRACTICE_STAFF", "PRACTICE_MANAGER", "PCSE_CASEWORKER", "PCSE_SUPERVISOR", "COMMISSIONER", "ADMINISTRATOR"],
  /** Aggregated service performance, never patient identifiers (a regional commissioner: own region only). */
  "dashboard:read": ["COMMISSIONER"],
  /** The audit trail. */
  "audit:read": ["ADMINISTRATOR"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
