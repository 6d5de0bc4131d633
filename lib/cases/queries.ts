import "server-only";
// Reading cases. PCSE: the queue (no patient identifiers in it: opening a case is the audited view), a case with
// everything needed to act, the team's view for supervisors. Practices: their cases with the shared timeline only
// (PCSE's internal notes never reach a practice), and the tasks PCSE set them. Scope is inside every `where`
// (lib/auth/scope.ts): a case outside it is "not found".
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { CaseEventType, CaseKind, CaseMovementRole, CaseOutcome, CaseStatus, CaseVisibility, MissingStage, PracticeTaskKind, PracticeTaskStatus, Role } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { caseScopeWhere } from "@/lib/auth/scope";
import { NotFoundError } from "@/lib/errors";
import { hashIdentifier, recordAuditEvent } from "@/lib/audit/record";
import { prismaSql, sqlParams } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { londonDate } from "@/lib/nhs/working-days";
import { policyRules } from "@/lib/service-levels/versions";
import { caseTargets } from "@/lib/service-levels/policy";
import { normalisePrefixedReference } from "@/lib/movements/reference";
import { displayName } from "@/lib/movements/demographics";
import { compareEvents } from "@/lib/tracking/status";
import { CASE_KINDS, CASE_KIND_LABELS, PCSE_ONLY_CASE_KINDS } from "@/lib/cases/kinds";
import { CASE_STATUSES, OPEN_CASE_STATUSES, availableCaseActions, caseClocks, lostOnDate, outcomesFor, searchDueDate, type CaseAction, type CaseActor } from "@/lib/cases/rules";

export const CASE_PAGE_SIZE = 50;
const CALENDAR = "england-and-wales" as const;

// --------------------------------------------------------------------------------------------------------------
// The queue
// --------------------------------------------------------------------------------------------------------------

export const CASE_STATUS_FILTERS = ["open", ...CASE_STATUSES, "all"] as const;
export const CASE_DUE_FILTERS = ["any", "breached", "today", "week"] as const;

export const caseQueueSchema = z.object({
  kind: z.enum(["all", ...CASE_KINDS]).catch("all"),
  status: z.enum(CASE_STATUS_FILTERS).catch("open"),
  /** "any", "me", "none" (unassigned) or a caseworker's id. */
  owner: z.union([z.enum(["any", "me", "none"]), z.uuid()]).catch("any"),
  region: z.union([z.literal("all"), z.string().regex(/^Y\d{2}$/)]).catch("all"),
  due: z.enum(CASE_DUE_FILTERS).catch("any"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type CaseQueueParams = z.infer<typeof caseQueueSchema>;

export type CaseQueueRow = {
  reference: string;
  kind: CaseKind;
  kindLabel: string;
  status: CaseStatus;
  missingStage: MissingStage | null;
  summary: string;
  ownerName: string | null;
  regionCode: string | null;
  raisedBy: string | null;
  openedAt: string;
  nextDueDate: string | null;
  breached: boolean;
  paused: boolean;
};

export type CaseQueue = {
  rows: CaseQueueRow[];
  total: number;
  page: number;
  pageCount: number;
  params: CaseQueueParams;
  /** How many cases each choice of a filter would show, the other filters as they are. */
  counts: { kind: Record<string, number>; status: Record<string, number>; due: Record<(typeof CASE_DUE_FILTERS)[number], number>; unassigned: number; mine: number };
};

function dateOnly(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

function addDays(iso: string, days: number): Date {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

type FacetRow = { kind: CaseKind; status: CaseStatus; c: number; dueAny: number; dueBreached: number; dueToday: number; dueWeek: number; unassigned: number; mine: number };

/**
 * Every count the queue's filters show, in one pass over the cases (a national year holds about 300,000: eleven
 * counting queries took 200 ms). Grouped by kind and status, each column counting under the filters other than its
 * own, so the counts per kind, status and due date, "unassigned" and "mine" are summed from the groups in code.
 * Only open cases are scanned unless resolved or closed ones are asked for: the year's closed cases are not
 * counted in the open views (their counts are left out, not shown as 0). PCSE sees every case (caseScopeWhere is
 * empty for case:work), so no scope condition is needed here; the caller checks that.
 */
async function queueFacets(db: Db, actor: Actor, params: CaseQueueParams, today: string): Promise<FacetRow[]> {
  const sql = prismaSql(db);
  const { values, param } = sqlParams();
  const ownerSql = params.owner === "any" ? "TRUE" : params.owner === "none" ? `"ownerId" IS NULL` : `"ownerId" = ${param(params.owner === "me" ? actor.id : params.owner, "::uuid")}`;
  const todaySql = param(today, "::date");
  const weekSql = param(addDays(today, 7).toISOString().slice(0, 10), "::date");
  const dueSql = { any: "TRUE", breached: "breached", today: `(NOT breached AND "nextDueDate" <= ${todaySql})`, week: `(NOT breached AND "nextDueDate" < ${weekSql})` }[params.due];
  const meSql = param(actor.id, "::uuid");
  const scanned = params.status === "open" || OPEN_CASE_STATUSES.includes(params.status as CaseStatus) ? [...OPEN_CASE_STATUSES] : [...CASE_STATUSES];
  const statusSql = param(scanned, `::"CaseStatus"[]`);
  const regionSql = params.region === "all" ? "TRUE" : `"regionCode" = ${param(params.region)}`;
  const text = `SELECT kind::text AS kind, status::text AS status,
            count(*) FILTER (WHERE ${ownerSql} AND ${dueSql})::int AS c,
            count(*) FILTER (WHERE ${ownerSql})::int AS "dueAny",
            count(*) FILTER (WHERE ${ownerSql} AND breached)::int AS "dueBreached",
            count(*) FILTER (WHERE ${ownerSql} AND NOT breached AND "nextDueDate" <= ${todaySql})::int AS "dueToday",
            count(*) FILTER (WHERE ${ownerSql} AND NOT breached AND "nextDueDate" < ${weekSql})::int AS "dueWeek",
            count(*) FILTER (WHERE ${dueSql} AND "ownerId" IS NULL)::int AS unassigned,
            count(*) FILTER (WHERE ${dueSql} AND "ownerId" = ${meSql})::int AS mine
     FROM "Case" WHERE status = ANY(${statusSql}) AND ${regionSql}
     GROUP BY kind, status`;
  if (scanned.length === OPEN_CASE_STATUSES.length) return sql.query<FacetRow>(text, values);
  // Counting closed cases too reads the whole year (300,000 index entries nationally). PostgreSQL scans them in one
  // process: its estimate of the index range's size and its cost of starting workers say a hundred-row aggregate is
  // not worth sharing. For this statement alone (set_config local to its transaction) those costs are set to nothing,
  // so the leader and two workers share the scan (docs/cases.md has the figures). The open-case views read about
  // 22,000 entries and stay serial.
  const [, rows] = await db.$transaction([
    db.$queryRawUnsafe(`SELECT set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true), set_config('min_parallel_index_scan_size', '0', true)`),
    db.$queryRawUnsafe<FacetRow[]>(text, ...values),
  ]);
  return rows;
}

type QueuePageRow = { reference: string; kind: CaseKind; status: CaseStatus; missingStage: MissingStage | null; summary: string; regionCode: string | null; openedAt: Date; nextDueDate: string | null; breached: boolean; paused: boolean; ownerName: string | null; raisedByName: string | null; raisedByOds: string | null };

/**
 * The queue's page of cases under its filters, one statement with the owner's and raiser's names joined (the Prisma
 * query it replaces was three statements and a query compilation, on the page caseworkers keep open). PCSE sees every
 * case (caseQueue checks caseScopeWhere is empty); every value is a parameter.
 */
async function queuePage(db: Db, actor: Actor, params: CaseQueueParams, today: string): Promise<QueuePageRow[]> {
  const { values, param } = sqlParams();
  const conditions = [
    params.kind === "all" ? "TRUE" : `c.kind::text = ${param(params.kind)}`,
    params.status === "open" ? `c.status::text = ANY(${param([...OPEN_CASE_STATUSES], "::text[]")})` : params.status === "all" ? "TRUE" : `c.status::text = ${param(params.status)}`,
    params.owner === "any" ? "TRUE" : params.owner === "none" ? `c."ownerId" IS NULL` : `c."ownerId" = ${param(params.owner === "me" ? actor.id : params.owner, "::uuid")}`,
    params.region === "all" ? "TRUE" : `c."regionCode" = ${param(params.region)}`,
    params.due === "breached" ? "c.breached" : params.due === "today" ? `NOT c.breached AND c."nextDueDate" <= ${param(today, "::date")}` : params.due === "week" ? `NOT c.breached AND c."nextDueDate" < ${param(addDays(today, 7).toISOString().slice(0, 10), "::date")}` : "TRUE",
  ];
  const limit = param(CASE_PAGE_SIZE);
  const offset = param((params.page - 1) * CASE_PAGE_SIZE);
  return db.$queryRawUnsafe<QueuePageRow[]>(
    `SELECT c.reference, c.kind::text AS kind, c.status::text AS status, c."missingStage"::text AS "missingStage", c.summary, c."regionCode", c."openedAt",
            to_char(c."nextDueDate", 'YYYY-MM-DD') AS "nextDueDate", c.breached, c."pausedSince" IS NOT NULL AS paused,
            u.name AS "ownerName", o.name AS "raisedByName", o."odsCode" AS "raisedByOds"
       FROM (SELECT * FROM "Case" c WHERE ${conditions.join(" AND ")}
              ORDER BY c.breached DESC, c."nextDueDate" ASC NULLS LAST, c."openedAt" ASC LIMIT ${limit} OFFSET ${offset}) c
       LEFT JOIN "User" u ON u.id = c."ownerId"
       LEFT JOIN "Organisation" o ON o.id = c."raisedByOrganisationId"
      ORDER BY c.breached DESC, c."nextDueDate" ASC NULLS LAST, c."openedAt" ASC`,
    ...values,
  );
}

/** PCSE's case queue: breached first, then the nearest due date; filtered, counted, 50 a page. */
export async function caseQueue(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<CaseQueue> {
  requirePermission(actor, "case:work");
  const params = caseQueueSchema.parse(raw);
  const today = londonDate(now);
  const scope = caseScopeWhere(actor);
  // The counts below read every case: only right while case:work means "every case" (it does: lib/auth/scope.ts).
  if (Object.keys(scope).length > 0) throw new Error("caseQueue: the counts assume PCSE's scope is every case");
  const [records, facets] = await Promise.all([queuePage(db, actor, params, today), queueFacets(db, actor, params, today)]);
  const kindMatches = (k: CaseKind) => params.kind === "all" || params.kind === k;
  const statusMatches = (s: CaseStatus) => (params.status === "open" ? OPEN_CASE_STATUSES.includes(s) : params.status === "all" || params.status === s);
  const kindCounts: Record<string, number> = { all: 0 };
  const statusCounts: Record<string, number> = { open: 0 };
  const due = { any: 0, breached: 0, today: 0, week: 0 };
  let total = 0;
  let unassigned = 0;
  let mine = 0;
  const scannedAll = !(params.status === "open" || OPEN_CASE_STATUSES.includes(params.status as CaseStatus));
  if (scannedAll) statusCounts.all = 0;
  for (const s of scannedAll ? CASE_STATUSES : OPEN_CASE_STATUSES) statusCounts[s] = 0;
  for (const f of facets) {
    if (statusMatches(f.status)) {
      kindCounts[f.kind] = (kindCounts[f.kind] ?? 0) + f.c;
      kindCounts.all += f.c;
    }
    if (kindMatches(f.kind)) {
      statusCounts[f.status] += f.c;
      if (OPEN_CASE_STATUSES.includes(f.status)) statusCounts.open += f.c;
      if (scannedAll) statusCounts.all += f.c;
    }
    if (kindMatches(f.kind) && statusMatches(f.status)) {
      total += f.c;
      due.any += f.dueAny;
      due.breached += f.dueBreached;
      due.today += f.dueToday;
      due.week += f.dueWeek;
      unassigned += f.unassigned;
      mine += f.mine;
    }
  }
  return {
    rows: records.map((c) => ({
      reference: c.reference,
      kind: c.kind,
      kindLabel: CASE_KIND_LABELS[c.kind],
      status: c.status,
      missingStage: c.missingStage,
      summary: c.summary,
      ownerName: c.ownerName,
      regionCode: c.regionCode,
      raisedBy: c.raisedByName ? `${c.raisedByName} (${c.raisedByOds})` : null,
      openedAt: c.openedAt.toISOString(),
      nextDueDate: c.nextDueDate,
      breached: c.breached,
      paused: c.paused,
    })),
    total,
    page: params.page,
    pageCount: Math.max(1, Math.ceil(total / CASE_PAGE_SIZE)),
    params,
    counts: { kind: kindCounts, status: statusCounts, due, unassigned, mine },
  };
}

/** Who a case can be assigned to: PCSE's caseworkers and supervisors still enabled. */
export async function listCaseworkers(db: Db, actor: Actor | null): Promise<{ id: string; name: string; role: Role }[]> {
  requirePermission(actor, "case:work");
  // One plain statement: on the case queue, which caseworkers keep open (a Prisma call is a query compilation).
  return db.$queryRawUnsafe<{ id: string; name: string; role: Role }[]>(
    `SELECT id, name, role::text AS role FROM "User" WHERE role IN ('PCSE_CASEWORKER', 'PCSE_SUPERVISOR') AND NOT disabled ORDER BY name, id`,
  );
}

// --------------------------------------------------------------------------------------------------------------
// One case
// --------------------------------------------------------------------------------------------------------------

export type CaseClockView = { label: string; targetWorkingDays: number; dueDate: string; state: "running" | "paused" | "met" | "breached"; elapsedWorkingDays: number; remainingWorkingDays: number; pausedWorkingDays: number; stoppedOn: string | null };

export type CaseTimelineEntry = { type: CaseEventType; visibility: CaseVisibility; at: string; actor: string; fromStatus: CaseStatus | null; toStatus: CaseStatus | null; note: string | null; data: Record<string, unknown> | null };

export type CaseMovementView = {
  role: CaseMovementRole;
  reference: string;
  status: string;
  type: string;
  patientName: string;
  nhsNumber: string;
  dateOfBirth: string;
  bagCount: number;
  dueDate: string;
  from: { name: string; odsCode: string };
  to: { name: string; odsCode: string };
  events: { type: string; source: string; occurredAt: string; location: string | null; note: string | null }[];
};

export type PracticeContact = { name: string; odsCode: string; phone: string | null; address: string; managers: { name: string; email: string }[] };

export type CaseTaskView = { id: string; kind: PracticeTaskKind; status: PracticeTaskStatus; organisation: string; organisationId: string; dueDate: string | null; createdAt: string; completedAt: string | null; response: Record<string, unknown> | null };

export type CaseDetail = {
  id: string;
  reference: string;
  kind: CaseKind;
  kindLabel: string;
  status: CaseStatus;
  origin: string;
  summary: string;
  details: Record<string, unknown> | null;
  raisedBy: { name: string; odsCode: string } | null;
  raisedByPerson: string | null;
  owner: { id: string; name: string } | null;
  regionCode: string | null;
  policyVersion: number;
  openedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  outcome: CaseOutcome | null;
  outcomeNote: string | null;
  missingStage: MissingStage | null;
  found: { at: string; where: string | null; how: string | null } | null;
  /** The missing-record search's end, and the day the record counts as lost (missing-record cases). */
  searchEndsOn: string | null;
  lostOn: string | null;
  clocks: { firstResponse: CaseClockView; resolution: CaseClockView };
  movements: CaseMovementView[];
  /** The practices involved (senders and receivers of the movements, and the raiser), with how to reach them. */
  contacts: PracticeContact[];
  tasks: CaseTaskView[];
  timeline: CaseTimelineEntry[];
  /** Wrong patient's record: the NHS number written on the record that arrived (PCSE and the receiver only). */
  receivedNhsNumber: string | null;
  urgentRequest: { reference: string; basis: string; statutoryDueDate: string | null; internalTargetDate: string } | null;
  collection: { reference: string; collectionDate: string } | null;
  actions: CaseAction[];
  outcomes: CaseOutcome[];
};

const caseInclude = {
  raisedByOrganisation: { select: { id: true, name: true, odsCode: true } },
  raisedBy: { select: { name: true } },
  owner: { select: { id: true, name: true } },
  urgentRequest: { select: { reference: true, basis: true, statutoryDueDate: true, internalTargetDate: true } },
  collection: { select: { reference: true, collectionDate: true } },
  movements: {
    select: {
      role: true,
      movement: {
        select: {
          id: true,
          reference: true,
          status: true,
          type: true,
          patientId: true,
          patientFamilyName: true,
          patientGivenName: true,
          patientDateOfBirth: true,
          bagCount: true,
          dueDate: true,
          fromOrganisationId: true,
          toOrganisationId: true,
          patient: { select: { nhsNumber: true } },
          fromOrganisation: { select: { name: true, odsCode: true } },
          toOrganisation: { select: { name: true, odsCode: true } },
          trackingEvents: { select: { type: true, source: true, occurredAt: true, location: true, note: true, sourceEventId: true } },
        },
      },
    },
  },
  tasks: { select: { id: true, kind: true, status: true, dueDate: true, createdAt: true, completedAt: true, response: true, organisationId: true, organisation: { select: { name: true, odsCode: true } } }, orderBy: { createdAt: "asc" } },
  events: { orderBy: { id: "asc" } },
} satisfies Prisma.CaseInclude;

type LoadedCase = Prisma.CaseGetPayload<{ include: typeof caseInclude }>;

function clockView(label: string, c: ReturnType<typeof caseClocks>["firstResponse"], target: number): CaseClockView {
  return { label, targetWorkingDays: target, dueDate: c.dueDate, state: c.state, elapsedWorkingDays: c.elapsedWorkingDays, remainingWorkingDays: c.remainingWorkingDays, pausedWorkingDays: c.pausedWorkingDays, stoppedOn: c.stoppedOn };
}

async function actorNames(db: Db, events: LoadedCase["events"], practiceView: boolean): Promise<Map<string, string>> {
  const ids = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => Boolean(id)))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, role: true, organisation: { select: { name: true } } } }) : [];
  // A practice sees "PCSE" for PCSE's people (they deal with the service, not a named caseworker's inbox), and
  // the practice's name for another practice's staff; its own staff by name.
  return new Map(users.map((u) => [u.id, practiceView ? (u.role.startsWith("PCSE") ? "PCSE" : (u.organisation?.name ?? u.name)) : `${u.name}${u.organisation ? `, ${u.organisation.name}` : ""}`]));
}

function eventActor(e: LoadedCase["events"][number], names: Map<string, string>, actor: Actor, ownOrgIds: string[] | null): string {
  if (!e.actorUserId) return e.type === "OPENED" ? "The portal (automatic)" : "The portal";
  if (ownOrgIds && e.actorOrganisationId && ownOrgIds.includes(e.actorOrganisationId)) return e.actorUserId === actor.id ? "You" : "Your practice";
  return names.get(e.actorUserId) ?? "PCSE";
}

async function loadCalendarAndRules(db: Db, version: number) {
  const sql = prismaSql(db);
  const [rules, calendars] = await Promise.all([policyRules(sql, version), loadCalendars(sql)]);
  return { rules, calendar: calendars[CALENDAR] };
}

async function contactsFor(db: Db, organisationIds: string[]): Promise<PracticeContact[]> {
  if (organisationIds.length === 0) return [];
  const orgs = await db.organisation.findMany({
    where: { id: { in: organisationIds } },
    select: { id: true, name: true, odsCode: true, phone: true, addressLines: true, postcode: true, users: { where: { role: "PRACTICE_MANAGER", disabled: false }, select: { name: true, email: true }, take: 3 } },
  });
  return organisationIds
    .map((id) => orgs.find((o) => o.id === id))
    .filter((o): o is (typeof orgs)[number] => Boolean(o))
    .map((o) => ({ name: o.name, odsCode: o.odsCode, phone: o.phone, address: [...o.addressLines, o.postcode].filter(Boolean).join(", "), managers: o.users }));
}

function movementView(m: LoadedCase["movements"][number]): CaseMovementView {
  const mv = m.movement;
  return {
    role: m.role,
    reference: mv.reference,
    status: mv.status,
    type: mv.type,
    patientName: displayName(mv.patientFamilyName, mv.patientGivenName),
    nhsNumber: mv.patient.nhsNumber,
    dateOfBirth: mv.patientDateOfBirth.toISOString().slice(0, 10),
    bagCount: mv.bagCount,
    dueDate: mv.dueDate.toISOString().slice(0, 10),
    from: mv.fromOrganisation,
    to: mv.toOrganisation,
    events: [...mv.trackingEvents].sort(compareEvents).map((e) => ({ type: e.type, source: e.source, occurredAt: e.occurredAt.toISOString(), location: e.location, note: e.note })),
  };
}

async function buildDetail(db: Db, actor: Actor, c: LoadedCase, now: Date, who: CaseActor | "practice", practiceOrgIds: string[] | null): Promise<CaseDetail> {
  const { rules, calendar } = await loadCalendarAndRules(db, c.policyVersion);
  const targets = caseTargets(rules, c.kind);
  const clocks = caseClocks({ ...c, targets, maxPausedWorkingDays: rules.casePauses.maxPausedWorkingDays, calendar, now });
  const practiceView = practiceOrgIds !== null;
  const events = practiceView ? c.events.filter((e) => e.visibility === "SHARED") : c.events;
  const names = await actorNames(db, events, practiceView);
  // A practice sees only the movements it sent or receives (a wrong-patient case links another practice's).
  const movements = c.movements.filter((m) => !practiceOrgIds || practiceOrgIds.includes(m.movement.fromOrganisationId) || practiceOrgIds.includes(m.movement.toOrganisationId));
  const tasks = c.tasks.filter((t) => !practiceOrgIds || practiceOrgIds.includes(t.organisationId));
  const orgIds = [...new Set([...(c.raisedByOrganisation ? [c.raisedByOrganisation.id] : []), ...movements.flatMap((m) => [m.movement.fromOrganisationId, m.movement.toOrganisationId]), ...tasks.map((t) => t.organisationId)])];
  const receiverSees = practiceOrgIds ? c.movements.some((m) => m.role === "CONCERNS" && practiceOrgIds.includes(m.movement.toOrganisationId)) : true;
  const actions = who === "practice" ? [] : [...availableCaseActions(c, who)];
  return {
    id: c.id,
    reference: c.reference,
    kind: c.kind,
    kindLabel: CASE_KIND_LABELS[c.kind],
    status: c.status,
    origin: c.origin,
    summary: c.summary,
    details: (c.details as Record<string, unknown> | null) ?? null,
    raisedBy: c.raisedByOrganisation ? { name: c.raisedByOrganisation.name, odsCode: c.raisedByOrganisation.odsCode } : null,
    raisedByPerson: practiceView ? null : (c.raisedBy?.name ?? null),
    owner: practiceView ? null : c.owner,
    regionCode: c.regionCode,
    policyVersion: c.policyVersion,
    openedAt: c.openedAt.toISOString(),
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
    outcome: c.outcome,
    outcomeNote: c.outcomeNote,
    missingStage: c.missingStage,
    found: c.foundAt ? { at: c.foundAt.toISOString(), where: c.foundWhere, how: c.foundHow } : null,
    searchEndsOn: c.kind === "MISSING_RECORD" ? searchDueDate(c.openedAt, rules.missingRecords.searchWorkingDays, c.pausedWorkingDays, calendar) : null,
    lostOn: c.kind === "MISSING_RECORD" ? lostOnDate(c.openedAt, rules.missingRecords.lostAfterMonths) : null,
    clocks: { firstResponse: clockView("First response", clocks.firstResponse, targets.firstResponse), resolution: clockView("Resolution", clocks.resolution, targets.resolution) },
    movements: movements.map(movementView),
    contacts: practiceView ? [] : await contactsFor(db, orgIds),
    tasks: tasks.map((t) => ({ id: t.id, kind: t.kind, status: t.status, organisation: `${t.organisation.name} (${t.organisation.odsCode})`, organisationId: t.organisationId, dueDate: dateOnly(t.dueDate), createdAt: t.createdAt.toISOString(), completedAt: t.completedAt?.toISOString() ?? null, response: (t.response as Record<string, unknown> | null) ?? null })),
    timeline: events.map((e) => ({ type: e.type, visibility: e.visibility, at: e.at.toISOString(), actor: eventActor(e, names, actor, practiceOrgIds), fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, data: practiceView ? null : ((e.data as Record<string, unknown> | null) ?? null) })),
    receivedNhsNumber: receiverSees ? c.receivedNhsNumber : null,
    urgentRequest: c.urgentRequest ? { reference: c.urgentRequest.reference, basis: c.urgentRequest.basis, statutoryDueDate: dateOnly(c.urgentRequest.statutoryDueDate), internalTargetDate: c.urgentRequest.internalTargetDate.toISOString().slice(0, 10) } : null,
    collection: c.collection ? { reference: c.collection.reference, collectionDate: c.collection.collectionDate.toISOString().slice(0, 10) } : null,
    actions,
    outcomes: outcomesFor(c.kind),
  };
}

async function auditCaseView(db: Db, actor: Actor, c: LoadedCase, shownMovements: CaseMovementView[], receivedShown: boolean) {
  const patientIds = [...new Set(c.movements.filter((m) => shownMovements.some((s) => s.reference === m.movement.reference)).map((m) => m.movement.patientId))];
  await recordAuditEvent(db, { actor, action: "VIEW_CASE", entityType: "Case", entityId: c.id, patientId: patientIds[0] ?? null, details: { reference: c.reference, patientIds } });
  if (receivedShown && c.receivedNhsNumber) {
    const known = await db.patient.findUnique({ where: { nhsNumber: c.receivedNhsNumber }, select: { id: true } });
    await recordAuditEvent(db, { actor, action: "VIEW_REPORTED_PATIENT", entityType: "Case", entityId: c.id, patientId: known?.id ?? null, details: known ? { shown: "reported NHS number" } : { shown: "reported NHS number", nhsNumberHash: hashIdentifier(c.receivedNhsNumber) } });
  }
}

/** PCSE: one case with everything needed to act on it. Audited as a view of its patients. */
export async function getCase(db: Db, actor: Actor | null, rawReference: string, now = new Date()): Promise<CaseDetail> {
  requirePermission(actor, "case:work");
  const reference = normalisePrefixedReference(rawReference, "CS");
  if (!reference) throw new NotFoundError("The case");
  const c = await db.case.findFirst({ where: { AND: [{ reference }, caseScopeWhere(actor)] }, include: caseInclude });
  if (!c) throw new NotFoundError("The case");
  const detail = await buildDetail(db, actor, c, now, can(actor.role, "case:supervise") ? "supervisor" : "caseworker", null);
  await auditCaseView(db, actor, c, detail.movements, detail.receivedNhsNumber !== null);
  return detail;
}

/** A practice: one of its cases, with what PCSE has shared (never internal notes or who at PCSE did what). */
export async function getPracticeCase(db: Db, actor: Actor | null, rawReference: string, now = new Date()): Promise<CaseDetail & { canWithdraw: boolean; canReply: boolean }> {
  requirePermission(actor, "case:raise");
  const reference = normalisePrefixedReference(rawReference, "CS");
  if (!reference) throw new NotFoundError("The case");
  const c = await db.case.findFirst({ where: { AND: [{ reference }, caseScopeWhere(actor)] }, include: caseInclude });
  if (!c) throw new NotFoundError("The case");
  const detail = await buildDetail(db, actor, c, now, "practice", actor.scopeOrganisationIds);
  await auditCaseView(db, actor, c, detail.movements, detail.receivedNhsNumber !== null);
  const open = OPEN_CASE_STATUSES.includes(c.status);
  return { ...detail, canReply: open, canWithdraw: open && c.raisedByOrganisationId !== null && actor.scopeOrganisationIds.includes(c.raisedByOrganisationId) };
}

// --------------------------------------------------------------------------------------------------------------
// The practice's cases and tasks
// --------------------------------------------------------------------------------------------------------------

export type PracticeCaseRow = {
  reference: string;
  kind: CaseKind;
  kindLabel: string;
  status: CaseStatus;
  summary: string;
  openedAt: string;
  dueDate: string | null;
  movementReferences: string[];
  /** The latest thing PCSE (or the portal) did that the practice can see. */
  lastUpdate: { at: string; type: CaseEventType; note: string | null } | null;
  /** PCSE is waiting on this practice: a task to do or a question to answer. */
  waitingForYou: boolean;
  openTasks: PracticeTaskKind[];
};

export const practiceCaseListSchema = z.object({
  show: z.enum(["open", "closed", "all"]).catch("open"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The practice's cases: those waiting for the practice first, then by due date. */
export async function listPracticeCases(db: Db, actor: Actor | null, raw: Record<string, unknown> = {}): Promise<{ rows: PracticeCaseRow[]; total: number; page: number; pageCount: number; waitingForYou: number; show: "open" | "closed" | "all" }> {
  requirePermission(actor, "case:raise");
  const params = practiceCaseListSchema.parse(raw);
  const tree = actor.scopeOrganisationIds;
  const statusFilter: Prisma.CaseWhereInput = params.show === "open" ? { status: { in: [...OPEN_CASE_STATUSES] } } : params.show === "closed" ? { status: { in: ["RESOLVED", "CLOSED"] } } : {};
  const where: Prisma.CaseWhereInput = { AND: [caseScopeWhere(actor), statusFilter] };
  const waitingWhere: Prisma.CaseWhereInput = { AND: [caseScopeWhere(actor), { status: { in: [...OPEN_CASE_STATUSES] } }, { tasks: { some: { organisationId: { in: tree }, status: "OPEN" } } }] };
  const [total, waiting] = await Promise.all([
    db.case.count({ where }),
    db.case.findMany({ where: { AND: [where, waitingWhere] }, select: { id: true }, orderBy: [{ nextDueDate: { sort: "asc", nulls: "last" } }, { openedAt: "asc" }], take: 1000 }),
  ]);
  const allWaiting = await db.case.count({ where: waitingWhere });
  // Waiting-for-you first (a small set, in due order), then the rest by due date; one page of 50 across both.
  const offset = (params.page - 1) * CASE_PAGE_SIZE;
  const waitingIds = waiting.map((w) => w.id);
  const firstIds = waitingIds.slice(offset, offset + CASE_PAGE_SIZE);
  const [first, rest] = await Promise.all([
    firstIds.length ? db.case.findMany({ where: { id: { in: firstIds } }, select: practiceRowSelect(tree) }) : Promise.resolve([]),
    CASE_PAGE_SIZE - firstIds.length > 0
      ? db.case.findMany({
          where: { AND: [where, { id: { notIn: waitingIds } }] },
          select: practiceRowSelect(tree),
          orderBy: [{ nextDueDate: { sort: "asc", nulls: "last" } }, { openedAt: "desc" }],
          skip: Math.max(0, offset - waitingIds.length),
          take: CASE_PAGE_SIZE - firstIds.length,
        })
      : Promise.resolve([]),
  ]);
  const byId = new Map(first.map((c) => [c.id, c]));
  const rows = [...firstIds.map((id) => byId.get(id)!).filter(Boolean).map((c) => toPracticeRow(c, true)), ...rest.map((c) => toPracticeRow(c, false))];
  return { rows, total, page: params.page, pageCount: Math.max(1, Math.ceil(total / CASE_PAGE_SIZE)), waitingForYou: allWaiting, show: params.show };
}

function practiceRowSelect(tree: string[]) {
  return {
    id: true,
    reference: true,
    kind: true,
    status: true,
    summary: true,
    openedAt: true,
    nextDueDate: true,
    resolutionDueDate: true,
    movements: { where: { movement: { OR: [{ fromOrganisationId: { in: tree } }, { toOrganisationId: { in: tree } }] } }, select: { movement: { select: { reference: true } } } },
    events: { where: { visibility: "SHARED" as const }, orderBy: { id: "desc" as const }, take: 1, select: { at: true, type: true, note: true } },
    tasks: { where: { organisationId: { in: tree }, status: "OPEN" as const }, select: { kind: true } },
  } satisfies Prisma.CaseSelect;
}

function toPracticeRow(c: Prisma.CaseGetPayload<{ select: ReturnType<typeof practiceRowSelect> }>, waiting: boolean): PracticeCaseRow {
  const last = c.events[0];
  return {
    reference: c.reference,
    kind: c.kind,
    kindLabel: CASE_KIND_LABELS[c.kind],
    status: c.status,
    summary: c.summary,
    openedAt: c.openedAt.toISOString(),
    dueDate: dateOnly(c.nextDueDate) ?? dateOnly(c.resolutionDueDate),
    movementReferences: c.movements.map((m) => m.movement.reference),
    lastUpdate: last ? { at: last.at.toISOString(), type: last.type, note: last.note } : null,
    waitingForYou: waiting,
    openTasks: c.tasks.map((t) => t.kind),
  };
}

/** A case on the practice's overview: what kind it is and what PCSE has asked the practice to do. */
export type WaitingCaseRow = { reference: string; kind: CaseKind; kindLabel: string; openTasks: PracticeTaskKind[] };

/**
 * The practice's overview: cases waiting for the practice (an open task for its practice or a branch), most urgent
 * first, at most `limit`, with how many there are. One statement: on the practice's home page, and the Prisma query it
 * replaces (with the case list's full row) compiled to five statements and cost the server about 7 ms of CPU. The
 * scope is its where: an open task for the actor's practice tree puts a case in caseScopeWhere's, less the kinds only
 * PCSE sees.
 */
export async function casesWaitingForPractice(db: Db, actor: Actor | null, limit = 10): Promise<{ rows: WaitingCaseRow[]; total: number }> {
  requirePermission(actor, "case:raise");
  if (actor.scopeOrganisationIds.length === 0) return { rows: [], total: 0 };
  const rows = await db.$queryRawUnsafe<{ reference: string; kind: CaseKind; tasks: PracticeTaskKind[]; total: number }[]>(
    `SELECT c.reference, c.kind::text AS kind, array_agg(DISTINCT t.kind::text) AS tasks, (count(*) OVER ())::int AS total
       FROM "Case" c JOIN "PracticeTask" t ON t."caseId" = c.id AND t."organisationId" = ANY($1::uuid[]) AND t.status = 'OPEN'
      WHERE c.status::text = ANY($2::text[]) AND c.kind::text <> ALL($3::text[])
      GROUP BY c.id
      ORDER BY c."nextDueDate" ASC NULLS LAST, c.reference
      LIMIT $4`,
    actor.scopeOrganisationIds,
    [...OPEN_CASE_STATUSES],
    [...PCSE_ONLY_CASE_KINDS],
    Math.min(Math.max(1, limit), 50),
  );
  return { total: rows[0]?.total ?? 0, rows: rows.map((c) => ({ reference: c.reference, kind: c.kind, kindLabel: CASE_KIND_LABELS[c.kind], openTasks: c.tasks })) };
}

// --------------------------------------------------------------------------------------------------------------
// The team (supervisors)
// --------------------------------------------------------------------------------------------------------------

export type TeamOverview = {
  caseworkers: { id: string; name: string; role: Role; open: number; breached: number; waiting: number; byKind: Record<string, number> }[];
  unassigned: { open: number; breached: number };
  month: {
    label: string;
    from: string;
    /** Cases resolved this month and how many met each clock. */
    resolved: number;
    firstResponseMet: number;
    resolutionMet: number;
    byKind: { kind: CaseKind; label: string; resolved: number; firstResponseMet: number; resolutionMet: number }[];
    opened: number;
  };
};

/** Supervisors: open and breached cases per caseworker and kind, and this month's service levels. */
export async function teamOverview(db: Db, actor: Actor | null, now = new Date()): Promise<TeamOverview> {
  requirePermission(actor, "case:supervise");
  const today = londonDate(now);
  const monthStart = `${today.slice(0, 7)}-01`;
  const from = new Date(`${monthStart}T00:00:00Z`);
  const open = { status: { in: [...OPEN_CASE_STATUSES] } };
  // One pass over the open cases (grouped by owner, kind, breach and status) gives every caseworker's figures.
  const [people, openGroups, resolvedByKind, opened] = await Promise.all([
    db.user.findMany({ where: { role: { in: ["PCSE_CASEWORKER", "PCSE_SUPERVISOR"] }, disabled: false }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } }),
    db.case.groupBy({ by: ["ownerId", "kind", "breached", "status"], where: open, _count: { _all: true } }),
    db.case.groupBy({ by: ["kind", "firstResponseBreached", "resolutionBreached"], where: { resolvedAt: { gte: from } }, _count: { _all: true } }),
    db.case.count({ where: { openedAt: { gte: from } } }),
  ]);
  const byOwner = new Map<string | null, typeof openGroups>();
  for (const g of openGroups) byOwner.set(g.ownerId, [...(byOwner.get(g.ownerId) ?? []), g]);
  const sum = (gs: typeof openGroups) => gs.reduce((n, g) => n + g._count._all, 0);
  const caseworkers = people.map((p) => {
    const mine = byOwner.get(p.id) ?? [];
    const byKind: Record<string, number> = {};
    for (const g of mine) byKind[g.kind] = (byKind[g.kind] ?? 0) + g._count._all;
    return {
      ...p,
      open: sum(mine),
      breached: sum(mine.filter((g) => g.breached)),
      waiting: sum(mine.filter((g) => g.status.startsWith("WAITING"))),
      byKind,
    };
  });
  const nobody = byOwner.get(null) ?? [];
  const unassigned = sum(nobody);
  const unassignedBreached = sum(nobody.filter((g) => g.breached));
  const kinds = [...new Set(resolvedByKind.map((g) => g.kind))].sort();
  const byKind = kinds.map((kind) => {
    const gs = resolvedByKind.filter((g) => g.kind === kind);
    return {
      kind,
      label: CASE_KIND_LABELS[kind],
      resolved: gs.reduce((n, g) => n + g._count._all, 0),
      firstResponseMet: gs.filter((g) => !g.firstResponseBreached).reduce((n, g) => n + g._count._all, 0),
      resolutionMet: gs.filter((g) => !g.resolutionBreached).reduce((n, g) => n + g._count._all, 0),
    };
  });
  return {
    caseworkers,
    unassigned: { open: unassigned, breached: unassignedBreached },
    month: {
      label: new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(from),
      from: monthStart,
      resolved: byKind.reduce((n, k) => n + k.resolved, 0),
      firstResponseMet: byKind.reduce((n, k) => n + k.firstResponseMet, 0),
      resolutionMet: byKind.reduce((n, k) => n + k.resolutionMet, 0),
      byKind,
      opened,
    },
  };
}

// --------------------------------------------------------------------------------------------------------------
// The cases of one movement (its page links to them)
// --------------------------------------------------------------------------------------------------------------

export type MovementCaseLink = { reference: string; kind: CaseKind; kindLabel: string; status: CaseStatus; openedAt: string };

/** The cases concerning a movement that the actor may see (a practice: its own cases; PCSE: all). No patient data. */
export async function casesForMovement(db: Db, actor: Actor | null, rawReference: string): Promise<MovementCaseLink[]> {
  if (!actor || !(can(actor.role, "case:raise") || can(actor.role, "case:work"))) requirePermission(actor, "case:work");
  const reference = normalisePrefixedReference(rawReference, "RM");
  if (!reference) return [];
  const rows = await db.case.findMany({
    where: { AND: [caseScopeWhere(actor), { movements: { some: { movement: { reference } } } }] },
    select: { reference: true, kind: true, status: true, openedAt: true },
    orderBy: [{ openedAt: "desc" }],
    take: 20,
  });
  return rows.map((c) => ({ reference: c.reference, kind: c.kind, kindLabel: CASE_KIND_LABELS[c.kind], status: c.status, openedAt: c.openedAt.toISOString() }));
}
