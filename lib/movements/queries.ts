import "server-only";
// Reading record movements. Every function takes the actor, checks the permission, and puts the actor's
// scope inside the query's `where` (lib/auth/scope.ts; the practices' list is one SQL statement with the scope
// written into it: docs/database.md, "Raw SQL on the busiest pages"). Rows are DTOs with only what the screen shows.
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
import { prismaSql, sqlParams } from "@/lib/db/sql";
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

/**
 * A practice's list as one SQL statement: its page of rows with their patient and organisations joined, and the count
 * of all that match as a subquery. It was two Prisma calls (the count, and the rows with three relation queries),
 * each a query compilation on the server, on the page practices open most (docs/database.md). The scope is the
 * where: the practice tree is the sender (outgoing) or receiver (incoming), the practice's side of
 * movementScopeWhere (a practice role reads no other movements). Every value is a parameter.
 */
function listSql(direction: "outgoing" | "incoming", params: MovementListParams, scope: string[], today: string) {
  const { values, param } = sqlParams([scope]);
  const side = direction === "outgoing" ? `"fromOrganisationId"` : `"toOrganisationId"`;
  // isOpen is PostgreSQL's own "status is one of OPEN_STATUSES" (a generated column): the practice's open movements
  // are read through their partial index, not every movement the practice ever sent.
  const status =
    params.status === "open"
      ? `m."isOpen"`
      : params.status === "closed"
        ? `NOT m."isOpen"`
        : params.status === "overdue"
          ? `m."isOpen" AND m.status::text = ANY(${param([...AWAITING_DELIVERY_STATUSES], "::text[]")}) AND m."dueDate" < ${param(today, "::date")}`
          : "TRUE";
  const priority = params.priority === "any" ? "TRUE" : `m.priority::text = ${param(params.priority)}`;
  let search = "TRUE";
  if (params.q) {
    const reference = normaliseReference(params.q);
    const digits = normaliseNhsNumber(params.q);
    if (reference) search = `m.reference = ${param(reference)}`;
    else if (/^\d{10}$/.test(digits)) search = `m."patientId" IN (SELECT id FROM "Patient" WHERE "nhsNumber" = ${param(digits)})`;
    // A family name starting with the words typed, any case; LIKE's own characters are matched as themselves.
    else search = `m."patientFamilyName" ILIKE ${param(`${params.q.replace(/[\\%_]/g, "\\$&")}%`)}`;
  }
  const dir = params.order === "asc" ? "ASC" : "DESC";
  const order = {
    due: `m."dueDate" ${dir}, m."createdAt" DESC`,
    status: `m.status ${dir}, m."createdAt" DESC`,
    reference: `m.reference ${dir}`,
    created: `m."createdAt" ${dir}, m.reference ASC`,
  }[params.sort];
  const where = `m.${side} = ANY($1::uuid[]) AND ${status} AND ${priority} AND ${search}`;
  const limit = param(PAGE_SIZE);
  const offset = param((params.page - 1) * PAGE_SIZE);
  // The page is chosen from the movements alone (through the practice's index, in order), then joined: joined first,
  // PostgreSQL joined every matching movement before sorting (13 ms for the busiest practice's 749 open ones).
  const text = `SELECT m.reference, m.type::text AS type, m.reason::text AS reason, m.priority::text AS priority, m.status::text AS status,
          to_char(m."dueDate", 'YYYY-MM-DD') AS "dueDate", m."createdAt", m."patientId", m."patientFamilyName", m."patientGivenName",
          p."nhsNumber", f."odsCode" AS "fromOds", f.name AS "fromName", f.kind::text AS "fromKind",
          t."odsCode" AS "toOds", t.name AS "toName", t.kind::text AS "toKind",
          (SELECT count(*) FROM "RecordMovement" m WHERE ${where})::int AS total
     FROM (SELECT m.reference, m.type, m.reason, m.priority, m.status, m."dueDate", m."createdAt", m."patientId", m."patientFamilyName", m."patientGivenName",
                  m."fromOrganisationId", m."toOrganisationId"
             FROM "RecordMovement" m WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) m
     JOIN "Patient" p ON p.id = m."patientId"
     JOIN "Organisation" f ON f.id = m."fromOrganisationId"
     JOIN "Organisation" t ON t.id = m."toOrganisationId"
    ORDER BY ${order}`;
  const countText = `SELECT count(*)::int AS total FROM "RecordMovement" m WHERE ${where}`;
  return { text, countText, values, countValues: values.slice(0, values.length - 2) };
}

type ListRow = {
  reference: string;
  type: MovementType;
  reason: MovementReason;
  priority: Priority;
  status: MovementStatus;
  dueDate: string;
  createdAt: Date;
  patientId: string;
  patientFamilyName: string;
  patientGivenName: string;
  nhsNumber: string;
  fromOds: string;
  fromName: string;
  fromKind: OrganisationKind;
  toOds: string;
  toName: string;
  toKind: OrganisationKind;
  total: number;
};

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
  const sql = listSql(direction, params, actor.scopeOrganisationIds, todayIso);
  const records = await db.$queryRawUnsafe<ListRow[]>(sql.text, ...sql.values);
  // Past the last page there is no row to carry the count.
  const total = records[0]?.total ?? (params.page > 1 ? (await db.$queryRawUnsafe<{ total: number }[]>(sql.countText, ...sql.countValues))[0].total : 0);
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
    rows: records.map((r) => ({
      reference: r.reference,
      patientName: displayName(r.patientFamilyName, r.patientGivenName),
      nhsNumber: r.nhsNumber,
      type: r.type,
      reason: r.reason,
      priority: r.priority,
      status: r.status,
      from: { odsCode: r.fromOds, name: r.fromName, kind: r.fromKind },
      to: { odsCode: r.toOds, name: r.toName, kind: r.toKind },
      dueDate: r.dueDate,
      createdAt: r.createdAt.toISOString(),
      overdue: isOverdue({ status: r.status, dueDate: r.dueDate }, todayIso),
    })),
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
