import "server-only";
// Changes to a movement from its page, before the courier has it (issue 13): correct where it is going, cancel it,
// say there is no paper record, or keep the record at the practice for now. The lifecycle (lib/movements/lifecycle.ts)
// says which statuses allow each and who may do it; each command checks that again on the movement's row, locked,
// inside its transaction (a courier scan arriving at the same moment waits, then sees the new state, or the change
// is refused). Every change is a tracking event (so it is on the timeline and status is derived from it), and
// audited. Corrections, cancellations and "no paper record" void the live labels (a correction's carry the old
// address; a scan of a voided label flags the movement for PCSE) and take the record out of any booked collection.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Country, MovementReason, MovementStatus, MovementType, OrganisationKind, TrackingEventType } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { movementScopeWhere } from "@/lib/auth/scope";
import { NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent, type AuditAction } from "@/lib/audit/record";
import { normaliseReference } from "@/lib/movements/reference";
import { refusal, type MovementAction, type MovementSide } from "@/lib/movements/lifecycle";
import { accountableRegion, purposeOf, receiverProblem } from "@/lib/movements/rules";
import { refreshMovements } from "@/lib/tracking/refresh";
import { hasControlCharacters } from "@/lib/http/input";

const reasonText = (required: boolean, what: string) => {
  const base = z
    .string({ error: `Say ${what}` })
    .trim()
    .max(400, "Write 400 characters or fewer")
    .refine((v) => !/[<>]/.test(v), "The text must not contain < or >")
    .refine((v) => !hasControlCharacters(v), "Remove the unusual character you entered");
  return required ? base.min(1, `Say ${what}`) : base.optional().transform((v) => v || null);
};

const reference = z.string({ error: "Choose the movement" }).max(20);

export const correctDestinationSchema = z.object({
  reference,
  destinationOdsCode: z
    .string({ error: "Enter the right destination's ODS code, name or postcode and choose from the list" })
    .trim()
    .toUpperCase()
    .min(1, "Enter the right destination's ODS code, name or postcode and choose from the list")
    .regex(/^[A-Z0-9]{3,10}$/, "An ODS code is 3 to 10 letters and numbers, like A81001"),
  reason: reasonText(true, "why the destination was wrong"),
});
export const cancelMovementSchema = z.object({ reference, reason: reasonText(true, "why the movement is being cancelled") });
export const markNoPaperRecordSchema = z.object({ reference, note: reasonText(false, "why there is no paper record") });
export const markHeldAtPracticeSchema = z.object({ reference, note: reasonText(false, "why the record is staying at the practice") });

type Loaded = {
  id: string;
  reference: string;
  patientId: string;
  status: MovementStatus;
  type: MovementType;
  reason: MovementReason;
  fromOrganisation: { id: string; parentId: string | null; regionCode: string | null; country: Country };
  toOrganisation: { id: string; name: string; odsCode: string; kind: OrganisationKind };
  side: MovementSide;
};

function parse<T>(schema: z.ZodType<T, unknown>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** The movement, if the actor may see it (else "not found", as for one that does not exist), and the actor's side. */
async function load(db: Db, actor: Actor, rawReference: string): Promise<Loaded> {
  const ref = normaliseReference(rawReference);
  const m = ref
    ? await db.recordMovement.findFirst({
        where: { AND: [{ reference: ref }, movementScopeWhere(actor)] },
        select: {
          id: true,
          reference: true,
          patientId: true,
          status: true,
          type: true,
          reason: true,
          fromOrganisation: { select: { id: true, parentId: true, regionCode: true, country: true } },
          toOrganisation: { select: { id: true, name: true, odsCode: true, kind: true } },
        },
      })
    : null;
  if (!m) throw new NotFoundError("The record movement");
  const side: MovementSide = can(actor.role, "movement:read:any") ? "pcse" : actor.scopeOrganisationIds.includes(m.fromOrganisation.id) ? "sender" : "receiver";
  return { ...m, side };
}

/** Locks the movement's row and checks the lifecycle against its status now (not as it was when the page loaded). */
async function lockAndCheck(tx: Prisma.TransactionClient, m: Loaded, action: MovementAction, field: string): Promise<MovementStatus> {
  const [row] = await tx.$queryRaw<{ status: MovementStatus }[]>`SELECT status::text AS status FROM "RecordMovement" WHERE id = ${m.id}::uuid FOR NO KEY UPDATE`;
  const refused = refusal(action, row.status, m.side);
  if (refused) throw new ValidationError({ [field]: [refused] });
  return row.status;
}

/** Voids the movement's live labels (kept, as every version is) and takes it out of booked collections. */
async function withdraw(tx: Prisma.TransactionClient, m: Loaded, actor: Actor, now: Date, why: string, voidLabels: boolean) {
  const voided = voidLabels
    ? await tx.courierLabel.updateMany({ where: { movementId: m.id, status: "LIVE" }, data: { status: "VOIDED", voidReason: "WRONG", voidNote: why, voidedAt: now, voidedById: actor.id } })
    : { count: 0 };
  const booked = await tx.collectionItem.findMany({ where: { movementId: m.id, collection: { status: "BOOKED" } }, select: { collectionId: true, collection: { select: { reference: true } } } });
  if (booked.length) await tx.collectionItem.deleteMany({ where: { movementId: m.id, collectionId: { in: booked.map((b) => b.collectionId) } } });
  return { labelsVoided: voided.count, withdrawnFrom: booked.map((b) => b.collection.reference) };
}

async function record(tx: Prisma.TransactionClient, m: Loaded, actor: Actor, now: Date, type: TrackingEventType, note: string | null, audit: AuditAction, details: Record<string, unknown>) {
  await tx.trackingEvent.create({
    data: { movementId: m.id, type, source: m.side === "pcse" ? "PCSE" : "PRACTICE", sourceEventId: `portal:${randomUUID()}`, occurredAt: now, recordedById: actor.id, note: note?.slice(0, 500) ?? null },
  });
  await refreshMovements(tx, [m.id], now);
  await recordAuditEvent(tx, { actor, action: audit, entityType: "RecordMovement", entityId: m.id, patientId: m.patientId, details: { reference: m.reference, ...details } as Prisma.InputJsonValue });
}

export type Amended = { reference: string; side: MovementSide };

/**
 * The record was addressed to the wrong place: the sender (or PCSE) names the right one, before collection. The new
 * destination must suit the movement's purpose as at sending (a practice in England for a re-registration, the store
 * for a death...); if the purpose itself was wrong, the movement is cancelled and sent again. The old receiver no
 * longer sees the movement; the new one sees it with its timeline. Status goes back to "requested": new labels.
 */
export async function correctDestination(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<Amended> {
  requirePermission(actor, "movement:amend");
  const input = parse(correctDestinationSchema, raw);
  const m = await load(db, actor, input.reference);
  const refused = refusal("correctDestination", m.status, m.side);
  if (refused) throw new ValidationError({ destinationOdsCode: [refused] });
  const to = await db.organisation.findUnique({ where: { odsCode: input.destinationOdsCode }, select: { id: true, name: true, odsCode: true, kind: true, country: true, regionCode: true, closedAt: true } });
  if (!to) throw new ValidationError({ destinationOdsCode: [`No organisation has the ODS code ${input.destinationOdsCode}. Check the code, or search by name or postcode`] });
  if (to.id === m.toOrganisation.id) throw new ValidationError({ destinationOdsCode: ["That is where the record is already going. Choose the right destination"] });
  // The sender's practice tree (a record never goes to its own practice or branch).
  const mainId = m.fromOrganisation.parentId ?? m.fromOrganisation.id;
  const senderTree = [mainId, ...(await db.organisation.findMany({ where: { parentId: mainId }, select: { id: true } })).map((o) => o.id)];
  const purpose = purposeOf(m.type, m.reason);
  const facts = { kind: to.kind, country: to.country, closed: to.closedAt !== null, sameTree: senderTree.includes(to.id) };
  const problem = purpose
    ? receiverProblem(purpose, facts)
    : facts.closed
      ? "That organisation has closed. Choose the organisation that took over its patients"
      : facts.sameTree
        ? "The destination cannot be the sending practice or one of its branch surgeries"
        : to.kind !== m.toOrganisation.kind
          ? "Choose the same kind of organisation as before, or cancel this movement and send it again"
          : null;
  if (problem) throw new ValidationError({ destinationOdsCode: [`${problem}. If the reason for sending was wrong too, cancel this movement and send it again`] });
  await db.$transaction(async (tx) => {
    await lockAndCheck(tx, m, "correctDestination", "destinationOdsCode");
    const withdrawn = await withdraw(tx, m, actor, now, `Destination corrected to ${to.odsCode}`, true);
    await tx.recordMovement.update({
      where: { id: m.id },
      data: { toOrganisationId: to.id, regionCode: accountableRegion(m.fromOrganisation, to) },
    });
    const note = `From ${m.toOrganisation.name} (${m.toOrganisation.odsCode}) to ${to.name} (${to.odsCode}): ${input.reason}`;
    await record(tx, m, actor, now, "DESTINATION_CORRECTED", note, "CORRECT_DESTINATION", { from: m.toOrganisation.odsCode, to: to.odsCode, ...withdrawn });
  });
  return { reference: m.reference, side: m.side };
}

/** Made in error (the patient came back, a duplicate): the sender or PCSE cancels it, before collection. Final. */
export async function cancelMovement(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<Amended> {
  requirePermission(actor, "movement:amend");
  const input = parse(cancelMovementSchema, raw);
  const m = await load(db, actor, input.reference);
  await db.$transaction(async (tx) => {
    await lockAndCheck(tx, m, "cancel", "reason");
    const withdrawn = await withdraw(tx, m, actor, now, "Movement cancelled", true);
    await record(tx, m, actor, now, "CANCELLED", input.reason, "CANCEL_MOVEMENT", withdrawn);
  });
  return { reference: m.reference, side: m.side };
}

/** There is no paper record to send (the patient's record is electronic only): the sender says so. Final. */
export async function markNoPaperRecord(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<Amended> {
  requirePermission(actor, "movement:amend");
  const input = parse(markNoPaperRecordSchema, raw);
  const m = await load(db, actor, input.reference);
  await db.$transaction(async (tx) => {
    await lockAndCheck(tx, m, "markNoPaperRecord", "note");
    const withdrawn = await withdraw(tx, m, actor, now, "No paper record", true);
    await record(tx, m, actor, now, "MARKED_NO_PAPER_RECORD", input.note, "MARK_NO_PAPER_RECORD", withdrawn);
  });
  return { reference: m.reference, side: m.side };
}

/**
 * The sender keeps the record at the practice for now (for example while notes are added); its clocks pause as the
 * policy says (at most 20 working days). It keeps its labels, leaves any booked collection, and is marked ready again
 * when it can go.
 */
export async function markHeldAtPractice(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<Amended> {
  requirePermission(actor, "movement:amend");
  const input = parse(markHeldAtPracticeSchema, raw);
  const m = await load(db, actor, input.reference);
  await db.$transaction(async (tx) => {
    await lockAndCheck(tx, m, "markHeldAtPractice", "note");
    const withdrawn = await withdraw(tx, m, actor, now, "Held at the practice", false);
    await record(tx, m, actor, now, "MARKED_HELD_AT_PRACTICE", input.note, "MARK_HELD_AT_PRACTICE", withdrawn);
  });
  return { reference: m.reference, side: m.side };
}
