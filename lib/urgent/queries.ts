import "server-only";
// Reading urgent requests: the requesting practice's (made) and the holder's (to answer, with the countdown to the
// internal target). PCSE sees all, and answers those held by its store. Lists carry no patient identifiers; opening
// a request (which shows the patient as the requester recorded them) is audited.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { UrgentBasis, UrgentRequestStatus } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { urgentRequestScopeWhere } from "@/lib/auth/scope";
import { NotFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { prismaSql } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { londonDate, workingDaysBetween } from "@/lib/nhs/working-days";
import { normalisePrefixedReference } from "@/lib/movements/reference";
import { displayName } from "@/lib/movements/demographics";
import { URGENT_BASIS_LABELS } from "@/lib/urgent/schemas";

export const OPEN_URGENT_STATUSES: readonly UrgentRequestStatus[] = ["REQUESTED", "ACKNOWLEDGED", "SENT"];

export const URGENT_STATUS_LABELS: Record<UrgentRequestStatus, string> = {
  REQUESTED: "Waiting for the holder",
  ACKNOWLEDGED: "Acknowledged by the holder",
  SENT: "Sent",
  RECEIVED: "Received",
  CANCELLED: "Cancelled",
};

export type Countdown = { workingDaysLeft: number; state: "on-track" | "due-soon" | "due-today" | "overdue" | "done" };

export type UrgentRow = {
  reference: string;
  basis: UrgentBasis;
  basisLabel: string;
  status: UrgentRequestStatus;
  requester: string;
  holder: string;
  createdAt: string;
  statutoryDueDate: string | null;
  internalTargetDate: string;
  countdown: Countdown;
  movementReference: string | null;
  /** The actor's side: the practice that asked, the holder that must answer, or PCSE. */
  side: "requester" | "holder" | "pcse";
};

const rowSelect = {
  id: true,
  reference: true,
  basis: true,
  status: true,
  createdAt: true,
  statutoryDueDate: true,
  internalTargetDate: true,
  requestingOrganisationId: true,
  holderOrganisationId: true,
  requestingOrganisation: { select: { name: true, odsCode: true } },
  holderOrganisation: { select: { name: true, odsCode: true, kind: true } },
  movement: { select: { reference: true } },
} satisfies Prisma.UrgentRequestSelect;

type RowRecord = Prisma.UrgentRequestGetPayload<{ select: typeof rowSelect }>;

export function countdown(status: UrgentRequestStatus, target: string, today: string, holidays: ReadonlySet<string>): Countdown {
  if (status === "RECEIVED" || status === "CANCELLED") return { workingDaysLeft: 0, state: "done" };
  if (target < today) return { workingDaysLeft: -workingDaysBetween(target, today, holidays), state: "overdue" };
  const left = workingDaysBetween(today, target, holidays);
  return { workingDaysLeft: left, state: left === 0 ? "due-today" : left <= 2 ? "due-soon" : "on-track" };
}

function side(actor: Actor, r: RowRecord): UrgentRow["side"] {
  if (can(actor.role, "case:work")) return "pcse";
  return actor.scopeOrganisationIds.includes(r.holderOrganisationId) ? "holder" : "requester";
}

function toRow(actor: Actor, r: RowRecord, today: string, holidays: ReadonlySet<string>): UrgentRow {
  const target = r.internalTargetDate.toISOString().slice(0, 10);
  return {
    reference: r.reference,
    basis: r.basis,
    basisLabel: URGENT_BASIS_LABELS[r.basis],
    status: r.status,
    requester: `${r.requestingOrganisation.name} (${r.requestingOrganisation.odsCode})`,
    holder: `${r.holderOrganisation.name} (${r.holderOrganisation.odsCode})`,
    createdAt: r.createdAt.toISOString(),
    statutoryDueDate: r.statutoryDueDate?.toISOString().slice(0, 10) ?? null,
    internalTargetDate: target,
    countdown: countdown(r.status, target, today, holidays),
    movementReference: r.movement?.reference ?? null,
    side: side(actor, r),
  };
}

export const urgentListSchema = z.object({
  show: z.enum(["open", "all"]).catch("open"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const PAGE = 50;

async function holidays(db: Db): Promise<ReadonlySet<string>> {
  return (await loadCalendars(prismaSql(db)))["england-and-wales"].holidays;
}

/** The practice's urgent requests: those it must answer (as holder) and those it made, soonest target first. */
export async function listPracticeUrgentRequests(db: Db, actor: Actor | null, raw: Record<string, unknown> = {}, now = new Date()): Promise<{ toAnswer: UrgentRow[]; made: UrgentRow[]; show: "open" | "all" }> {
  requirePermission(actor, "urgent:request");
  const params = urgentListSchema.parse(raw);
  const tree = { in: actor.scopeOrganisationIds };
  const status = params.show === "open" ? { status: { in: [...OPEN_URGENT_STATUSES] } } : {};
  const today = londonDate(now);
  const [toAnswer, made, hols] = await Promise.all([
    db.urgentRequest.findMany({ where: { AND: [urgentRequestScopeWhere(actor), { holderOrganisationId: tree }, status] }, select: rowSelect, orderBy: [{ internalTargetDate: "asc" }], take: PAGE }),
    db.urgentRequest.findMany({ where: { AND: [urgentRequestScopeWhere(actor), { requestingOrganisationId: tree }, status] }, select: rowSelect, orderBy: [{ createdAt: "desc" }], take: PAGE }),
    holidays(db),
  ]);
  return { toAnswer: toAnswer.map((r) => toRow(actor, r, today, hols)), made: made.map((r) => toRow(actor, r, today, hols)), show: params.show };
}

export type WaitingUrgentRow = { reference: string; requester: string; internalTargetDate: string; countdown: Countdown };

/**
 * The practice's overview: urgent requests for records its practice (or a branch) holds and has not yet sent (waiting
 * for the holder, or acknowledged), nearest target first, at most `limit`, with how many there are in all. One
 * statement (a Prisma call costs the server a query compilation, and this is on the practice's home page); the scope
 * is its where: held by the actor's practice tree, the holder's side of urgentRequestScopeWhere.
 */
export async function urgentRequestsWaiting(db: Db, actor: Actor | null, limit = 5, now = new Date()): Promise<{ rows: WaitingUrgentRow[]; total: number }> {
  requirePermission(actor, "urgent:request");
  if (actor.scopeOrganisationIds.length === 0) return { rows: [], total: 0 };
  const today = londonDate(now);
  const [rows, hols] = await Promise.all([
    db.$queryRawUnsafe<{ reference: string; status: UrgentRequestStatus; requesterName: string; requesterOds: string; target: string; total: number }[]>(
      `SELECT u.reference, u.status::text AS status, o.name AS "requesterName", o."odsCode" AS "requesterOds", to_char(u."internalTargetDate", 'YYYY-MM-DD') AS target,
              (count(*) OVER ())::int AS total
         FROM "UrgentRequest" u JOIN "Organisation" o ON o.id = u."requestingOrganisationId"
        WHERE u."holderOrganisationId" = ANY($1::uuid[]) AND u.status IN ('REQUESTED', 'ACKNOWLEDGED')
        ORDER BY u."internalTargetDate", u.reference
        LIMIT $2`,
      actor.scopeOrganisationIds,
      Math.min(Math.max(1, limit), 50),
    ),
    holidays(db),
  ]);
  return {
    rows: rows.map((r) => ({ reference: r.reference, requester: `${r.requesterName} (${r.requesterOds})`, internalTargetDate: r.target, countdown: countdown(r.status, r.target, today, hols) })),
    total: rows[0]?.total ?? 0,
  };
}

/** PCSE: urgent requests held by its store (to answer) and every open request at risk. */
export async function listPcseUrgentRequests(db: Db, actor: Actor | null, now = new Date()): Promise<{ store: UrgentRow[]; atRisk: UrgentRow[] }> {
  requirePermission(actor, "case:work");
  const today = londonDate(now);
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 3);
  const [store, atRisk, hols] = await Promise.all([
    db.urgentRequest.findMany({ where: { holderOrganisation: { kind: "PCSE_STORE" }, status: { in: ["REQUESTED", "ACKNOWLEDGED"] } }, select: rowSelect, orderBy: [{ internalTargetDate: "asc" }], take: PAGE }),
    db.urgentRequest.findMany({ where: { status: { in: ["REQUESTED", "ACKNOWLEDGED", "SENT"] }, internalTargetDate: { lte: soon } }, select: rowSelect, orderBy: [{ internalTargetDate: "asc" }], take: PAGE }),
    holidays(db),
  ]);
  return { store: store.map((r) => toRow(actor, r, today, hols)), atRisk: atRisk.map((r) => toRow(actor, r, today, hols)) };
}

export type UrgentDetail = UrgentRow & {
  patientName: string;
  nhsNumber: string;
  dateOfBirth: string;
  receivedOn: string;
  dateGiven: string | null;
  extended: boolean;
  recentEntriesOnly: boolean;
  note: string | null;
  policyVersion: number;
  remindedHalfwayAt: string | null;
  remindedThreeQuartersAt: string | null;
  breachedAt: string | null;
  caseReferences: string[];
  canAcknowledge: boolean;
  canSend: boolean;
  canCancel: boolean;
};

/** One urgent request, with the patient as the requester recorded them. Audited. */
export async function getUrgentRequest(db: Db, actor: Actor | null, rawReference: string, now = new Date()): Promise<UrgentDetail> {
  if (!actor || !(can(actor.role, "urgent:request") || can(actor.role, "case:work"))) requirePermission(actor, "urgent:request");
  const reference = normalisePrefixedReference(rawReference, "UR");
  if (!reference) throw new NotFoundError("The urgent request");
  const r = await db.urgentRequest.findFirst({
    where: { AND: [{ reference }, urgentRequestScopeWhere(actor)] },
    select: { ...rowSelect, patientId: true, patientFamilyName: true, patientGivenName: true, patientDateOfBirth: true, patient: { select: { nhsNumber: true } }, receivedOn: true, dateGiven: true, extended: true, recentEntriesOnly: true, note: true, policyVersion: true, remindedHalfwayAt: true, remindedThreeQuartersAt: true, breachedAt: true, cases: { select: { reference: true } } },
  });
  if (!r) throw new NotFoundError("The urgent request");
  await recordAuditEvent(db, { actor, action: "VIEW_URGENT_REQUEST", entityType: "UrgentRequest", entityId: r.id, patientId: r.patientId, details: { reference: r.reference } });
  const row = toRow(actor, r, londonDate(now), await holidays(db));
  const holderIsStore = r.holderOrganisation.kind === "PCSE_STORE";
  const answering = row.side === "holder" || (row.side === "pcse" && holderIsStore);
  return {
    ...row,
    patientName: displayName(r.patientFamilyName, r.patientGivenName),
    nhsNumber: r.patient.nhsNumber,
    dateOfBirth: r.patientDateOfBirth.toISOString().slice(0, 10),
    receivedOn: r.receivedOn.toISOString().slice(0, 10),
    dateGiven: r.dateGiven?.toISOString().slice(0, 10) ?? null,
    extended: r.extended,
    recentEntriesOnly: r.recentEntriesOnly,
    note: r.note,
    policyVersion: r.policyVersion,
    remindedHalfwayAt: r.remindedHalfwayAt?.toISOString() ?? null,
    remindedThreeQuartersAt: r.remindedThreeQuartersAt?.toISOString() ?? null,
    breachedAt: r.breachedAt?.toISOString() ?? null,
    caseReferences: row.side === "pcse" ? r.cases.map((c) => c.reference) : r.cases.map((c) => c.reference),
    canAcknowledge: answering && r.status === "REQUESTED",
    canSend: answering && (r.status === "REQUESTED" || r.status === "ACKNOWLEDGED"),
    canCancel: row.side === "requester" && (r.status === "REQUESTED" || r.status === "ACKNOWLEDGED"),
  };
}
