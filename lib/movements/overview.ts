import "server-only";
// Counts for a practice's home page (no patient identifiers).
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { AWAITING_COLLECTION_STATUSES, AWAITING_DELIVERY_STATUSES, NEEDS_LABELS_STATUSES, OPEN_STATUSES } from "@/lib/movements/lifecycle";

import { londonDate } from "@/lib/nhs/working-days";

// Every count below is of open movements: the statuses each counts are open ones (checked once, at load).
for (const s of [...AWAITING_DELIVERY_STATUSES, ...NEEDS_LABELS_STATUSES, ...AWAITING_COLLECTION_STATUSES]) if (!OPEN_STATUSES.includes(s)) throw new Error(`practiceOverview: ${s} is not open`);

type SideCounts = { open: number; overdue: number; needsLabels: number; ready: number };

/**
 * The practice's home counts, two statements (its open outgoing and its open incoming movements, each read once
 * through the partial index of open movements by sender or receiver, every count a FILTER of the one scan: the
 * practice's closed history, which grows every year, is not read) rather than six: each Prisma call costs the
 * server a query compilation, and these counts are on the overview and the outgoing list. The scope is the where:
 * only movements sent or received by the actor's practice (and branches), the rows movementScopeWhere allows a
 * practice.
 */
export async function practiceOverview(db: Db, actor: Actor | null, now = new Date()) {
  requirePermission(actor, "movement:read:own");
  const ids = actor.scopeOrganisationIds;
  if (ids.length === 0) return { outgoingOpen: 0, outgoingOverdue: 0, incomingOpen: 0, incomingOverdue: 0, outgoingNeedingLabels: 0, readyForCollection: 0 };
  // The lifecycle's overdue rule (isOverdue): not yet delivered and past the due date from the policy.
  const today = londonDate(now);
  const counts = (column: "fromOrganisationId" | "toOrganisationId") =>
    db.$queryRawUnsafe<SideCounts[]>(
      `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE status::text = ANY($2::text[]) AND "dueDate" < $3::date)::int AS overdue,
              count(*) FILTER (WHERE status::text = ANY($4::text[]))::int AS "needsLabels",
              count(*) FILTER (WHERE status::text = ANY($5::text[]))::int AS ready
         FROM "RecordMovement" WHERE "${column}" = ANY($1::uuid[]) AND "isOpen"`,
      ids,
      [...AWAITING_DELIVERY_STATUSES],
      today,
      [...NEEDS_LABELS_STATUSES],
      [...AWAITING_COLLECTION_STATUSES],
    );
  const [[out], [inc]] = await Promise.all([counts("fromOrganisationId"), counts("toOrganisationId")]);
  return { outgoingOpen: out.open, outgoingOverdue: out.overdue, incomingOpen: inc.open, incomingOverdue: inc.overdue, outgoingNeedingLabels: out.needsLabels, readyForCollection: out.ready };
}
