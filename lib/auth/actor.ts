// The signed-in user as every check sees them, loaded fresh from the database on each request (a disabled
// user or a changed role takes effect at once, whatever the session cookie says).
import type { Db } from "@/lib/db/client";
import type { OrganisationKind, Role } from "@/lib/db/generated/enums";
import { ForbiddenError } from "@/lib/errors";
import { can, type Permission } from "@/lib/auth/permissions";

export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  organisationOdsCode: string | null;
  organisationKind: OrganisationKind | null;
  /** The practice and all its branch surgeries (a branch's staff work for the same practice). */
  scopeOrganisationIds: string[];
  regionCode: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ActorRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  regionCode: string | null;
  organisationId: string | null;
  organisationName: string | null;
  organisationOdsCode: string | null;
  organisationKind: OrganisationKind | null;
  /** The practice (a branch's parent) first, then its branch surgeries; empty without an organisation. */
  scope: string[];
};

/**
 * One statement on every request: the user, their organisation and the practice's branches (each Prisma call costs
 * the server a query compilation, and this runs for every page and action).
 */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  if (!UUID.test(userId)) return null;
  const [user] = await db.$queryRawUnsafe<ActorRow[]>(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u.disabled, u."regionCode",
            o.id AS "organisationId", o.name AS "organisationName", o."odsCode" AS "organisationOdsCode", o.kind::text AS "organisationKind",
            CASE WHEN o.id IS NULL THEN ARRAY[]::uuid[]
                 ELSE ARRAY[main.id] || ARRAY(SELECT b.id FROM "Organisation" b WHERE b."parentId" = main.id) END AS scope
       FROM "User" u
       LEFT JOIN "Organisation" o ON o.id = u."organisationId"
       LEFT JOIN LATERAL (SELECT CASE WHEN o.kind = 'BRANCH_SURGERY' AND o."parentId" IS NOT NULL THEN o."parentId" ELSE o.id END AS id) main ON true
      WHERE u.id = $1::uuid`,
    userId,
  );
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    organisationName: user.organisationName,
    organisationOdsCode: user.organisationOdsCode,
    organisationKind: user.organisationKind,
    scopeOrganisationIds: user.scope,
    regionCode: user.regionCode,
  };
}

export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new ForbiddenError("Sign in to continue");
  if (!can(actor.role, permission)) throw new ForbiddenError();
}
