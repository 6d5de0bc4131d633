import "server-only";
// Getting records collected: mark them ready (labels must be printed), then book a collection at a site.
import { randomInt, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { sendScopeWhere } from "@/lib/auth/scope";
import { ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { normaliseReference, REFERENCE_ALPHABET } from "@/lib/movements/reference";
import { refreshMovements } from "@/lib/tracking/refresh";
import { loadBankHolidays } from "@/lib/nhs/bank-holidays";
import { addWorkingDays, isWorkingDay, londonDate } from "@/lib/nhs/working-days";
import { referencesSchema } from "@/lib/labels/commands";
import { formatCalendarDate } from "@/lib/format";
import { offerWorkloadSuggestions } from "@/lib/workload/suggestions";
import { AWAITING_COLLECTION_STATUSES, MOVEMENT_ACTIONS, NEEDS_LABELS_STATUSES, canTake } from "@/lib/movements/lifecycle";


export type ReadyResult = { ready: string[]; already: string[]; problems: { reference: string; reason: string }[] };

export async function markReadyForCollection(db: Db, actor: Actor | null, rawReferences: unknown, now = new Date()): Promise<ReadyResult> {
  requirePermission(actor, "collection:manage");
  const parsed = referencesSchema.safeParse(rawReferences);
  if (!parsed.success) throw new ValidationError({ references: [parsed.error.issues[0].message] });
  const refs = parsed.data.map((r) => normaliseReference(r)).filter((r): r is string => Boolean(r));
  const movements = await db.recordMovement.findMany({
    where: { AND: [{ reference: { in: refs } }, sendScopeWhere(actor)] },
    select: { id: true, reference: true, status: true, bagCount: true, labels: { where: { status: "LIVE" }, select: { bagNumber: true } } },
  });
  const result: ReadyResult = { ready: [], already: [], problems: [] };
  const found = new Set(movements.map((m) => m.reference));
  for (const r of refs) if (!found.has(r)) result.problems.push({ reference: r, reason: "not found" });
  const toMark = movements.filter((m) => {
    if (AWAITING_COLLECTION_STATUSES.includes(m.status)) {
      result.already.push(m.reference);
      return false;
    }
    if (NEEDS_LABELS_STATUSES.includes(m.status) || m.labels.length < m.bagCount) {
      result.problems.push({ reference: m.reference, reason: "print its labels first" });
      return false;
    }
    if (!canTake("markReady", m.status, "sender")) {
      result.problems.push({ reference: m.reference, reason: "the record has already left the practice" });
      return false;
    }
    return true;
  });
  if (toMark.length) {
    await db.$transaction(async (tx) => {
      await tx.trackingEvent.createMany({
        data: toMark.map((m) => ({ movementId: m.id, type: "READY_FOR_COLLECTION" as const, source: "PRACTICE" as const, sourceEventId: `portal:${randomUUID()}`, occurredAt: now, recordedById: actor.id })),
      });
      await refreshMovements(tx, toMark.map((m) => m.id), now);
      await recordAuditEvent(tx, { actor, action: "MARK_READY", entityType: "RecordMovement", details: { movements: toMark.length } });
    });
    result.ready.push(...toMark.map((m) => m.reference));
  }
  return result;
}

export const MAX_BOOKING_WORKING_DAYS = 20;

export const bookCollectionSchema = z.object({
  siteId: z.string({ error: "Select the site" }).uuid("Select the site"),
  collectionDate: z.string({ error: "Select a collection date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "Select a collection date"),
  references: z.array(z.string().max(20)).min(1, "Select at least one record ready for collection").max(500, "Book at most 500 records in one collection"),
  bagCount: z.coerce.number({ error: "Number of bags must be a number, like 3" }).int("Number of bags must be a whole number").min(1, "Number of bags must be 1 or more").max(200, "Number of bags must be 200 or fewer"),
});

function collectionReference(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `CL-${s.slice(0, 4)}-${s.slice(4)}`;
}

export async function bookCollection(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string }> {
  requirePermission(actor, "collection:manage");
  const parsed = bookCollectionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(fieldErrorsOf(parsed.error));
  }
  const input = parsed.data;
  if (!actor.scopeOrganisationIds.includes(input.siteId)) throw new ValidationError({ siteId: ["Select the site"] });
  const holidays = await loadBankHolidays(db);
  const today = londonDate(now);
  const latest = addWorkingDays(today, MAX_BOOKING_WORKING_DAYS, holidays);
  if (input.collectionDate < today || input.collectionDate > latest || !isWorkingDay(input.collectionDate, holidays)) {
    throw new ValidationError({ collectionDate: [`Choose a working day between today and ${formatCalendarDate(latest)}`] });
  }
  const refs = input.references.map((r) => normaliseReference(r)).filter((r): r is string => Boolean(r));
  const movements = await db.recordMovement.findMany({
    where: {
      AND: [
        { reference: { in: refs } },
        sendScopeWhere(actor),
        { fromOrganisationId: input.siteId, status: { in: [...MOVEMENT_ACTIONS.bookCollection.statuses] } },
        { collectionItems: { none: { collection: { status: "BOOKED" } } } },
      ],
    },
    select: { id: true, reference: true, patientId: true },
  });
  if (movements.length !== new Set(refs).size) {
    throw new ValidationError({ references: ["Some records chosen are not ready for collection at this site or are already booked. Reload the page and choose again"] });
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = collectionReference();
    try {
      await db.$transaction(async (tx) => {
        const collection = await tx.collection.create({
          data: {
            reference,
            organisationId: input.siteId,
            collectionDate: new Date(`${input.collectionDate}T00:00:00Z`),
            bagCount: input.bagCount,
            bookedById: actor.id,
            createdAt: now,
            items: { create: movements.map((m) => ({ movementId: m.id })) },
          },
          select: { id: true, organisation: { select: { kind: true, name: true } } },
        });
        await offerWorkloadSuggestions(tx, actor, { kind: "COLLECTION_BOOKED", collectionId: collection.id, reference, siteId: input.siteId, siteIsBranch: collection.organisation.kind === "BRANCH_SURGERY", siteName: collection.organisation.name }, now);
        await recordAuditEvent(tx, { actor, action: "BOOK_COLLECTION", entityType: "Collection", entityId: reference, details: { movements: movements.length, bags: input.bagCount, date: input.collectionDate } });
      });
      return { reference };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  throw new Error("Could not allocate a collection reference");
}
