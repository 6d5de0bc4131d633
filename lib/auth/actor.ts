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

export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      regionCode: true,
      organisation: { select: { id: true, name: true, odsCode: true, kind: true, parentId: true } },
    },
  });
  if (!user || user.disabled) return null;
  let scopeOrganisationIds: string[] = [];
  const org = user.organisation;
  if (org) {
    const mainId = org.kind === "BRANCH_SURGERY" && org.parentId ? org.parentId : org.id;
    const branches = await db.organisation.findMany({ where: { parentId: mainId }, select: { id: true } });
    scopeOrganisationIds = [mainId, ...branches.map((b) => b.id)];
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: org?.id ?? null,
    organisationName: org?.name ?? null,
    organisationOdsCode: org?.odsCode ?? null,
    organisationKind: org?.kind ?? null,
    scopeOrganisationIds,
    regionCode: user.regionCode,
  };
}

export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new ForbiddenError("Sign in to continue");
  if (!can(actor.role, permission)) throw new ForbiddenError();
}
