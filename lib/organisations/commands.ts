import "server-only";
// The administrator's changes to organisations: add or correct a branch surgery (the ODS practice extract lists
// none), and mark an organisation closed or open again. Every change is audited. A branch surgery takes its country,
// region and ICB from its practice (a branch's country never changes: lib/tracking/refresh.ts caches countries).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { hasControlCharacters } from "@/lib/http/input";

const clean = (v: string) => !/[<>]/.test(v) && !hasControlCharacters(v);

export const branchSchema = z.object({
  /** The branch's current ODS code when correcting one; absent when adding. */
  branchOdsCode: z
    .string()
    .trim()
    .toUpperCase()
    .max(10)
    .optional()
    .transform((v) => v || null),
  odsCode: z
    .string({ error: "Enter the branch surgery's code" })
    .trim()
    .toUpperCase()
    .min(1, "Enter the branch surgery's code")
    .regex(/^[A-Z0-9]{3,10}$/, "A code is 3 to 10 letters and numbers, like A81001B1"),
  name: z
    .string({ error: "Enter the branch surgery's name" })
    .trim()
    .min(1, "Enter the branch surgery's name")
    .max(200, "The name must be 200 characters or fewer")
    .refine(clean, "The name must not contain < or > or unusual characters"),
  address: z
    .string({ error: "Enter the address" })
    .trim()
    .min(1, "Enter the address, one line per line")
    .max(500, "The address must be 500 characters or fewer")
    .refine(clean, "The address must not contain < or > or unusual characters")
    .transform((v) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
    .refine((lines) => lines.length <= 5, "Use at most 5 lines for the address")
    .refine((lines) => lines.every((l) => l.length <= 100), "Each line of the address must be 100 characters or fewer"),
  postcode: z
    .string({ error: "Enter the postcode" })
    .trim()
    .toUpperCase()
    .transform((v) => v.replace(/\s+/g, " "))
    .refine((v) => /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/.test(v), "Enter a real postcode, like TS23 2LN")
    .transform((v) => (v.includes(" ") ? v : `${v.slice(0, -3)} ${v.slice(-3)}`)),
  parentOdsCode: z
    .string({ error: "Enter the main practice's ODS code" })
    .trim()
    .toUpperCase()
    .min(1, "Enter the main practice's ODS code")
    .regex(/^[A-Z0-9]{3,10}$/, "An ODS code is 3 to 10 letters and numbers, like A81001"),
});

export const closedSchema = z.object({
  odsCode: z.string({ error: "Choose the organisation" }).trim().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, "Choose the organisation"),
  closed: z.enum(["true", "false"], { error: "Say whether it is closed" }).transform((v) => v === "true"),
});

function parse<T>(schema: z.ZodType<T, unknown>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** Adds a branch surgery to a practice, or corrects one (its code, name, address, postcode or practice). */
export async function saveBranchSurgery(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ odsCode: string; created: boolean }> {
  requirePermission(actor, "organisations:manage");
  const input = parse(branchSchema, raw);
  const parent = await db.organisation.findUnique({ where: { odsCode: input.parentOdsCode }, select: { id: true, kind: true, country: true, regionCode: true, icbCode: true, closedAt: true, odsCode: true } });
  if (!parent || parent.kind !== "GP_PRACTICE") throw new ValidationError({ parentOdsCode: ["Enter the ODS code of a GP practice"] });
  if (parent.closedAt) throw new ValidationError({ parentOdsCode: ["That practice has closed"] });
  const existing = input.branchOdsCode
    ? await db.organisation.findUnique({ where: { odsCode: input.branchOdsCode }, select: { id: true, kind: true, country: true, name: true, odsCode: true, addressLines: true, postcode: true, parent: { select: { odsCode: true } } } })
    : null;
  if (input.branchOdsCode && (!existing || existing.kind !== "BRANCH_SURGERY")) throw new NotFoundError("The branch surgery");
  if (existing && existing.country !== parent.country) throw new ValidationError({ parentOdsCode: ["A branch surgery stays in its own nation: choose a practice there"] });
  const data = { odsCode: input.odsCode, name: input.name, addressLines: input.address, postcode: input.postcode, parentId: parent.id, regionCode: parent.regionCode, icbCode: parent.icbCode };
  try {
    return await db.$transaction(async (tx) => {
      if (existing) {
        await tx.organisation.update({ where: { id: existing.id }, data: { ...data, updatedAt: now } });
        await recordAuditEvent(tx, {
          actor,
          action: "UPDATE_ORGANISATION",
          entityType: "Organisation",
          entityId: existing.id,
          details: { from: { odsCode: existing.odsCode, name: existing.name, address: existing.addressLines, postcode: existing.postcode, parent: existing.parent?.odsCode ?? null }, to: { odsCode: input.odsCode, name: input.name, address: input.address, postcode: input.postcode, parent: parent.odsCode } },
        });
        return { odsCode: input.odsCode, created: false };
      }
      const created = await tx.organisation.create({ data: { ...data, kind: "BRANCH_SURGERY", country: parent.country, createdAt: now }, select: { id: true } });
      await recordAuditEvent(tx, { actor, action: "CREATE_ORGANISATION", entityType: "Organisation", entityId: created.id, details: { odsCode: input.odsCode, kind: "BRANCH_SURGERY", parent: parent.odsCode } });
      return { odsCode: input.odsCode, created: true };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ValidationError({ odsCode: ["Another organisation already has this code"] });
    throw error;
  }
}

/**
 * Marks an organisation closed (it can no longer be chosen as a destination; its history stays) or open again. For a
 * practice the ODS extract lists, the next import sets it as the extract says.
 */
export async function setOrganisationClosed(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ odsCode: string; closed: boolean }> {
  requirePermission(actor, "organisations:manage");
  const input = parse(closedSchema, raw);
  const o = await db.organisation.findUnique({ where: { odsCode: input.odsCode }, select: { id: true, closedAt: true } });
  if (!o) throw new NotFoundError("The organisation");
  if (Boolean(o.closedAt) === input.closed) return { odsCode: input.odsCode, closed: input.closed };
  await db.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: o.id }, data: { closedAt: input.closed ? now : null } });
    await recordAuditEvent(tx, { actor, action: input.closed ? "CLOSE_ORGANISATION" : "REOPEN_ORGANISATION", entityType: "Organisation", entityId: o.id, details: { odsCode: input.odsCode } });
  });
  return { odsCode: input.odsCode, closed: input.closed };
}
