// Demo data: accounts for every role and a few thousand movements in every state, spread over practices in
// proportion to real 2019 registration volumes. Deterministic (seeded random). Patients use valid NHS
// numbers from the 999 test range only. Used by `npm run demo` and the end-to-end tests, never in production.
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { parse } from "csv-parse/sync";
import { readReferenceFile } from "@/lib/reference/files";
import { seededRandom } from "@/lib/demo/random";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { MovementReason, MovementType, Priority, Role, TrackingEventType, TrackingSource } from "@/lib/db/generated/enums";
import { testNhsNumbers } from "@/lib/nhs/nhs-number";
import { addWorkingDays, londonDate } from "@/lib/nhs/working-days";
import { refreshMovementsSql } from "@/lib/tracking/refresh";
import { prismaSql } from "@/lib/db/sql";
import { movementTargets } from "@/lib/service-levels/policy";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { labelBarcode } from "@/lib/labels/barcode";
import { accountableRegion } from "@/lib/movements/rules";
import { generateReference } from "@/lib/movements/reference";

export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_PRACTICE_A = "A81001"; // The Densham Surgery, Stockton on Tees (North East and Yorkshire)
export const DEMO_BRANCH_A = "A81001B1"; // synthetic: the ODS practice extract lists no branch surgeries
export const DEMO_PRACTICE_B = "F84003"; // Lower Clapton General Practice, Hackney (London)

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; org?: string; region?: string; what: string }[] = [
  { email: "staff.a81001@demo.records.test", name: "Sam Patel", role: "PRACTICE_STAFF", org: DEMO_PRACTICE_A, what: "practice staff, The Densham Surgery (with a branch surgery)" },
  { email: "manager.a81001@demo.records.test", name: "Alex Morgan", role: "PRACTICE_MANAGER", org: DEMO_PRACTICE_A, what: "practice manager, The Densham Surgery" },
  { email: "staff.f84003@demo.records.test", name: "Jo Okafor", role: "PRACTICE_STAFF", org: DEMO_PRACTICE_B, what: "practice staff, Lower Clapton General Practice (London)" },
  { email: "manager.f84003@demo.records.test", name: "Chris Lee", role: "PRACTICE_MANAGER", org: DEMO_PRACTICE_B, what: "practice manager, Lower Clapton General Practice" },
  { email: "caseworker@demo.records.test", name: "Pat Evans", role: "PCSE_CASEWORKER", org: "XPCSOF", what: "PCSE caseworker" },
  { email: "supervisor@demo.records.test", name: "Robin Shah", role: "PCSE_SUPERVISOR", org: "XPCSOF", what: "PCSE supervisor" },
  { email: "commissioner@demo.records.test", name: "Dana Hughes", role: "COMMISSIONER", what: "national commissioner (NHS England)" },
  { email: "commissioner.y63@demo.records.test", name: "Kim Walsh", role: "COMMISSIONER", region: "Y63", what: "commissioner, North East and Yorkshire only" },
  { email: "admin@demo.records.test", name: "Lee Admin", role: "ADMINISTRATOR", what: "administrator (audit trail)" },
];

export { seededRandom };

function weightedPicker<T>(items: { item: T; weight: number }[], random: () => number) {
  const cumulative: number[] = [];
  let total = 0;
  for (const { weight } of items) cumulative.push((total += weight));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo].item;
  };
}

function readVolumes(file: string, codeColumn: string): Map<string, number> {
  const rows: Record<string, string>[] = parse(readReferenceFile(`volumes/${file}`), { columns: true, skip_empty_lines: true });
  const out = new Map<string, number>();
  for (const r of rows) out.set(r[codeColumn], (out.get(r[codeColumn]) ?? 0) + Number(r.RegistrationCount || 0));
  return out;
}

const GIVEN = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Grace", "Freya", "Aisha", "Priya", "Tomasz", "Chidi", "Siobhan", "Gareth", "Fatima", "Yusuf", "Ewan", "Niamh", "Mohammed", "Zara", "Jack", "Evie", "Ruby", "Charlie"];
const FAMILY = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Khan", "Ahmed", "Nowak", "Okafor", "O'Brien", "MacDonald", "Hughes", "Edwards", "Begum", "Singh", "Clarke", "Lewis"];

type Journey = { type: TrackingEventType; source: TrackingSource; location?: string; signedBy?: string }[];

/** A plausible event history for a movement of a given age, ending in a mix of states. */
function journeyFor(ageDays: number, r: () => number, toStore: boolean): Journey {
  const steps: Journey = [{ type: "CREATED", source: "PRACTICE" }];
  const reached = Math.min(1, ageDays / 14) * (0.6 + r() * 0.6);
  if (r() < 0.015) return [...steps, { type: "MARKED_NO_PAPER_RECORD", source: "PRACTICE" }];
  // Sent in error (the patient re-registered back before collection).
  if (r() < 0.01) return [...steps, { type: "CANCELLED", source: "PCSE" }];
  if (reached < 0.1) return steps;
  steps.push({ type: "LABEL_PRINTED", source: "PRACTICE" });
  if (r() < 0.02) return [...steps, { type: "MARKED_HELD_AT_PRACTICE", source: "PRACTICE" }];
  if (reached < 0.2) return steps;
  steps.push({ type: "READY_FOR_COLLECTION", source: "PRACTICE" });
  if (reached < 0.35) return steps;
  steps.push({ type: "COLLECTED", source: "COURIER", location: "Practice collection" });
  if (reached < 0.45) return steps;
  steps.push({ type: "ARRIVED_AT_HUB", source: "COURIER", location: r() < 0.5 ? "Darlington hub" : "Milton Keynes hub" });
  const fate = r();
  if (ageDays > 20 && fate < 0.03) return [...steps, { type: "MARKED_MISSING", source: "PCSE" }];
  if (ageDays > 60 && fate < 0.04) return [...steps, { type: "MARKED_MISSING", source: "PCSE" }, { type: "MARKED_LOST", source: "PCSE" }];
  if (reached < 0.55) return steps;
  steps.push({ type: "DEPARTED_HUB", source: "COURIER" });
  if (fate > 0.97) return [...steps, { type: "EXCEPTION", source: "COURIER", location: "Hub" }];
  if (reached < 0.65) return steps;
  steps.push({ type: "OUT_FOR_DELIVERY", source: "COURIER" });
  if (fate > 0.93) return [...steps, { type: "DELIVERY_FAILED", source: "COURIER", location: "Receiver closed" }];
  if (fate > 0.91) return [...steps, { type: "DELIVERY_FAILED", source: "COURIER" }, { type: "RETURNED_TO_SENDER", source: "COURIER" }];
  if (reached < 0.75) return steps;
  steps.push({ type: "DELIVERED", source: "COURIER", signedBy: "Reception" });
  if (reached < 0.9 || toStore) return steps;
  steps.push({ type: "RECEIVED", source: "PRACTICE" });
  return steps;
}

export type DemoSeedOptions = { movements: number; seed?: number; now?: Date; passwordRounds?: number };

export async function seedDemo(db: Db, options: DemoSeedOptions) {
  const random = seededRandom(options.seed ?? 20261122);
  const now = options.now ?? new Date();
  const practiceA = await db.organisation.findUniqueOrThrow({ where: { odsCode: DEMO_PRACTICE_A } });
  await db.organisation.upsert({
    where: { odsCode: DEMO_BRANCH_A },
    create: {
      odsCode: DEMO_BRANCH_A,
      kind: "BRANCH_SURGERY",
      name: "The Densham Surgery (Norton branch)",
      addressLines: ["Norton Medical Centre", "Harland Place", "Stockton On Tees"],
      postcode: "TS20 1AL",
      country: "ENGLAND",
      regionCode: practiceA.regionCode,
      icbCode: practiceA.icbCode,
      parentId: practiceA.id,
    },
    update: { parentId: practiceA.id },
  });

  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, options.passwordRounds ?? 10);
  const orgIds = new Map((await db.organisation.findMany({ where: { odsCode: { in: DEMO_ACCOUNTS.flatMap((a) => (a.org ? [a.org] : [])) } }, select: { id: true, odsCode: true } })).map((o) => [o.odsCode, o.id]));
  for (const account of DEMO_ACCOUNTS) {
    const data = {
      name: account.name,
      role: account.role,
      organisationId: account.org ? orgIds.get(account.org)! : null,
      regionCode: account.region ?? null,
      passwordHash,
      disabled: false,
    };
    await db.user.upsert({ where: { email: account.email }, create: { email: account.email, ...data }, update: data });
  }

  if ((await db.recordMovement.count()) > 0) return { movements: 0, events: 0, labels: 0, skipped: true };

  // Who sends and who receives, by real 2019 volumes.
  const practices = await db.organisation.findMany({
    where: { kind: "GP_PRACTICE", closedAt: null },
    select: { id: true, odsCode: true, country: true, regionCode: true, kind: true },
  });
  const byCode = new Map(practices.map((p) => [p.odsCode, p]));
  const senderVolumes = readVolumes("gp2gp_sender_transfers_2019.csv", "SenderODS");
  const receiverVolumes = readVolumes("gp2gp_requestor_transfers_2019.csv", "RequestorODS");
  const england = practices.filter((p) => p.country === "ENGLAND");
  const wales = practices.filter((p) => p.country === "WALES");
  const pickSender = weightedPicker(england.map((p) => ({ item: p, weight: (senderVolumes.get(p.odsCode) ?? 0) + 1 })), random);
  const pickReceiver = weightedPicker(england.map((p) => ({ item: p, weight: (receiverVolumes.get(p.odsCode) ?? 0) + 1 })), random);
  const pickWales = weightedPicker(wales.map((p) => ({ item: p, weight: 1 })), random);
  const store = await db.organisation.findUniqueOrThrow({ where: { odsCode: "XPCSST" } });
  const branchA = await db.organisation.findUniqueOrThrow({ where: { odsCode: DEMO_BRANCH_A } });
  const demoA = byCode.get(DEMO_PRACTICE_A)!;
  const demoB = byCode.get(DEMO_PRACTICE_B)!;
  const holidays = new Set((await db.bankHoliday.findMany({ where: { division: "england-and-wales" }, select: { date: true } })).map((h) => h.date.toISOString().slice(0, 10)));
  const sql = prismaSql(db);
  const staffA = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0].email } });
  const staffB = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[2].email } });

  const nhsNumbers = testNhsNumbers(1000);
  const patients: { id: string; nhsNumber: string }[] = [];
  const movements: Prisma.RecordMovementCreateManyInput[] = [];
  const events: { id: string; movementId: string; type: TrackingEventType; source: TrackingSource; sourceEventId: string; occurredAt: Date; receivedAt: Date; location: string | null; signedBy: string | null; recordedById: string | null; labelId: string | null }[] = [];
  const labels: Prisma.CourierLabelCreateManyInput[] = [];
  const references = new Set<string>();

  for (let i = 0; i < options.movements; i++) {
    // The demo practices get a good share, so every screen of theirs has plenty to show.
    const slot = random();
    let from: { id: string; country: string; regionCode: string | null; kind: string } = pickSender();
    let to: { id: string; country: string; regionCode: string | null; kind: string } = pickReceiver();
    if (slot < 0.06) from = random() < 0.85 ? demoA : branchA;
    else if (slot < 0.12) to = demoA;
    else if (slot < 0.18) from = demoB;
    else if (slot < 0.24) to = demoB;
    const kindRoll = random();
    let type: MovementType = "PRACTICE_TO_PRACTICE";
    let reason: MovementReason = "RE_REGISTRATION";
    let priority: Priority = random() < 0.06 ? "URGENT" : "ROUTINE";
    if (kindRoll < 0.1) {
      type = "PRACTICE_TO_STORE";
      reason = (["DECEASED", "DECEASED", "EMBARKED", "REMOVED", "WHEREABOUTS_UNKNOWN"] as const)[Math.floor(random() * 5)];
      to = store;
      priority = "ROUTINE";
    } else if (kindRoll < 0.13) {
      type = "PRACTICE_TO_CROSS_BORDER";
      reason = "CROSS_BORDER_REGISTRATION";
      to = pickWales();
    } else if (kindRoll < 0.17) {
      type = "ADDITIONAL_NOTES";
      reason = "ADDITIONAL_NOTES";
    } else if (kindRoll < 0.2) {
      type = "URGENT_REQUEST";
      reason = (["CLINICAL_NEED", "CORONER", "SUBJECT_ACCESS_REQUEST", "ACCESS_TO_HEALTH_RECORDS"] as const)[Math.floor(random() * 4)];
      priority = "URGENT";
    }
    if (from.id === to.id || (from.id === branchA.id && to.id === demoA.id)) to = from.id === demoB.id ? demoA : demoB;

    const ageDays = Math.floor(random() ** 1.6 * 120);
    const created = new Date(now.getTime() - ageDays * 86_400_000 - Math.floor(random() * 8) * 3_600_000);
    const createdOn = londonDate(created);
    // The policy in force on the day it was sent (the refresh below re-derives every clock from the events).
    const policyVersion = await versionInForce(sql, createdOn);
    const dueDate = addWorkingDays(createdOn, movementTargets(await policyRules(sql, policyVersion), type, priority, null).endToEnd, holidays);

    const nhsNumber = nhsNumbers.next().value as string;
    const patient = { id: randomUUID(), nhsNumber };
    // The demographics the sender recorded live on the movement (each demo patient has one movement).
    const demographics = {
      patientGivenName: GIVEN[Math.floor(random() * GIVEN.length)],
      patientFamilyName: FAMILY[Math.floor(random() * FAMILY.length)],
      patientDateOfBirth: new Date(Date.UTC(1930 + Math.floor(random() * 90), Math.floor(random() * 12), 1 + Math.floor(random() * 28))),
    };
    patients.push(patient);
    let reference = generateReference((max) => Math.floor(random() * max));
    while (references.has(reference)) reference = generateReference((max) => Math.floor(random() * max));
    references.add(reference);

    const movementId = randomUUID();
    const creator = from.id === demoA.id || from.id === branchA.id ? staffA.id : from.id === demoB.id ? staffB.id : null;
    const journey = journeyFor(ageDays, random, to.id === store.id);
    const span = Math.max(1, now.getTime() - created.getTime());
    const stamped = journey.map((step, index) => ({
      ...step,
      occurredAt: index === 0 ? created : new Date(created.getTime() + (span * index) / (journey.length + 1)),
      sourceEventId: step.source === "COURIER" ? `demo-courier-${movementId}-${index}` : `portal:${randomUUID()}`,
    }));
    const bagCount = random() < 0.1 ? 2 : 1;
    // Labels for every bag once the journey reached "label printed"; courier scans name bag 1's label.
    const printed = stamped.find((e) => e.type === "LABEL_PRINTED");
    const labelIds: string[] = [];
    if (printed) {
      for (let bag = 1; bag <= bagCount; bag++) {
        const labelId = randomUUID();
        labelIds.push(labelId);
        labels.push({ id: labelId, barcode: labelBarcode(reference, bag, 1), movementId, bagNumber: bag, bagCount, version: 1, createdById: creator, createdAt: printed.occurredAt, firstPrintedAt: printed.occurredAt, lastPrintedAt: printed.occurredAt });
      }
    }
    movements.push({
      id: movementId,
      reference,
      type,
      reason,
      priority,
      // Status, attention, milestones and clocks are derived from the events by the same refresh the courier's
      // events go through (below), so the demo is exactly what the portal would have made of them.
      status: "REQUESTED",
      policyVersion,
      patientId: patient.id,
      ...demographics,
      fromOrganisationId: from.id,
      toOrganisationId: to.id,
      regionCode: accountableRegion(from as never, to as never),
      dueDate: new Date(`${dueDate}T00:00:00Z`),
      bagCount,
      createdById: creator,
      createdAt: created,
      statusChangedAt: stamped.at(-1)!.occurredAt,
    });
    for (const e of stamped) {
      events.push({
        id: randomUUID(),
        movementId,
        type: e.type,
        source: e.source,
        sourceEventId: e.sourceEventId,
        occurredAt: e.occurredAt,
        receivedAt: e.occurredAt,
        location: e.location ?? null,
        signedBy: e.signedBy ?? null,
        recordedById: e.source === "PRACTICE" ? creator : null,
        labelId: e.source === "COURIER" ? (labelIds[0] ?? null) : null,
      });
    }
  }

  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < patients.length; i += 2000) await tx.patient.createMany({ data: patients.slice(i, i + 2000) });
      for (let i = 0; i < movements.length; i += 2000) await tx.recordMovement.createMany({ data: movements.slice(i, i + 2000) });
      for (let i = 0; i < labels.length; i += 5000) await tx.courierLabel.createMany({ data: labels.slice(i, i + 5000) });
      for (let i = 0; i < events.length; i += 5000) await tx.trackingEvent.createMany({ data: events.slice(i, i + 5000) });
      const txSql = prismaSql(tx);
      for (let i = 0; i < movements.length; i += 1000) await refreshMovementsSql(txSql, movements.slice(i, i + 1000).map((m) => m.id as string), now);
      // Seeded history: a status changed when its last event happened, not at the seeding instant; the same for the
      // national attention queue's "since".
      await tx.$executeRaw`UPDATE "RecordMovement" m SET "statusChangedAt" = e.last FROM (SELECT "movementId", max("occurredAt") AS last FROM "TrackingEvent" GROUP BY "movementId") e WHERE e."movementId" = m.id`;
      await tx.$executeRaw`UPDATE "AttentionQueueEntry" a SET since = m."statusChangedAt" FROM "RecordMovement" m WHERE m.id = a."movementId"`;
    },
    { timeout: 120_000 },
  );
  return { movements: movements.length, events: events.length, labels: labels.length, skipped: false };
}
