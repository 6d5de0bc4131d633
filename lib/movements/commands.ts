import "server-only";
// Changes to record movements. Each command re-checks the permission and scope itself, validates its raw
// input with Zod, and writes everything (movement, first tracking event, audit) in one transaction or not at all.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { addWorkingDays, londonDate } from "@/lib/nhs/working-days";
import { prismaSql } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { divisionFor } from "@/lib/clocks/calendar";
import { crossBorderCountryOf, movementTargets } from "@/lib/service-levels/policy";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { refreshMovements } from "@/lib/tracking/refresh";
import { accountableRegion, effectivePriority, findPurpose, receiverProblem } from "@/lib/movements/rules";
import { generateReference } from "@/lib/movements/reference";
import { parseSendRecord } from "@/lib/movements/schemas";

export type CreatedMovement = { id: string; reference: string };

export async function createMovement(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<CreatedMovement> {
  requirePermission(actor, "movement:create");
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

  const findPatient = async () => {
    const found = await db.patient.findUnique({
      where: { nhsNumber: input.nhsNumber },
      select: { id: true, givenName: true, familyName: true, dateOfBirth: true },
    });
    if (found && found.dateOfBirth.toISOString().slice(0, 10) !== input.dateOfBirth) {
      // The wrong patient's record is one of the service's worst failures: never guess between two people.
      throw new ValidationError({
        dateOfBirth: ["This date of birth does not match the one we hold for this NHS number. Check both against the record"],
      });
    }
    return found;
  };
  let existing = await findPatient();

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
        let patientId: string;
        if (existing) {
          patientId = existing.id;
          if (existing.givenName !== input.givenName || existing.familyName !== input.familyName) {
            // Names change (marriage, preferred names); the latest sender's spelling wins and the change is audited.
            await tx.patient.update({ where: { id: existing.id }, data: { givenName: input.givenName, familyName: input.familyName } });
            await recordAuditEvent(tx, { actor, action: "UPDATE_PATIENT_NAME", entityType: "Patient", entityId: existing.id, patientId: existing.id });
          }
        } else {
          const created = await tx.patient.create({
            data: {
              nhsNumber: input.nhsNumber,
              givenName: input.givenName,
              familyName: input.familyName,
              dateOfBirth: new Date(`${input.dateOfBirth}T00:00:00Z`),
            },
            select: { id: true },
          });
          patientId = created.id;
        }
        const movement = await tx.recordMovement.create({
          data: {
            reference,
            type: purpose.type,
            reason: purpose.reason,
            priority,
            status: "REQUESTED",
            patientId,
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
        // Milestones and clocks (and the running-clock rows the sweep reads) come from the same refresh as events.
        await refreshMovements(tx, [movement.id], now);
        await recordAuditEvent(tx, {
          actor,
          action: "CREATE_MOVEMENT",
          entityType: "RecordMovement",
          entityId: movement.id,
          patientId,
          details: { reference: movement.reference, type: purpose.type, reason: purpose.reason, priority },
        });
        return movement;
      });
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" ? JSON.stringify(error.meta ?? {}) : "";
      if (clash.includes("nhsNumber")) {
        // Someone else created this patient a moment ago: use theirs (its date of birth is checked again).
        existing = await findPatient();
        continue;
      }
      if (!clash.includes("reference")) throw error;
    }
  }
  throw new Error("Could not allocate a unique movement reference after 5 attempts");
}
