// Scope goes inside the Prisma `where`, built here and only here, so a forgotten check returns nothing
// rather than everything (pattern from Documenso's getDocumentWhereInput).
import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { PCSE_ONLY_CASE_KINDS } from "@/lib/cases/kinds";

/** Matches no row. Used when a role has no access, so a query built on it is safe by construction. */
const NOTHING: Prisma.RecordMovementWhereInput = { id: { in: [] } };

export function movementScopeWhere(actor: Actor): Prisma.RecordMovementWhereInput {
  if (can(actor.role, "movement:read:any")) return {};
  if (can(actor.role, "movement:read:own")) {
    if (actor.scopeOrganisationIds.length === 0) return NOTHING;
    return {
      OR: [
        { fromOrganisationId: { in: actor.scopeOrganisationIds } },
        { toOrganisationId: { in: actor.scopeOrganisationIds } },
      ],
    };
  }
  return NOTHING;
}

/** Aggregates: a regional commissioner sees their region; a national one sees all. */
export function dashboardScopeWhere(actor: Actor): Prisma.RecordMovementWhereInput {
  if (!can(actor.role, "dashboard:read")) return NOTHING;
  return actor.regionCode ? { regionCode: actor.regionCode } : {};
}

/** Movements whose labels the actor may print, void and reissue: the sender's, or any for PCSE. */
export function labelScopeWhere(actor: Actor): Prisma.RecordMovementWhereInput {
  if (!can(actor.role, "label:print")) return NOTHING;
  if (can(actor.role, "movement:read:any")) return {};
  if (actor.scopeOrganisationIds.length === 0) return NOTHING;
  return { fromOrganisationId: { in: actor.scopeOrganisationIds } };
}

/** Movements the actor may confirm as received: those addressed to the actor's practice tree. */
export function receiveScopeWhere(actor: Actor): Prisma.RecordMovementWhereInput {
  if (!can(actor.role, "movement:receive") || actor.scopeOrganisationIds.length === 0) return NOTHING;
  return { toOrganisationId: { in: actor.scopeOrganisationIds } };
}

/** Movements the actor may make ready for collection: sent by the actor's practice tree. */
export function sendScopeWhere(actor: Actor): Prisma.RecordMovementWhereInput {
  if (!can(actor.role, "collection:manage") || actor.scopeOrganisationIds.length === 0) return NOTHING;
  return { fromOrganisationId: { in: actor.scopeOrganisationIds } };
}

/**
 * Cases the actor may see: PCSE all; a practice the cases it raised, cases on movements its practice tree sends or
 * receives, and cases that set it a task, never a kind that is PCSE's alone (PCSE_ONLY_CASE_KINDS). Anything else
 * is not found.
 */
export function caseScopeWhere(actor: Actor): Prisma.CaseWhereInput {
  if (can(actor.role, "case:work")) return {};
  if (!can(actor.role, "case:raise") || actor.scopeOrganisationIds.length === 0) return { id: { in: [] } };
  const tree = { in: actor.scopeOrganisationIds };
  return {
    kind: { notIn: [...PCSE_ONLY_CASE_KINDS] },
    OR: [
      { raisedByOrganisationId: tree },
      { movements: { some: { movement: { OR: [{ fromOrganisationId: tree }, { toOrganisationId: tree }] } } } },
      { tasks: { some: { organisationId: tree } } },
      { urgentRequest: { OR: [{ requestingOrganisationId: tree }, { holderOrganisationId: tree }] } },
    ],
  };
}

/** Urgent requests the actor may see: those its practice tree made or holds the record for. */
export function urgentRequestScopeWhere(actor: Actor): Prisma.UrgentRequestWhereInput {
  if (can(actor.role, "case:work")) return {};
  if (!can(actor.role, "urgent:request") || actor.scopeOrganisationIds.length === 0) return { id: { in: [] } };
  const tree = { in: actor.scopeOrganisationIds };
  return { OR: [{ requestingOrganisationId: tree }, { holderOrganisationId: tree }] };
}

/**
 * Workload entries the actor may see: a practice manager the whole practice's (branch surgeries' included), other
 * practice staff only the entries they made. Anyone else: none.
 */
export function workloadEntryScopeWhere(actor: Actor): Prisma.WorkloadEntryWhereInput {
  if (!can(actor.role, "workload:log") || actor.scopeOrganisationIds.length === 0) return { id: { in: [] } };
  const practice = { organisationId: { in: actor.scopeOrganisationIds } };
  return can(actor.role, "workload:manage") ? practice : { ...practice, createdById: actor.id };
}

/** Claims the actor may see: the practice manager the practice's; a commissioner their region's (national: all). */
export function claimScopeWhere(actor: Actor): Prisma.ClaimWhereInput {
  if (can(actor.role, "claim:decide")) return actor.regionCode ? { regionCode: actor.regionCode } : {};
  if (can(actor.role, "workload:manage") && actor.scopeOrganisationIds.length > 0) return { organisationId: { in: actor.scopeOrganisationIds } };
  return { id: { in: [] } };
}

/**
 * Incident items (affected patients) the actor may see: PCSE all; a practice those of patients now registered with
 * its practice tree. Anything else is not found. Commissioners see counts only, through their own queries.
 */
export function incidentItemScopeWhere(actor: Actor): Prisma.IncidentItemWhereInput {
  if (can(actor.role, "incident:read:any")) return {};
  if (!can(actor.role, "incident:review") || actor.scopeOrganisationIds.length === 0) return { id: { in: [] } };
  return { practiceId: { in: actor.scopeOrganisationIds } };
}
