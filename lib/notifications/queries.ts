import "server-only";
// The local outbox (/admin/outbox): every email the portal queued, sent through GOV.UK Notify or (with no Notify key)
// kept here only. Bodies hold a reference and a link, never a patient identifier, so an administrator may read them.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { NotificationStatus } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";

export const OUTBOX_PAGE_SIZE = 50;

export const outboxSchema = z.object({
  status: z.enum(["all", "PENDING", "SENT", "LOGGED", "FAILED"]).catch("all"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type OutboxRow = { id: string; template: string; toEmail: string; subject: string; body: string; status: NotificationStatus; attempts: number; lastError: string | null; createdAt: string; sentAt: string | null; nextAttemptAt: string };

export async function listOutbox(db: Db, actor: Actor | null, raw: Record<string, unknown> = {}): Promise<{ rows: OutboxRow[]; total: number; page: number; pageCount: number; counts: Record<string, number>; params: z.infer<typeof outboxSchema>; notifyConfigured: boolean }> {
  requirePermission(actor, "notification:read");
  const params = outboxSchema.parse(raw);
  const where = params.status === "all" ? {} : { status: params.status };
  const [total, rows, groups] = await Promise.all([
    db.notification.count({ where }),
    db.notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: (params.page - 1) * OUTBOX_PAGE_SIZE, take: OUTBOX_PAGE_SIZE }),
    db.notification.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const counts: Record<string, number> = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  counts.all = groups.reduce((n, g) => n + g._count._all, 0);
  return {
    rows: rows.map((n) => ({
      id: n.id,
      template: n.template,
      toEmail: n.toEmail,
      subject: n.subject,
      body: n.body,
      status: n.status,
      attempts: n.attempts,
      lastError: n.lastError,
      createdAt: n.createdAt.toISOString(),
      sentAt: n.sentAt?.toISOString() ?? null,
      nextAttemptAt: n.nextAttemptAt.toISOString(),
    })),
    total,
    page: params.page,
    pageCount: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    counts,
    params,
    // The sender needs both (lib/notifications/send.ts): with a key and no template nothing is sent.
    notifyConfigured: Boolean(process.env.NOTIFY_API_KEY && process.env.NOTIFY_TEMPLATE_ID),
  };
}
