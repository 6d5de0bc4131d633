import "server-only";
// PCSE: the movements needing attention (failed deliveries, returns, exceptions, voided labels scanned,
// problems reported by receivers), most recently changed first.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { AttentionReason } from "@/lib/db/generated/enums";
import type { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { movementScopeWhere } from "@/lib/auth/scope";

export const ATTENTION_PAGE_SIZE = 50;
const REASONS = ["DELIVERY_FAILED", "RETURNED_TO_SENDER", "COURIER_EXCEPTION", "VOIDED_LABEL_SCANNED", "PROBLEM_REPORTED", "DEMOGRAPHICS_DISAGREEMENT"] as const;

const filterSchema = z.object({
  reason: z.enum(REASONS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function attentionQueue(db: Db, actor: Actor | null, raw: Record<string, unknown>) {
  requirePermission(actor, "operations:read");
  const filters = filterSchema.parse(raw);
  // The queue table holds only movements needing attention, so this stays fast at national scale.
  const where: Prisma.AttentionQueueEntryWhereInput = {
    AND: [{ movement: movementScopeWhere(actor) }, filters.reason ? { reasons: { has: filters.reason as AttentionReason } } : {}],
  };
  const [total, entries, counts] = await Promise.all([
    db.attentionQueueEntry.count({ where }),
    db.attentionQueueEntry.findMany({
      where,
      select: {
        reasons: true,
        since: true,
        movement: {
          select: {
            reference: true,
            status: true,
            priority: true,
            fromOrganisation: { select: { name: true, odsCode: true } },
            toOrganisation: { select: { name: true, odsCode: true } },
          },
        },
      },
      orderBy: [{ since: "desc" }, { movementId: "asc" }],
      skip: (filters.page - 1) * ATTENTION_PAGE_SIZE,
      take: ATTENTION_PAGE_SIZE,
    }),
    db.$queryRaw<{ reason: AttentionReason; n: number }[]>`
      SELECT unnest(reasons)::text AS reason, count(*)::int AS n FROM "AttentionQueueEntry" GROUP BY 1`,
  ]);
  const rows = entries.map((e) => ({ ...e.movement, attentionReasons: e.reasons, since: e.since }));
  return { total, rows, counts: Object.fromEntries(counts.map((c) => [c.reason, c.n])) as Partial<Record<AttentionReason, number>>, filters, pageCount: Math.max(1, Math.ceil(total / ATTENTION_PAGE_SIZE)) };
}
