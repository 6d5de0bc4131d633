import "server-only";
// Reading record movements. Every function takes the actor, checks the permission, and puts the actor's
// scope inside the Prisma `where` (lib/auth/scope.ts). Rows are DTOs with only what the screen shows.
// A movement outside the actor's scope is indistinguishable from one that does not exist.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type {
  MovementClockKind,
  AttentionReason,
  ProblemKind,
  MovementReason,
  MovementStatus,
  MovementType,
  OrganisationKind,
  Priority,
  TrackingEventType,
  TrackingSource,
} from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { movementScopeWhere } from "@/lib/auth/scope";
import { NotFoundError } from "@/lib/errors";
import { hashIdentifier, recordAuditEvent } from "@/lib/audit/record";
import { compareEvents } from "@/lib/tracking/status";
import { AWAITING_DELIVERY_STATUSES, isOverdue } from "@/lib/movements/lifecycle";
import { normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { londonDate } from "@/lib/nhs/working-days";
import { normaliseReference } from "@/lib/movements/reference";
import { movementListSchema, type MovementListParams } from "@/lib/movements/schemas";
import { prismaSql } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { divisionFor } from "@/lib/clocks/calendar";
import { policyRules } from "@/lib/service-levels/versions";
import { crossBorderCountryOf, movementTargets } from "@/lib/service-levels/policy";
import { CLOCK_LABELS, deriveMovementClocks } from "@/lib/tracking/clocks";
import { displayName } from "@/lib/movements/demographics";

export const PAGE_SIZE = 25;

export type OrganisationSummary = { odsCode: string; name: string; kind: OrganisationKind };

export type MovementRow = {
  reference: string;
  patientName: string;
  nhsNumber: string;
  type: MovementType;
  reason: MovementReason;
  priority: Priority;
  status: MovementStatus;
  from: OrganisationSummary;
  to: OrganisationSummary;
  dueDate: string;
  createdAt: string;
  overdue: boolean;
};

export type MovementPage = { rows: MovementRow[]; total: number; page: number; pageCount: number; params: MovementListParams };

const orgSelect = { odsCode: true, name: true, kind: true } as const;

export const movementRowSelect = {
  reference: true,
  type: true,
  reason: true,
  priority: true,
  status: true,
  dueDate: true,
  createdAt: true,
  patientId: true,
  // Names as this movement's sender recorded them; only the NHS number comes from the shared patient row.
  patientFamilyName: true,
  patientGivenName: true,
  patient: { select: { nhsNumber: true } },
  fromOrganisation: { select: orgSelect },
  toOrganisation: { select: orgSelect },
} satisfies Prisma.RecordMovementSelect;

type RowRecord = Prisma.RecordMovementGetPayload<{ select: typeof movementRowSelect }>;

export function toMovementRow(m: RowRecord, today: string): MovementRow {
  const due = m.dueDate.toISOString().slice(0, 10);
  return {
    reference: m.reference,
    patientName: displayName(m.patientFamilyName, m.patientGivenName),
    nhsNumber: m.patient.nhsNumber,
    type: m.type,
    reason: m.reason,
    priority: m.priority,
    status: m.status,
    from: m.fromOrganisation,
    to: m.toOrganisation,
    dueDate: due,
    createdAt: m.createdAt.toISOString(),
    overdue: isOverdue({ status: m.status, dueDate: due }, today),
  };
}

function statusWhere(filter: MovementListParams["status"], today: Date): Prisma.RecordMovementWhereInput {
  switch (filter) {
    // isOpen is PostgreSQL's own "status is one of OPEN_STATUSES" (a generated column): the practice's open movements
    // are read through their partial index, not every movement the practice ever sent (docs/database.md).
    case "open":
      return { isOpen: true };
    case "closed":
      return { isOpen: false };
    case "overdue":
      return { isOpen: true, status: { in: [...AWAITING_DELIVERY_STATUSES] }, dueDate: { lt: today } };
    case "all":
      return {};
  }
}

function searchWhere(q: string): Prisma.RecordMovementWhereInput {
  if (!q) return {};
  const reference = normaliseReference(q);
  if (reference) return { reference };
  const digits = normaliseNhsNumber(q);
  if (/^\d{10}$/.test(digits)) return { patient: { nhsNumber: digits } };
  return { patientFamilyName: { startsWith: q, mode: "insensitive" } };
}

function orderBy(params: MovementListParams): Prisma.RecordMovementOrderByWithRelationInput[] {
  const dir = params.order;
  switch (params.sort) {
    case "due":
      return [{ dueDate: dir }, { createdAt: "desc" }];
    case "status":
      return [{ status: dir }, { createdAt: "desc" }];
    case "reference":
      return [{ reference: dir }];
    case "created":
      return [{ createdAt: dir }, { reference: "asc" }];
  }
}

/** A practice's outgoing or incoming movements, filtered, sorted and paged. */
export async function listPracticeMovements(
  db: Db,
  actor: Actor | null,
  direction: "outgoing" | "incoming",
  rawParams: Record<string, unknown>,
  now = new Date(),
): Promise<MovementPage> {
  requirePermission(actor, "movement:read:own");
  const params = movementListSchema.parse(rawParams);
  const todayIso = londonDate(now);
  const today = new Date(`${todayIso}T00:00:00Z`);
  const side: Prisma.RecordMovementWhereInput =
    direction === "outgoing"
      ? { fromOrganisationId: { in: actor.scopeOrganisationIds } }
      : { toOrganisationId: { in: actor.scopeOrganisationIds } };
  const where: Prisma.RecordMovementWhereInput = {
    AND: [
      movementScopeWhere(actor),
      side,
      statusWhere(params.status, today),
      params.priority === "any" ? {} : { priority: params.priority },
      searchWhere(params.q),
    ],
  };
  const [total, records] = await Promise.all([
    db.recordMovement.count({ where }),
    db.recordMovement.findMany({
      where,
      select: movementRowSelect,
      orderBy: orderBy(params),
      skip: (params.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);
  const searchedNhsNumber = normaliseNhsNumber(params.q);
  if (/^\d{10}$/.test(searchedNhsNumber)) {
    await recordAuditEvent(db, {
      actor,
      action: "SEARCH_NHS_NUMBER",
      patientId: records[0]?.patientId ?? null,
      details: records.length ? { matched: total, direction } : { matched: 0, direction, searchedHash: hashIdentifier(searchedNhsNumber) },
    });
  }
  if (records.length > 0) {
    await recordAuditEvent(db, {
      actor,
      action: "LIST_MOVEMENTS",
      entityType: "RecordMovement",
      details: { direction, page: params.page, patientIds: records.map((r) => r.patientId) },
    });
  }
  return {
    rows: records.map((r) => toMovementRow(r, todayIso)),
    total,
    page: params.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    params,
  };
}

export type MovementDetail = MovementRow & {
  id: string;
  bagCount: number;
  notes: string | null;
  dateOfBirth: string;
  createdBy: string | null;
  fromAddress: { lines: string[]; postcode: string | null };
  toAddress: { lines: string[]; postcode: string | null };
  viewerSide: "sender" | "receiver" | "pcse";
  attentionReasons: AttentionReason[];
  labels: { barcode: string; bagNumber: number; bagCount: number; version: number; status: "LIVE" | "VOIDED"; voidReason: string | null; voidNote: string | null; voidedAt: string | null; createdAt: string; lastPrintedAt: string | null }[];
  problems: { kind: ProblemKind; receivedNhsNumber: string | null; note: string | null; status: string; createdAt: string; reportedBy: string }[];
  /** PCSE only: the other movements of the same NHS number, each with the demographics its sender recorded. */
  otherMovements: { reference: string; from: OrganisationSummary; patientName: string; dateOfBirth: string; createdAt: string }[];
  collections: { reference: string; collectionDate: string; status: string }[];
  /** The service-level policy version the movement runs under, and each of its clocks. */
  policyVersion: number;
  clocks: { kind: MovementClockKind; label: string; targetWorkingDays: number; startedOn: string; dueDate: string; stoppedOn: string | null; state: "running" | "paused" | "met" | "breached"; elapsedWorkingDays: number; remainingWorkingDays: number; pausedWorkingDays: number }[];
  events: {
    type: TrackingEventType;
    source: TrackingSource;
    occurredAt: string;
    location: string | null;
    note: string | null;
    signedBy: string | null;
  }[];
};

/** One movement with its history, for any actor who may see it; audited as a view of the patient. */
export async function getMovement(db: Db, actor: Actor | null, rawReference: string, now = new Date()): Promise<MovementDetail> {
  if (!actor || !(can(actor.role, "movement:read:own") || can(actor.role, "movement:read:any"))) {
    requirePermission(actor, "movement:read:any");
  }
  const reference = normaliseReference(rawReference);
  if (!reference) throw new NotFoundError("The record movement");
  const m = await db.recordMovement.findFirst({
    where: { AND: [{ reference }, movementScopeWhere(actor)] },
    select: {
      ...movementRowSelect,
      id: true,
      bagCount: true,
      notes: true,
      fromOrganisationId: true,
      policyVersion: true,
      patientDateOfBirth: true,
      fromOrganisation: { select: { ...orgSelect, addressLines: true, postcode: true, country: true } },
      toOrganisation: { select: { ...orgSelect, addressLines: true, postcode: true, country: true } },
      createdBy: { select: { name: true } },
      attentionReasons: true,
      labels: {
        select: { barcode: true, bagNumber: true, bagCount: true, version: true, status: true, voidReason: true, voidNote: true, voidedAt: true, createdAt: true, lastPrintedAt: true },
        orderBy: [{ bagNumber: "asc" }, { version: "desc" }],
      },
      problemReports: {
        select: { kind: true, receivedNhsNumber: true, note: true, status: true, createdAt: true, reportedBy: { select: { name: true } } },
        orderBy: { createdAt: "desc" },
      },
      collectionItems: { select: { collection: { select: { reference: true, collectionDate: true, status: true, organisationId: true } } } },
      trackingEvents: {
        select: { type: true, source: true, occurredAt: true, location: true, note: true, signedBy: true, sourceEventId: true },
      },
    },
  });
  if (!m) throw new NotFoundError("The record movement");
  const pcse = can(actor.role, "movement:read:any");
  const viewerSide = pcse ? "pcse" : actor.scopeOrganisationIds.includes(m.fromOrganisationId) ? "sender" : "receiver";
  await recordAuditEvent(db, { actor, action: "VIEW_MOVEMENT", entityType: "RecordMovement", entityId: m.id, patientId: m.patientId });
  // The NHS number written on a wrong record is another patient's identifier: only the receiver who reported it
  // and PCSE see it, and showing it is an audited view of that patient.
  const showReported = viewerSide !== "sender";
  if (showReported) await auditReportedNhsNumbers(db, actor, m.id, m.problemReports);
  const others = pcse
    ? await db.recordMovement.findMany({
        where: { patientId: m.patientId, id: { not: m.id } },
        select: { reference: true, patientFamilyName: true, patientGivenName: true, patientDateOfBirth: true, createdAt: true, fromOrganisation: { select: orgSelect } },
        orderBy: { createdAt: "desc" },
        take: 20,
      })
    : [];
  const events = [...m.trackingEvents].sort(compareEvents);
  // The clocks as of now, from the same pure derivation the refresh stores (lists read the stored columns).
  const sql = prismaSql(db);
  const [rules, calendars] = await Promise.all([policyRules(sql, m.policyVersion), loadCalendars(sql)]);
  const targets = movementTargets(rules, m.type, m.priority, crossBorderCountryOf(m.type, m.fromOrganisation.country, m.toOrganisation.country));
  const derived = deriveMovementClocks(
    m.trackingEvents,
    {
      createdAt: m.createdAt,
      status: m.status,
      targets,
      pauseWhileHeld: rules.movementPauses.statuses.includes("HELD_AT_PRACTICE"),
      maxPausedWorkingDays: rules.movementPauses.maxPausedWorkingDays,
      senderCalendar: calendars[divisionFor(m.fromOrganisation.country)],
      receiverCalendar: calendars[divisionFor(m.toOrganisation.country)],
    },
    now,
  );
  const legOf: Record<MovementClockKind, keyof typeof targets> = { RELEASE: "release", COLLECTION: "collection", DELIVERY: "delivery", RECEIPT: "receipt", END_TO_END: "endToEnd" };
  return {
    ...toMovementRow(m, londonDate(now)),
    id: m.id,
    bagCount: m.bagCount,
    notes: m.notes,
    dateOfBirth: m.patientDateOfBirth.toISOString().slice(0, 10),
    createdBy: m.createdBy?.name ?? null,
    fromAddress: { lines: m.fromOrganisation.addressLines, postcode: m.fromOrganisation.postcode },
    toAddress: { lines: m.toOrganisation.addressLines, postcode: m.toOrganisation.postcode },
    viewerSide,
    // What PCSE must check is PCSE's business: practices are not told (a demographics disagreement would reveal
    // what another practice recorded).
    attentionReasons: pcse ? m.attentionReasons : [],
    policyVersion: m.policyVersion,
    clocks: derived.clocks.map((c) => ({
      kind: c.kind,
      label: CLOCK_LABELS[c.kind],
      targetWorkingDays: targets[legOf[c.kind]],
      startedOn: c.startedOn,
      dueDate: c.dueDate,
      stoppedOn: c.stoppedOn,
      state: c.state,
      elapsedWorkingDays: c.elapsedWorkingDays,
      remainingWorkingDays: c.remainingWorkingDays,
      pausedWorkingDays: c.pausedWorkingDays,
    })),
    labels: m.labels.map((l) => ({
      ...l,
      voidedAt: l.voidedAt?.toISOString() ?? null,
      createdAt: l.createdAt.toISOString(),
      lastPrintedAt: l.lastPrintedAt?.toISOString() ?? null,
    })),
    problems: m.problemReports.map((p) => ({ kind: p.kind, receivedNhsNumber: showReported ? p.receivedNhsNumber : null, note: p.note, status: p.status, createdAt: p.createdAt.toISOString(), reportedBy: p.reportedBy.name })),
    otherMovements: others.map((o) => ({
      reference: o.reference,
      from: o.fromOrganisation,
      patientName: displayName(o.patientFamilyName, o.patientGivenName),
      dateOfBirth: o.patientDateOfBirth.toISOString().slice(0, 10),
      createdAt: o.createdAt.toISOString(),
    })),
    // Collections are the sender's business (and PCSE's); the receiver does not see the sender's bookings.
    collections: viewerSide !== "receiver"
      ? m.collectionItems.map((i) => ({ reference: i.collection.reference, collectionDate: i.collection.collectionDate.toISOString().slice(0, 10), status: i.collection.status }))
      : [],
    events: events.map((e) => ({
      type: e.type,
      source: e.source,
      occurredAt: e.occurredAt.toISOString(),
      location: e.location,
      note: e.note,
      signedBy: e.signedBy,
    })),
  };
}

/**
 * One audit row per NHS number reported on a wrong-patient problem and shown: that patient's id when the portal
 * has a patient with the number, else a keyed hash of it (an NHS number is never stored in the audit trail).
 */
async function auditReportedNhsNumbers(db: Db, actor: Actor, movementId: string, reports: readonly { receivedNhsNumber: string | null }[]) {
  const numbers = [...new Set(reports.map((r) => r.receivedNhsNumber).filter((n): n is string => Boolean(n)))];
  if (numbers.length === 0) return;
  const known = await db.patient.findMany({ where: { nhsNumber: { in: numbers } }, select: { id: true, nhsNumber: true } });
  const idOf = new Map(known.map((p) => [p.nhsNumber, p.id]));
  for (const n of numbers) {
    const patientId = idOf.get(n) ?? null;
    await recordAuditEvent(db, {
      actor,
      action: "VIEW_REPORTED_PATIENT",
      entityType: "RecordMovement",
      entityId: movementId,
      patientId,
      details: patientId ? { shown: "reported NHS number" } : { shown: "reported NHS number", nhsNumberHash: hashIdentifier(n) },
    });
  }
}
