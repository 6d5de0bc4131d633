import "server-only";
// Writing the workload log: manual entries, deciding suggestions (accept as offered, accept edited, dismiss),
// editing and withdrawing entries (every earlier state kept), the practice's rates (re-costing the entries they
// govern) and the administrator's task defaults. Staff write and change their own entries; a practice manager any
// of the practice's. An entry in evidence for a claim still being decided, or accepted, is locked: the claim stands
// on it as signed.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { StaffGrade, WorkloadCause, WorkloadEntrySource } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { caseScopeWhere, movementScopeWhere, workloadEntryScopeWhere } from "@/lib/auth/scope";
import { NotFoundError, ValidationError, fieldErrorsOf, type FieldErrors } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { londonDate } from "@/lib/nhs/working-days";
import { normalisePrefixedReference, normaliseReference } from "@/lib/movements/reference";
import { costPence, rateInForce, rateWindow, ratesFor, type RateRow } from "@/lib/workload/costs";
import { EARLIEST_WORKLOAD_DATE, dateFromParts, entryFieldsSchema, entryIdSchema, rateSchema, suggestionDecisionSchema, taskUpdateSchema, type EntryFields } from "@/lib/workload/schemas";

type Tx = Prisma.TransactionClient;

/** Entries that evidence a claim being decided or accepted (a rejected claim's pack frees them). */
export const LOCKED_BY_CLAIM: Prisma.WorkloadEntryWhereInput = { evidencePacks: { some: { pack: { claims: { some: { status: { not: "REJECTED" } } } } } } };

/** What a new entry holds: the caller has checked the actor may log it and that every link is in scope. */
export type NewEntry = {
  siteId: string;
  grade: StaffGrade;
  taskCode: string;
  quantity: number;
  minutes: number;
  suggestedMinutes: number | null;
  date: string;
  cause: WorkloadCause;
  source: WorkloadEntrySource;
  movementId?: string | null;
  movementIds?: string[];
  collectionId?: string | null;
  caseId?: string | null;
  incidentId?: string | null;
  harmReviewId?: string | null;
  suggestionId?: string | null;
  note?: string | null;
};

function practiceOf(actor: Actor): string {
  const id = actor.scopeOrganisationIds[0];
  if (!id) throw new ValidationError({ form: ["Your account is not linked to a practice"] });
  return id;
}

async function pricedAt(tx: Tx, practiceId: string, grade: StaffGrade, date: string, minutes: number, rates?: RateRow[]) {
  const rate = rateInForce(rates ?? (await ratesFor(tx, practiceId)), grade, date);
  if (!rate) throw new Error(`No rate for grade ${grade}: the national defaults are missing`);
  return { rateId: rate.id, ratePencePerHour: rate.pencePerHour, costPence: costPence(minutes, rate.pencePerHour) };
}

/**
 * Writes one entry for the actor's practice, costed at the grade's rate in force on its date, and audits it. For
 * commands that have already checked the actor and the links (the suggestion decision, the manual entry; the harm
 * review of issue 11 can call it in its own transaction).
 */
export async function createEntryTx(tx: Tx, actor: Actor, entry: NewEntry, now: Date): Promise<{ id: string }> {
  const practiceId = practiceOf(actor);
  const practice = await tx.organisation.findUniqueOrThrow({ where: { id: practiceId }, select: { regionCode: true, icbCode: true } });
  const price = await pricedAt(tx, practiceId, entry.grade, entry.date, entry.minutes);
  const movementIds = [...new Set(entry.movementIds ?? (entry.movementId ? [entry.movementId] : []))];
  const created = await tx.workloadEntry.create({
    data: {
      organisationId: practiceId,
      siteId: entry.siteId,
      regionCode: practice.regionCode,
      icbCode: practice.icbCode,
      grade: entry.grade,
      taskCode: entry.taskCode,
      quantity: entry.quantity,
      minutes: entry.minutes,
      suggestedMinutes: entry.suggestedMinutes,
      date: new Date(`${entry.date}T00:00:00Z`),
      cause: entry.cause,
      movementId: entry.movementId ?? (movementIds.length === 1 ? movementIds[0] : null),
      collectionId: entry.collectionId ?? null,
      caseId: entry.caseId ?? null,
      incidentId: entry.incidentId ?? null,
      harmReviewId: entry.harmReviewId ?? null,
      note: entry.note ?? null,
      source: entry.source,
      suggestionId: entry.suggestionId ?? null,
      createdById: actor.id,
      ...price,
      createdAt: now,
      ...(movementIds.length ? { movements: { create: movementIds.map((movementId) => ({ movementId })) } } : {}),
    },
    select: { id: true },
  });
  await recordAuditEvent(tx, { actor, action: "LOG_WORKLOAD", entityType: "WorkloadEntry", entityId: created.id, details: { task: entry.taskCode, minutes: entry.minutes, source: entry.source } });
  return created;
}

function parseEntry(raw: Record<string, unknown>, today: string): { fields: EntryFields; date: string } {
  const errors: FieldErrors = {};
  const parsed = entryFieldsSchema.safeParse(raw);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  const date = dateFromParts(raw, "date", "the date of the work");
  if ("error" in date) errors.date = [date.error];
  else if (date.date > today) errors.date = ["The date of the work must be today or in the past"];
  else if (date.date < EARLIEST_WORKLOAD_DATE) errors.date = ["The date of the work must be in 2020 or later"];
  if (Object.keys(errors).length || !parsed.success || "error" in date) throw new ValidationError(errors);
  return { fields: parsed.data, date: date.date };
}

type Links = { movementId: string | null; collectionId: string | null; caseId: string | null; incidentId: string | null };

/**
 * A movement, collection, case or incident reference typed on an entry, as links in the actor's scope (an incident:
 * one with patients registered in the practice's tree).
 */
async function linksFor(db: Db | Tx, actor: Actor, reference: string | null): Promise<Links> {
  const none: Links = { movementId: null, collectionId: null, caseId: null, incidentId: null };
  if (!reference) return none;
  const refused = new ValidationError({ reference: ["No movement, collection, case or incident of your practice has that reference: check it, or leave it empty"] });
  const upper = reference.toUpperCase().replace(/\s/g, "");
  if (upper.startsWith("IN")) {
    const ref = normalisePrefixedReference(upper, "IN");
    const found = ref ? await db.incident.findFirst({ where: { reference: ref, items: { some: { practiceId: { in: actor.scopeOrganisationIds } } } }, select: { id: true } }) : null;
    if (!found) throw refused;
    return { ...none, incidentId: found.id };
  }
  if (upper.startsWith("CS")) {
    const ref = normalisePrefixedReference(upper, "CS");
    const found = ref ? await db.case.findFirst({ where: { AND: [{ reference: ref }, caseScopeWhere(actor)] }, select: { id: true } }) : null;
    if (!found) throw refused;
    return { ...none, caseId: found.id };
  }
  if (upper.startsWith("CL")) {
    const ref = normalisePrefixedReference(upper, "CL");
    const found = ref ? await db.collection.findFirst({ where: { reference: ref, organisationId: { in: actor.scopeOrganisationIds } }, select: { id: true } }) : null;
    if (!found) throw refused;
    return { ...none, collectionId: found.id };
  }
  const ref = normaliseReference(upper);
  const found = ref ? await db.recordMovement.findFirst({ where: { AND: [{ reference: ref }, movementScopeWhere(actor)] }, select: { id: true } }) : null;
  if (!found) throw refused;
  return { ...none, movementId: found.id };
}

async function activeTask(db: Db | Tx, code: string) {
  const task = await db.workloadTask.findFirst({ where: { code, active: true }, select: { code: true } });
  if (!task) throw new ValidationError({ taskCode: ["Select the task"] });
  return task;
}

function siteFor(actor: Actor, siteId: string | null): string {
  if (!siteId) return practiceOf(actor);
  if (!actor.scopeOrganisationIds.includes(siteId)) throw new ValidationError({ siteId: ["Select the site where the work was done"] });
  return siteId;
}

/** A manual entry in the log (a person typing what they did, with the task's default offered but not imposed). */
export async function logWorkload(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ id: string }> {
  requirePermission(actor, "workload:log");
  const { fields, date } = parseEntry(raw, londonDate(now));
  await activeTask(db, fields.taskCode);
  const siteId = siteFor(actor, fields.siteId);
  const links = await linksFor(db, actor, fields.reference);
  return db.$transaction((tx) =>
    createEntryTx(tx, actor, { siteId, grade: fields.grade, taskCode: fields.taskCode, quantity: fields.quantity, minutes: fields.minutes, suggestedMinutes: null, date, cause: fields.cause, source: "MANUAL", ...links, note: fields.note }, now),
  );
}

/**
 * Accept a suggestion (as offered, or with the minutes, grade, cause or note changed: then it is "suggested,
 * edited", and both the suggested and the entered minutes are kept) or dismiss it. Only the person it was offered
 * to decides it, once.
 */
export async function decideSuggestion(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ decision: "accept" | "dismiss"; entryId: string | null }> {
  requirePermission(actor, "workload:log");
  const parsed = suggestionDecisionSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  return db.$transaction(async (tx) => {
    const s = await tx.workloadSuggestion.findFirst({ where: { id: input.suggestionId, userId: actor.id, organisationId: { in: actor.scopeOrganisationIds } } });
    if (!s) throw new NotFoundError("The suggestion");
    if (s.status !== "PENDING") throw new ValidationError({ form: ["This suggestion has already been dealt with"] });
    if (input.decision === "dismiss") {
      const changed = await tx.workloadSuggestion.updateMany({ where: { id: s.id, status: "PENDING" }, data: { status: "DISMISSED", decidedAt: now } });
      if (changed.count !== 1) throw new ValidationError({ form: ["This suggestion has already been dealt with"] });
      await recordAuditEvent(tx, { actor, action: "DISMISS_WORKLOAD_SUGGESTION", entityType: "WorkloadSuggestion", entityId: s.id, details: { task: s.taskCode, trigger: s.trigger } });
      return { decision: "dismiss" as const, entryId: null };
    }
    const edited = input.minutes !== s.suggestedMinutes || input.cause !== s.cause || Boolean(input.note);
    const changed = await tx.workloadSuggestion.updateMany({ where: { id: s.id, status: "PENDING" }, data: { status: edited ? "EDITED" : "ACCEPTED", decidedAt: now } });
    if (changed.count !== 1) throw new ValidationError({ form: ["This suggestion has already been dealt with"] });
    const entry = await createEntryTx(
      tx,
      actor,
      {
        siteId: actor.scopeOrganisationIds.includes(s.siteId) ? s.siteId : practiceOf(actor),
        grade: input.grade,
        taskCode: s.taskCode,
        quantity: s.quantity,
        minutes: input.minutes,
        suggestedMinutes: s.suggestedMinutes,
        date: s.date.toISOString().slice(0, 10),
        cause: input.cause,
        source: edited ? "SUGGESTED_EDITED" : "SUGGESTED_ACCEPTED",
        movementId: s.movementId,
        movementIds: s.movementIds,
        collectionId: s.collectionId,
        caseId: s.caseId,
        incidentId: s.incidentId,
        harmReviewId: s.harmReviewId,
        suggestionId: s.id,
        note: input.note,
      },
      now,
    );
    return { decision: "accept" as const, entryId: entry.id };
  });
}

const snapshotSelect = {
  id: true,
  version: true,
  grade: true,
  taskCode: true,
  quantity: true,
  minutes: true,
  date: true,
  cause: true,
  siteId: true,
  movementId: true,
  collectionId: true,
  caseId: true,
  incidentId: true,
  harmReviewId: true,
  note: true,
  ratePencePerHour: true,
  costPence: true,
  withdrawnAt: true,
  organisationId: true,
} satisfies Prisma.WorkloadEntrySelect;

async function loadForChange(tx: Tx, actor: Actor, id: string) {
  const entry = await tx.workloadEntry.findFirst({ where: { AND: [{ id }, workloadEntryScopeWhere(actor)] }, select: snapshotSelect });
  if (!entry) throw new NotFoundError("The entry");
  await tx.$queryRaw`SELECT id FROM "WorkloadEntry" WHERE id = ${entry.id}::uuid FOR UPDATE`;
  if (entry.withdrawnAt) throw new ValidationError({ form: ["This entry has been withdrawn"] });
  const locked = await tx.workloadEntry.count({ where: { AND: [{ id: entry.id }, LOCKED_BY_CLAIM] } });
  if (locked) throw new ValidationError({ form: ["This entry is evidence for a claim to NHS England: it cannot be changed now"] });
  return entry;
}

function snapshotOf(entry: Prisma.WorkloadEntryGetPayload<{ select: typeof snapshotSelect }>): Prisma.InputJsonValue {
  return {
    grade: entry.grade,
    taskCode: entry.taskCode,
    quantity: entry.quantity,
    minutes: entry.minutes,
    date: entry.date.toISOString().slice(0, 10),
    cause: entry.cause,
    siteId: entry.siteId,
    movementId: entry.movementId,
    collectionId: entry.collectionId,
    caseId: entry.caseId,
    incidentId: entry.incidentId,
    note: entry.note,
    ratePencePerHour: entry.ratePencePerHour,
    costPence: entry.costPence,
  };
}

/** Changes an entry; its earlier state is kept (WorkloadEntryVersion) and its cost follows its new date and grade. */
export async function editWorkloadEntry(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ id: string; version: number }> {
  requirePermission(actor, "workload:log");
  const id = entryIdSchema.safeParse(raw.entryId);
  if (!id.success) throw new NotFoundError("The entry");
  const { fields, date } = parseEntry(raw, londonDate(now));
  await activeTask(db, fields.taskCode);
  const siteId = siteFor(actor, fields.siteId);
  // "keep": a batch entry (many movements) keeps its links; the form offers no single reference for it.
  const keepLinks = raw.reference === undefined || raw.keepLinks === "yes";
  const links = keepLinks ? null : await linksFor(db, actor, fields.reference);
  return db.$transaction(async (tx) => {
    const entry = await loadForChange(tx, actor, id.data);
    await tx.workloadEntryVersion.create({ data: { entryId: entry.id, version: entry.version, snapshot: snapshotOf(entry), changedAt: now, changedById: actor.id, change: "EDITED" } });
    const price = await pricedAt(tx, entry.organisationId, fields.grade, date, fields.minutes);
    const updated = await tx.workloadEntry.update({
      where: { id: entry.id },
      data: {
        grade: fields.grade,
        taskCode: fields.taskCode,
        quantity: fields.quantity,
        minutes: fields.minutes,
        date: new Date(`${date}T00:00:00Z`),
        cause: fields.cause,
        siteId,
        note: fields.note,
        // A harm review's entry stays linked to its review while it stays linked to the review's incident.
        ...(links ? { ...links, harmReviewId: links.incidentId && links.incidentId === entry.incidentId ? entry.harmReviewId : null } : {}),
        ...price,
        version: entry.version + 1,
      },
      select: { id: true, version: true },
    });
    if (links) {
      await tx.workloadEntryMovement.deleteMany({ where: { entryId: entry.id } });
      if (links.movementId) await tx.workloadEntryMovement.create({ data: { entryId: entry.id, movementId: links.movementId } });
    }
    await recordAuditEvent(tx, { actor, action: "EDIT_WORKLOAD", entityType: "WorkloadEntry", entityId: entry.id, details: { version: updated.version, minutes: fields.minutes } });
    return updated;
  });
}

/** Withdraws an entry made in error: kept, with its history, and left out of every total and pack from now on. */
export async function withdrawWorkloadEntry(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ id: string }> {
  requirePermission(actor, "workload:log");
  const id = entryIdSchema.safeParse(raw.entryId);
  if (!id.success) throw new NotFoundError("The entry");
  return db.$transaction(async (tx) => {
    const entry = await loadForChange(tx, actor, id.data);
    await tx.workloadEntryVersion.create({ data: { entryId: entry.id, version: entry.version, snapshot: snapshotOf(entry), changedAt: now, changedById: actor.id, change: "WITHDRAWN" } });
    await tx.workloadEntry.update({ where: { id: entry.id }, data: { withdrawnAt: now, version: entry.version + 1 } });
    await recordAuditEvent(tx, { actor, action: "EDIT_WORKLOAD", entityType: "WorkloadEntry", entityId: entry.id, details: { withdrawn: true } });
    return { id: entry.id };
  });
}

/**
 * The practice manager sets a grade's rate (pence per hour with on-costs) from a date. A rate for the same grade and
 * date replaces the earlier one. Entries dated in the window the rate governs are costed again at it (pay awards are
 * often backdated), except entries already in a signed evidence pack, which keep the rate they were signed at.
 */
export async function setGradeRate(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ id: string; recosted: number }> {
  requirePermission(actor, "workload:manage");
  const errors: FieldErrors = {};
  const parsed = rateSchema.safeParse(raw);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  const from = dateFromParts(raw, "effective", "the date the rate starts");
  const today = londonDate(now);
  if ("error" in from) errors.effective = [from.error];
  else if (from.date < EARLIEST_WORKLOAD_DATE) errors.effective = ["The date the rate starts must be in 2020 or later"];
  else if (from.date > `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`) errors.effective = ["The date the rate starts must be within the next year"];
  if (Object.keys(errors).length || !parsed.success || "error" in from) throw new ValidationError(errors);
  const practiceId = practiceOf(actor);
  const input = parsed.data;
  return db.$transaction(async (tx) => {
    // One rate change at a time per practice: the re-costing below reads the practice's rates.
    await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${practiceId}::uuid FOR UPDATE`;
    const effectiveFrom = new Date(`${from.date}T00:00:00Z`);
    const same = await tx.gradeRate.findFirst({ where: { organisationId: practiceId, grade: input.grade, effectiveFrom }, select: { id: true } });
    const rate = same
      ? await tx.gradeRate.update({ where: { id: same.id }, data: { pencePerHour: input.rate, source: input.source, createdById: actor.id, createdAt: now }, select: { id: true } })
      : await tx.gradeRate.create({ data: { organisationId: practiceId, grade: input.grade, effectiveFrom, pencePerHour: input.rate, source: input.source, sourceYear: null, createdById: actor.id, createdAt: now }, select: { id: true } });
    const rates = await ratesFor(tx, practiceId);
    const window = rateWindow(rates, rates.find((r) => r.id === rate.id)!);
    const recosted = await tx.$executeRaw`
      UPDATE "WorkloadEntry" e SET "ratePencePerHour" = ${input.rate}, "rateId" = ${rate.id}::uuid,
        "costPence" = round(e.minutes * ${input.rate}::numeric / 60)::int, "updatedAt" = ${now}
      WHERE e."organisationId" = ${practiceId}::uuid AND e.grade = ${input.grade}::"StaffGrade"
        AND e.date >= ${window.from}::date AND (${window.until}::date IS NULL OR e.date < ${window.until}::date)
        AND NOT EXISTS (SELECT 1 FROM "EvidencePackEntry" p WHERE p."entryId" = e.id)`;
    await recordAuditEvent(tx, { actor, action: "SET_GRADE_RATE", entityType: "GradeRate", entityId: rate.id, details: { grade: input.grade, pencePerHour: input.rate, effectiveFrom: from.date, recosted } });
    return { id: rate.id, recosted };
  });
}

/** An administrator changes a task's name, description, default minutes (with its basis), default cause or retires it. */
export async function updateWorkloadTask(db: Db, actor: Actor | null, raw: Record<string, unknown>): Promise<{ code: string }> {
  requirePermission(actor, "workload:tasks");
  const parsed = taskUpdateSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const { code, ...data } = parsed.data;
  const found = await db.workloadTask.findUnique({ where: { code }, select: { code: true, defaultMinutes: true, active: true } });
  if (!found) throw new NotFoundError("The task");
  await db.$transaction(async (tx) => {
    await tx.workloadTask.update({ where: { code }, data: { ...data, updatedById: actor.id } });
    await recordAuditEvent(tx, { actor, action: "UPDATE_WORKLOAD_TASK", entityType: "WorkloadTask", entityId: code, details: { defaultMinutes: data.defaultMinutes, was: found.defaultMinutes, active: data.active } });
  });
  return { code };
}

