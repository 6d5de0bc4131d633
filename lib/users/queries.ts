import "server-only";
// The administrator's view of users: list and search, one user's details, and the choices the forms offer. No
// patient data here. Every function checks the permission itself.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { OrganisationKind, Role } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/roles";
import { hasControlCharacters } from "@/lib/http/input";
import { NotFoundError } from "@/lib/errors";

export const USERS_PAGE_SIZE = 50;

/** Which kinds of organisation each role belongs to (none: commissioners have a region or none, administrators none). */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  PRACTICE_STAFF: ["GP_PRACTICE", "BRANCH_SURGERY"],
  PRACTICE_MANAGER: ["GP_PRACTICE", "BRANCH_SURGERY"],
  PCSE_CASEWORKER: ["PCSE_OFFICE", "PCSE_STORE"],
  PCSE_SUPERVISOR: ["PCSE_OFFICE", "PCSE_STORE"],
  COMMISSIONER: [],
  ADMINISTRATOR: [],
};

const listSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .refine((v) => !hasControlCharacters(v))
    .catch("")
    .default(""),
  role: z.enum(ROLES as [Role, ...Role[]]).optional().catch(undefined),
  status: z.enum(["active", "disabled", "all"]).catch("all").default("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type UserListFilters = z.infer<typeof listSchema>;

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisation: string | null;
  regionCode: string | null;
  lastSignInAt: string | null;
  disabled: boolean;
  signIn: "cis2" | "password" | "none";
};

const rowSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  regionCode: true,
  lastSignInAt: true,
  disabled: true,
  cis2Subject: true,
  passwordHash: true,
  organisation: { select: { name: true, odsCode: true } },
} satisfies Prisma.UserSelect;

function toRow(u: Prisma.UserGetPayload<{ select: typeof rowSelect }>): UserRow {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    organisation: u.organisation ? `${u.organisation.name} (${u.organisation.odsCode})` : null,
    regionCode: u.regionCode,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    disabled: u.disabled,
    signIn: u.cis2Subject ? "cis2" : u.passwordHash ? "password" : "none",
  };
}

/** Users by name, email or organisation (name or ODS code), role and status, newest sign-in first. */
export async function listUsers(db: Db, actor: Actor | null, raw: Record<string, unknown>) {
  requirePermission(actor, "users:manage");
  const filters = listSchema.parse(raw);
  const q = filters.q;
  const where: Prisma.UserWhereInput = {
    AND: [
      q
        ? {
            OR: [
              { name: { contains: q, mode: "insensitive" } },
              { email: { contains: q, mode: "insensitive" } },
              { organisation: { is: { OR: [{ odsCode: q.toUpperCase() }, { name: { contains: q, mode: "insensitive" } }] } } },
            ],
          }
        : {},
      filters.role ? { role: filters.role } : {},
      filters.status === "all" ? {} : { disabled: filters.status === "disabled" },
    ],
  };
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({ where, select: rowSelect, orderBy: [{ lastSignInAt: { sort: "desc", nulls: "last" } }, { name: "asc" }], skip: (filters.page - 1) * USERS_PAGE_SIZE, take: USERS_PAGE_SIZE }),
  ]);
  return { rows: users.map(toRow), total, page: filters.page, pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)), filters };
}

export type UserDetail = UserRow & {
  organisationOdsCode: string | null;
  createdAt: string;
  liveSessions: number;
  /** Enabled administrators other than this user (the last one can be neither disabled nor given another role). */
  otherAdministrators: number;
};

export async function getUser(db: Db, actor: Actor | null, rawId: unknown, now = new Date()): Promise<UserDetail> {
  requirePermission(actor, "users:manage");
  const id = typeof rawId === "string" && z.uuid().safeParse(rawId).success ? rawId : null;
  const u = id ? await db.user.findUnique({ where: { id }, select: { ...rowSelect, createdAt: true, organisation: { select: { name: true, odsCode: true } } } }) : null;
  if (!u) throw new NotFoundError("The user");
  const [liveSessions, otherAdministrators] = await Promise.all([
    db.userSession.count({ where: { userId: u.id, revokedAt: null, expiresAt: { gt: now } } }),
    db.user.count({ where: { role: "ADMINISTRATOR", disabled: false, id: { not: u.id } } }),
  ]);
  return { ...toRow(u), organisationOdsCode: u.organisation?.odsCode ?? null, createdAt: u.createdAt.toISOString(), liveSessions, otherAdministrators };
}

/** The choices of the user forms: PCSE sites (for PCSE accounts) and NHS England regions (for commissioners). */
export async function userFormOptions(db: Db, actor: Actor | null) {
  requirePermission(actor, "users:manage");
  const [pcseSites, regions] = await Promise.all([
    db.organisation.findMany({ where: { kind: { in: ["PCSE_OFFICE", "PCSE_STORE"] }, closedAt: null }, select: { odsCode: true, name: true }, orderBy: { name: "asc" } }),
    db.region.findMany({ select: { code: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { pcseSites, regions };
}
