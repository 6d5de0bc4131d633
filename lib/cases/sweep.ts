import "server-only";
// The case sweep (a job, every few minutes, after the clock sweep): opens the cases time alone reveals, and moves
// cases along their clocks. Each step is idempotent: a problem the sweep has opened a case for is remembered for
// good (AutoCaseKey), so a case PCSE resolved is not opened again while the same clock stays breached, and two
// sweeps at once open one case (the key's primary key and the problem key's advisory lock).
//   - a collected record not delivered within the policy's target: a missing-record case (the search begins);
//   - a record past its due date and not received: "record not received" (cross-border: "cross-border delay");
//   - a booked collection whose date passed with no collection scan: the collection is marked missed, a case opens
//     (and one whose records were all collected is marked collected);
//   - senders' demographics disagreeing (from the send): a case for PCSE to check;
//   - an urgent request: reminders to the holder at the policy's percentages, a case when past its internal target;
//   - case clocks: first-response and resolution breaches recorded (supervisors told once per sweep);
//   - missing records: marked missing when the search runs out unfound, lost after the policy's months (the
//     receiving practice is asked to reconstitute);
//   - resolved cases close after AUTO_CLOSE_WORKING_DAYS.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { CaseKind, MovementType } from "@/lib/db/generated/enums";
import { prismaSql } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { addWorkingDays, londonDate } from "@/lib/nhs/working-days";
import { policyRules } from "@/lib/service-levels/versions";
import { caseTargets } from "@/lib/service-levels/policy";
import { formatCalendarDate } from "@/lib/format";
import { queueNotification } from "@/lib/notifications/outbox";
import { caseClocks, queueColumns, lostOnDate, searchDueDate, AUTO_CLOSE_WORKING_DAYS, OPEN_CASE_STATUSES } from "@/lib/cases/rules";
import { openCaseTx, markLostTx, markMissingTx, lockCaseTx } from "@/lib/cases/commands";
import type { Actor } from "@/lib/auth/actor";

export type CaseSweepResult = {
  casesOpened: number;
  collectionsMissed: number;
  collectionsCollected: number;
  caseBreaches: number;
  markedMissing: number;
  markedLost: number;
  urgentReminders: number;
  urgentBreaches: number;
  closed: number;
};

const CROSS_BORDER: readonly MovementType[] = ["PRACTICE_TO_CROSS_BORDER", "CROSS_BORDER_TO_PRACTICE"];

/** The sweep acts as the portal itself: no user, PCSE's side. */
const SYSTEM = null as unknown as Actor | null;

async function remember(tx: Prisma.TransactionClient, key: string, caseId: string): Promise<boolean> {
  const inserted = await tx.$executeRaw`INSERT INTO "AutoCaseKey" (key, "caseId") VALUES (${key}, ${caseId}::uuid) ON CONFLICT (key) DO NOTHING`;
  return inserted > 0;
}

async function alreadyOpened(tx: Prisma.TransactionClient, key: string): Promise<boolean> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(727004, hashtext(${key}))`;
  return (await tx.autoCaseKey.count({ where: { key } })) > 0;
}

export async function sweepCases(db: Db, now: Date): Promise<CaseSweepResult> {
  const result: CaseSweepResult = { casesOpened: 0, collectionsMissed: 0, collectionsCollected: 0, caseBreaches: 0, markedMissing: 0, markedLost: 0, urgentReminders: 0, urgentBreaches: 0, closed: 0 };
  const today = londonDate(now);
  const calendar = (await loadCalendars(prismaSql(db)))["england-and-wales"];

  // 1. Breached movement clocks with no case yet (DELIVERY: the contract's leg; END_TO_END: the due date).
  for (;;) {
    const due = await db.$queryRaw<{ movementId: string; kind: "DELIVERY" | "END_TO_END"; type: MovementType; reference: string; dueDate: Date; fromOrganisationId: string; toOrganisationId: string }[]>`
      SELECT c."movementId", c.kind::text AS kind, m.type::text AS type, m.reference, c."dueDate", m."fromOrganisationId", m."toOrganisationId"
      FROM "MovementClock" c JOIN "RecordMovement" m ON m.id = c."movementId"
      WHERE c.breached AND c.kind IN ('DELIVERY', 'END_TO_END')
        AND NOT EXISTS (SELECT 1 FROM "AutoCaseKey" k WHERE k.key = 'SWEEP:' || c.kind::text || ':' || c."movementId"::text)
      ORDER BY c."dueDate" LIMIT 200`;
    if (due.length === 0) break;
    for (const d of due) {
      const key = `SWEEP:${d.kind}:${d.movementId}`;
      const kind: CaseKind = d.kind === "DELIVERY" ? "MISSING_RECORD" : CROSS_BORDER.includes(d.type) ? "CROSS_BORDER_DELAY" : "RECORD_NOT_RECEIVED";
      const summary =
        d.kind === "DELIVERY"
          ? `Collected but not delivered by ${formatCalendarDate(d.dueDate.toISOString().slice(0, 10))} (the contract's delivery target): search begins`
          : `Not received by its due date, ${formatCalendarDate(d.dueDate.toISOString().slice(0, 10))}`;
      await db.$transaction(async (tx) => {
        if (await alreadyOpened(tx, key)) return;
        const opened = await openCaseTx(tx, { kind, origin: "CLOCK_SWEEP", summary, movements: [{ id: d.movementId, role: "CONCERNS" }], problemKey: `WHEREABOUTS:${d.movementId}`, notifyOrganisationIds: [d.fromOrganisationId, d.toOrganisationId] }, now);
        await remember(tx, key, opened.id);
        if (opened.created) result.casesOpened++;
      });
    }
  }

  // 2. Booked collections whose day has passed.
  for (;;) {
    const collections = await db.collection.findMany({
      where: { status: "BOOKED", collectionDate: { lt: new Date(`${today}T00:00:00Z`) } },
      select: { id: true, reference: true, organisationId: true, collectionDate: true, items: { select: { movement: { select: { id: true, collectedAt: true, toOrganisationId: true } } } } },
      orderBy: { collectionDate: "asc" },
      take: 500,
    });
    if (collections.length === 0) break;
    for (const col of collections) {
      const notCollected = col.items.filter((i) => !i.movement.collectedAt);
      await db.$transaction(async (tx) => {
        if (notCollected.length === 0) {
          await tx.collection.update({ where: { id: col.id }, data: { status: "COLLECTED" } });
          result.collectionsCollected++;
          return;
        }
        await tx.collection.update({ where: { id: col.id }, data: { status: "MISSED" } });
        result.collectionsMissed++;
        const key = `COLLECTION:${col.id}`;
        if (await alreadyOpened(tx, key)) return;
        const opened = await openCaseTx(
          tx,
          {
            kind: "COLLECTION_MISSED",
            origin: "CLOCK_SWEEP",
            summary: `Collection ${col.reference} booked for ${formatCalendarDate(col.collectionDate.toISOString().slice(0, 10))}: ${notCollected.length} of ${col.items.length} records not collected`,
            collectionId: col.id,
            movements: notCollected.map((i) => ({ id: i.movement.id, role: "CONCERNS" as const })),
            problemKey: key,
            notifyOrganisationIds: [col.organisationId],
          },
          now,
        );
        await remember(tx, key, opened.id);
        if (opened.created) result.casesOpened++;
      });
    }
  }

  // 3. Demographics that disagree between senders (flagged at send): PCSE checks for a wrong-patient risk.
  const disagreements = await db.$queryRaw<{ movementId: string; patientId: string; reference: string }[]>`
    SELECT q."movementId", m."patientId", m.reference FROM "AttentionQueueEntry" q JOIN "RecordMovement" m ON m.id = q."movementId"
    WHERE 'DEMOGRAPHICS_DISAGREEMENT' = ANY(q.reasons::text[])
      AND NOT EXISTS (SELECT 1 FROM "AutoCaseKey" k WHERE k.key = 'DEMOGRAPHICS:' || q."movementId"::text)
    LIMIT 200`;
  for (const d of disagreements) {
    const key = `DEMOGRAPHICS:${d.movementId}`;
    await db.$transaction(async (tx) => {
      if (await alreadyOpened(tx, key)) return;
      const others = await tx.recordMovement.findMany({ where: { patientId: d.patientId, id: { not: d.movementId } }, select: { id: true }, orderBy: { createdAt: "desc" }, take: 5 });
      const opened = await openCaseTx(
        tx,
        {
          kind: "DEMOGRAPHICS_DISAGREEMENT",
          origin: "SYSTEM",
          summary: `The patient's details on ${d.reference} differ from another sender's for the same NHS number: check it is the right patient`,
          movements: [{ id: d.movementId, role: "CONCERNS" }, ...others.map((o) => ({ id: o.id, role: "EXPECTED" as const }))],
          problemKey: key,
        },
        now,
      );
      await remember(tx, key, opened.id);
      if (opened.created) result.casesOpened++;
    });
  }

  // 4. Urgent requests: reminders, breaches (a chase case), and receipt.
  for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
    const urgent = await db.urgentRequest.findMany({
      where: { id: { gt: after }, status: { in: ["REQUESTED", "ACKNOWLEDGED", "SENT"] } },
      select: { id: true, reference: true, status: true, createdAt: true, internalTargetDate: true, holderOrganisationId: true, requestingOrganisationId: true, policyVersion: true, remindedHalfwayAt: true, remindedThreeQuartersAt: true, breachedAt: true, movement: { select: { id: true, status: true } } },
      orderBy: { id: "asc" },
      take: 2000,
    });
    if (urgent.length === 0) break;
    after = urgent[urgent.length - 1].id;
    for (const u of urgent) {
      if (u.movement?.status === "RECEIVED") {
        await db.urgentRequest.update({ where: { id: u.id }, data: { status: "RECEIVED" } });
        continue;
      }
      const rules = await policyRules(prismaSql(db), u.policyVersion);
      const start = u.createdAt.getTime();
      const end = new Date(`${u.internalTargetDate.toISOString().slice(0, 10)}T23:59:59Z`).getTime();
      const share = end > start ? (now.getTime() - start) / (end - start) : 1;
      const [half, threeQuarters] = [rules.urgentRequests.reminderPercents[0] ?? 50, rules.urgentRequests.reminderPercents[1] ?? 75];
      const waitingOnHolder = u.status !== "SENT";
      await db.$transaction(async (tx) => {
        if (waitingOnHolder && share * 100 >= half && !u.remindedHalfwayAt) {
          await tx.urgentRequest.update({ where: { id: u.id }, data: { remindedHalfwayAt: now } });
          await queueNotification(tx, { template: "URGENT_REQUEST_REMINDER", reference: u.reference, path: `/practice/requests/${u.reference}`, organisationIds: [u.holderOrganisationId], now });
          result.urgentReminders++;
        }
        if (waitingOnHolder && share * 100 >= threeQuarters && !u.remindedThreeQuartersAt) {
          await tx.urgentRequest.update({ where: { id: u.id }, data: { remindedThreeQuartersAt: now } });
          await queueNotification(tx, { template: "URGENT_REQUEST_REMINDER", reference: u.reference, path: `/practice/requests/${u.reference}`, organisationIds: [u.holderOrganisationId], now });
          result.urgentReminders++;
        }
        if (today > u.internalTargetDate.toISOString().slice(0, 10) && !u.breachedAt) {
          await tx.urgentRequest.update({ where: { id: u.id }, data: { breachedAt: now } });
          result.urgentBreaches++;
          const key = `URGENT:${u.id}`;
          if (await alreadyOpened(tx, key)) return;
          const opened = await openCaseTx(
            tx,
            {
              kind: "URGENT_REQUEST_CHASE",
              origin: "CLOCK_SWEEP",
              summary: `Urgent request ${u.reference} is past its internal target (${formatCalendarDate(u.internalTargetDate.toISOString().slice(0, 10))}) and the record has not arrived`,
              urgentRequestId: u.id,
              raisedByOrganisationId: u.requestingOrganisationId,
              movements: u.movement ? [{ id: u.movement.id, role: "CONCERNS" }] : [],
              problemKey: key,
              notifyOrganisationIds: [u.holderOrganisationId, u.requestingOrganisationId],
            },
            now,
          );
          await remember(tx, key, opened.id);
          if (opened.created) result.casesOpened++;
        }
      });
    }
  }

  // 5. Case clocks and the missing-record stages.
  const newlyBreached: string[] = [];
  for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
    const open = await db.case.findMany({
      where: {
        id: { gt: after },
        status: { in: [...OPEN_CASE_STATUSES] },
        OR: [
          { firstResponseAt: null, firstResponseBreached: false, firstResponseDueDate: { lt: new Date(`${today}T00:00:00Z`) } },
          { resolutionClockStoppedAt: null, resolutionBreached: false, resolutionDueDate: { lt: new Date(`${today}T00:00:00Z`) } },
          { kind: "MISSING_RECORD", missingStage: { in: ["SEARCHING", "MISSING"] } },
        ],
      },
      select: { id: true, reference: true, kind: true, openedAt: true, firstResponseAt: true, resolutionClockStoppedAt: true, pausedWorkingDays: true, pausedSince: true, firstResponseBreached: true, resolutionBreached: true, missingStage: true, policyVersion: true },
      orderBy: { id: "asc" },
      take: 2000,
    });
    if (open.length === 0) break;
    after = open[open.length - 1].id;
    for (const c of open) {
      const rules = await policyRules(prismaSql(db), c.policyVersion);
      const clocks = caseClocks({ ...c, targets: caseTargets(rules, c.kind), maxPausedWorkingDays: rules.casePauses.maxPausedWorkingDays, calendar, now });
      const firstBreach = clocks.firstResponse.breached && !c.firstResponseBreached;
      const resolutionBreach = clocks.resolution.breached && !c.resolutionBreached;
      const searchOver = c.kind === "MISSING_RECORD" && c.missingStage === "SEARCHING" && today > searchDueDate(c.openedAt, rules.missingRecords.searchWorkingDays, c.pausedWorkingDays, calendar);
      const lost = c.kind === "MISSING_RECORD" && c.missingStage === "MISSING" && today >= lostOnDate(c.openedAt, rules.missingRecords.lostAfterMonths);
      if (!firstBreach && !resolutionBreach && !searchOver && !lost) continue;
      await db.$transaction(async (tx) => {
        const locked = await lockCaseTx(tx, c.id);
        if (firstBreach || resolutionBreach) {
          const flags = { firstResponseBreached: c.firstResponseBreached || clocks.firstResponse.breached, resolutionBreached: c.resolutionBreached || clocks.resolution.breached };
          await tx.case.update({
            where: { id: c.id },
            data: {
              ...flags,
              firstResponseDueDate: new Date(`${clocks.firstResponse.dueDate}T00:00:00Z`),
              resolutionDueDate: new Date(`${clocks.resolution.dueDate}T00:00:00Z`),
              ...queueColumns({ ...c, ...flags, firstResponseDueDate: clocks.firstResponse.dueDate, resolutionDueDate: clocks.resolution.dueDate }),
            },
          });
          Object.assign(locked, flags);
          await tx.caseEvent.create({ data: { caseId: c.id, type: "CLOCK_BREACHED", visibility: "INTERNAL", at: now, data: { firstResponse: firstBreach, resolution: resolutionBreach } } });
          result.caseBreaches++;
          newlyBreached.push(c.reference);
        }
        if (searchOver) {
          await markMissingTx(tx, locked, now, SYSTEM, `Not found within the ${rules.missingRecords.searchWorkingDays}-working-day search: marked missing`);
          result.markedMissing++;
        } else if (lost) {
          await markLostTx(tx, locked, now, SYSTEM, `Not found in ${rules.missingRecords.lostAfterMonths} months: treated as lost, and the receiving practice asked to build a reconstituted record`);
          result.markedLost++;
        }
      });
    }
  }

  // 6. Resolved cases close by themselves after a while.
  // Oldest first: whether a case is due to close only grows with its age, so the first not yet due ends the pass.
  const closeBefore = new Date(now.getTime() - AUTO_CLOSE_WORKING_DAYS * 86_400_000);
  closing: for (;;) {
    const resolved = await db.case.findMany({ where: { status: "RESOLVED", resolvedAt: { lt: closeBefore } }, select: { id: true, resolvedAt: true }, orderBy: { resolvedAt: "asc" }, take: 2000 });
    if (resolved.length === 0) break;
    for (const r of resolved) {
      if (addWorkingDays(londonDate(r.resolvedAt!), AUTO_CLOSE_WORKING_DAYS, calendar.holidays) >= today) break closing;
      await db.$transaction(async (tx) => {
        const updated = await tx.case.updateMany({ where: { id: r.id, status: "RESOLVED" }, data: { status: "CLOSED", closedAt: now } });
        if (updated.count) {
          await tx.caseEvent.create({ data: { caseId: r.id, type: "CLOSED", visibility: "SHARED", at: now, fromStatus: "RESOLVED", toStatus: "CLOSED", note: `Closed ${AUTO_CLOSE_WORKING_DAYS} working days after it was resolved` } });
          result.closed++;
        }
      });
    }
  }

  // Supervisors hear of new breaches once per sweep, not once per case.
  if (newlyBreached.length || result.urgentBreaches) {
    await db.$transaction((tx) => queueNotification(tx, { template: "BREACHES", reference: `${newlyBreached.length} case${newlyBreached.length === 1 ? "" : "s"}, ${result.urgentBreaches} urgent request${result.urgentBreaches === 1 ? "" : "s"}`, path: "/pcse/cases?due=breached", role: "PCSE_SUPERVISOR", now }));
  }
  return result;
}
