import "server-only";
// The receiving practice confirms a record arrived (by scanning or typing a label's barcode, or the movement
// reference) and can report it incomplete, damaged, or the wrong patient's.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { ProblemKind } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { receiveScopeWhere } from "@/lib/auth/scope";
import { NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { offerWorkloadSuggestions } from "@/lib/workload/suggestions";
import { normaliseReference } from "@/lib/movements/reference";
import { normaliseBarcode } from "@/lib/labels/barcode";
import { openProblemCaseTx } from "@/lib/cases/commands";
import { refreshMovements } from "@/lib/tracking/refresh";
import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { FINAL_STATUSES, canTake, refusal } from "@/lib/movements/lifecycle";
import { displayName } from "@/lib/movements/demographics";

export type ReceiptOutcome =
  | { outcome: "received" | "already-received"; reference: string; from: string; patientName: string; nhsNumber: string; voidedLabel: boolean; receivedAt: string }
  | { outcome: "not-found"; code: string; message: string }
  | { outcome: "refused"; code: string; reference: string; message: string };


/** Confirms receipt from what a scanner or a person typed. Never throws for an unknown code: says so. */
export async function receiveByCode(db: Db, actor: Actor | null, rawCode: unknown, now = new Date()): Promise<ReceiptOutcome> {
  requirePermission(actor, "movement:receive");
  const code = typeof rawCode === "string" ? normaliseBarcode(rawCode).slice(0, 40) : "";
  const notFound: ReceiptOutcome = { outcome: "not-found", code, message: "No record coming to your practice has this barcode or reference. Check it, or type the reference from the label" };
  if (!code) return { ...notFound, message: "Scan or type a barcode" };
  const reference = normaliseReference(code);
  const label = reference ? null : await db.courierLabel.findFirst({ where: { barcode: code, movement: receiveScopeWhere(actor) }, select: { id: true, status: true, movementId: true } });
  const movement = await db.recordMovement.findFirst({
    where: { AND: [receiveScopeWhere(actor), label ? { id: label.movementId } : reference ? { reference } : { id: { in: [] } }] },
    select: {
      id: true,
      reference: true,
      status: true,
      patientId: true,
      patientFamilyName: true,
      patientGivenName: true,
      patient: { select: { nhsNumber: true } },
      fromOrganisation: { select: { name: true, odsCode: true } },
      trackingEvents: { where: { type: "RECEIVED" }, select: { occurredAt: true }, take: 1 },
    },
  });
  if (!movement) return notFound;
  const base = {
    reference: movement.reference,
    from: `${movement.fromOrganisation.name} (${movement.fromOrganisation.odsCode})`,
    patientName: displayName(movement.patientFamilyName, movement.patientGivenName),
    nhsNumber: movement.patient.nhsNumber,
    voidedLabel: label?.status === "VOIDED",
  };
  if (FINAL_STATUSES.includes(movement.status) && movement.status !== "RECEIVED") {
    return { outcome: "refused", code, reference: movement.reference, message: "This movement was cancelled or has no paper record: tell PCSE what arrived" };
  }
  // The lifecycle's receipt rule: only once the record has left the sender (docs/decisions.md).
  if (movement.status !== "RECEIVED" && !canTake("receive", movement.status, "receiver")) {
    return { outcome: "refused", code, reference: movement.reference, message: refusal("receive", movement.status, "receiver")! };
  }
  await recordAuditEvent(db, { actor, action: "RECEIVE_MOVEMENT", entityType: "RecordMovement", entityId: movement.id, patientId: movement.patientId, details: { by: label ? "barcode" : "reference" } });
  if (movement.status === "RECEIVED") {
    return { outcome: "already-received", ...base, receivedAt: (movement.trackingEvents[0]?.occurredAt ?? now).toISOString() };
  }
  await db.$transaction(async (tx) => {
    await tx.trackingEvent.create({
      data: { movementId: movement.id, type: "RECEIVED", source: "PRACTICE", sourceEventId: `portal:${randomUUID()}`, occurredAt: now, recordedById: actor.id, labelId: label?.id ?? null },
    });
    await refreshMovements(tx, [movement.id], now);
  });
  return { outcome: "received", ...base, receivedAt: now.toISOString() };
}

export const MAX_RECEIPTS_AT_ONCE = 100;

const manyReferencesSchema = z
  .array(z.string({ error: "Select the records that have arrived" }).max(40), { error: "Select the records that have arrived" })
  .min(1, "Select the records that have arrived")
  .max(MAX_RECEIPTS_AT_ONCE, `Confirm at most ${MAX_RECEIPTS_AT_ONCE} records at once`);

export type ManyReceipts = {
  received: { reference: string; patientName: string }[];
  already: string[];
  refused: { reference: string; reason: string }[];
};

/**
 * Confirms several records as received at once (the incoming list's "confirm the selected records"). Each goes
 * through the same receipt as a scan (receiveByCode: the lifecycle's receipt rule, audited one by one), so one
 * refused record never stops the others; the answer says what was confirmed and what was not, and why.
 */
export async function receiveMovements(db: Db, actor: Actor | null, rawReferences: unknown, now = new Date()): Promise<ManyReceipts> {
  requirePermission(actor, "movement:receive");
  const parsed = manyReferencesSchema.safeParse(rawReferences);
  if (!parsed.success) throw new ValidationError({ references: [parsed.error.issues[0].message] });
  const result: ManyReceipts = { received: [], already: [], refused: [] };
  const seen = new Set<string>();
  for (const raw of parsed.data) {
    const reference = normaliseReference(raw);
    if (!reference) {
      result.refused.push({ reference: raw.slice(0, 20), reason: "not a movement reference" });
      continue;
    }
    if (seen.has(reference)) continue;
    seen.add(reference);
    const outcome = await receiveByCode(db, actor, reference, now);
    if (outcome.outcome === "not-found") result.refused.push({ reference, reason: "not found among the records coming to your practice" });
    else if (outcome.outcome === "refused") result.refused.push({ reference, reason: outcome.message });
    else if (outcome.outcome === "received") result.received.push({ reference: outcome.reference, patientName: outcome.patientName });
    else result.already.push(outcome.reference);
  }
  return result;
}

export const problemSchema = z
  .object({
    reference: z.string({ error: "Choose the movement" }).max(20),
    kind: z.enum(["INCOMPLETE", "DAMAGED", "WRONG_PATIENT"], { error: "Select what is wrong with the record" }),
    receivedNhsNumber: z.string().trim().optional(),
    note: z
      .string()
      .trim()
      .max(1000, "The description must be 1000 characters or fewer")
      .refine((v) => !/[<>]/.test(v), "The description must not contain < or >")
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "WRONG_PATIENT") return;
    const n = normaliseNhsNumber(v.receivedNhsNumber ?? "");
    if (!n) ctx.addIssue({ code: "custom", path: ["receivedNhsNumber"], message: "Enter the NHS number written on the record you received" });
    else if (!isValidNhsNumber(n)) ctx.addIssue({ code: "custom", path: ["receivedNhsNumber"], message: "Enter a valid NHS number: this one fails the check digit test" });
  });


export async function reportProblem(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ id: string; kind: ProblemKind; caseReference: string }> {
  requirePermission(actor, "movement:receive");
  const parsed = problemSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(fieldErrorsOf(parsed.error));
  }
  const reference = normaliseReference(parsed.data.reference);
  const movement = reference
    ? await db.recordMovement.findFirst({ where: { AND: [{ reference }, receiveScopeWhere(actor)] }, select: { id: true, reference: true, toOrganisationId: true, status: true, patientId: true, patient: { select: { nhsNumber: true } } } })
    : null;
  if (!movement) throw new NotFoundError("The record movement");
  if (!canTake("reportProblem", movement.status, "receiver")) throw new ValidationError({ kind: ["Confirm the record has arrived before reporting a problem with it"] });
  const received = parsed.data.kind === "WRONG_PATIENT" ? normaliseNhsNumber(parsed.data.receivedNhsNumber ?? "") : null;
  if (received && received === movement.patient.nhsNumber) {
    throw new ValidationError({ receivedNhsNumber: ["That is the NHS number of the patient this record should be for. If the record is right, choose another problem"] });
  }
  const report = await db.$transaction(async (tx) => {
    const created = await tx.problemReport.create({
      data: { movementId: movement.id, kind: parsed.data.kind, receivedNhsNumber: received, note: parsed.data.note, reportedById: actor.id, reportedByOrganisationId: actor.organisationId!, createdAt: now },
      select: { id: true, kind: true },
    });
    await refreshMovements(tx, [movement.id], now);
    const opened = await openProblemCaseTx(tx, { id: created.id, movementId: movement.id, kind: created.kind, receivedNhsNumber: received, note: parsed.data.note, reportedByOrganisationId: actor.organisationId! }, actor, now);
    await offerWorkloadSuggestions(tx, actor, { kind: "PROBLEM_REPORTED", reportId: created.id, problem: created.kind, movementId: movement.id, movementReference: movement.reference, siteId: movement.toOrganisationId, caseId: opened.id }, now);
    await recordAuditEvent(tx, { actor, action: "REPORT_PROBLEM", entityType: "ProblemReport", entityId: created.id, patientId: movement.patientId, details: { kind: created.kind, case: opened.reference, joined: !opened.created } });
    return { ...created, caseReference: opened.reference };
  });
  return report;
}

export const ARRIVAL_WAYS = { BY_HAND: "Brought by hand (by the sending practice, a patient or a relative)", OTHER_COURIER: "Another courier or post", NO_SCANS: "The usual courier, but it was never scanned" } as const;

export const receiveWithoutScansSchema = z.object({
  reference: z.string({ error: "Choose the movement" }).max(20),
  how: z.enum(Object.keys(ARRIVAL_WAYS) as [keyof typeof ARRIVAL_WAYS, ...(keyof typeof ARRIVAL_WAYS)[]], { error: "Select how the record arrived" }),
  note: z
    .string({ error: "Say how the record reached you" })
    .trim()
    .min(1, "Say how the record reached you, for example who brought it")
    .max(400, "The description must be 400 characters or fewer")
    .refine((v) => !/[<>]/.test(v), "The description must not contain < or >"),
});

/**
 * A record that reached the receiver before any courier scan (brought by hand, another courier, never scanned):
 * confirmed with how it arrived, and flagged for PCSE (attention "received without courier scans"), because a
 * record that skipped the tracked route is one PCSE must be able to account for.
 */
export async function receiveWithoutScans(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string }> {
  requirePermission(actor, "movement:receive");
  const parsed = receiveWithoutScansSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const reference = normaliseReference(parsed.data.reference);
  const movement = reference
    ? await db.recordMovement.findFirst({ where: { AND: [{ reference }, receiveScopeWhere(actor)] }, select: { id: true, reference: true, status: true, patientId: true } })
    : null;
  if (!movement) throw new NotFoundError("The record movement");
  const refused = refusal("receiveWithoutScans", movement.status, "receiver");
  if (refused) throw new ValidationError({ how: [refused] });
  await db.$transaction(async (tx) => {
    await tx.trackingEvent.create({
      data: { movementId: movement.id, type: "RECEIVED", source: "PRACTICE", sourceEventId: `portal:${randomUUID()}`, occurredAt: now, recordedById: actor.id, note: `Arrived without courier scans (${ARRIVAL_WAYS[parsed.data.how].toLowerCase()}): ${parsed.data.note}`.slice(0, 500) },
    });
    await refreshMovements(tx, [movement.id], now);
    await recordAuditEvent(tx, { actor, action: "RECEIVE_MOVEMENT", entityType: "RecordMovement", entityId: movement.id, patientId: movement.patientId, details: { by: "without-scans", how: parsed.data.how } });
  });
  return { reference: movement.reference };
}
