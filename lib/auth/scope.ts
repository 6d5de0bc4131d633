// Scope goes inside the Prisma `where`, built here and only here, so a forgotten check returns nothing
// rather than everything (pattern from Documenso's getDocumentWhereInput).
import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

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
