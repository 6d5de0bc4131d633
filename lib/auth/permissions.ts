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
  /** Print, void and reissue courier labels for movements the user's practice sends (PCSE: any movement). */
  "label:print": ["PRACTICE_STAFF", "PRACTICE_MANAGER", "PCSE_CASEWORKER", "PCSE_SUPERVISOR"],
  /** Mark records ready for collection and book collections at the practice's own sites. */
  "collection:manage": ["PRACTICE_STAFF", "PRACTICE_MANAGER"],
  /** Correct or cancel a movement sent to the wrong place, or mark it "no paper record" or "held at the practice"
   * (the lifecycle says which of these the sender and PCSE may do, and in which statuses). */
  "movement:amend": ["PRACTICE_STAFF", "PRACTICE_MANAGER", "PCSE_CASEWORKER", "PCSE_SUPERVISOR"],
  /** Confirm receipt of records addressed to the user's practice, and report problems with them. */
  "movement:receive": ["PRACTICE_STAFF", "PRACTICE_MANAGER"],
  /** The national collection backlog and the queue of movements needing attention. */
  "operations:read": ["PCSE_CASEWORKER", "PCSE_SUPERVISOR"],
  /** Look organisations up by ODS code, name or postcode (no patient data). */
  "organisation:search": ["PRACTICE_STAFF", "PRACTICE_MANAGER", "PCSE_CASEWORKER", "PCSE_SUPERVISOR", "COMMISSIONER", "ADMINISTRATOR"],
  /** Aggregated service performance, never patient identifiers (a regional commissioner: own region only). */
  "dashboard:read": ["COMMISSIONER"],
  /** The audit trail. */
  "audit:read": ["ADMINISTRATOR"],
  /** Read the service-level policy and its history (targets and rules, no patient data). */
  "policy:read": ["ADMINISTRATOR", "PCSE_CASEWORKER", "PCSE_SUPERVISOR", "COMMISSIONER"],
  /** Make a new version of the service-level policy. */
  "policy:manage": ["ADMINISTRATOR"],
  /** Add one-off bank holidays to the working-day calendars. */
  "calendar:manage": ["ADMINISTRATOR"],
  /** Raise a case about the practice's own movements or PCSE's other services; see the practice's cases and answer them. */
  "case:raise": ["PRACTICE_STAFF", "PRACTICE_MANAGER"],
  /** Work PCSE's case queue: take, act on and resolve cases (every view of patient details audited). */
  "case:work": ["PCSE_CASEWORKER", "PCSE_SUPERVISOR"],
  /** Assign cases to any caseworker and see the team's workload and service levels. */
  "case:supervise": ["PCSE_SUPERVISOR"],
  /** Request a record urgently from the practice or store that holds it, and answer requests for the practice's records. */
  "urgent:request": ["PRACTICE_STAFF", "PRACTICE_MANAGER"],
  /** Read the local email outbox (messages kept when no GOV.UK Notify key is configured). */
  "notification:read": ["ADMINISTRATOR"],
  /** See the scheduled jobs and their runs, and run one now. */
  "jobs:manage": ["ADMINISTRATOR"],
  /** List users; create PCSE and commissioner accounts; disable, enable, change role or organisation. */
  "users:manage": ["ADMINISTRATOR"],
  /** Organisations: see their sites and users, add or correct branch surgeries, mark one closed, the ODS import. */
  "organisations:manage": ["ADMINISTRATOR"],
  /** See incidents and their progress by region, ICB and practice, with the affected patients (every view audited). */
  "incident:read:any": ["PCSE_CASEWORKER", "PCSE_SUPERVISOR"],
  /** Create incidents, import their affected patients and chase practices. */
  "incident:manage": ["PCSE_SUPERVISOR"],
  /** See the practice's patients affected by an incident and record a harm review for each. */
  "incident:review": ["PRACTICE_STAFF", "PRACTICE_MANAGER"],
  /** Sign the practice's return for an incident (which releases its payment). */
  "incident:sign": ["PRACTICE_MANAGER"],
  /** Log the time the records service costs the practice: one's own entries, and one's own suggestions to accept or dismiss. */
  "workload:log": ["PRACTICE_STAFF", "PRACTICE_MANAGER"],
  /** The practice's whole workload log, its rates, the manager's view, evidence packs and claims to NHS England. */
  "workload:manage": ["PRACTICE_MANAGER"],
  /** The workload tasks and their default minutes (with the basis of each default). */
  "workload:tasks": ["ADMINISTRATOR"],
  /** Review and decide practices' compensation claims (a regional commissioner: their region's only). */
  "claim:decide": ["COMMISSIONER"],
  /** Open a claim and its signed evidence pack: the practice manager their practice's, a commissioner their region's. */
  "claim:read": ["PRACTICE_MANAGER", "COMMISSIONER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
