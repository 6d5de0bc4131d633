// Demo workload: a year of the demo practices' logged work (the high-turnover London practice heavier than the
// North East one), a lighter few months for the other practices that moved the most demo records (so the national
// median has enough practices behind it), the practices' own rates (one changed in mid-year), and claims at several
// stages. What the demo accounts did through the portal is decided through the portal's own code: the suggestions the
// earlier seeds' real actions left (labels printed, a collection booked, problems reported, cases raised and
// answered), and those the demo incident's harm reviews at practice A imply (offered with offerWorkloadSuggestions on
// the day of each review: lib/demo/seed-incidents.ts writes the reviews in bulk), are accepted, edited or dismissed
// with decideSuggestion, a fresh print run of 12 records is offered and
// accepted, rates are set with setGradeRate, packs signed with createEvidencePack, and claims taken through every step
// with the claim commands. The year behind them is inserted in bulk, costed with the same rate rules. Idempotent:
// does nothing once practice A has any workload. Never used in production.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { StaffGrade, WorkloadCause, WorkloadEntrySource } from "@/lib/db/generated/enums";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { seededRandom } from "@/lib/demo/random";
import { DEMO_ACCOUNTS, DEMO_PRACTICE_A, DEMO_PRACTICE_B } from "@/lib/demo/seed-demo";
import { londonDate } from "@/lib/nhs/working-days";
import { prepareLabels } from "@/lib/labels/commands";
import { decideSuggestion, setGradeRate } from "@/lib/workload/commands";
import { offerWorkloadSuggestions } from "@/lib/workload/suggestions";
import { costPence, rateInForce, ratesFor } from "@/lib/workload/costs";
import { createEvidencePack } from "@/lib/workload/evidence";
import { answerClaimOffer, decideClaim, submitClaim } from "@/lib/claims/commands";

const DAY = 86_400_000;

export type DemoWorkloadResult = { skipped: boolean; entries: number; suggestions: number; claims: number };

async function actorFor(db: Db, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`demo account ${email} is disabled`);
  return actor;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parts = (prefix: string, date: string) => ({ [`${prefix}Day`]: date.slice(8), [`${prefix}Month`]: date.slice(5, 7), [`${prefix}Year`]: date.slice(0, 4) });

/** A task done on a day: what the generator writes. */
type Work = { taskCode: string; grade: StaffGrade; quantity: number; minutes: number; cause: WorkloadCause; source: WorkloadEntrySource; suggested: number | null; siteId: string; movementIds: string[]; trigger?: "LABELS_PRINTED" | "COLLECTION_BOOKED" };

/**
 * One practice's working days from `from` to `to`: bagging and labelling what it sent, receiving what came, booking a
 * collection a week, carrying bags from a branch surgery, chasing, problems, searches, urgent requests, printouts for
 * cross-border moves, now and then a lost record rebuilt and a failure of PCSE's other services. `scale` is the
 * practice's turnover relative to the North East demo practice.
 */
function practiceYear(random: () => number, from: Date, to: Date, scale: number, sites: { main: string; branch: string | null }, movementsOn: (date: string) => string[]): { date: string; work: Work }[] {
  const out: { date: string; work: Work }[] = [];
  const poisson = (mean: number) => {
    let n = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = random();
    while (u > s && n < 60) {
      n++;
      p *= mean / n;
      s += p;
    }
    return n;
  };
  const jitter = (minutes: number, spread = 0.3) => Math.max(1, Math.round(minutes * (1 - spread + random() * 2 * spread)));
  for (let t = from.getTime(); t <= to.getTime(); t += DAY) {
    const day = new Date(t);
    const dow = day.getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const date = iso(day);
    const moved = movementsOn(date);
    const sent = Math.max(poisson(2.2 * scale), Math.ceil(moved.length / 2));
    if (sent > 0) {
      const edited = random() < 0.15;
      const suggested = sent * 2;
      out.push({ date, work: { taskCode: "BAG_AND_LABEL", grade: "ADMINISTRATOR", quantity: sent, minutes: edited ? jitter(suggested + 3, 0.2) : suggested, cause: "RECORDS_SERVICE", source: edited ? "SUGGESTED_EDITED" : "SUGGESTED_ACCEPTED", suggested, siteId: random() < 0.15 && sites.branch ? sites.branch : sites.main, movementIds: moved.slice(0, sent), trigger: "LABELS_PRINTED" } });
    }
    const received = poisson(2 * scale);
    if (received > 0) out.push({ date, work: { taskCode: "RECEIVE_AND_CONFIRM", grade: "ADMINISTRATOR", quantity: received, minutes: received, cause: "RECORDS_SERVICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: moved.slice(sent, sent + received) } });
    if (random() < 0.25 * scale) out.push({ date, work: { taskCode: "LOCATE_RECORD", grade: "ADMINISTRATOR", quantity: 1, minutes: jitter(12, 0.5), cause: "RECORDS_SERVICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: moved.slice(0, 1) } });
    if (dow === 3) out.push({ date, work: { taskCode: "BOOK_COLLECTION", grade: "ADMINISTRATOR", quantity: 1, minutes: 5, cause: "RECORDS_SERVICE", source: "SUGGESTED_ACCEPTED", suggested: 5, siteId: sites.main, movementIds: [], trigger: "COLLECTION_BOOKED" } });
    if (dow === 2 && sites.branch) out.push({ date, work: { taskCode: "CARRY_FROM_BRANCH", grade: "ADMINISTRATOR", quantity: 1, minutes: jitter(35, 0.25), cause: "COURIER", source: "SUGGESTED_EDITED", suggested: 30, siteId: sites.branch, movementIds: [], trigger: "COLLECTION_BOOKED" } });
    const chases = poisson(0.6 * scale);
    for (let i = 0; i < chases; i++) out.push({ date, work: { taskCode: "CHASE", grade: random() < 0.7 ? "ADMINISTRATOR" : "PRACTICE_MANAGER", quantity: 1, minutes: jitter(12, 0.5), cause: random() < 0.75 ? "RECORDS_SERVICE" : random() < 0.6 ? "COURIER" : "OTHER_PRACTICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: moved.slice(i, i + 1) } });
    if (random() < 0.18 * scale) out.push({ date, work: { taskCode: "REPORT_PROBLEM", grade: "ADMINISTRATOR", quantity: 1, minutes: 5, cause: random() < 0.3 ? "COURIER" : "RECORDS_SERVICE", source: "SUGGESTED_ACCEPTED", suggested: 5, siteId: sites.main, movementIds: moved.slice(0, 1) } });
    if (random() < 0.05 * scale) out.push({ date, work: { taskCode: "WRONG_RECORD", grade: "PRACTICE_MANAGER", quantity: 1, minutes: jitter(25, 0.4), cause: "RECORDS_SERVICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: moved.slice(0, 1) } });
    if (random() < 0.08 * scale) out.push({ date, work: { taskCode: "SEARCH_ON_REQUEST", grade: "ADMINISTRATOR", quantity: 1, minutes: jitter(25, 0.5), cause: "RECORDS_SERVICE", source: "SUGGESTED_EDITED", suggested: 20, siteId: sites.main, movementIds: [] } });
    if (random() < 0.07 * scale) out.push({ date, work: { taskCode: "URGENT_REQUEST", grade: "ADMINISTRATOR", quantity: 1, minutes: jitter(18, 0.4), cause: "RECORDS_SERVICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: [] } });
    if (random() < 0.04 * scale) out.push({ date, work: { taskCode: "PRINT_ELECTRONIC_RECORD", grade: "ADMINISTRATOR", quantity: 1, minutes: jitter(35, 0.5), cause: "RECORDS_SERVICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: [] } });
    if (random() < 0.06 * scale) out.push({ date, work: { taskCode: "PATIENT_CONTACT", grade: random() < 0.5 ? "SALARIED_GP" : "ADMINISTRATOR", quantity: 1, minutes: jitter(12, 0.4), cause: "RECORDS_SERVICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: [] } });
    if (random() < 0.012 * scale) out.push({ date, work: { taskCode: "RECONSTITUTE_RECORD", grade: "SALARIED_GP", quantity: 1, minutes: jitter(150, 0.3), cause: "RECORDS_SERVICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: [] } });
    if (random() < 0.04) out.push({ date, work: { taskCode: "OTHER_SERVICE_FAILURE", grade: "PRACTICE_MANAGER", quantity: 1, minutes: jitter(30, 0.5), cause: "RECORDS_SERVICE", source: "MANUAL", suggested: null, siteId: sites.main, movementIds: [] } });
  }
  return out;
}

const ENTRY_COLUMNS = {
  id: "uuid",
  organisationId: "uuid",
  siteId: "uuid",
  regionCode: "varchar",
  icbCode: "varchar",
  grade: '"StaffGrade"',
  taskCode: "varchar",
  quantity: "int",
  minutes: "int",
  suggestedMinutes: "int",
  date: "date",
  cause: '"WorkloadCause"',
  movementId: "uuid",
  source: '"WorkloadEntrySource"',
  suggestionId: "uuid",
  createdById: "uuid",
  ratePencePerHour: "int",
  rateId: "uuid",
  costPence: "int",
  createdAt: "timestamptz",
  updatedAt: "timestamptz",
};
const SUGGESTION_COLUMNS = {
  id: "uuid",
  triggerKey: "varchar",
  trigger: '"WorkloadTrigger"',
  organisationId: "uuid",
  siteId: "uuid",
  userId: "uuid",
  taskCode: "varchar",
  quantity: "int",
  suggestedMinutes: "int",
  cause: '"WorkloadCause"',
  date: "date",
  movementId: "uuid",
  movementIds: "uuid[]",
  summary: "varchar",
  status: '"WorkloadSuggestionStatus"',
  decidedAt: "timestamptz",
  createdAt: "timestamptz",
  updatedAt: "timestamptz",
};

/** Inserts rows in one statement: the rows as one JSON parameter, typed by jsonb_to_recordset. */
async function insertJson(tx: Prisma.TransactionClient, table: string, rows: object[], columns: Record<string, string>, conflict = "") {
  const names = Object.keys(columns).map((c) => `"${c}"`).join(", ");
  const types = Object.entries(columns).map(([c, t]) => `"${c}" ${t}`).join(", ");
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000).map((r) => ({ updatedAt: (r as { createdAt?: unknown }).createdAt, ...r }));
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types}) ${conflict}`, JSON.stringify(chunk));
  }
}

export async function seedDemoWorkload(db: Db, options: { now?: Date; log?: (line: string) => void } = {}): Promise<DemoWorkloadResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const practiceA = await db.organisation.findUniqueOrThrow({ where: { odsCode: DEMO_PRACTICE_A }, select: { id: true, regionCode: true, icbCode: true } });
  const practiceB = await db.organisation.findUniqueOrThrow({ where: { odsCode: DEMO_PRACTICE_B }, select: { id: true, regionCode: true, icbCode: true } });
  if ((await db.workloadEntry.count({ where: { organisationId: practiceA.id } })) > 0) {
    return { skipped: true, entries: await db.workloadEntry.count(), suggestions: await db.workloadSuggestion.count(), claims: await db.claim.count() };
  }
  const [staffA, managerA, staffB, managerB] = await Promise.all(DEMO_ACCOUNTS.slice(0, 4).map((a) => actorFor(db, a.email)));
  const commissioner = await actorFor(db, DEMO_ACCOUNTS.find((a) => a.role === "COMMISSIONER" && !a.region)!.email);
  const regional = await actorFor(db, DEMO_ACCOUNTS.find((a) => a.role === "COMMISSIONER" && a.region)!.email);
  const at = (daysAgo: number, hour = 10) => new Date(Math.floor((now.getTime() - daysAgo * DAY) / DAY) * DAY + hour * 3_600_000);

  // 1. The practices' own rates: A's administrators from the start of the year, and its salaried GPs' pay award in
  //    mid-year (so the year is costed at two rates); B's nurses.
  await setGradeRate(db, managerA, { grade: "ADMINISTRATOR", rate: "17.10", source: "Practice payroll: band 3 equivalent with employer NI and pension, 37.5 h a week", ...parts("effective", iso(at(370))) }, now);
  await setGradeRate(db, managerA, { grade: "SALARIED_GP", rate: "51.20", source: "Practice payroll: salaried GP, 9 sessions, with employer NI and pension", ...parts("effective", iso(at(370))) }, now);
  await setGradeRate(db, managerA, { grade: "SALARIED_GP", rate: "53.25", source: "Salaried GP pay award (4%), backdated to 1 April", ...parts("effective", iso(at(180))) }, now);
  await setGradeRate(db, managerB, { grade: "NURSE", rate: "27.40", source: "Practice payroll: practice nurse, London weighting, with employer NI and pension", ...parts("effective", iso(at(370))) }, now);

  // 2. A year of work behind them, in bulk (costed by the same rules), with the suggestions the print runs and
  //    collections made and the staff accepted or edited.
  const others = await db.$queryRaw<{ id: string; n: number }[]>`
    SELECT o.id, count(*)::int AS n FROM "RecordMovement" m JOIN "Organisation" o ON o.id IN (m."fromOrganisationId", m."toOrganisationId")
    WHERE o.kind = 'GP_PRACTICE' AND o.country = 'ENGLAND' AND o.id NOT IN (${practiceA.id}::uuid, ${practiceB.id}::uuid)
    GROUP BY o.id ORDER BY n DESC, o.id LIMIT 10`;
  const branchA = await db.organisation.findFirst({ where: { parentId: practiceA.id }, select: { id: true } });
  const random = seededRandom(2026_10);
  const entries: Prisma.WorkloadEntryCreateManyInput[] = [];
  const links: { entryId: string; movementId: string }[] = [];
  const suggestions: Prisma.WorkloadSuggestionCreateManyInput[] = [];
  const plan: { practiceId: string; users: { staff: string; manager: string }; scale: number; days: number; branch: string | null }[] = [
    { practiceId: practiceA.id, users: { staff: staffA.id, manager: managerA.id }, scale: 1, days: 364, branch: branchA?.id ?? null },
    { practiceId: practiceB.id, users: { staff: staffB.id, manager: managerB.id }, scale: 1.9, days: 364, branch: null },
  ];
  // Other practices: a manager account each (no password: they cannot sign in), logging lightly since the demo's
  // movements began.
  const light: { practiceId: string; userId: string }[] = [];
  for (const o of others) {
    const email = `workload.${o.id.slice(0, 8)}@demo.records.test`;
    const user = await db.user.upsert({ where: { email }, create: { email, name: "Practice manager", role: "PRACTICE_MANAGER", organisationId: o.id }, update: {}, select: { id: true } });
    light.push({ practiceId: o.id, userId: user.id });
  }
  for (const p of plan) {
    const org = await db.organisation.findUniqueOrThrow({ where: { id: p.practiceId }, select: { regionCode: true, icbCode: true } });
    const rates = await ratesFor(db, p.practiceId);
    const moved = await db.recordMovement.findMany({ where: { OR: [{ fromOrganisationId: p.practiceId }, { toOrganisationId: p.practiceId }, ...(p.branch ? [{ fromOrganisationId: p.branch }] : [])] }, select: { id: true, createdAt: true } });
    const byDay = new Map<string, string[]>();
    for (const m of moved) byDay.set(londonDate(m.createdAt), [...(byDay.get(londonDate(m.createdAt)) ?? []), m.id]);
    const year = practiceYear(random, at(p.days), at(1), p.scale, { main: p.practiceId, branch: p.branch }, (d) => byDay.get(d) ?? []);
    for (const { date, work } of year) {
      const rate = rateInForce(rates, work.grade, date)!;
      const id = randomUUID();
      const createdAt = new Date(`${date}T${String(9 + Math.floor(random() * 8)).padStart(2, "0")}:${String(Math.floor(random() * 60)).padStart(2, "0")}:00Z`);
      const createdById = work.grade === "PRACTICE_MANAGER" || work.grade === "SALARIED_GP" ? p.users.manager : p.users.staff;
      let suggestionId: string | null = null;
      if (work.suggested !== null && work.trigger) {
        suggestionId = randomUUID();
        suggestions.push({
          id: suggestionId,
          triggerKey: `DEMO:${id}`,
          trigger: work.trigger,
          organisationId: p.practiceId,
          siteId: work.siteId,
          userId: createdById,
          taskCode: work.taskCode,
          quantity: work.quantity,
          suggestedMinutes: work.suggested,
          cause: work.cause,
          date: new Date(`${date}T00:00:00Z`),
          movementIds: work.movementIds,
          movementId: work.movementIds.length === 1 ? work.movementIds[0] : null,
          summary: work.trigger === "LABELS_PRINTED" ? `Labels printed for ${work.quantity} ${work.quantity === 1 ? "record" : "records"}: bagging and labelling them` : work.taskCode === "CARRY_FROM_BRANCH" ? "Collection at the branch surgery: carrying the bags to the main site" : "Collection booked",
          status: work.source === "SUGGESTED_EDITED" ? "EDITED" : "ACCEPTED",
          decidedAt: createdAt,
          createdAt,
        });
      }
      entries.push({
        id,
        organisationId: p.practiceId,
        siteId: work.siteId,
        regionCode: org.regionCode,
        icbCode: org.icbCode,
        grade: work.grade,
        taskCode: work.taskCode,
        quantity: work.quantity,
        minutes: work.minutes,
        suggestedMinutes: work.suggested,
        date: new Date(`${date}T00:00:00Z`),
        cause: work.cause,
        movementId: work.movementIds.length === 1 ? work.movementIds[0] : null,
        source: work.source,
        suggestionId,
        createdById,
        ratePencePerHour: rate.pencePerHour,
        rateId: rate.id,
        costPence: costPence(work.minutes, rate.pencePerHour),
        createdAt,
      });
      for (const movementId of work.movementIds) links.push({ entryId: id, movementId });
    }
  }
  // The other practices log only what their few demo records cost them: a bag and label or a receipt for each, now
  // and then a chase or a search.
  for (const p of light) {
    const org = await db.organisation.findUniqueOrThrow({ where: { id: p.practiceId }, select: { regionCode: true, icbCode: true } });
    const rates = await ratesFor(db, p.practiceId);
    const moved = await db.recordMovement.findMany({ where: { OR: [{ fromOrganisationId: p.practiceId }, { toOrganisationId: p.practiceId }] }, select: { id: true, createdAt: true, fromOrganisationId: true } });
    for (const m of moved) {
      const sent = m.fromOrganisationId === p.practiceId;
      const works: Omit<Work, "siteId" | "source" | "suggested">[] = [{ taskCode: sent ? "BAG_AND_LABEL" : "RECEIVE_AND_CONFIRM", grade: "ADMINISTRATOR", quantity: 1, minutes: sent ? 2 + Math.floor(random() * 3) : 1 + Math.floor(random() * 2), cause: "RECORDS_SERVICE", movementIds: [m.id] }];
      if (random() < 0.35) works.push({ taskCode: "CHASE", grade: "ADMINISTRATOR", quantity: 1, minutes: 5 + Math.floor(random() * 15), cause: random() < 0.7 ? "RECORDS_SERVICE" : "COURIER", movementIds: [m.id] });
      if (random() < 0.1) works.push({ taskCode: "SEARCH_ON_REQUEST", grade: "ADMINISTRATOR", quantity: 1, minutes: 10 + Math.floor(random() * 30), cause: "RECORDS_SERVICE", movementIds: [m.id] });
      const date = londonDate(new Date(m.createdAt.getTime() + Math.floor(random() * 3) * DAY));
      if (date > londonDate(at(1))) continue;
      for (const w of works) {
        const rate = rateInForce(rates, w.grade, date)!;
        const id = randomUUID();
        entries.push({ id, organisationId: p.practiceId, siteId: p.practiceId, regionCode: org.regionCode, icbCode: org.icbCode, grade: w.grade, taskCode: w.taskCode, quantity: 1, minutes: w.minutes, suggestedMinutes: null, date: new Date(`${date}T00:00:00Z`), cause: w.cause, movementId: m.id, source: "MANUAL", createdById: p.userId, ratePencePerHour: rate.pencePerHour, rateId: rate.id, costPence: costPence(w.minutes, rate.pencePerHour), createdAt: new Date(`${date}T14:00:00Z`) });
        links.push({ entryId: id, movementId: m.id });
      }
    }
  }
  // In bulk as JSON rows (Prisma's createMany builds one parameter per cell: seconds for a few thousand rows).
  await db.$transaction(
    async (tx) => {
      await insertJson(tx, "WorkloadSuggestion", suggestions, SUGGESTION_COLUMNS);
      await insertJson(tx, "WorkloadEntry", entries, ENTRY_COLUMNS);
      await insertJson(tx, "WorkloadEntryMovement", links, { entryId: "uuid", movementId: "uuid" }, "ON CONFLICT DO NOTHING");
    },
    { timeout: 120_000 },
  );
  log(`  workload: ${entries.length} entries, a year of it for the demo practices and a few months for ${light.length} others (${suggestions.length} from accepted suggestions)`);

  // 3. What the demo accounts did through the portal: the earlier seeds' real actions left suggestions, and the demo
  //    incident's reviews at practice A imply theirs (offered here, on each review's day, as recording it would have).
  //    Each person accepts the oldest as offered, edits the next, dismisses one; the newest stays waiting for them.
  const reviewers = new Map([staffA, managerA].map((a) => [a.id, a]));
  const reviews = await db.harmReview.findMany({ where: { practiceId: practiceA.id, reviewedById: { in: [...reviewers.keys()] } }, orderBy: { reviewedAt: "asc" }, select: { id: true, incidentId: true, reviewerRole: true, minutesSpent: true, reviewedAt: true, reviewedById: true } });
  const incidentRefs = new Map((await db.incident.findMany({ where: { id: { in: [...new Set(reviews.map((r) => r.incidentId))] } }, select: { id: true, reference: true } })).map((i) => [i.id, i.reference]));
  for (const r of reviews) {
    const event = { kind: "HARM_REVIEW_RECORDED" as const, reviewIds: [r.id], incidentId: r.incidentId, incidentReference: incidentRefs.get(r.incidentId)!, reviewerRole: r.reviewerRole, minutes: r.minutesSpent, siteId: practiceA.id };
    await db.$transaction((tx) => offerWorkloadSuggestions(tx, reviewers.get(r.reviewedById)!, event, r.reviewedAt));
  }
  for (const person of [staffA, managerA, staffB, managerB]) {
    const pending = await db.workloadSuggestion.findMany({ where: { userId: person.id, status: "PENDING" }, orderBy: { createdAt: "asc" }, select: { id: true, suggestedMinutes: true, cause: true, date: true, grade: true } });
    for (const [i, s] of pending.slice(0, -1).entries()) {
      const decidedAt = new Date(s.date.getTime() + 15 * 3_600_000);
      const grade: StaffGrade = s.grade ?? (person.role === "PRACTICE_MANAGER" ? "PRACTICE_MANAGER" : "ADMINISTRATOR");
      if (i % 3 === 2) await decideSuggestion(db, person, { suggestionId: s.id, decision: "dismiss" }, decidedAt);
      else await decideSuggestion(db, person, { suggestionId: s.id, decision: "accept", minutes: String(i % 3 === 1 ? s.suggestedMinutes + 5 : s.suggestedMinutes), grade, cause: s.cause, note: "" }, decidedAt);
    }
  }
  // A print run of up to 12 of practice A's records that still need labels: offered as one suggestion and accepted.
  const needLabels = await db.recordMovement.findMany({ where: { fromOrganisationId: practiceA.id, status: "REQUESTED" }, orderBy: { createdAt: "asc" }, take: 12, select: { reference: true } });
  if (needLabels.length) {
    await prepareLabels(db, staffA, needLabels.map((m) => m.reference), at(2, 9));
    const run = await db.workloadSuggestion.findFirst({ where: { userId: staffA.id, status: "PENDING", trigger: "LABELS_PRINTED" }, orderBy: { createdAt: "desc" }, select: { id: true, suggestedMinutes: true } });
    if (run) await decideSuggestion(db, staffA, { suggestionId: run.id, decision: "accept", minutes: String(run.suggestedMinutes), grade: "ADMINISTRATOR", cause: "RECORDS_SERVICE", note: "" }, at(2, 10));
  }

  // 4. Evidence and claims: A's records-service failures nine to six months ago, claimed, offered, accepted (the
  //    warning confirmed) and paid; six to three months ago, offered and waiting for A's answer; B's last quarter,
  //    submitted and waiting for NHS England.
  const quarter = (fromDaysAgo: number, toDaysAgo: number) => ({ ...parts("from", iso(at(fromDaysAgo))), ...parts("to", iso(at(toDaysAgo))) });
  const signA = { declarationName: "Alex Morgan", declarationRole: "Practice manager", declare: "yes" };
  const packA1 = await createEvidencePack(db, managerA, { scope: "SERVICE_FAILURES", ...signA, ...quarter(270, 181) }, at(175));
  const claimA1 = await submitClaim(db, managerA, { pack: packA1.reference, summary: "Bagging, labelling, chasing and carrying records from our branch surgery, and two lost records rebuilt, caused by the records service over the quarter." }, at(175, 11));
  await decideClaim(db, regional, { action: "startReview", reference: claimA1.reference, note: "" }, at(160));
  const a1 = await db.claim.findUniqueOrThrow({ where: { reference: claimA1.reference }, select: { amountClaimedPence: true } });
  const offerA1 = ((Math.round(a1.amountClaimedPence * 0.8) / 100)).toFixed(2);
  await decideClaim(db, regional, { action: "makeOffer", reference: claimA1.reference, offer: offerA1, note: "The evidence is itemised and contemporaneous. Offer at 80%: the receipt and confirmation of records is part of the practice's normal work." }, at(150));
  await answerClaimOffer(db, managerA, { action: "acceptOffer", reference: claimA1.reference, confirmWarning: "yes" }, at(148));
  await decideClaim(db, commissioner, { action: "markPaid", reference: claimA1.reference, paid: offerA1, note: "Paid with the monthly global sum" }, at(130));
  const packA2 = await createEvidencePack(db, managerA, { scope: "SERVICE_FAILURES", ...signA, ...quarter(180, 91) }, at(85));
  const claimA2 = await submitClaim(db, managerA, { pack: packA2.reference, summary: "The records service's failures over the quarter: bagging and labelling every record, chasing late deliveries, a wrong record returned." }, at(85, 11));
  await decideClaim(db, regional, { action: "startReview", reference: claimA2.reference, note: "" }, at(60));
  const a2 = await db.claim.findUniqueOrThrow({ where: { reference: claimA2.reference }, select: { amountClaimedPence: true } });
  await decideClaim(db, regional, { action: "makeOffer", reference: claimA2.reference, offer: (Math.round(a2.amountClaimedPence * 0.75) / 100).toFixed(2), note: "Offer at 75%: carrying records from the branch surgery is covered in part by the courier's rebate." }, at(20));
  const packB = await createEvidencePack(db, managerB, { scope: "SERVICE_FAILURES", declarationName: "Chris Lee", declarationRole: "Practice manager", declare: "yes", ...quarter(95, 5) }, at(3));
  await submitClaim(db, managerB, { pack: packB.reference, summary: "A high-turnover practice's extra work for the records service over the last quarter: about a thousand records bagged and labelled, with chasing and searches." }, at(3, 11));
  log(`  claims: ${claimA1.reference} paid, ${claimA2.reference} offered, one of ${DEMO_PRACTICE_B}'s submitted`);
  return { skipped: false, entries: await db.workloadEntry.count(), suggestions: await db.workloadSuggestion.count(), claims: await db.claim.count() };
}
