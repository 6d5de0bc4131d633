import "server-only";
// Changes to incidents. Each command checks the permission and scope itself, validates its raw input with Zod and
// writes in one transaction (with its audit row) or not at all. A practice acts only on items of patients now
// registered with its practice tree; anything else is "not found".
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { incidentItemScopeWhere } from "@/lib/auth/scope";
import { NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { queueNotification } from "@/lib/notifications/outbox";
import { generatePrefixedReference, normalisePrefixedReference } from "@/lib/movements/reference";
import { londonDate } from "@/lib/nhs/working-days";
import { bulkNoHarmSchema, chaseSchema, createIncidentSchema, harmReviewSchema, signReturnSchema } from "@/lib/incidents/schemas";
import { isClinician, reviewProblems, signOffProblems } from "@/lib/incidents/rules";
import { paymentFor, paymentTermsSchema } from "@/lib/incidents/payment";
import { offerWorkloadSuggestions } from "@/lib/workload/suggestions";

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A new incident (PCSE supervisors). Its affected patients come from an import. */
export async function createIncident(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ reference: string }> {
  requirePermission(actor, "incident:manage");
  const input = parse(createIncidentSchema, raw);
  if (input.discoveredOn > londonDate(now)) throw new ValidationError({ discoveredOn: ["The date it was discovered must be today or in the past"] });
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generatePrefixedReference("IN");
    try {
      return await db.$transaction(async (tx) => {
        const incident = await tx.incident.create({
          data: { reference, title: input.title, category: input.category, responsibleOrganisation: input.responsibleOrganisation, discoveredOn: date(input.discoveredOn), reviewsDueDate: date(input.reviewsDueDate), paymentScheme: input.paymentScheme, paymentTerms: input.paymentTerms, createdById: actor.id, createdAt: now },
          select: { id: true, reference: true },
        });
        await recordAuditEvent(tx, { actor, action: "CREATE_INCIDENT", entityType: "Incident", entityId: incident.id, details: { reference, category: input.category, paymentScheme: input.paymentScheme } });
        return { reference: incident.reference };
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
  throw new Error("Could not allocate a unique incident reference after 5 attempts");
}

async function incidentFor(db: Pick<Db, "incident">, reference: string) {
  const ref = normalisePrefixedReference(reference, "IN");
  const incident = ref ? await db.incident.findUnique({ where: { reference: ref }, select: { id: true, reference: true, status: true, paymentScheme: true, paymentTerms: true } }) : null;
  if (!incident) throw new NotFoundError("The incident");
  return incident;
}

/** The practice whose return an item belongs to: the item's registered practice (the actor's tree holds it). */
function practiceOf(actor: Actor): string {
  return actor.scopeOrganisationIds[0];
}

async function refuseIfSigned(tx: Prisma.TransactionClient, incidentId: string, practiceId: string) {
  const signed = await tx.incidentPracticeReturn.findUnique({ where: { incidentId_practiceId: { incidentId, practiceId } }, select: { id: true } });
  if (signed) throw new ValidationError({ form: ["The practice's return has been signed: reviews can no longer change. Contact PCSE if one is wrong"] });
}

/**
 * Records (or changes) the harm review of one affected patient. A change keeps the earlier version in
 * HarmReviewHistory. The minutes spent are kept on the review; recording it (not changing it) also offers the person
 * the workload entry it implies, with those minutes, in the same transaction (docs/workload.md).
 */
export async function recordHarmReview(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ itemId: string; version: number }> {
  requirePermission(actor, "incident:review");
  const input = parse(harmReviewSchema, raw);
  const incident = await incidentFor(db, input.reference);
  return db.$transaction(async (tx) => {
    const item = await tx.incidentItem.findFirst({ where: { AND: [incidentItemScopeWhere(actor), { id: input.itemId, incidentId: incident.id }] }, select: { id: true, patientId: true, practiceId: true, heldFrom: true, review: true } });
    if (!item) throw new NotFoundError("The patient");
    if (incident.status !== "OPEN") throw new ValidationError({ form: ["This incident is closed"] });
    await refuseIfSigned(tx, incident.id, item.practiceId);
    const problems = reviewProblems(
      { outcome: input.outcome, harmLevel: input.harmLevel, patientInformed: input.patientInformed, patientInformedOn: input.patientInformedOn, reviewerRole: input.reviewerRole, minutesSpent: input.minutesSpent },
      londonDate(now),
      item.heldFrom.toISOString().slice(0, 10),
    );
    if (Object.keys(problems).length) throw new ValidationError(Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, [v]])));
    const data = {
      outcome: input.outcome,
      harmLevel: input.harmLevel,
      harmDescription: input.outcome === "NO_HARM" ? null : input.harmDescription,
      patientInformed: input.patientInformed,
      patientInformedOn: input.patientInformed && input.patientInformedOn ? date(input.patientInformedOn) : null,
      actionsTaken: input.actionsTaken,
      reviewerRole: input.reviewerRole,
      minutesSpent: input.minutesSpent,
      reviewedById: actor.id,
      reviewedAt: now,
    };
    let version = 1;
    if (item.review) {
      await tx.harmReviewHistory.create({ data: { reviewId: item.review.id, version: item.review.version, snapshot: JSON.parse(JSON.stringify(item.review)), replacedAt: now, replacedById: actor.id } });
      version = item.review.version + 1;
      await tx.harmReview.update({ where: { id: item.review.id }, data: { ...data, version } });
    } else {
      const review = await tx.harmReview.create({ data: { ...data, itemId: item.id, incidentId: incident.id, practiceId: item.practiceId }, select: { id: true } });
      await offerWorkloadSuggestions(tx, actor, { kind: "HARM_REVIEW_RECORDED", reviewIds: [review.id], incidentId: incident.id, incidentReference: incident.reference, reviewerRole: input.reviewerRole, minutes: input.minutesSpent, siteId: item.practiceId }, now);
    }
    await recordAuditEvent(tx, { actor, action: "RECORD_HARM_REVIEW", entityType: "IncidentItem", entityId: item.id, patientId: item.patientId, details: { reference: incident.reference, outcome: input.outcome, version, ...(input.harmLevel ? { harmLevel: input.harmLevel } : {}) } });
    return { itemId: item.id, version };
  });
}

/**
 * Many "no harm" reviews at once, by a clinician, with a confirmation. Patients already reviewed are left as they
 * are (a bulk action never overwrites someone's review). The minutes given are the total, shared between them; the
 * person is offered one workload entry for all of them with that total (docs/workload.md).
 */
export async function recordNoHarmReviews(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ recorded: number; skipped: number }> {
  requirePermission(actor, "incident:review");
  const input = parse(bulkNoHarmSchema, raw);
  if (!isClinician(input.reviewerRole)) throw new ValidationError({ reviewerRole: ["Only a clinician can record many reviews of no harm at once"] });
  const incident = await incidentFor(db, input.reference);
  const ids = [...new Set(input.itemIds)];
  return db.$transaction(async (tx) => {
    const items = await tx.incidentItem.findMany({ where: { AND: [incidentItemScopeWhere(actor), { id: { in: ids }, incidentId: incident.id }] }, select: { id: true, patientId: true, practiceId: true, review: { select: { id: true } } } });
    if (items.length !== ids.length) throw new NotFoundError("One of the patients");
    if (incident.status !== "OPEN") throw new ValidationError({ form: ["This incident is closed"] });
    for (const practiceId of new Set(items.map((i) => i.practiceId))) await refuseIfSigned(tx, incident.id, practiceId);
    const todo = items.filter((i) => !i.review);
    if (todo.length === 0) return { recorded: 0, skipped: items.length };
    const base = Math.floor(input.minutesSpent / todo.length);
    const extra = input.minutesSpent % todo.length;
    const created = await tx.harmReview.createManyAndReturn({
      select: { id: true, minutesSpent: true },
      data: todo.map((i, n) => ({ itemId: i.id, incidentId: incident.id, practiceId: i.practiceId, outcome: "NO_HARM" as const, reviewerRole: input.reviewerRole, minutesSpent: Math.max(1, base + (n < extra ? 1 : 0)), reviewedById: actor.id, reviewedAt: now, patientInformed: false })),
    });
    // The minutes offered are the reviews' own (the total given, or one a patient when fewer minutes than patients).
    const minutes = created.reduce((sum, r) => sum + r.minutesSpent, 0);
    await offerWorkloadSuggestions(tx, actor, { kind: "HARM_REVIEW_RECORDED", reviewIds: created.map((r) => r.id), incidentId: incident.id, incidentReference: incident.reference, reviewerRole: input.reviewerRole, minutes, siteId: todo[0].practiceId }, now);
    await recordAuditEvent(tx, { actor, action: "RECORD_HARM_REVIEW", entityType: "Incident", entityId: incident.id, details: { reference: incident.reference, outcome: "NO_HARM", bulk: todo.length, minutes: input.minutesSpent } });
    return { recorded: todo.length, skipped: items.length - todo.length };
  });
}

/**
 * The practice manager signs the practice's return once every patient is reviewed (signOffProblems), releasing the
 * payment the scheme gives for the practice's patients. A nil return when no harm was found.
 */
export async function signPracticeReturn(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ paymentPence: number; nilReturn: boolean }> {
  requirePermission(actor, "incident:sign");
  const input = parse(signReturnSchema, raw);
  const incident = await incidentFor(db, input.reference);
  const practiceId = practiceOf(actor);
  if (!practiceId) throw new NotFoundError("The incident");
  return db.$transaction(async (tx) => {
    // One signature per practice, even if two managers press at once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727011, hashtext(${`${incident.id}:${practiceId}`}))`;
    const items = await tx.incidentItem.findMany({ where: { AND: [incidentItemScopeWhere(actor), { incidentId: incident.id }] }, select: { review: { select: { outcome: true, harmLevel: true, patientInformed: true } } } });
    if (items.length === 0) throw new NotFoundError("The incident");
    await refuseIfSigned(tx, incident.id, practiceId);
    const problems = signOffProblems(items.map((i) => ({ outcome: i.review?.outcome ?? null, harmLevel: i.review?.harmLevel ?? null, patientInformed: i.review?.patientInformed ?? false })));
    if (problems.length) throw new ValidationError({ form: problems });
    const harmCount = items.filter((i) => i.review?.outcome === "HARM_IDENTIFIED").length;
    const paymentPence = paymentFor(incident.paymentScheme, paymentTermsSchema.parse(incident.paymentTerms), items.length);
    const ret = await tx.incidentPracticeReturn.create({ data: { incidentId: incident.id, practiceId, itemCount: items.length, harmCount, nilReturn: harmCount === 0, paymentPence, signedById: actor.id, signedByName: actor.name, signedAt: now }, select: { id: true } });
    await recordAuditEvent(tx, { actor, action: "SIGN_INCIDENT_RETURN", entityType: "IncidentPracticeReturn", entityId: ret.id, details: { reference: incident.reference, items: items.length, harm: harmCount, paymentPence } });
    return { paymentPence, nilReturn: harmCount === 0 };
  });
}

/**
 * PCSE chases practices: each chosen practice (or every practice that has reviewed nobody) is sent a reminder
 * through the outbox and the chase is recorded. Practices that have signed are never chased.
 */
export async function chasePractices(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ chased: number }> {
  requirePermission(actor, "incident:manage");
  const input = parse(chaseSchema, raw);
  const incident = await incidentFor(db, input.reference);
  let practiceIds: string[];
  if (input.scope === "not-started") {
    const rows = await db.$queryRaw<{ practiceId: string }[]>`
      SELECT DISTINCT i."practiceId" FROM "IncidentItem" i
      WHERE i."incidentId" = ${incident.id}::uuid
        AND NOT EXISTS (SELECT 1 FROM "HarmReview" r WHERE r."incidentId" = i."incidentId" AND r."practiceId" = i."practiceId")
        AND NOT EXISTS (SELECT 1 FROM "IncidentPracticeReturn" x WHERE x."incidentId" = i."incidentId" AND x."practiceId" = i."practiceId")`;
    practiceIds = rows.map((r) => r.practiceId);
  } else {
    if (input.practiceIds.length === 0) throw new ValidationError({ practiceIds: ["Select the practices to chase"] });
    const rows = await db.incidentItem.findMany({ where: { incidentId: incident.id, practiceId: { in: input.practiceIds } }, distinct: ["practiceId"], select: { practiceId: true } });
    const signed = new Set((await db.incidentPracticeReturn.findMany({ where: { incidentId: incident.id, practiceId: { in: input.practiceIds } }, select: { practiceId: true } })).map((r) => r.practiceId));
    practiceIds = rows.map((r) => r.practiceId).filter((id) => !signed.has(id));
  }
  if (practiceIds.length === 0) return { chased: 0 };
  await db.$transaction(async (tx) => {
    for (let i = 0; i < practiceIds.length; i += 500) {
      const chunk = practiceIds.slice(i, i + 500);
      await queueNotification(tx, { template: "INCIDENT_CHASE", reference: incident.reference, path: `/practice/incidents/${incident.reference}`, organisationIds: chunk, now });
    }
    await tx.incidentChase.createMany({ data: practiceIds.map((practiceId) => ({ incidentId: incident.id, practiceId, chasedById: actor.id, chasedAt: now })) });
    await recordAuditEvent(tx, { actor, action: "CHASE_INCIDENT_PRACTICES", entityType: "Incident", entityId: incident.id, details: { reference: incident.reference, practices: practiceIds.length } });
  }, { timeout: 60_000 });
  return { chased: practiceIds.length };
}
