import "server-only";
// Claims to NHS England: the practice manager submits one from a signed evidence pack and later accepts (confirming
// the warning that accepting may bar further claims) or rejects the offer; commissioners of the claim's region (a
// national commissioner: any) start the review, make an offer, decline, and mark an accepted offer paid. Every step is
// checked against lib/claims/rules.ts on the locked row, kept in the claim's append-only history and audited.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ClaimStatus } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { claimScopeWhere } from "@/lib/auth/scope";
import { NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { generatePrefixedReference, normalisePrefixedReference } from "@/lib/movements/reference";
import { formatPence } from "@/lib/workload/schemas";
import { CLAIM_ACTIONS, CLAIM_STATUS_LABELS, OPEN_CLAIM_STATUSES, SETTLED_CLAIM_STATUSES, canTakeClaimAction, type ClaimAction, type ClaimParty } from "@/lib/claims/rules";
import { commissionerClaimSchema, practiceClaimSchema, submitClaimSchema } from "@/lib/claims/schemas";

type Tx = Prisma.TransactionClient;

/** A claim of the practice's built from one of its signed packs, for the pack's total cost. */
export async function submitClaim(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string }> {
  requirePermission(actor, "workload:manage");
  const parsed = submitClaimSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const packRef = normalisePrefixedReference(parsed.data.pack, "EP");
  const pack = packRef
    ? await db.evidencePack.findFirst({ where: { reference: packRef, organisationId: { in: actor.scopeOrganisationIds } }, select: { id: true, reference: true, organisationId: true, totalCostPence: true, organisation: { select: { regionCode: true, icbCode: true } } } })
    : null;
  if (!pack) throw new ValidationError({ pack: ["Choose one of the practice's signed evidence packs"] });
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generatePrefixedReference("CM");
    try {
      return await db.$transaction(async (tx) => {
        // One claim decision at a time per practice: the checks below read the practice's other claims.
        await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${pack.organisationId}::uuid FOR UPDATE`;
        const same = await tx.claim.findFirst({ where: { evidencePackId: pack.id, status: { not: "REJECTED" } }, select: { reference: true, status: true } });
        if (same) throw new ValidationError({ pack: [`This pack is already in claim ${same.reference} (${CLAIM_STATUS_LABELS[same.status].toLowerCase()})`] });
        const overlapping = await tx.claim.findFirst({
          where: { organisationId: pack.organisationId, status: { in: [...OPEN_CLAIM_STATUSES, ...SETTLED_CLAIM_STATUSES] }, evidencePack: { entries: { some: { entry: { evidencePacks: { some: { packId: pack.id } } } } } } },
          select: { reference: true, status: true },
        });
        if (overlapping) {
          const settled = SETTLED_CLAIM_STATUSES.includes(overlapping.status);
          throw new ValidationError({ pack: [settled ? `Some of this work was in claim ${overlapping.reference}, whose offer the practice accepted: it cannot be claimed again` : `Some of this work is in claim ${overlapping.reference}, which is still being decided`] });
        }
        const claim = await tx.claim.create({
          data: {
            reference,
            organisationId: pack.organisationId,
            regionCode: pack.organisation.regionCode,
            icbCode: pack.organisation.icbCode,
            evidencePackId: pack.id,
            status: "SUBMITTED",
            amountClaimedPence: pack.totalCostPence,
            summary: parsed.data.summary,
            submittedById: actor.id,
            submittedAt: now,
          },
          select: { id: true, reference: true },
        });
        await tx.claimEvent.create({ data: { claimId: claim.id, fromStatus: null, toStatus: "SUBMITTED", at: now, actorUserId: actor.id, actorRole: actor.role, amountPence: pack.totalCostPence, note: parsed.data.summary } });
        await recordAuditEvent(tx, { actor, action: "SUBMIT_CLAIM", entityType: "Claim", entityId: claim.id, details: { reference, pack: pack.reference, amountPence: pack.totalCostPence } });
        return { reference: claim.reference };
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && JSON.stringify(error.meta ?? {}).includes("reference")) continue;
      throw error;
    }
  }
  throw new Error("Could not allocate a claim reference");
}

async function lockClaim(tx: Tx, actor: Actor, rawReference: string) {
  const reference = normalisePrefixedReference(rawReference, "CM");
  const found = reference ? await tx.claim.findFirst({ where: { AND: [{ reference }, claimScopeWhere(actor)] }, select: { id: true } }) : null;
  if (!found) throw new NotFoundError("The claim");
  await tx.$queryRaw`SELECT id FROM "Claim" WHERE id = ${found.id}::uuid FOR UPDATE`;
  return tx.claim.findUniqueOrThrow({ where: { id: found.id }, select: { id: true, reference: true, status: true, amountClaimedPence: true, offerPence: true } });
}

async function transition(tx: Tx, actor: Actor, claim: { id: string; reference: string; status: ClaimStatus }, action: ClaimAction, party: ClaimParty, now: Date, data: Prisma.ClaimUpdateInput, event: { amountPence?: number | null; note?: string | null; warningConfirmed?: boolean }) {
  if (!canTakeClaimAction(action, claim.status, party)) {
    throw new ValidationError({ action: [`This claim is ${CLAIM_STATUS_LABELS[claim.status].toLowerCase()}: "${CLAIM_ACTIONS[action].label}" is not possible now`] });
  }
  const to = CLAIM_ACTIONS[action].to;
  await tx.claim.update({ where: { id: claim.id }, data: { ...data, status: to, updatedAt: now } });
  await tx.claimEvent.create({ data: { claimId: claim.id, fromStatus: claim.status, toStatus: to, at: now, actorUserId: actor.id, actorRole: actor.role, amountPence: event.amountPence ?? null, note: event.note ?? null, warningConfirmed: event.warningConfirmed ?? false } });
  await recordAuditEvent(tx, { actor, action: "UPDATE_CLAIM", entityType: "Claim", entityId: claim.id, details: { reference: claim.reference, action, from: claim.status, to, ...(event.amountPence ? { amountPence: event.amountPence } : {}) } });
  return { reference: claim.reference, status: to };
}

/** The practice manager answers an offer: accept (the warning confirmed) or reject. */
export async function answerClaimOffer(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string; status: ClaimStatus }> {
  requirePermission(actor, "workload:manage");
  const parsed = practiceClaimSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, actor, input.reference);
    if (input.action === "acceptOffer") return transition(tx, actor, claim, "acceptOffer", "practice", now, { decidedAt: now }, { amountPence: claim.offerPence, warningConfirmed: true });
    return transition(tx, actor, claim, "rejectOffer", "practice", now, { decidedAt: now, rejectedBy: "PRACTICE" }, { note: input.note });
  });
}

/** A commissioner of the claim's region takes the next step: review, offer (at most the amount claimed), decline, paid. */
export async function decideClaim(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string; status: ClaimStatus }> {
  requirePermission(actor, "claim:decide");
  const parsed = commissionerClaimSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, actor, input.reference);
    switch (input.action) {
      case "startReview":
        return transition(tx, actor, claim, "startReview", "commissioner", now, {}, { note: input.note });
      case "makeOffer":
        if (input.offer > claim.amountClaimedPence) throw new ValidationError({ offer: [`The offer cannot be more than the amount claimed, ${formatPence(claim.amountClaimedPence)}`] });
        return transition(tx, actor, claim, "makeOffer", "commissioner", now, { offerPence: input.offer }, { amountPence: input.offer, note: input.note });
      case "decline":
        return transition(tx, actor, claim, "decline", "commissioner", now, { decidedAt: now, rejectedBy: "COMMISSIONER" }, { note: input.note });
      case "markPaid":
        if (claim.offerPence !== null && input.paid > claim.offerPence) throw new ValidationError({ paid: [`The amount paid cannot be more than the offer accepted, ${formatPence(claim.offerPence)}`] });
        return transition(tx, actor, claim, "markPaid", "commissioner", now, { paidPence: input.paid, paidAt: now }, { amountPence: input.paid, note: input.note });
    }
  });
}
