import "server-only";
// The administrator's changes to users: create PCSE and commissioner accounts, disable and enable (at once: a
// database trigger revokes a disabled user's sessions, and every request loads the user afresh), change role or
// organisation. Every change is audited. The last enabled administrator can never be disabled or given another role,
// even by two administrators acting at the same moment: every change that could remove an administrator takes the
// same transaction-scoped lock and counts the others inside it.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { hasControlCharacters } from "@/lib/http/input";
import { ROLE_ORGANISATION_KINDS } from "@/lib/users/queries";

/** Accounts an administrator creates here; practice staff come from CIS2 (their practice's RBAC) on first sign-in. */
export const CREATABLE_ROLES = ["PCSE_CASEWORKER", "PCSE_SUPERVISOR", "COMMISSIONER"] as const satisfies readonly Role[];

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `The ${label} must be ${max} characters or fewer`)
    .refine((v) => !/[<>]/.test(v), `The ${label} must not contain < or >`)
    .refine((v) => !hasControlCharacters(v), `Remove the unusual character from the ${label}`);

const placement = {
  organisationOdsCode: z
    .string()
    .trim()
    .toUpperCase()
    .max(10, "An ODS code is 3 to 10 letters and numbers")
    .optional()
    .transform((v) => v || null),
  regionCode: z
    .string()
    .trim()
    .toUpperCase()
    .max(3)
    .optional()
    .transform((v) => v || null),
};

export const createUserSchema = z.object({
  name: text("name", 200),
  email: z
    .string({ error: "Enter the email address" })
    .trim()
    .toLowerCase()
    .min(1, "Enter the email address")
    .max(254, "The email address must be 254 characters or fewer")
    .email("Enter an email address in the right format, like name@nhs.net"),
  role: z.enum(CREATABLE_ROLES, { error: "Select the kind of account" }),
  ...placement,
});

export const changeRoleSchema = z.object({
  userId: z.uuid({ error: "Choose the user" }),
  role: z.enum(ROLES as [Role, ...Role[]], { error: "Select a role" }),
  ...placement,
});

export const setDisabledSchema = z.object({
  userId: z.uuid({ error: "Choose the user" }),
  disabled: z.enum(["true", "false"], { error: "Say whether to disable or enable the user" }).transform((v) => v === "true"),
});

function parse<T>(schema: z.ZodType<T, unknown>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** Where a user of this role belongs: the organisation (by ODS code) its role needs, or a region for a commissioner. */
async function placementFor(db: Prisma.TransactionClient | Db, role: Role, odsCode: string | null, regionCode: string | null): Promise<{ organisationId: string | null; regionCode: string | null; label: string }> {
  const kinds = ROLE_ORGANISATION_KINDS[role];
  if (kinds.length) {
    if (!odsCode) throw new ValidationError({ organisationOdsCode: [`Enter the ODS code of the ${role.startsWith("PCSE") ? "PCSE office or store" : "practice or branch surgery"} they work at`] });
    const org = await db.organisation.findUnique({ where: { odsCode }, select: { id: true, kind: true, name: true, odsCode: true, closedAt: true } });
    if (!org) throw new ValidationError({ organisationOdsCode: [`No organisation has the ODS code ${odsCode}`] });
    if (!kinds.includes(org.kind)) throw new ValidationError({ organisationOdsCode: [`A ${ROLE_LABELS[role].replace(/^Practice/, "practice").replace(/(caseworker|supervisor|staff|manager)$/i, (w) => w.toLowerCase())} must belong to ${role.startsWith("PCSE") ? "a PCSE office or store" : "a GP practice or branch surgery"}`] });
    if (org.closedAt) throw new ValidationError({ organisationOdsCode: ["That organisation has closed"] });
    return { organisationId: org.id, regionCode: null, label: `${org.name} (${org.odsCode})` };
  }
  if (role === "COMMISSIONER" && regionCode) {
    const region = await db.region.findUnique({ where: { code: regionCode }, select: { code: true, name: true } });
    if (!region) throw new ValidationError({ regionCode: ["Select an NHS England region, or national"] });
    return { organisationId: null, regionCode: region.code, label: region.name };
  }
  return { organisationId: null, regionCode: null, label: role === "COMMISSIONER" ? "National" : "None" };
}

/**
 * Serialises every change that could leave the portal without an administrator (the lock is released at commit) and
 * refuses one that would: `target` is losing its administrator role or being disabled.
 */
async function keepAnAdministrator(tx: Prisma.TransactionClient, target: { id: string; role: Role; disabled: boolean }, field: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('records-movement-portal:administrators'))`;
  // Read after the lock: another administrator's change committed a moment ago is seen.
  const current = await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: { role: true, disabled: true } });
  if (current.role !== "ADMINISTRATOR" || current.disabled) return;
  const others = await tx.user.count({ where: { role: "ADMINISTRATOR", disabled: false, id: { not: target.id } } });
  if (others === 0) throw new ValidationError({ [field]: ["This is the last administrator who can sign in: make someone else an administrator first"] });
}

export async function createUser(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ id: string }> {
  requirePermission(actor, "users:manage");
  const input = parse(createUserSchema, raw);
  const place = await placementFor(db, input.role, input.organisationOdsCode, input.regionCode);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, role: input.role, organisationId: place.organisationId, regionCode: place.regionCode, createdAt: now },
        select: { id: true },
      });
      await recordAuditEvent(tx, { actor, action: "CREATE_USER", entityType: "User", entityId: user.id, details: { role: input.role, placement: place.label } });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ValidationError({ email: ["A user with this email address already exists"] });
    throw error;
  }
}

export async function changeUserRole(db: Db, actor: Actor | null, raw: unknown): Promise<{ id: string }> {
  requirePermission(actor, "users:manage");
  const input = parse(changeRoleSchema, raw);
  if (input.userId === actor.id) throw new ValidationError({ role: ["You cannot change your own role: ask another administrator"] });
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, disabled: true, regionCode: true, organisation: { select: { name: true, odsCode: true } } } });
  if (!user) throw new NotFoundError("The user");
  const place = await placementFor(db, input.role, input.organisationOdsCode, input.regionCode);
  await db.$transaction(async (tx) => {
    if (input.role !== "ADMINISTRATOR") await keepAnAdministrator(tx, user, "role");
    await tx.user.update({ where: { id: user.id }, data: { role: input.role, organisationId: place.organisationId, regionCode: place.regionCode } });
    await recordAuditEvent(tx, {
      actor,
      action: "UPDATE_USER",
      entityType: "User",
      entityId: user.id,
      details: {
        from: { role: user.role, placement: user.organisation ? `${user.organisation.name} (${user.organisation.odsCode})` : (user.regionCode ?? null) },
        to: { role: input.role, placement: place.label },
      },
    });
  });
  return { id: user.id };
}

/** Disables (every session of theirs ends at once) or enables a user. */
export async function setUserDisabled(db: Db, actor: Actor | null, raw: unknown): Promise<{ id: string; disabled: boolean }> {
  requirePermission(actor, "users:manage");
  const input = parse(setDisabledSchema, raw);
  if (input.userId === actor.id && input.disabled) throw new ValidationError({ disabled: ["You cannot disable yourself: ask another administrator"] });
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, disabled: true } });
  if (!user) throw new NotFoundError("The user");
  await db.$transaction(async (tx) => {
    if (input.disabled) await keepAnAdministrator(tx, user, "disabled");
    // The trigger on User.disabled revokes the user's sessions in this same transaction.
    await tx.user.update({ where: { id: user.id }, data: { disabled: input.disabled } });
    await recordAuditEvent(tx, { actor, action: input.disabled ? "DISABLE_USER" : "ENABLE_USER", entityType: "User", entityId: user.id, details: { role: user.role } });
  });
  return { id: user.id, disabled: input.disabled };
}
