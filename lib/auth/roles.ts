// Roles and the audiences (route groups) they belong to. Pure: safe to import from client components.
import type { Role } from "@/lib/db/generated/enums";

export type Audience = "practice" | "pcse" | "nhse" | "admin";

export const ROLES: readonly Role[] = [
  "PRACTICE_STAFF",
  "PRACTICE_MANAGER",
  "PCSE_CASEWORKER",
  "PCSE_SUPERVISOR",
  "COMMISSIONER",
  "ADMINISTRATOR",
];

export const ROLE_LABELS: Record<Role, string> = {
  PRACTICE_STAFF: "Practice staff",
  PRACTICE_MANAGER: "Practice manager",
  PCSE_CASEWORKER: "PCSE caseworker",
  PCSE_SUPERVISOR: "PCSE supervisor",
  COMMISSIONER: "Commissioner",
  ADMINISTRATOR: "Administrator",
};

export const ROLE_AUDIENCE: Record<Role, Audience> = {
  PRACTICE_STAFF: "practice",
  PRACTICE_MANAGER: "practice",
  PCSE_CASEWORKER: "pcse",
  PCSE_SUPERVISOR: "pcse",
  COMMISSIONER: "nhse",
  ADMINISTRATOR: "admin",
};

export const AUDIENCE_HOME: Record<Audience, string> = {
  practice: "/practice",
  pcse: "/pcse",
  nhse: "/commissioner",
  admin: "/admin",
};

export function homeFor(role: Role): string {
  return AUDIENCE_HOME[ROLE_AUDIENCE[role]];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
