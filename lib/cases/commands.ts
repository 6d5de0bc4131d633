import "server-only";
// Changing cases. Every command checks the permission and the actor's scope, validates its input with Zod, checks
// the action against the case lifecycle (lib/cases/rules.ts), and writes the case, its timeline, any movement
// events, tasks and notifications in one transaction, with an audit row. Expected problems are typed errors.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { CaseEventType, CaseKind, CaseMovementRole, CaseOrigin, CaseOutcome, CaseStatus, CaseVisibility, MissingStage, TrackingEventType } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { caseScopeWhere, movementScopeWhere } from "@/lib/auth/scope";
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { offerWorkloadSuggestions } from "@/lib/workload/suggestions";
import { prismaSql } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { addWorkingDays, londonDate, workingDaysBetween } from "@/lib/nhs/working-days";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { caseTargets, crossBorderCountryOf, movementTargets, type PolicyRules } from "@/lib/service-levels/policy";
import { divisionFor } from "@/lib/clocks/calendar";
import { generatePrefixedReference, normalisePrefixedReference, normaliseReference } from "@/lib/movements/reference";
import { refreshMovements } from "@/lib/tracking/refresh";
import { canTake } from "@/lib/movements/lifecycle";
import { queueNotification, type NotificationTemplate } from "@/lib/notifications/outbox";
import { redactNhsNumbers } from "@/lib/nhs/nhs-number";
import { CASE_KIND_LABELS } from "@/lib/cases/kinds";
import { caseActionRefusal, caseClocks, queueColumns, isCaseOpen, outcomesFor, WAITING_STATUSES, type CaseAction, type CaseActor } from "@/lib/cases/rules";
import { PRACTICE_MOVEMENT_CASE_KINDS, PRACTICE_SERVICE_CASE_KINDS, SERVICE_AREA_FIELDS, caseActionSchema, practiceReplySchema, raiseCaseSchema, taskCompletionSchema } from "@/lib/cases/schemas";

type Tx = Prisma.TransactionClient;

export type OpenCaseInput = {
  kind: CaseKind;
  origin: CaseOrigin;
  summary: string;
  details?: Prisma.InputJsonValue | null;
  raisedByOrganisationId?: string | null;
  raisedBy?: Actor | null;
  movements?: { id: string; role: CaseMovementRole }[];
  /** The problem's identity: while a case with this key is open, another report joins it instead. */
  problemKey?: string | null;
  receivedNhsNumber?: string | null;
  collectionId?: string | null;
  urgentRequestId?: string | null;
  /** Who hears of it (beyond PCSE): practices whose record it is. */
  notifyOrganisationIds?: string[];
};

export type OpenedCase = { id: string; reference: string; created: boolean };

const CALENDAR = "england-and-wales" as const;

async function caseRules(tx: Tx, version: number) {
  const sql = prismaSql(tx);
  const [rules, calendars] = await Promise.all([policyRules(sql, version), loadCalendars(sql)]);
  return { rules, calendar: calendars[CALENDAR] };
}

/** The case's clock columns as they should be now. */
function clockColumns(c: { kind: CaseKind; openedAt: Date; firstResponseAt: Date | null; resolutionClockStoppedAt: Date | null; pausedWorkingDays: number; pausedSince: Date | null; firstResponseBreached?: boolean; resolutionBreached?: boolean }, rules: PolicyRules, calendar: Awaited<ReturnType<typeof caseRules>>["calendar"], now: Date) {
  const clocks = caseClocks({ ...c, targets: caseTargets(rules, c.kind), maxPausedWorkingDays: rules.casePauses.maxPausedWorkingDays, calendar, now });
  // A breach, once recorded, stays recorded (the clock stopping late does not undo it).
  const firstResponseBreached = clocks.firstResponse.breached || Boolean(c.firstResponseBreached);
  const resolutionBreached = clocks.resolution.breached || Boolean(c.resolutionBreached);
  return {
    firstResponseDueDate: new Date(`${clocks.firstResponse.dueDate}T00:00:00Z`),
    resolutionDueDate: new Date(`${clocks.resolution.dueDate}T00:00:00Z`),
    firstResponseBreached,
    resolutionBreached,
    ...queueColumns({ ...c, firstResponseDueDate: clocks.firstResponse.dueDate, resolutionDueDate: clocks.resolution.dueDate, firstResponseBreached, resolutionBreached }),
  };
}

async function newCaseReference(tx: Tx): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const reference = generatePrefixedReference("CS");
    if (!(await tx.case.findUnique({ where: { reference }, select: { id: true } }))) return reference;
  }
  throw new Error("Could not allocate a unique case reference");
}

async function addEvent(tx: Tx, caseId: string, type: CaseEventType, visibility: CaseVisibility, now: Date, actor: Actor | null | undefined, extra: { note?: string | null; data?: Prisma.InputJsonValue; fromStatus?: CaseStatus; toStatus?: CaseStatus } = {}) {
  await tx.caseEvent.create({
    data: {
      caseId,
      type,
      visibility,
      at: now,
      actorUserId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      actorOrganisationId: actor?.organisationId ?? null,
      note: extra.note ?? null,
      ...(extra.data !== undefined ? { data: extra.data } : {}),
      ...(extra.fromStatus ? { fromStatus: extra.fromStatus } : {}),
      ...(extra.toStatus ? { toStatus: extra.toStatus } : {}),
    },
  });
}

/**
 * Opens a case, or, when a case for the same problem is already open, adds the report to it. Inside the caller's
 * transaction; an advisory lock on the problem key makes two reports at the same instant become one case.
 */
export async function openCaseTx(tx: Tx, input: OpenCaseInput, now: Date): Promise<OpenedCase> {
  if (input.problemKey) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727003, hashtext(${input.problemKey}))`;
    const existing = await tx.openCaseKey.findUnique({ where: { key: input.problemKey }, select: { case: { select: { id: true, reference: true } } } });
    if (existing) {
      await addEvent(tx, existing.case.id, "ALSO_REPORTED", "SHARED", now, input.raisedBy, { note: input.summary, data: { origin: input.origin } });
      for (const m of input.movements ?? []) {
        await tx.caseMovement.upsert({ where: { caseId_movementId: { caseId: existing.case.id, movementId: m.id } }, create: { caseId: existing.case.id, movementId: m.id, role: m.role }, update: {} });
      }
      return { id: existing.case.id, reference: existing.case.reference, created: false };
    }
  }
  const today = londonDate(now);
  const policyVersion = await versionInForce(prismaSql(tx), today);
  const { rules, calendar } = await caseRules(tx, policyVersion);
  const firstMovement = input.movements?.[0] ? await tx.recordMovement.findUnique({ where: { id: input.movements[0].id }, select: { regionCode: true } }) : null;
  const raiser = input.raisedByOrganisationId ? await tx.organisation.findUnique({ where: { id: input.raisedByOrganisationId }, select: { regionCode: true, parent: { select: { regionCode: true } } } }) : null;
  const base = { kind: input.kind, openedAt: now, firstResponseAt: null, resolutionClockStoppedAt: null, pausedWorkingDays: 0, pausedSince: null };
  const reference = await newCaseReference(tx);
  const created = await tx.case.create({
    data: {
      reference,
      kind: input.kind,
      status: "OPEN",
      origin: input.origin,
      // The queue shows summaries and never a patient identifier: a problem note that carried one loses it here.
      summary: redactNhsNumbers(input.summary).slice(0, 300),
      ...(input.details ? { details: input.details } : {}),
      raisedByOrganisationId: input.raisedByOrganisationId ?? null,
      raisedById: input.raisedBy?.id ?? null,
      regionCode: firstMovement?.regionCode ?? raiser?.regionCode ?? raiser?.parent?.regionCode ?? null,
      policyVersion,
      openedAt: now,
      ...clockColumns(base, rules, calendar, now),
      missingStage: input.kind === "MISSING_RECORD" ? "SEARCHING" : null,
      receivedNhsNumber: input.receivedNhsNumber ?? null,
      collectionId: input.collectionId ?? null,
      urgentRequestId: input.urgentRequestId ?? null,
      problemKey: input.problemKey ?? null,
      ...(input.movements?.length ? { movements: { create: input.movements.map((m) => ({ movementId: m.id, role: m.role })) } } : {}),
    },
    select: { id: true, reference: true },
  });
  if (input.problemKey) await tx.openCaseKey.create({ data: { key: input.problemKey, caseId: created.id } });
  await addEvent(tx, created.id, "OPENED", "SHARED", now, input.raisedBy, { note: input.summary, data: { origin: input.origin, kind: input.kind } });
  const notify = [...new Set(input.notifyOrganisationIds ?? [])].filter((id) => id !== input.raisedByOrganisationId);
  if (notify.length) await queueNotification(tx, { template: "CASE_OPENED", reference: created.reference, path: `/practice/cases/${created.reference}`, organisationIds: notify, caseId: created.id, now });
  return { ...created, created: true };
}

const PROBLEM_CASE_KINDS = { INCOMPLETE: "INCOMPLETE_RECORD", DAMAGED: "DAMAGED_RECORD", WRONG_PATIENT: "WRONG_PATIENT" } as const satisfies Record<string, CaseKind>;

/**
 * The case a receiving practice's problem report opens (or joins: a second report of the same problem with the same
 * movement adds to the open case). For the wrong patient's record, the movement that record should have been on (the
 * received NHS number's latest movement, if the portal knows it) is linked as the one to redeliver. The sending
 * practice hears of it. Inside the caller's transaction, so a report is never without its case.
 */
export async function openProblemCaseTx(
  tx: Tx,
  report: { id: string; movementId: string; kind: "INCOMPLETE" | "DAMAGED" | "WRONG_PATIENT"; receivedNhsNumber: string | null; note: string | null; reportedByOrganisationId: string },
  raisedBy: Actor | null,
  now: Date,
): Promise<OpenedCase> {
  const kind = PROBLEM_CASE_KINDS[report.kind];
  const movement = await tx.recordMovement.findUniqueOrThrow({ where: { id: report.movementId }, select: { id: true, fromOrganisationId: true, toOrganisationId: true } });
  const movements: { id: string; role: CaseMovementRole }[] = [{ id: movement.id, role: "CONCERNS" }];
  if (report.receivedNhsNumber) {
    const theirs = await tx.recordMovement.findFirst({
      where: { patient: { nhsNumber: report.receivedNhsNumber }, id: { not: movement.id } },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (theirs) movements.push({ id: theirs.id, role: "DELIVERED" });
  }
  const summary = { INCOMPLETE: "Record received incomplete", DAMAGED: "Record received damaged", WRONG_PATIENT: "Another patient's record received" }[report.kind] + (report.note ? `: ${report.note}` : "");
  const opened = await openCaseTx(
    tx,
    {
      kind,
      origin: "PRACTICE",
      summary,
      raisedByOrganisationId: report.reportedByOrganisationId,
      raisedBy,
      movements,
      problemKey: `PROBLEM:${report.kind}:${movement.id}`,
      receivedNhsNumber: report.receivedNhsNumber,
      notifyOrganisationIds: [movement.fromOrganisationId],
    },
    now,
  );
  await tx.problemReport.update({ where: { id: report.id }, data: { caseId: opened.id } });
  return opened;
}

/** The practice-side organisations of a case's movements (senders and receivers), for notifications. */
async function caseOrganisations(tx: Tx, caseId: string): Promise<{ sender: string[]; receiver: string[] }> {
  const links = await tx.caseMovement.findMany({ where: { caseId }, select: { movement: { select: { fromOrganisationId: true, toOrganisationId: true } } } });
  return { sender: [...new Set(links.map((l) => l.movement.fromOrganisationId))], receiver: [...new Set(links.map((l) => l.movement.toOrganisationId))] };
}

// --------------------------------------------------------------------------------------------------------------
// Practices
// --------------------------------------------------------------------------------------------------------------

/**
 * A practice raises a case: about one of its movements (not arrived, a label problem, a missed collection, a
 * cross-border delay) or a failure in one of PCSE's other services (with that area's fields). "Not arrived" is
 * allowed at any stage before receipt, before any delivery scan included.
 */
export async function raiseCase(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<OpenedCase> {
  requirePermission(actor, "case:raise");
  const parsed = raiseCaseSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const { kind, summary } = parsed.data;
  const organisationId = actor.organisationId;
  if (!organisationId) throw new ForbiddenError();
  if ((PRACTICE_SERVICE_CASE_KINDS as readonly string[]).includes(kind)) {
    const fields = SERVICE_AREA_FIELDS[kind as keyof typeof SERVICE_AREA_FIELDS].safeParse(raw);
    if (!fields.success) throw new ValidationError(fieldErrorsOf(fields.error));
    const opened = await db.$transaction(async (tx) => {
      const o = await openCaseTx(tx, { kind, origin: "PRACTICE", summary, details: fields.data as Prisma.InputJsonValue, raisedByOrganisationId: organisationId, raisedBy: actor }, now);
      await offerWorkloadSuggestions(tx, actor, { kind: "CASE_RAISED", caseId: o.id, caseReference: o.reference, caseKind: kind, movementId: null, siteId: organisationId }, now);
      return o;
    });
    await recordAuditEvent(db, { actor, action: "CREATE_CASE", entityType: "Case", entityId: opened.id, details: { reference: opened.reference, kind } });
    return opened;
  }
  if (!(PRACTICE_MOVEMENT_CASE_KINDS as readonly string[]).includes(kind)) throw new ValidationError({ kind: ["Select what the problem is"] });
  const reference = normaliseReference(parsed.data.reference ?? "");
  const movement = reference
    ? await db.recordMovement.findFirst({ where: { AND: [{ reference }, movementScopeWhere(actor)] }, select: { id: true, status: true, type: true, patientId: true, fromOrganisationId: true, toOrganisationId: true } })
    : null;
  if (!movement) throw new ValidationError({ reference: ["Enter the reference of a record your practice sent or is expecting, like RM-7Q4K-2M9D"] });
  const isReceiver = actor.scopeOrganisationIds.includes(movement.toOrganisationId);
  const isSender = actor.scopeOrganisationIds.includes(movement.fromOrganisationId);
  if ((kind === "RECORD_NOT_RECEIVED" || kind === "CROSS_BORDER_DELAY") && !(isReceiver && canTake("reportNotArrived", movement.status, "receiver")) && !(kind === "CROSS_BORDER_DELAY" && isSender)) {
    throw new ValidationError({ kind: [isReceiver ? "This record has already been received or closed: report another problem" : "Only the practice expecting the record can report it has not arrived"] });
  }
  if ((kind === "LABEL_PROBLEM" || kind === "COLLECTION_MISSED") && !isSender) throw new ValidationError({ kind: ["Only the sending practice can report a label or collection problem"] });
  const whereabouts = kind === "RECORD_NOT_RECEIVED" || kind === "CROSS_BORDER_DELAY";
  const opened = await db.$transaction(async (tx) => {
    const o = await openCaseTx(
      tx,
      {
        kind,
        origin: "PRACTICE",
        summary,
        raisedByOrganisationId: organisationId,
        raisedBy: actor,
        movements: [{ id: movement.id, role: "CONCERNS" }],
        problemKey: whereabouts ? `WHEREABOUTS:${movement.id}` : `${kind}:${movement.id}`,
        notifyOrganisationIds: [movement.fromOrganisationId, movement.toOrganisationId],
      },
      now,
    );
    await offerWorkloadSuggestions(tx, actor, { kind: "CASE_RAISED", caseId: o.id, caseReference: o.reference, caseKind: kind, movementId: movement.id, siteId: isReceiver ? movement.toOrganisationId : movement.fromOrganisationId }, now);
    return o;
  });
  await recordAuditEvent(db, { actor, action: "CREATE_CASE", entityType: "Case", entityId: opened.id, patientId: movement.patientId, details: { reference: opened.reference, kind, joined: !opened.created } });
  return opened;
}

async function loadCaseForUpdate(tx: Tx, actor: Actor, rawReference: string) {
  const reference = normalisePrefixedReference(rawReference, "CS");
  if (!reference) throw new NotFoundError("The case");
  const found = await tx.case.findFirst({ where: { AND: [{ reference }, caseScopeWhere(actor)] }, select: { id: true } });
  if (!found) throw new NotFoundError("The case");
  return lockCaseTx(tx, found.id);
}

/** Locks a case (FOR UPDATE) and loads it with its movements and tasks. The caller has checked scope. */
export async function lockCaseTx(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.case.findUniqueOrThrow({
    where: { id },
    include: { movements: { include: { movement: { select: { id: true, reference: true, status: true, patientId: true, fromOrganisationId: true, toOrganisationId: true, type: true, priority: true, bagCount: true, patientFamilyName: true, patientGivenName: true, patientDateOfBirth: true, regionCode: true } } } }, tasks: true },
  });
}

type LoadedCase = Awaited<ReturnType<typeof lockCaseTx>>;

/** Moves a case to a new status: pauses start and stop as the policy says, and the clocks are recomputed. */
async function changeStatus(tx: Tx, c: LoadedCase, to: CaseStatus, now: Date, actor: Actor | null, note?: string | null, visibility: CaseVisibility = "SHARED") {
  const { rules, calendar } = await caseRules(tx, c.policyVersion);
  const pausing = (s: CaseStatus) => WAITING_STATUSES.includes(s) && (rules.casePauses.statuses as string[]).includes(s);
  let pausedWorkingDays = c.pausedWorkingDays;
  let pausedSince = c.pausedSince;
  if (pausedSince && !pausing(to)) {
    pausedWorkingDays += Math.max(0, workingDaysBetween(londonDate(pausedSince), londonDate(now), calendar.holidays));
    pausedSince = null;
  } else if (!pausedSince && pausing(to)) {
    pausedSince = now;
  }
  const resolutionClockStoppedAt = to === "RESOLVED" || to === "CLOSED" ? (c.resolutionClockStoppedAt ?? now) : c.resolutionClockStoppedAt;
  const clocks = clockColumns({ kind: c.kind, openedAt: c.openedAt, firstResponseAt: c.firstResponseAt, resolutionClockStoppedAt, pausedWorkingDays, pausedSince, firstResponseBreached: c.firstResponseBreached, resolutionBreached: c.resolutionBreached }, rules, calendar, now);
  await tx.case.update({ where: { id: c.id }, data: { status: to, pausedWorkingDays, pausedSince, resolutionClockStoppedAt, ...clocks } });
  if (to !== c.status) await addEvent(tx, c.id, "STATUS_CHANGED", visibility, now, actor, { fromStatus: c.status, toStatus: to, note });
  Object.assign(c, { status: to, pausedWorkingDays, pausedSince, resolutionClockStoppedAt, ...clocks });
}

/** The first action PCSE takes that the practice can see is the case's first response. */
async function firstResponse(tx: Tx, c: LoadedCase, now: Date) {
  if (c.firstResponseAt) return;
  const { rules, calendar } = await caseRules(tx, c.policyVersion);
  const clocks = clockColumns({ ...c, firstResponseAt: now }, rules, calendar, now);
  await tx.case.update({ where: { id: c.id }, data: { firstResponseAt: now, ...clocks } });
  Object.assign(c, { firstResponseAt: now, ...clocks });
}

async function movementEvent(tx: Tx, movementId: string, type: TrackingEventType, actor: Actor | null, now: Date, note?: string | null) {
  await tx.trackingEvent.create({ data: { movementId, type, source: "PCSE", sourceEventId: `portal:${randomUUID()}`, occurredAt: now, recordedById: actor?.id ?? null, note: note ?? null } });
  await refreshMovements(tx, [movementId], now);
}

/** The movement a case is mainly about (the one it concerns, or the one expected). */
/** Where the practice's work on a case happened: the site the task was set to, else its end of the movement. */
function practiceSiteOf(actor: Actor, movement: { fromOrganisationId: string; toOrganisationId: string } | null, taskSite?: string): string {
  if (taskSite && actor.scopeOrganisationIds.includes(taskSite)) return taskSite;
  if (movement && actor.scopeOrganisationIds.includes(movement.toOrganisationId)) return movement.toOrganisationId;
  if (movement && actor.scopeOrganisationIds.includes(movement.fromOrganisationId)) return movement.fromOrganisationId;
  return actor.organisationId ?? actor.scopeOrganisationIds[0] ?? "";
}

function mainMovement(c: LoadedCase) {
  return (c.movements.find((m) => m.role === "CONCERNS") ?? c.movements.find((m) => m.role === "EXPECTED") ?? c.movements[0])?.movement ?? null;
}

async function createTask(tx: Tx, c: LoadedCase, organisationId: string, kind: "SEARCH_FOR_RECORD" | "RECONSTITUTE_RECORD" | "MERGE_FOUND_RECORD", now: Date, actor: Actor | null) {
  const { calendar } = await caseRules(tx, c.policyVersion);
  const task = await tx.practiceTask.create({ data: { caseId: c.id, organisationId, kind, dueDate: new Date(`${addWorkingDays(londonDate(now), kind === "SEARCH_FOR_RECORD" ? 3 : 20, calendar.holidays)}T00:00:00Z`), createdAt: now }, select: { id: true } });
  await addEvent(tx, c.id, "TASK_CREATED", "SHARED", now, actor, { data: { taskId: task.id, kind, organisationId } });
  const template: NotificationTemplate = kind === "SEARCH_FOR_RECORD" ? "SEARCH_REQUESTED" : "TASK_CREATED";
  await queueNotification(tx, { template, reference: c.reference, path: `/practice/cases/${c.reference}`, organisationIds: [organisationId], caseId: c.id, now });
}

async function resolveCase(tx: Tx, c: LoadedCase, outcome: CaseOutcome, note: string, now: Date, actor: Actor | null) {
  await changeStatus(tx, c, "RESOLVED", now, actor, note);
  await tx.case.update({ where: { id: c.id }, data: { resolvedAt: now, outcome, outcomeNote: note } });
  await tx.openCaseKey.deleteMany({ where: { caseId: c.id } });
  await tx.practiceTask.updateMany({ where: { caseId: c.id, status: "OPEN", kind: "SEARCH_FOR_RECORD" }, data: { status: "CANCELLED" } });
  await tx.problemReport.updateMany({ where: { caseId: c.id, status: "OPEN" }, data: { status: "RESOLVED" } });
  for (const m of c.movements) await refreshMovements(tx, [m.movement.id], now);
  await addEvent(tx, c.id, "RESOLVED", "SHARED", now, actor, { note, data: { outcome } });
  const orgs = await caseOrganisations(tx, c.id);
  const notify = [...new Set([...(c.raisedByOrganisationId ? [c.raisedByOrganisationId] : []), ...orgs.sender, ...orgs.receiver])];
  await queueNotification(tx, { template: "CASE_RESOLVED", reference: c.reference, path: `/practice/cases/${c.reference}`, organisationIds: notify, caseId: c.id, now });
}

function whoIs(actor: Actor): CaseActor {
  return can(actor.role, "case:supervise") ? "supervisor" : can(actor.role, "case:work") ? "caseworker" : "practice";
}

function check(action: CaseAction, c: LoadedCase, actor: Actor) {
  const refused = caseActionRefusal(action, { status: c.status, kind: c.kind, missingStage: c.missingStage }, whoIs(actor));
  if (refused) throw new ValidationError({ action: [refused] });
}

/** PCSE's actions on a case, one at a time (the form says which). */
export async function actOnCase(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string; action: CaseAction; redelivery?: string }> {
  requirePermission(actor, "case:work");
  const parsed = caseActionSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const result = await db.$transaction(
    async (tx) => {
      const c = await loadCaseForUpdate(tx, actor, input.reference);
      check(input.action, c, actor);
      const movement = mainMovement(c);
      let redelivery: string | undefined;
      switch (input.action) {
        case "take": {
          await tx.case.update({ where: { id: c.id }, data: { ownerId: actor.id } });
          await addEvent(tx, c.id, "ASSIGNED", "INTERNAL", now, actor, { data: { ownerId: actor.id } });
          if (c.status === "OPEN") await changeStatus(tx, c, "IN_PROGRESS", now, actor, null, "INTERNAL");
          break;
        }
        case "assign": {
          if (input.ownerId !== actor.id && !can(actor.role, "case:supervise")) throw new ValidationError({ ownerId: ["Only a supervisor can assign a case to someone else"] });
          const owner = await tx.user.findFirst({ where: { id: input.ownerId, role: { in: ["PCSE_CASEWORKER", "PCSE_SUPERVISOR"] }, disabled: false }, select: { id: true } });
          if (!owner) throw new ValidationError({ ownerId: ["Choose a PCSE caseworker"] });
          await tx.case.update({ where: { id: c.id }, data: { ownerId: owner.id } });
          await addEvent(tx, c.id, "ASSIGNED", "INTERNAL", now, actor, { data: { ownerId: owner.id } });
          if (c.status === "OPEN") await changeStatus(tx, c, "IN_PROGRESS", now, actor, null, "INTERNAL");
          break;
        }
        case "note": {
          await addEvent(tx, c.id, "NOTE", input.visibility, now, actor, { note: input.note });
          if (input.visibility === "SHARED") await firstResponse(tx, c, now);
          break;
        }
        case "chaseSender": {
          if (!movement) throw new ValidationError({ action: ["This case has no record movement: there is no sender to chase"] });
          await addEvent(tx, c.id, "CHASED_SENDER", "SHARED", now, actor, { note: input.note });
          await queueNotification(tx, { template: "CASE_CHASED", reference: c.reference, path: `/practice/cases/${c.reference}`, organisationIds: [movement.fromOrganisationId], caseId: c.id, now });
          await firstResponse(tx, c, now);
          if (c.status === "OPEN") await changeStatus(tx, c, "IN_PROGRESS", now, actor);
          break;
        }
        case "chaseCourier": {
          await addEvent(tx, c.id, "CHASED_COURIER", "SHARED", now, actor, { note: input.note });
          await firstResponse(tx, c, now);
          await changeStatus(tx, c, "WAITING_ON_COURIER", now, actor);
          break;
        }
        case "askPracticeToSearch": {
          const practice = await tx.organisation.findUnique({ where: { odsCode: input.odsCode }, select: { id: true, kind: true, name: true } });
          if (!practice || (practice.kind !== "GP_PRACTICE" && practice.kind !== "BRANCH_SURGERY")) throw new ValidationError({ odsCode: ["No GP practice has that ODS code"] });
          await addEvent(tx, c.id, "SEARCH_REQUESTED", "SHARED", now, actor, { note: input.note, data: { organisationId: practice.id, odsCode: input.odsCode, name: practice.name } });
          await createTask(tx, c, practice.id, "SEARCH_FOR_RECORD", now, actor);
          await firstResponse(tx, c, now);
          await changeStatus(tx, c, "WAITING_ON_PRACTICE", now, actor);
          break;
        }
        case "waitOnThirdParty": {
          await addEvent(tx, c.id, "NOTE", "SHARED", now, actor, { note: input.note });
          await firstResponse(tx, c, now);
          await changeStatus(tx, c, "WAITING_ON_THIRD_PARTY", now, actor);
          break;
        }
        case "resume": {
          await changeStatus(tx, c, "IN_PROGRESS", now, actor, input.note);
          break;
        }
        case "recordSearchStep": {
          await addEvent(tx, c.id, "SEARCH_STEP", "SHARED", now, actor, { note: input.note, data: { step: input.step, result: input.result } });
          await firstResponse(tx, c, now);
          if (c.status === "OPEN") await changeStatus(tx, c, "IN_PROGRESS", now, actor);
          break;
        }
        case "markFound": {
          // Found after a reconstituted record was made: it stays "reconstituted" until the practice merges the two.
          const stage: MissingStage = c.missingStage === "RECONSTITUTED" ? "RECONSTITUTED" : "FOUND";
          if (c.missingStage === "LOST") await tx.practiceTask.updateMany({ where: { caseId: c.id, status: "OPEN", kind: "RECONSTITUTE_RECORD" }, data: { status: "CANCELLED" } });
          await tx.case.update({ where: { id: c.id }, data: { missingStage: c.kind === "MISSING_RECORD" ? stage : c.missingStage, foundAt: now, foundWhere: input.foundWhere, foundHow: input.foundHow, resolutionClockStoppedAt: c.resolutionClockStoppedAt ?? now } });
          c.resolutionClockStoppedAt ??= now;
          await changeStatus(tx, c, c.status, now, actor);
          await addEvent(tx, c.id, "MARKED_FOUND", "SHARED", now, actor, { note: `Found at ${input.foundWhere}: ${input.foundHow}`, data: { foundWhere: input.foundWhere, foundHow: input.foundHow } });
          if (movement && (movement.status === "MISSING" || movement.status === "LOST")) await movementEvent(tx, movement.id, "MARKED_FOUND", actor, now, `Found at ${input.foundWhere}`);
          // Found after a reconstituted record was made: the practice merges the two (PCSE never adds to a record).
          if (c.missingStage === "RECONSTITUTED" && movement) await createTask(tx, c, movement.toOrganisationId, "MERGE_FOUND_RECORD", now, actor);
          await firstResponse(tx, c, now);
          if (c.status === "OPEN") await changeStatus(tx, c, "IN_PROGRESS", now, actor);
          break;
        }
        case "markMissing": {
          await markMissingTx(tx, c, now, actor, input.note);
          await firstResponse(tx, c, now);
          break;
        }
        case "markLost": {
          await markLostTx(tx, c, now, actor, input.note);
          break;
        }
        case "arrangeRedelivery": {
          if (!movement) throw new ValidationError({ action: ["This case has no record movement to redeliver"] });
          redelivery = await createRedelivery(tx, c, movement, input.fromOdsCode, input.bagCount, actor, now);
          await addEvent(tx, c.id, "REDELIVERY_ARRANGED", "SHARED", now, actor, { note: input.note, data: { reference: redelivery, from: input.fromOdsCode } });
          await firstResponse(tx, c, now);
          if (c.status === "OPEN") await changeStatus(tx, c, "IN_PROGRESS", now, actor);
          break;
        }
        case "resolve": {
          if (!(outcomesFor(c.kind) as string[]).includes(input.outcome)) throw new ValidationError({ outcome: ["Select an outcome for this kind of case"] });
          await firstResponse(tx, c, now);
          await resolveCase(tx, c, input.outcome as CaseOutcome, input.note, now, actor);
          break;
        }
        case "reopen": {
          if (c.problemKey) {
            const other = await tx.openCaseKey.findUnique({ where: { key: c.problemKey }, select: { case: { select: { reference: true } } } });
            if (other) throw new ValidationError({ action: [`Case ${other.case.reference} is open for the same problem: work that one`] });
            await tx.openCaseKey.create({ data: { key: c.problemKey, caseId: c.id } });
          }
          await tx.case.update({ where: { id: c.id }, data: { resolvedAt: null, closedAt: null, outcome: null, outcomeNote: null, resolutionClockStoppedAt: null } });
          c.resolutionClockStoppedAt = null;
          await changeStatus(tx, c, "IN_PROGRESS", now, actor, input.note);
          await addEvent(tx, c.id, "REOPENED", "SHARED", now, actor, { note: input.note });
          break;
        }
        case "close": {
          await changeStatus(tx, c, "CLOSED", now, actor);
          await tx.case.update({ where: { id: c.id }, data: { closedAt: now } });
          await addEvent(tx, c.id, "CLOSED", "SHARED", now, actor);
          break;
        }
      }
      await recordAuditEvent(tx, { actor, action: "UPDATE_CASE", entityType: "Case", entityId: c.id, patientId: movement?.patientId ?? null, details: { reference: c.reference, action: input.action } });
      return { reference: c.reference, action: input.action as CaseAction, redelivery };
    },
    { timeout: 20_000 },
  );
  return result;
}

/** The search has run its course unfound: the record is marked missing (the movement shows it). */
export async function markMissingTx(tx: Tx, c: LoadedCase, now: Date, actor: Actor | null, note?: string | null) {
  await tx.case.update({ where: { id: c.id }, data: { missingStage: "MISSING", markedMissingAt: now, resolutionClockStoppedAt: c.resolutionClockStoppedAt ?? now } });
  c.missingStage = "MISSING";
  c.resolutionClockStoppedAt ??= now;
  await changeStatus(tx, c, c.status, now, actor);
  await addEvent(tx, c.id, "MARKED_MISSING", "SHARED", now, actor, { note: note ?? "Not found after the search: marked missing" });
  const movement = mainMovement(c);
  if (movement && movement.status !== "MISSING" && movement.status !== "LOST" && movement.status !== "RECEIVED") await movementEvent(tx, movement.id, "MARKED_MISSING", actor, now, note);
}

/** Unfound after the policy's months: lost, and the receiving practice is asked to build a reconstituted record. */
export async function markLostTx(tx: Tx, c: LoadedCase, now: Date, actor: Actor | null, note?: string | null) {
  await tx.case.update({ where: { id: c.id }, data: { missingStage: "LOST", markedLostAt: now } });
  c.missingStage = "LOST";
  await addEvent(tx, c.id, "MARKED_LOST", "SHARED", now, actor, { note: note ?? "Not found: treated as lost" });
  const movement = mainMovement(c);
  if (movement) {
    if (movement.status !== "LOST" && movement.status !== "RECEIVED") await movementEvent(tx, movement.id, "MARKED_LOST", actor, now, note);
    await createTask(tx, c, movement.toOrganisationId, "RECONSTITUTE_RECORD", now, actor);
  }
  await changeStatus(tx, c, "WAITING_ON_PRACTICE", now, actor);
}

/** A new leg for the record: from where it is now to the practice that should have it, with the same patient. */
async function createRedelivery(tx: Tx, c: LoadedCase, movement: NonNullable<ReturnType<typeof mainMovement>>, fromOdsCode: string, bagCount: number, actor: Actor | null, now: Date): Promise<string> {
  const from = await tx.organisation.findUnique({ where: { odsCode: fromOdsCode }, select: { id: true, kind: true, country: true, closedAt: true } });
  if (!from || from.closedAt) throw new ValidationError({ fromOdsCode: ["No open organisation has that ODS code"] });
  const to = await tx.organisation.findUniqueOrThrow({ where: { id: movement.toOrganisationId }, select: { id: true, country: true } });
  if (from.id === to.id) throw new ValidationError({ fromOdsCode: ["The record is already at the practice it should go to: resolve the case instead"] });
  const sql = prismaSql(tx);
  const policyVersion = await versionInForce(sql, londonDate(now));
  const type = from.kind === "PCSE_STORE" ? "STORE_TO_PRACTICE" : movement.type === "PRACTICE_TO_STORE" ? "PRACTICE_TO_STORE" : movement.type;
  const targets = movementTargets(await policyRules(sql, policyVersion), type, movement.priority, crossBorderCountryOf(type, from.country, to.country));
  const calendars = await loadCalendars(sql);
  const dueDate = addWorkingDays(londonDate(now), targets.endToEnd, calendars[divisionFor(to.country)].holidays);
  let reference = "";
  for (let i = 0; i < 10 && !reference; i++) {
    const candidate = generatePrefixedReference("RM");
    if (!(await tx.recordMovement.findUnique({ where: { reference: candidate }, select: { id: true } }))) reference = candidate;
  }
  const created = await tx.recordMovement.create({
    data: {
      reference,
      type,
      reason: "RE_REGISTRATION",
      priority: movement.priority,
      status: "REQUESTED",
      policyVersion,
      patientId: movement.patientId,
      patientFamilyName: movement.patientFamilyName,
      patientGivenName: movement.patientGivenName,
      patientDateOfBirth: movement.patientDateOfBirth,
      fromOrganisationId: from.id,
      toOrganisationId: to.id,
      regionCode: movement.regionCode,
      dueDate: new Date(`${dueDate}T00:00:00Z`),
      bagCount,
      notes: `Redelivery for case ${c.reference} (first sent as ${movement.reference})`,
      createdById: actor?.id ?? null,
      createdAt: now,
      statusChangedAt: now,
      trackingEvents: { create: { type: "CREATED", source: "PCSE", sourceEventId: `portal:${randomUUID()}`, occurredAt: now, recordedById: actor?.id ?? null } },
    },
    select: { id: true, reference: true },
  });
  await refreshMovements(tx, [created.id], now);
  await tx.caseMovement.create({ data: { caseId: c.id, movementId: created.id, role: "REDELIVERY" } });
  return created.reference;
}

/** Assigns one case or many to a caseworker (supervisors: anyone; caseworkers: themselves). */
export async function assignCases(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ assigned: string[]; refused: { reference: string; reason: string }[] }> {
  requirePermission(actor, "case:work");
  const references = (Array.isArray(raw.references) ? raw.references : raw.references === undefined ? [] : [raw.references]).filter((r): r is string => typeof r === "string").slice(0, 200);
  const ownerId = typeof raw.ownerId === "string" ? raw.ownerId : "";
  if (references.length === 0) throw new ValidationError({ references: ["Select the cases to assign"] });
  if (!/^[0-9a-f-]{36}$/i.test(ownerId)) throw new ValidationError({ ownerId: ["Choose who will own the cases"] });
  const result = { assigned: [] as string[], refused: [] as { reference: string; reason: string }[] };
  for (const reference of references) {
    try {
      await actOnCase(db, actor, { action: "assign", reference, ownerId }, now);
      result.assigned.push(reference);
    } catch (error) {
      if (error instanceof ValidationError || error instanceof NotFoundError) result.refused.push({ reference, reason: error instanceof ValidationError ? Object.values(error.fieldErrors)[0][0] : error.message });
      else throw error;
    }
  }
  return result;
}

/** "Take the next case": the open, unowned case nearest its breach (breached first), now the actor's. */
export async function takeNextCase(db: Db, actor: Actor | null, now = new Date()): Promise<{ reference: string } | null> {
  requirePermission(actor, "case:work");
  return db.$transaction(async (tx) => {
    const [next] = await tx.$queryRaw<{ id: string; reference: string; status: CaseStatus }[]>`
      SELECT id, reference, status::text AS status FROM "Case"
      WHERE "ownerId" IS NULL AND status = ANY(ARRAY['OPEN','IN_PROGRESS']::"CaseStatus"[])
      ORDER BY breached DESC, "nextDueDate" NULLS LAST, "openedAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (!next) return null;
    await tx.case.update({ where: { id: next.id }, data: { ownerId: actor.id, ...(next.status === "OPEN" ? { status: "IN_PROGRESS" } : {}) } });
    await addEvent(tx, next.id, "ASSIGNED", "INTERNAL", now, actor, { data: { ownerId: actor.id, next: true } });
    if (next.status === "OPEN") await addEvent(tx, next.id, "STATUS_CHANGED", "INTERNAL", now, actor, { fromStatus: "OPEN", toStatus: "IN_PROGRESS" });
    await recordAuditEvent(tx, { actor, action: "UPDATE_CASE", entityType: "Case", entityId: next.id, details: { reference: next.reference, action: "takeNext" } });
    return { reference: next.reference };
  });
}

/** A practice answers a case (shared with PCSE): searched and not here, found it and sending it, more information,
 * or withdraw its own case. Answering a case waiting on the practice takes it off hold. */
export async function replyToCase(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string }> {
  requirePermission(actor, "case:raise");
  const parsed = practiceReplySchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  return db.$transaction(async (tx) => {
    const c = await loadCaseForUpdate(tx, actor, input.reference);
    if (input.reply === "WITHDRAW") {
      if (!c.raisedByOrganisationId || !actor.scopeOrganisationIds.includes(c.raisedByOrganisationId)) throw new ValidationError({ reply: ["Only the practice that raised the case can withdraw it"] });
      check("withdraw", c, actor);
      await resolveCase(tx, c, "WITHDRAWN_BY_PRACTICE", input.note ?? "Withdrawn by the practice", now, actor);
    } else {
      check("practiceReply", c, actor);
      const words = { SEARCHED_NOT_HERE: "We searched: the record is not here.", FOUND_SENDING: "We found the record and are sending it now.", INFORMATION: "" }[input.reply];
      await addEvent(tx, c.id, "PRACTICE_REPLY", "SHARED", now, actor, { note: [words, input.note].filter(Boolean).join(" ") || null, data: { reply: input.reply } });
      const search = c.tasks.find((t) => t.kind === "SEARCH_FOR_RECORD" && t.status === "OPEN" && actor.scopeOrganisationIds.includes(t.organisationId));
      if (search && input.reply !== "INFORMATION") {
        await tx.practiceTask.update({ where: { id: search.id }, data: { status: "DONE", completedAt: now, completedById: actor.id, response: { result: input.reply === "FOUND_SENDING" ? "FOUND" : "NOT_HERE", note: input.note } } });
        await addEvent(tx, c.id, "TASK_COMPLETED", "SHARED", now, actor, { data: { taskId: search.id, kind: search.kind } });
      }
      if (c.status === "WAITING_ON_PRACTICE") await changeStatus(tx, c, "IN_PROGRESS", now, actor);
      const m = mainMovement(c);
      await offerWorkloadSuggestions(tx, actor, { kind: "CASE_ANSWERED", caseId: c.id, caseReference: c.reference, key: `${c.id}:${actor.id}:${now.getTime()}`, reply: input.reply, movementId: m?.id ?? null, siteId: practiceSiteOf(actor, m, search?.organisationId) }, now);
    }
    const movement = mainMovement(c);
    await recordAuditEvent(tx, { actor, action: "UPDATE_CASE", entityType: "Case", entityId: c.id, patientId: movement?.patientId ?? null, details: { reference: c.reference, reply: input.reply } });
    return { reference: c.reference };
  });
}

/** A practice completes a task PCSE set it: the search, a reconstituted record, or merging a found original. */
export async function completePracticeTask(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string }> {
  requirePermission(actor, "case:raise");
  const parsed = taskCompletionSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const task = await db.practiceTask.findFirst({ where: { id: input.taskId, organisationId: { in: actor.scopeOrganisationIds }, kind: input.kind }, select: { id: true, status: true, organisationId: true, case: { select: { reference: true } } } });
  if (!task) throw new NotFoundError("The task");
  if (task.status !== "OPEN") throw new ValidationError({ taskId: ["This task is already done"] });
  return db.$transaction(async (tx) => {
    const c = await loadCaseForUpdate(tx, actor, task.case.reference);
    const { taskId: _taskId, ...rest } = input;
    const response = JSON.parse(JSON.stringify(rest)) as Prisma.InputJsonValue;
    await tx.practiceTask.update({ where: { id: task.id }, data: { status: "DONE", completedAt: now, completedById: actor.id, response } });
    await addEvent(tx, c.id, "TASK_COMPLETED", "SHARED", now, actor, { note: input.note ?? null, data: { taskId: task.id, kind: input.kind } });
    if (input.kind === "RECONSTITUTE_RECORD") {
      await tx.case.update({ where: { id: c.id }, data: { missingStage: c.missingStage === "FOUND" ? "FOUND" : "RECONSTITUTED" } });
      c.missingStage = "RECONSTITUTED";
      await resolveCase(tx, c, "RECONSTITUTED", `Reconstituted record made on ${input.completedOn}`, now, actor);
    } else if (input.kind === "MERGE_FOUND_RECORD") {
      await tx.case.update({ where: { id: c.id }, data: { missingStage: "MERGED" } });
      c.missingStage = "MERGED";
      if (isCaseOpen(c.status)) await resolveCase(tx, c, "MERGED", `Found record merged on ${input.completedOn}`, now, actor);
    } else if (c.status === "WAITING_ON_PRACTICE") {
      await changeStatus(tx, c, "IN_PROGRESS", now, actor);
    }
    const movement = mainMovement(c);
    await offerWorkloadSuggestions(tx, actor, { kind: "PRACTICE_TASK_DONE", taskId: task.id, task: input.kind, caseId: c.id, caseReference: c.reference, movementId: movement?.id ?? null, siteId: practiceSiteOf(actor, movement, task.organisationId) }, now);
    await recordAuditEvent(tx, { actor, action: "UPDATE_CASE", entityType: "Case", entityId: c.id, patientId: movement?.patientId ?? null, details: { reference: c.reference, task: input.kind } });
    return { reference: c.reference };
  });
}

export { CASE_KIND_LABELS };
