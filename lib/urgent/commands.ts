import "server-only";
// Urgent requests: a practice asks the holder of a record (the patient's previous practice, or PCSE's store) for it
// now. The statutory due date comes from the policy's rule for the request's basis and the dates the practice gives;
// the internal target leaves the policy's review days before it (clinical need: the policy's internal target in
// working days). The holder acknowledges and sends (an urgent movement, tracked like any other); reminders and a
// breach case come from the case sweep. Nothing here tells the requester what the portal holds for the NHS number.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { MovementReason, UrgentBasis } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { urgentRequestScopeWhere } from "@/lib/auth/scope";
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { hashIdentifier, recordAuditEvent } from "@/lib/audit/record";
import { prismaSql } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { divisionFor } from "@/lib/clocks/calendar";
import { internalTargetDate, statutoryDueDate } from "@/lib/clocks/statutory";
import { addWorkingDays, londonDate } from "@/lib/nhs/working-days";
import { crossBorderCountryOf, movementTargets } from "@/lib/service-levels/policy";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { generatePrefixedReference, generateReference, normalisePrefixedReference } from "@/lib/movements/reference";
import { patientIdFor } from "@/lib/movements/commands";
import { consumeSendAttempt } from "@/lib/movements/send-limit";
import { accountableRegion } from "@/lib/movements/rules";
import { refreshMovements } from "@/lib/tracking/refresh";
import { queueNotification } from "@/lib/notifications/outbox";
import { normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { urgentRequestSchema, urgentResponseSchema } from "@/lib/urgent/schemas";
import { offerWorkloadSuggestions } from "@/lib/workload/suggestions";

const REASON_FOR: Record<UrgentBasis, MovementReason> = {
  CLINICAL_NEED: "CLINICAL_NEED",
  SUBJECT_ACCESS_REQUEST: "SUBJECT_ACCESS_REQUEST",
  ACCESS_TO_HEALTH_RECORDS: "ACCESS_TO_HEALTH_RECORDS",
  CORONER: "CORONER",
  COURT: "COURT",
};

/** The statutory date (null for clinical need) and the internal target for a request made today. */
export function urgentDates(
  input: { basis: UrgentBasis; receivedOn: string; extended: boolean; recentEntriesOnly: boolean; dateGiven: string | null },
  rules: Awaited<ReturnType<typeof policyRules>>,
  calendar: Parameters<typeof statutoryDueDate>[2],
  today: string,
): { statutoryDueDate: string | null; internalTargetDate: string } {
  const request =
    input.basis === "SUBJECT_ACCESS_REQUEST"
      ? { basis: input.basis, receivedOn: input.receivedOn, extended: input.extended }
      : input.basis === "ACCESS_TO_HEALTH_RECORDS"
        ? { basis: input.basis, receivedOn: input.receivedOn, recentEntriesOnly: input.recentEntriesOnly }
        : input.basis === "CORONER" || input.basis === "COURT"
          ? { basis: input.basis, receivedOn: input.receivedOn, dateGiven: input.dateGiven! }
          : { basis: "CLINICAL_NEED" as const, receivedOn: input.receivedOn };
  const statutory = statutoryDueDate(request, rules.statutory, calendar);
  if (!statutory) return { statutoryDueDate: null, internalTargetDate: addWorkingDays(today, rules.urgentRequests.internalTargetWorkingDays, calendar.holidays) };
  // Never before today: a request already late still gets a target the holder can see.
  const target = internalTargetDate(statutory, input.receivedOn, rules.statutory, calendar);
  return { statutoryDueDate: statutory, internalTargetDate: target < today ? today : target };
}

/** A practice asks the holder for a record urgently. Refusals are audited with a keyed hash of the NHS number. */
export async function createUrgentRequest(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string }> {
  try {
    return await createChecked(db, actor, raw, now);
  } catch (error) {
    if (actor && (error instanceof ValidationError || error instanceof ForbiddenError)) {
      const typed = typeof raw.nhsNumber === "string" ? normaliseNhsNumber(raw.nhsNumber).slice(0, 20) : "";
      await recordAuditEvent(db, { actor, action: "CREATE_URGENT_REQUEST", details: { refused: error instanceof ValidationError ? Object.keys(error.fieldErrors).slice(0, 10) : "forbidden", ...(typed ? { nhsNumberHash: hashIdentifier(typed) } : {}) } });
    }
    throw error;
  }
}

async function createChecked(db: Db, actor: Actor | null, raw: Record<string, unknown>, now: Date) {
  requirePermission(actor, "urgent:request");
  // The same per-user limit as sending: a request names a patient, so it must not become a way to probe the register.
  await consumeSendAttempt(actor.id);
  const parsed = urgentRequestSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const today = londonDate(now);
  if (input.receivedOn > today) throw new ValidationError({ receivedOn: ["The date the request was received must be today or in the past"] });
  const requester = actor.organisationId ? await db.organisation.findUnique({ where: { id: actor.organisationId }, select: { id: true, country: true, regionCode: true, parentId: true } }) : null;
  if (!requester) throw new ForbiddenError();
  const requestingId = requester.parentId ?? requester.id;
  const holder =
    input.holder === "STORE"
      ? await db.organisation.findFirst({ where: { kind: "PCSE_STORE", closedAt: null }, select: { id: true, kind: true, country: true, regionCode: true, closedAt: true, name: true } })
      : await db.organisation.findUnique({ where: { odsCode: input.holderOdsCode! }, select: { id: true, kind: true, country: true, regionCode: true, closedAt: true, name: true } });
  if (!holder || (input.holder === "PRACTICE" && holder.kind !== "GP_PRACTICE" && holder.kind !== "BRANCH_SURGERY")) {
    throw new ValidationError({ holderOdsCode: ["No GP practice has that ODS code: check it, or choose PCSE's records store"] });
  }
  if (holder.closedAt) throw new ValidationError({ holderOdsCode: ["That practice has closed: its records went to PCSE's store, so choose the store"] });
  if (actor.scopeOrganisationIds.includes(holder.id)) throw new ValidationError({ holderOdsCode: ["That is your own practice: the record is already with you"] });

  const sql = prismaSql(db);
  const policyVersion = await versionInForce(sql, today);
  const rules = await policyRules(sql, policyVersion);
  const calendar = (await loadCalendars(sql))[divisionFor(requester.country)];
  const dates = urgentDates(input, rules, calendar, today);

  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generatePrefixedReference("UR");
    try {
      return await db.$transaction(async (tx) => {
        const patientId = await patientIdFor(tx, input.nhsNumber);
        const created = await tx.urgentRequest.create({
          data: {
            reference,
            requestingOrganisationId: requestingId,
            holderOrganisationId: holder.id,
            requestedById: actor.id,
            patientId,
            patientFamilyName: input.familyName,
            patientGivenName: input.givenName,
            patientDateOfBirth: new Date(`${input.dateOfBirth}T00:00:00Z`),
            basis: input.basis,
            receivedOn: new Date(`${input.receivedOn}T00:00:00Z`),
            extended: input.basis === "SUBJECT_ACCESS_REQUEST" && input.extended,
            recentEntriesOnly: input.basis === "ACCESS_TO_HEALTH_RECORDS" && input.recentEntriesOnly,
            dateGiven: input.dateGiven ? new Date(`${input.dateGiven}T00:00:00Z`) : null,
            statutoryDueDate: dates.statutoryDueDate ? new Date(`${dates.statutoryDueDate}T00:00:00Z`) : null,
            internalTargetDate: new Date(`${dates.internalTargetDate}T00:00:00Z`),
            note: input.note,
            policyVersion,
            createdAt: now,
          },
          select: { id: true, reference: true },
        });
        if (holder.kind === "PCSE_STORE") await queueNotification(tx, { template: "URGENT_REQUEST_RECEIVED", reference, path: `/pcse/requests/${reference}`, role: "PCSE_SUPERVISOR", now });
        else await queueNotification(tx, { template: "URGENT_REQUEST_RECEIVED", reference, path: `/practice/requests/${reference}`, organisationIds: [holder.id], now });
        await recordAuditEvent(tx, { actor, action: "CREATE_URGENT_REQUEST", entityType: "UrgentRequest", entityId: created.id, patientId, details: { reference, basis: input.basis } });
        return { reference: created.reference };
      });
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" ? JSON.stringify(error.meta ?? {}) : "";
      if (clash.includes("nhsNumber") || clash.includes("reference")) continue;
      throw error;
    }
  }
  throw new Error("Could not allocate a unique request reference");
}

/**
 * The holder answers: acknowledge (we have it, it is coming), or send (an urgent movement to the requester, with a
 * label to print like any other). The requester may cancel its own request while the record has not been sent.
 */
export async function respondToUrgentRequest(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ reference: string; movementReference?: string }> {
  if (!actor || !(can(actor.role, "urgent:request") || can(actor.role, "case:work"))) requirePermission(actor, "urgent:request");
  const parsed = urgentResponseSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const reference = normalisePrefixedReference(input.reference, "UR");
  const found = reference ? await db.urgentRequest.findFirst({ where: { AND: [{ reference }, urgentRequestScopeWhere(actor)] }, select: { id: true } }) : null;
  if (!found) throw new NotFoundError("The urgent request");
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "UrgentRequest" WHERE id = ${found.id}::uuid FOR UPDATE`;
    const r = await tx.urgentRequest.findUniqueOrThrow({
      where: { id: found.id },
      include: { holderOrganisation: { select: { id: true, kind: true, country: true, regionCode: true } }, requestingOrganisation: { select: { id: true, kind: true, country: true, regionCode: true } } },
    });
    const pcse = can(actor.role, "case:work");
    const isHolder = pcse ? r.holderOrganisation.kind === "PCSE_STORE" : actor.scopeOrganisationIds.includes(r.holderOrganisationId);
    const isRequester = !pcse && actor.scopeOrganisationIds.includes(r.requestingOrganisationId);
    let movementReference: string | undefined;
    if (input.action === "cancel") {
      if (!isRequester) throw new ValidationError({ action: ["Only the practice that made the request can cancel it"] });
      if (r.status === "SENT" || r.status === "RECEIVED" || r.status === "CANCELLED") throw new ValidationError({ action: [r.status === "CANCELLED" ? "The request is already cancelled" : "The record has already been sent: it cannot be cancelled now"] });
      await tx.urgentRequest.update({ where: { id: r.id }, data: { status: "CANCELLED", note: [r.note, `Cancelled: ${input.note}`].filter(Boolean).join("\n").slice(0, 1000) } });
    } else {
      if (!isHolder) throw new ValidationError({ action: ["Only the holder of the record can answer this request"] });
      if (r.status !== "REQUESTED" && !(input.action === "send" && r.status === "ACKNOWLEDGED")) {
        throw new ValidationError({ action: [r.status === "CANCELLED" ? "The requesting practice cancelled this request" : "This request has already been answered"] });
      }
      if (input.action === "acknowledge") {
        await tx.urgentRequest.update({ where: { id: r.id }, data: { status: "ACKNOWLEDGED" } });
      } else {
        movementReference = await createUrgentMovement(tx, r, input.bagCount, actor, now);
        const sent = await tx.urgentRequest.findUniqueOrThrow({ where: { id: r.id }, select: { movementId: true } });
        await offerWorkloadSuggestions(tx, actor, { kind: "URGENT_REQUEST_ANSWERED", requestId: r.id, requestReference: r.reference, movementId: sent.movementId, siteId: r.holderOrganisationId }, now);
      }
    }
    await recordAuditEvent(tx, { actor, action: "UPDATE_URGENT_REQUEST", entityType: "UrgentRequest", entityId: r.id, patientId: r.patientId, details: { reference: r.reference, action: input.action, ...(movementReference ? { movement: movementReference } : {}) } });
    return { reference: r.reference, movementReference };
  });
}

async function createUrgentMovement(
  tx: Prisma.TransactionClient,
  r: Prisma.UrgentRequestGetPayload<{ include: { holderOrganisation: { select: { id: true; kind: true; country: true; regionCode: true } }; requestingOrganisation: { select: { id: true; kind: true; country: true; regionCode: true } } } }>,
  bagCount: number,
  actor: Actor,
  now: Date,
): Promise<string> {
  const sql = prismaSql(tx);
  const today = londonDate(now);
  const policyVersion = await versionInForce(sql, today);
  const targets = movementTargets(await policyRules(sql, policyVersion), "URGENT_REQUEST", "URGENT", crossBorderCountryOf("URGENT_REQUEST", r.holderOrganisation.country, r.requestingOrganisation.country));
  const calendar = (await loadCalendars(sql))[divisionFor(r.requestingOrganisation.country)];
  // The movement runs on the policy's urgent targets like any other (the refresh derives its due date from them); the
  // request keeps its own internal target and statutory date, and the sweep chases the request, not the movement.
  const due = addWorkingDays(today, targets.endToEnd, calendar.holidays);
  let reference = "";
  for (let i = 0; i < 10 && !reference; i++) {
    const candidate = generateReference();
    if (!(await tx.recordMovement.findUnique({ where: { reference: candidate }, select: { id: true } }))) reference = candidate;
  }
  const movement = await tx.recordMovement.create({
    data: {
      reference,
      type: "URGENT_REQUEST",
      reason: REASON_FOR[r.basis],
      priority: "URGENT",
      status: "REQUESTED",
      policyVersion,
      patientId: r.patientId,
      patientFamilyName: r.patientFamilyName,
      patientGivenName: r.patientGivenName,
      patientDateOfBirth: r.patientDateOfBirth,
      fromOrganisationId: r.holderOrganisationId,
      toOrganisationId: r.requestingOrganisationId,
      regionCode: accountableRegion(r.holderOrganisation, r.requestingOrganisation),
      dueDate: new Date(`${due}T00:00:00Z`),
      bagCount,
      notes: `Urgent request ${r.reference}`,
      createdById: actor.id,
      createdAt: now,
      statusChangedAt: now,
      trackingEvents: { create: { type: "CREATED", source: actor.role.startsWith("PCSE") ? "PCSE" : "PRACTICE", sourceEventId: `portal:${randomUUID()}`, occurredAt: now, recordedById: actor.id } },
    },
    select: { id: true, reference: true },
  });
  await refreshMovements(tx, [movement.id], now);
  await tx.urgentRequest.update({ where: { id: r.id }, data: { status: "SENT", movementId: movement.id } });
  await recordAuditEvent(tx, { actor, action: "CREATE_MOVEMENT", entityType: "RecordMovement", entityId: movement.id, patientId: r.patientId, details: { reference: movement.reference, type: "URGENT_REQUEST", urgentRequest: r.reference } });
  return movement.reference;
}
