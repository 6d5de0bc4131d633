import "server-only";
// The administrator's audit trail: who did what to which patient's data, newest first.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { AUDIT_ACTIONS } from "@/lib/audit/record";

export const AUDIT_PAGE_SIZE = 50;

const auditFilterSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().toLowerCase().max(254).optional().catch(undefined),
  patientId: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type AuditRow = {
  id: string;
  occurredAt: string;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  requestId: string | null;
  ipAddress: string | null;
};

export async function listAuditEvents(db: Db, actor: Actor | null, raw: Record<string, unknown>) {
  requirePermission(actor, "audit:read");
  const filters = auditFilterSchema.parse(raw);
  let actorIds: string[] | undefined;
  if (filters.actor) {
    const users = await db.user.findMany({ where: { email: { contains: filters.actor } }, select: { id: true }, take: 100 });
    actorIds = users.map((u) => u.id);
  }
  const where: Prisma.AuditEventWhereInput = {
    ...(filters.action ? { action: filters.action } : {}),
    ...(actorIds ? { actorUserId: { in: actorIds } } : {}),
    ...(filters.patientId ? { patientId: filters.patientId } : {}),
  };
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  const userIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => Boolean(id)))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const rows: AuditRow[] = events.map((e) => ({
    id: e.id.toString(),
    occurredAt: e.occurredAt.toISOString(),
    actorEmail: e.actorUserId ? (emailOf.get(e.actorUserId) ?? null) : null,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    patientId: e.patientId,
    requestId: e.requestId,
    ipAddress: e.ipAddress,
  }));
  return { rows, total, page: filters.page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), filters };
}
