import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { sendScopeWhere } from "@/lib/auth/scope";
import { MAX_LABEL_BATCH } from "@/lib/labels/commands";
import { NEEDS_LABELS_STATUSES } from "@/lib/movements/lifecycle";

export const dynamic = "force-dynamic";

/** References of the practice's outgoing records that still need labels (the day's deductions), oldest first. */
export async function GET() {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to continue" }, { status: 401 });
  if (!can(actor.role, "collection:manage")) return Response.json({ error: "Not found" }, { status: 404 });
  const rows = await db.recordMovement.findMany({
    where: { AND: [sendScopeWhere(actor), { status: { in: [...NEEDS_LABELS_STATUSES] } }] },
    select: { reference: true },
    orderBy: { createdAt: "asc" },
    take: MAX_LABEL_BATCH,
  });
  return Response.json({ references: rows.map((r) => r.reference) }, { headers: { "cache-control": "private, no-store" } });
}
