import "server-only";
// Courier labels: prepare (create what is missing, record the first print) and void-and-reissue. Each command
// checks the permission and the label scope (the sending practice tree; PCSE any) inside its query.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { labelScopeWhere } from "@/lib/auth/scope";
import { NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { normaliseReference } from "@/lib/movements/reference";
import { refreshMovements } from "@/lib/tracking/refresh";
import { labelBarcode, normaliseBarcode } from "@/lib/labels/barcode";
import type { LabelData } from "@/lib/labels/pdf";
import { formatShortDate } from "@/lib/format";
import { MOVEMENT_ACTIONS } from "@/lib/movements/lifecycle";
import { offerWorkloadSuggestions } from "@/lib/workload/suggestions";

export const MAX_LABEL_BATCH = 1000;

/** A record can be labelled while it is still at the sender (the lifecycle's printLabels rule). */
export const LABELLABLE = MOVEMENT_ACTIONS.printLabels.statuses;

export const referencesSchema = z
  .array(z.string({ error: "Each reference must be text" }).max(20), { error: "Choose at least one record movement" })
  .min(1, "Choose at least one record movement")
  .max(MAX_LABEL_BATCH, `Print at most ${MAX_LABEL_BATCH} movements' labels at once`);

export type PreparedLabels = { labels: LabelData[]; problems: { reference: string; reason: string }[] };

const partySelect = { name: true, odsCode: true, addressLines: true, postcode: true } as const;

export async function prepareLabels(db: Db, actor: Actor | null, rawReferences: unknown, now = new Date()): Promise<PreparedLabels> {
  requirePermission(actor, "label:print");
  const parsed = referencesSchema.safeParse(rawReferences);
  if (!parsed.success) throw new ValidationError({ references: [parsed.error.issues[0].message] });
  const problems: PreparedLabels["problems"] = [];
  const wanted = new Set<string>();
  for (const raw of parsed.data) {
    const ref = normaliseReference(raw);
    if (ref) wanted.add(ref);
    else problems.push({ reference: raw, reason: "not a movement reference" });
  }
  const movements = await db.recordMovement.findMany({
    where: { AND: [{ reference: { in: [...wanted] } }, labelScopeWhere(actor)] },
    select: {
      id: true,
      reference: true,
      status: true,
      bagCount: true,
      priority: true,
      fromOrganisationId: true,
      fromOrganisation: { select: partySelect },
      toOrganisation: { select: partySelect },
      labels: { select: { bagNumber: true, version: true, status: true } },
      // The latest print or destination correction: labels printed for the old address do not count.
      trackingEvents: { where: { type: { in: ["LABEL_PRINTED", "DESTINATION_CORRECTED"] } }, select: { type: true }, orderBy: [{ occurredAt: "desc" }, { receivedAt: "desc" }], take: 1 },
    },
    orderBy: { reference: "asc" },
  });
  const found = new Set(movements.map((m) => m.reference));
  for (const ref of wanted) if (!found.has(ref)) problems.push({ reference: ref, reason: "not found" });
  const printable = movements.filter((m) => {
    if (LABELLABLE.includes(m.status)) return true;
    problems.push({ reference: m.reference, reason: "the record has already left the practice" });
    return false;
  });
  if (printable.length === 0) return { labels: [], problems };

  const created: { id: string; barcode: string; movementId: string; bagNumber: number; bagCount: number; version: number }[] = [];
  for (const m of printable) {
    for (let bag = 1; bag <= m.bagCount; bag++) {
      const versions = m.labels.filter((l) => l.bagNumber === bag);
      if (versions.some((l) => l.status === "LIVE")) continue;
      const version = versions.reduce((max, l) => Math.max(max, l.version), 0) + 1;
      created.push({ id: randomUUID(), barcode: labelBarcode(m.reference, bag, version), movementId: m.id, bagNumber: bag, bagCount: m.bagCount, version });
    }
  }
  const movementIds = printable.map((m) => m.id);
  await db.$transaction(async (tx) => {
    if (created.length) {
      // skipDuplicates: the same labels made a moment ago by a second click or tab are not an error.
      await tx.courierLabel.createMany({ data: created.map((c) => ({ ...c, createdById: actor.id, createdAt: now })), skipDuplicates: true });
    }
    await tx.courierLabel.updateMany({ where: { movementId: { in: movementIds }, status: "LIVE", firstPrintedAt: null }, data: { firstPrintedAt: now } });
    await tx.courierLabel.updateMany({ where: { movementId: { in: movementIds }, status: "LIVE" }, data: { lastPrintedAt: now } });
    const firstPrint = printable.filter((m) => m.trackingEvents[0]?.type !== "LABEL_PRINTED");
    if (firstPrint.length) {
      await tx.trackingEvent.createMany({
        data: firstPrint.map((m) => ({ movementId: m.id, type: "LABEL_PRINTED" as const, source: "PRACTICE" as const, sourceEventId: `portal:${randomUUID()}`, occurredAt: now, recordedById: actor.id })),
      });
      await refreshMovements(tx, firstPrint.map((m) => m.id), now);
      // The bagging and labelling these records now need, offered to log (lib/workload/suggestions.ts).
      await offerWorkloadSuggestions(tx, actor, { kind: "LABELS_PRINTED", movements: firstPrint.map((m) => ({ id: m.id, siteId: m.fromOrganisationId, reference: m.reference })) }, now);
    }
    await recordAuditEvent(tx, { actor, action: "PRINT_LABELS", entityType: "RecordMovement", details: { movements: movementIds.length, labelsCreated: created.length } });
  });

  const live = await db.courierLabel.findMany({
    where: { movementId: { in: movementIds }, status: "LIVE" },
    select: { barcode: true, bagNumber: true, bagCount: true, movementId: true },
    orderBy: [{ barcode: "asc" }],
  });
  const byId = new Map(printable.map((m) => [m.id, m]));
  const printedOn = formatShortDate(now);
  const labels: LabelData[] = live.map((l) => {
    const m = byId.get(l.movementId)!;
    return { barcode: l.barcode, reference: m.reference, bagNumber: l.bagNumber, bagCount: l.bagCount, urgent: m.priority === "URGENT", from: m.fromOrganisation, to: m.toOrganisation, printedOn };
  });
  return { labels, problems };
}

export const voidLabelSchema = z.object({
  barcode: z.string({ error: "Choose a label" }).trim().min(1, "Choose a label").max(40),
  reason: z.enum(["LOST", "DAMAGED", "WRONG"], { error: "Select why the label is being replaced" }),
  note: z
    .string()
    .trim()
    .max(500, "The note must be 500 characters or fewer")
    .refine((v) => !/[<>]/.test(v), "The note must not contain < or >")
    .optional()
    .transform((v) => v || null),
});

/** Voids a live label with a reason and makes the next version for the same bag. Returns the new barcode. */
export async function voidAndReissueLabel(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ voided: string; reissued: string; reference: string }> {
  requirePermission(actor, "label:print");
  const parsed = voidLabelSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(fieldErrorsOf(parsed.error));
  }
  const barcode = normaliseBarcode(parsed.data.barcode);
  const label = await db.courierLabel.findFirst({
    where: { barcode, movement: labelScopeWhere(actor) },
    select: { id: true, status: true, bagNumber: true, bagCount: true, movementId: true, movement: { select: { reference: true, status: true, patientId: true } } },
  });
  if (!label) throw new NotFoundError("The label");
  if (label.status !== "LIVE") throw new ValidationError({ barcode: ["This label has already been voided"] });
  if (!LABELLABLE.includes(label.movement.status)) throw new ValidationError({ barcode: ["The record has already left the practice: ask PCSE to trace it"] });
  const versions = await db.courierLabel.aggregate({ where: { movementId: label.movementId, bagNumber: label.bagNumber }, _max: { version: true } });
  const version = (versions._max.version ?? 0) + 1;
  const reissued = labelBarcode(label.movement.reference, label.bagNumber, version);
  await db.$transaction(async (tx) => {
    const voided = await tx.courierLabel.updateMany({
      where: { id: label.id, status: "LIVE" },
      data: { status: "VOIDED", voidReason: parsed.data.reason, voidNote: parsed.data.note, voidedAt: now, voidedById: actor.id },
    });
    if (voided.count !== 1) throw new ValidationError({ barcode: ["This label has already been voided"] });
    await tx.courierLabel.create({ data: { barcode: reissued, movementId: label.movementId, bagNumber: label.bagNumber, bagCount: label.bagCount, version, createdById: actor.id, createdAt: now } });
    await recordAuditEvent(tx, { actor, action: "VOID_LABEL", entityType: "CourierLabel", entityId: label.id, patientId: label.movement.patientId, details: { barcode, reissued, reason: parsed.data.reason } });
  });
  return { voided: barcode, reissued, reference: label.movement.reference };
}
