// Demo incident: records archived in error, a few thousand affected patients across practices (the demo practices
// among them), imported through the portal's own import (lib/incidents/import.ts), then at various stages of review:
// practices that signed (nil returns and returns with harm), practices part way through, practices not started and
// one chased. Idempotent (its fixed reference is looked for first) and quick. Demo and test databases only.
import type pg from "pg";
import type { Db } from "@/lib/db/client";
import { loadActor } from "@/lib/auth/actor";
import { seededRandom } from "@/lib/demo/random";
import { testNhsNumbers } from "@/lib/nhs/nhs-number";
import { importIncidentItems } from "@/lib/incidents/import";
import { pgTransactions } from "@/lib/db/sql";
import { refreshMovementsSql } from "@/lib/tracking/refresh";
import { paymentFor, SBS_BANDS } from "@/lib/incidents/payment";
import { DEMO_PRACTICE_A, DEMO_PRACTICE_B } from "@/lib/demo/seed-demo";
import type { HarmLevel, HarmOutcome, HarmReviewerRole } from "@/lib/db/generated/enums";

export const DEMO_INCIDENT_REFERENCE = "IN-7Q4K-2M9D";
const ITEMS = 3_000;
const FAMILY = ["Smith", "Jones", "Taylor", "Brown", "Patel", "Khan", "Nowak", "Okafor", "O'Brien", "Hughes", "Begum", "Singh"];
const GIVEN = ["Olivia", "Amelia", "Noah", "Oliver", "George", "Muhammad", "Grace", "Freya", "Aisha", "Priya", "Tomasz", "Chidi"];
const DAY = 86_400_000;

export async function seedDemoIncident(db: Db, pool: pg.Pool, options: { log?: (line: string) => void; now?: Date } = {}): Promise<{ skipped: boolean; items: number; reviews: number; returns: number }> {
  if (await db.incident.findUnique({ where: { reference: DEMO_INCIDENT_REFERENCE }, select: { id: true } })) return { skipped: true, items: 0, reviews: 0, returns: 0 };
  const now = options.now ?? new Date();
  const supervisorUser = await db.user.findUnique({ where: { email: "supervisor@demo.records.test" }, select: { id: true } });
  const supervisor = supervisorUser ? await loadActor(db, supervisorUser.id) : null;
  if (!supervisor) throw new Error("The demo supervisor is missing: seed the demo accounts first");
  const day = (offset: number) => new Date(now.getTime() - offset * DAY).toISOString().slice(0, 10);
  const incident = await db.incident.create({
    data: {
      reference: DEMO_INCIDENT_REFERENCE,
      title: "Records held in the off-site archive instead of being sent on",
      category: "RECORDS_ARCHIVED_IN_ERROR",
      responsibleOrganisation: "Northgate Secure Storage Ltd (demo)",
      discoveredOn: new Date(`${day(60)}T00:00:00Z`),
      reviewsDueDate: new Date(`${day(-45)}T00:00:00Z`),
      paymentScheme: "BANDED",
      paymentTerms: { bands: { ...SBS_BANDS } },
      createdById: supervisor.id,
      createdAt: new Date(now.getTime() - 58 * DAY),
    },
    select: { id: true },
  });

  // The affected patients: most practices fewer than 20, the demo practices 24 and 9.
  const random = seededRandom(110_011);
  const practices = await db.organisation.findMany({ where: { kind: "GP_PRACTICE", country: "ENGLAND", closedAt: null, odsCode: { notIn: [DEMO_PRACTICE_A, DEMO_PRACTICE_B] } }, select: { odsCode: true }, orderBy: { odsCode: "asc" } });
  const chosen = practices.filter(() => random() < 0.05).map((p) => p.odsCode);
  const numbers = testNhsNumbers(700_000);
  const lines: string[] = ["nhs_number,practice_ods_code,held_from,released_on,movement_reference,priority,family_name,given_name,date_of_birth\n"];
  const row = (ods: string) => {
    const held = 180 + Math.floor(random() * 360);
    const released = random() < 0.7 ? 56 + Math.floor(random() * 60) : null; // before the import, 55 days ago
    const names = `${FAMILY[Math.floor(random() * FAMILY.length)]},${GIVEN[Math.floor(random() * GIVEN.length)]},${day(3_650 + Math.floor(random() * 25_000))}`;
    lines.push(`${numbers.next().value},${ods},${day(held + (released ?? 0))},${released === null ? "" : day(released)},,${random() < 0.12 ? "high" : "low"},${names}\n`);
  };
  for (let i = 0; i < 24; i++) row(DEMO_PRACTICE_A);
  for (let i = 0; i < 9; i++) row(DEMO_PRACTICE_B);
  while (lines.length <= ITEMS) row(chosen[Math.floor(random() * chosen.length)]);
  const summary = await importIncidentItems(db, supervisor, { reference: DEMO_INCIDENT_REFERENCE, fileName: "archive-affected-patients.csv", body: lines, pool }, new Date(now.getTime() - 55 * DAY));
  if (summary.status !== "COMPLETED") throw new Error(`The demo incident's import was ${summary.status}: ${summary.problem ?? `${summary.rejected} rows rejected`}`);

  // Most released records have reached their practice, which confirmed receipt (a few are still on their way).
  await pgTransactions(pool).transaction(async (sql) => {
    const received = await sql.query<{ id: string }>(
      `INSERT INTO "TrackingEvent" (id, "movementId", type, source, "sourceEventId", "occurredAt", "receivedAt", "recordedById")
       SELECT gen_random_uuid(), m.id, 'RECEIVED', 'PRACTICE', 'demo-incident:' || m.id || ':received', m."createdAt" + interval '6 days', m."createdAt" + interval '6 days', NULL
       FROM "IncidentItem" i JOIN "RecordMovement" m ON m.id = i."movementId"
       WHERE i."incidentId" = $1 AND m.type = 'STORE_TO_PRACTICE' AND m.status = 'COLLECTED' AND abs(hashtext(m.id::text)) % 10 <> 0
       RETURNING "movementId" AS id`,
      [incident.id],
    );
    for (let i = 0; i < received.length; i += 1000) await refreshMovementsSql(sql, received.slice(i, i + 1000).map((r) => r.id), now);
  });

  // Stages of review per practice: the demo practice A part way (one potential harm waiting for a clinician), B not
  // started; of the others about 45% signed, 20% in progress, the rest not started (a few chased).
  const items = await db.incidentItem.findMany({ where: { incidentId: incident.id }, select: { id: true, practiceId: true, heldFrom: true, practice: { select: { odsCode: true } } }, orderBy: { rowNumber: "asc" } });
  const byPractice = new Map<string, typeof items>();
  for (const item of items) byPractice.set(item.practiceId, [...(byPractice.get(item.practiceId) ?? []), item]);
  const reviews: { itemId: string; incidentId: string; practiceId: string; outcome: HarmOutcome; harmLevel: HarmLevel | null; harmDescription: string | null; patientInformed: boolean; patientInformedOn: Date | null; actionsTaken: string | null; reviewerRole: HarmReviewerRole; minutesSpent: number; reviewedById: string; reviewedAt: Date }[] = [];
  const returns: { incidentId: string; practiceId: string; itemCount: number; harmCount: number; nilReturn: boolean; paymentPence: number; signedById: string; signedByName: string; signedAt: Date }[] = [];
  const chases: { incidentId: string; practiceId: string; chasedById: string; chasedAt: Date }[] = [];
  const demoA = await db.user.findUnique({ where: { email: "staff.a81001@demo.records.test" }, select: { id: true } });
  for (const [practiceId, list] of byPractice) {
    const ods = list[0].practice.odsCode;
    if (ods === DEMO_PRACTICE_B) continue;
    const stage = ods === DEMO_PRACTICE_A ? "demo" : random() < 0.45 ? "signed" : random() < 0.36 ? "progress" : "none";
    if (stage === "none") {
      if (random() < 0.3) chases.push({ incidentId: incident.id, practiceId, chasedById: supervisor.id, chasedAt: new Date(now.getTime() - 10 * DAY) });
      continue;
    }
    // Reviews at other practices were made by their own staff, who are not demo accounts: one placeholder reviewer
    // per practice stands for them (no password, cannot sign in).
    const reviewer =
      stage === "demo" && demoA
        ? { id: demoA.id, name: "Sam Patel" }
        : await db.user.upsert({ where: { email: `reviewer.${ods.toLowerCase()}@demo.records.test` }, update: {}, create: { email: `reviewer.${ods.toLowerCase()}@demo.records.test`, name: `Practice manager, ${ods} (demo)`, role: "PRACTICE_MANAGER", organisationId: practiceId }, select: { id: true, name: true } });
    const done = stage === "signed" ? list.length : stage === "demo" ? 14 : Math.max(1, Math.floor(list.length * random()));
    let harm = 0;
    list.slice(0, done).forEach((item, n) => {
      const r = random();
      const outcome: HarmOutcome = stage === "demo" && n === 3 ? "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW" : stage !== "signed" && r < 0.04 ? "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW" : r < 0.06 ? "HARM_IDENTIFIED" : "NO_HARM";
      const harmLevel: HarmLevel | null = outcome === "HARM_IDENTIFIED" ? (r < 0.045 ? "LOW" : "MODERATE") : null;
      if (outcome === "HARM_IDENTIFIED") harm++;
      const reviewedAt = new Date(now.getTime() - (5 + Math.floor(random() * 40)) * DAY);
      reviews.push({
        itemId: item.id,
        incidentId: incident.id,
        practiceId,
        outcome,
        harmLevel,
        harmDescription: outcome === "NO_HARM" ? null : outcome === "HARM_IDENTIFIED" ? "Repeat prescribing continued without the history in the paper record (demo)" : "Possible missed follow-up of an abnormal result: for the GP to review (demo)",
        patientInformed: outcome === "HARM_IDENTIFIED",
        patientInformedOn: outcome === "HARM_IDENTIFIED" ? reviewedAt : null,
        actionsTaken: outcome === "HARM_IDENTIFIED" ? "Patient seen; medication reviewed; reported to NHS England (demo)" : null,
        reviewerRole: outcome === "NO_HARM" && random() < 0.2 ? "PRACTICE_MANAGER" : "GP",
        minutesSpent: outcome === "NO_HARM" ? 8 + Math.floor(random() * 15) : 30 + Math.floor(random() * 60),
        reviewedById: reviewer.id,
        reviewedAt,
      });
    });
    if (stage === "signed") returns.push({ incidentId: incident.id, practiceId, itemCount: list.length, harmCount: harm, nilReturn: harm === 0, paymentPence: paymentFor("BANDED", { bands: { ...SBS_BANDS } }, list.length), signedById: reviewer.id, signedByName: reviewer.name, signedAt: new Date(now.getTime() - 3 * DAY) });
  }
  await db.harmReview.createMany({ data: reviews });
  await db.incidentPracticeReturn.createMany({ data: returns });
  await db.incidentChase.createMany({ data: chases });
  options.log?.(`Demo incident ${DEMO_INCIDENT_REFERENCE}: ${items.length} patients at ${byPractice.size} practices, ${reviews.length} reviews, ${returns.length} returns signed.`);
  return { skipped: false, items: items.length, reviews: reviews.length, returns: returns.length };
}
