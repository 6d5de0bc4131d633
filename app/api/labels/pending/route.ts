import { db } from "@/lib/db/client";
import { sendScopeWhere } from "@/lib/auth/scope";
import { MAX_LABEL_BATCH } from "@/lib/labels/commands";
import { NEEDS_LABELS_STATUSES } from "@/lib/movements/lifecycle";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** References of the practice's outgoing records that still need labels (the day's deductions), oldest first. */
export const GET = routeHandler({ name: "labels/pending", auth: "user", permission: "collection:manage" }, async ({ actor }) => {
  const rows = await db.recordMovement.findMany({
    where: { AND: [sendScopeWhere(actor), { status: { in: [...NEEDS_LABELS_STATUSES] } }] },
    select: { reference: true },
    orderBy: { createdAt: "asc" },
    take: MAX_LABEL_BATCH,
  });
  return Response.json({ references: rows.map((r) => r.reference) }, { headers: { "cache-control": "private, no-store" } });
});
