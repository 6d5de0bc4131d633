import "server-only";
// Changes to record movements. Each command re-checks the permission and scope itself, validates its raw
// input with Zod, and writes everything (movement, first tracking event, audit) in one transaction or not at all.
// Sending never reads back or changes what anyone else recorded for the patient (issue 7): the sender's names
// and date of birth are kept on its own movement, and the answer is the same whether or not the portal already
// knew the NHS number. Every attempt by a signed-in user is audited, refusals included, and rate-limited.
import { randomUUID } from "node:crypto";
import { db as defaultDb, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ForbiddenError, TooManyRequestsError, ValidationError } from "@/lib/errors";
import { hashIdentifier, recordAuditEvent } from "@/lib/audit/record";
import { addWorkingDays, londonDate } from "@/lib/nhs/working-days";
import { prismaSql } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { divisionFor } from "@/lib/clocks/calendar";
import { crossBorderCountryOf, movementTargets } from "@/lib/service-levels/policy";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { accountableRegion, effectivePriority, findPurpose, receiverProblem } from "@/lib/movements/rules";
import { generateReference } from "@/lib/movements/reference";
import { parseSendRecord, type SendRecordInput } from "@/lib/movements/schemas";
import { demographicsDisagree } from "@/lib/movements/demographics";
import { consumeSendAttempt } from "@/lib/movements/send-limit";
import { refreshMovements } from "@/lib/tracking/refresh";
import { normaliseNhsNumber } from "@/lib/nhs/nhs-number";

export type CreatedMovement = { id: string; reference: string };

/**
 * Creates a record movement from the sender's form. Refusals (permission, rate limit, validation) are audited
 * with a keyed hash of the NHS number typed, never the number, and rethrown for the form to show.
 */
export async function createMovement(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<CreatedMovement> {
  try {
    return await createMovementChecked(db, actor, raw, now);
  } catch (error) {
    await auditRefusedSend(actor, raw, error, db);
    throw error;
  }
}

/**
 * Audits a refused send (permission, rate limit, invalid input) with a keyed hash of the NHS number typed.
 * A signed-out caller is refused before anything is read; there is nobody to attribute an audit row to.
 */
export async function auditRefusedSend(actor: Actor | null, raw: unknown, error: unknown, db: Db = defaultDb): Promise<void> {
  if (!actor || !(error instanceof ValidationError || error instanceof ForbiddenError || error instanceof TooManyRequestsError)) return;
  const fields = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  await recordAuditEvent(db, { actor, action: "SEND_REFUSED", entityType: "RecordMovement", details: refusalDetails(fields, error) });
}

function refusalDetails(raw: Record<string, unknown>, error: ValidationError | ForbiddenError | TooManyRequestsError) {
  const typed = typeof raw?.nhsNumber === "string" ? normaliseNhsNumber(raw.nhsNumber).slice(0, 20) : "";
  return {
    reason: error instanceof ValidationError ? "invalid" : error instanceof TooManyRequestsError ? "rate-limited" : "forbidden",
    ...(error instanceof ValidationError ? { fields: Object.keys(error.fieldErrors).slice(0, 20) } : {}),
    ...(typed ? { nhsNumberHash: hashIdentifier(typed) } : {}),
  };
}

async function createMovementChecked(db: Db, actor: Actor | null, raw: Record<string, unknown>, now: Date): Promise<CreatedMovement> {
  requirePermission(actor, "movement:create");
  await consumeSendAttempt(actor.id);
  const parsed = parseSendRecord(raw);
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const input = parsed.data;
  const purpose = findPurpose(input.purpose)!;

  if (!actor.scopeOrganisationIds.includes(input.fromOrganisationId)) {
    throw new ValidationError({ fromOrganisationId: ["Select the site sending the record"] });
  }
  const [from, to] = await Promise.all([
    db.organisation.findUnique({
      where: { id: input.fromOrganisationId },
      select: { id: true, regionCode: true, country: true },
    }),
    db.organisation.findUnique({
      where: { odsCode: input.destinationOdsCode },
      select: { id: true, kind: true, country: true, regionCode: true, closedAt: true },
    }),
  ]);
  if (!from) throw new ValidationError({ fromOrganisationId: ["Select the site sending the record"] });
  if (!to) {
    throw new ValidationError({ destinationOdsCode: [`No organisation has the ODS code ${input.destinationOdsCode}. Check the code, or search by name or postcode`] });
  }
  const problem = receiverProblem(purpose, {
    kind: to.kind,
    country: to.country,
    closed: to.closedAt !== null,
    sameTree: actor.scopeOrganisationIds.includes(to.id),
  });
  if (problem) throw new ValidationError({ destinationOdsCode: [problem] });

  const priority = effectivePriority(purpose, input.priority);
  // The service-level policy in force today decides the due date, and the movement keeps that version for good.
  const sql = prismaSql(db);
  const createdOn = londonDate(now);
  const policyVersion = await versionInForce(sql, createdOn);
  const targets = movementTargets(await policyRules(sql, policyVersion), purpose.type, priority, crossBorderCountryOf(purpose.type, from.country, to.country));
  const receiverCalendar = (await loadCalendars(sql))[divisionFor(to.country)];
  const dueDate = addWorkingDays(createdOn, targets.endToEnd, receiverCalendar.holidays);
  const regionCode = accountableRegion(from, to);

  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generateReference();
    try {
      return await db.$transaction(async (tx) => {
        const patientId = await patientIdFor(tx, input.nhsNumber);
        const disagreement = await disagreesWithOtherSenders(tx, patientId, actor.scopeOrganisationIds, input);
        const movement = await tx.recordMovement.create({
          data: {
            reference,
            type: purpose.type,
            reason: purpose.reason,
            priority,
            status: "REQUESTED",
            patientId,
            patientFamilyName: input.familyName,
            patientGivenName: input.givenName,
            patientDateOfBirth: new Date(`${input.dateOfBirth}T00:00:00Z`),
            demographicsDisagreement: disagreement,
            fromOrganisationId: from.id,
            toOrganisationId: to.id,
            regionCode,
            policyVersion,
            dueDate: new Date(`${dueDate}T00:00:00Z`),
            bagCount: input.bagCount,
            notes: input.notes,
            createdById: actor.id,
            createdAt: now,
            statusChangedAt: now,
            trackingEvents: {
              create: {
                type: "CREATED",
                source: "PRACTICE",
                sourceEventId: `portal:${randomUUID()}`,
                occurredAt: now,
                recordedById: actor.id,
              },
            },
          },
          select: { id: true, reference: true },
        });
        // Status, attention (a demographics disagreement among others), milestones and clocks (and the running-clock
        // rows the sweep reads) come from the same refresh as events.
        await refreshMovements(tx, [movement.id], now);
        await recordAuditEvent(tx, {
          actor,
          action: "CREATE_MOVEMENT",
          entityType: "RecordMovement",
          entityId: movement.id,
          patientId,
          details: { reference: movement.reference, type: purpose.type, reason: purpose.reason, priority, ...(disagreement ? { demographicsDisagreement: true } : {}) },
        });
        return movement;
      });
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" ? JSON.stringify(error.meta ?? {}) : "";
      // Another practice created this NHS number's patient a moment ago (the next attempt links to it), or the
      // reference was taken: try again.
      if (clash.includes("nhsNumber") || clash.includes("reference")) continue;
      throw error;
    }
  }
  throw new Error("Could not allocate a unique movement reference after 5 attempts");
}

/** The patient row linking every movement of this NHS number, created on first send; locked until commit. */
export async function patientIdFor(tx: Prisma.TransactionClient, nhsNumber: string): Promise<string> {
  // FOR UPDATE: two sends of one NHS number check each other's demographics one after the other.
  const found = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Patient" WHERE "nhsNumber" = ${nhsNumber} FOR UPDATE`;
  if (found[0]) return found[0].id;
  const created = await tx.patient.create({ data: { nhsNumber }, select: { id: true } });
  return created.id;
}

/**
 * Whether the sender's names or date of birth differ from those on the most recent movement of this NHS number
 * sent by another organisation (the latest other record of the patient: names change, so older ones are not
 * compared). Sends by the sender's own practice tree are its own business.
 */
async function disagreesWithOtherSenders(tx: Prisma.TransactionClient, patientId: string, ownTree: string[], input: SendRecordInput): Promise<boolean> {
  const latest = await tx.recordMovement.findFirst({
    where: { patientId, fromOrganisationId: { notIn: ownTree } },
    select: { patientFamilyName: true, patientGivenName: true, patientDateOfBirth: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!latest) return false;
  return demographicsDisagree(
    { familyName: input.familyName, givenName: input.givenName, dateOfBirth: input.dateOfBirth },
    { familyName: latest.patientFamilyName, givenName: latest.patientGivenName, dateOfBirth: latest.patientDateOfBirth.toISOString().slice(0, 10) },
  );
}
