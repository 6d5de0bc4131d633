import "server-only";
// Counts for a practice's home page (no patient identifiers).
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { movementScopeWhere } from "@/lib/auth/scope";
import { AWAITING_COLLECTION_STATUSES, AWAITING_DELIVERY_STATUSES, NEEDS_LABELS_STATUSES, OPEN_STATUSES } from "@/lib/movements/lifecycle";
import { londonDate } from "@/lib/nhs/working-days";

export async function practiceOverview(db: Db, actor: Actor | null, now = new Date()) {
  requirePermission(actor, "movement:read:own");
  const scope = movementScopeWhere(actor);
  const today = new Date(`${londonDate(now)}T00:00:00Z`);
  const open = { status: { in: [...OPEN_STATUSES] } };
  // The lifecycle's overdue rule (isOverdue): not yet delivered and past the due date from the policy.
  const overdue = { status: { in: [...AWAITING_DELIVERY_STATUSES] }, dueDate: { lt: today } };
  const out = { fromOrganisationId: { in: actor.scopeOrganisationIds } };
  const inc = { toOrganisationId: { in: actor.scopeOrganisationIds } };
  const [outgoingOpen, outgoingOverdue, incomingOpen, incomingOverdue, outgoingNeedingLabels, readyForCollection] = await Promise.all([
    db.recordMovement.count({ where: { AND: [scope, out, open] } }),
    db.recordMovement.count({ where: { AND: [scope, out, overdue] } }),
    db.recordMovement.count({ where: { AND: [scope, inc, open] } }),
    db.recordMovement.count({ where: { AND: [scope, inc, overdue] } }),
    db.recordMovement.count({ where: { AND: [scope, out, { status: { in: [...NEEDS_LABELS_STATUSES] } }] } }),
    db.recordMovement.count({ where: { AND: [scope, out, { status: { in: [...AWAITING_COLLECTION_STATUSES] } }] } }),
  ]);
  return { outgoingOpen, outgoingOverdue, incomingOpen, incomingOverdue, outgoingNeedingLabels, readyForCollection };
}
