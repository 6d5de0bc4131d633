import "server-only";
// Reading incidents. PCSE sees every incident with its progress by region, ICB and practice (counts), and the
// import's progress and rejected rows. A practice sees only the incidents where patients now registered with it
// are affected, and only those patients (scope in the where: anything else is "not found"); every list or page
// showing an affected patient writes an audit row naming the patients shown. Commissioners get counts by region
// and ICB with disclosure control (national exact) and never a patient or a free-text description.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { HarmLevel, HarmOutcome, HarmReviewerRole, IncidentCategory, IncidentImportStatus, IncidentPaymentScheme, IncidentTriage } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { incidentItemScopeWhere } from "@/lib/auth/scope";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { normalisePrefixedReference } from "@/lib/movements/reference";
import { prismaSql } from "@/lib/db/sql";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { disclose } from "@/lib/service-levels/policy";
import { londonDate } from "@/lib/nhs/working-days";
import { daysBetween, signOffProblems } from "@/lib/incidents/rules";
import { describeScheme, paymentFor, paymentTermsSchema } from "@/lib/incidents/payment";

export type IncidentSummary = {
  reference: string;
  title: string;
  category: IncidentCategory;
  responsibleOrganisation: string;
  discoveredOn: string;
  reviewsDueDate: string;
  paymentScheme: IncidentPaymentScheme;
  schemeText: string;
  status: "OPEN" | "CLOSED";
  createdAt: string;
};

type IncidentRow = { reference: string; title: string; category: IncidentCategory; responsibleOrganisation: string; discoveredOn: Date; reviewsDueDate: Date; paymentScheme: IncidentPaymentScheme; paymentTerms: unknown; status: "OPEN" | "CLOSED"; createdAt: Date };

const incidentSelect = { id: true, reference: true, title: true, category: true, responsibleOrganisation: true, discoveredOn: true, reviewsDueDate: true, paymentScheme: true, paymentTerms: true, status: true, createdAt: true } as const;

function summary(i: IncidentRow): IncidentSummary {
  return {
    reference: i.reference,
    title: i.title,
    category: i.category,
    responsibleOrganisation: i.responsibleOrganisation,
    discoveredOn: i.discoveredOn.toISOString().slice(0, 10),
    reviewsDueDate: i.reviewsDueDate.toISOString().slice(0, 10),
    paymentScheme: i.paymentScheme,
    schemeText: describeScheme(i.paymentScheme, paymentTermsSchema.parse(i.paymentTerms)),
    status: i.status,
    createdAt: i.createdAt.toISOString(),
  };
}

export type Progress = { items: number; reviewed: number; practices: number; practicesStarted: number; practicesSigned: number; noHarm: number; potentialHarm: number; harm: number };

const emptyProgress = (): Progress => ({ items: 0, reviewed: 0, practices: 0, practicesStarted: 0, practicesSigned: 0, noHarm: 0, potentialHarm: 0, harm: 0 });

/** Per-practice counts of one incident (or of every incident), the base of every progress figure. */
async function practiceCounts(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return [];
  return db.$queryRaw<{ incidentId: string; practiceId: string; regionCode: string | null; icbCode: string | null; items: number; high: number; reviewed: number; noHarm: number; potentialHarm: number; harm: number; signed: boolean; lastChasedAt: Date | null }[]>`
    SELECT i."incidentId", i."practiceId", min(i."regionCode") AS "regionCode", min(i."icbCode") AS "icbCode", count(*)::int AS items,
           count(*) FILTER (WHERE i.priority = 'HIGH')::int AS high,
           count(r.id)::int AS reviewed,
           count(*) FILTER (WHERE r.outcome = 'NO_HARM')::int AS "noHarm",
           count(*) FILTER (WHERE r.outcome = 'POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW')::int AS "potentialHarm",
           count(*) FILTER (WHERE r.outcome = 'HARM_IDENTIFIED')::int AS harm,
           EXISTS (SELECT 1 FROM "IncidentPracticeReturn" x WHERE x."incidentId" = i."incidentId" AND x."practiceId" = i."practiceId") AS signed,
           (SELECT max(c."chasedAt") FROM "IncidentChase" c WHERE c."incidentId" = i."incidentId" AND c."practiceId" = i."practiceId") AS "lastChasedAt"
    FROM "IncidentItem" i LEFT JOIN "HarmReview" r ON r."itemId" = i.id
    WHERE i."incidentId" = ANY(${incidentIds}::uuid[])
    GROUP BY i."incidentId", i."practiceId"`;
}

type PracticeCount = Awaited<ReturnType<typeof practiceCounts>>[number];

function addUp(rows: readonly PracticeCount[]): Progress {
  const p = emptyProgress();
  for (const r of rows) {
    p.items += r.items;
    p.reviewed += r.reviewed;
    p.practices += 1;
    if (r.reviewed > 0 || r.signed) p.practicesStarted += 1;
    if (r.signed) p.practicesSigned += 1;
    p.noHarm += r.noHarm;
    p.potentialHarm += r.potentialHarm;
    p.harm += r.harm;
  }
  return p;
}

/** PCSE's list of incidents, newest first, with their progress. */
export async function listIncidents(db: Db, actor: Actor | null): Promise<(IncidentSummary & { progress: Progress })[]> {
  requirePermission(actor, "incident:read:any");
  const incidents = await db.incident.findMany({ select: incidentSelect, orderBy: { createdAt: "desc" }, take: 200 });
  const counts = await practiceCounts(db, incidents.map((i) => i.id));
  return incidents.map((i) => ({ ...summary(i), progress: addUp(counts.filter((c) => c.incidentId === i.id)) }));
}

export type ImportView = { id: string; fileName: string; status: IncidentImportStatus; rowsRead: number; rowsTotal: number | null; accepted: number; rejected: number; movementsLinked: number; movementsCreated: number; problem: string | null; startedAt: string; finishedAt: string | null };

const importSelect = { id: true, fileName: true, status: true, rowsRead: true, rowsTotal: true, accepted: true, rejected: true, movementsLinked: true, movementsCreated: true, problem: true, startedAt: true, finishedAt: true } as const;

function importView(i: { id: string; fileName: string; status: IncidentImportStatus; rowsRead: number; rowsTotal: number | null; accepted: number; rejected: number; movementsLinked: number; movementsCreated: number; problem: string | null; startedAt: Date; finishedAt: Date | null }): ImportView {
  return { ...i, startedAt: i.startedAt.toISOString(), finishedAt: i.finishedAt?.toISOString() ?? null };
}

export const incidentDetailSchema = z.object({
  practices: z.enum(["all", "not-started", "in-progress", "signed"]).catch("all"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const PRACTICES_PAGE_SIZE = 50;

export type GroupProgress = Progress & { code: string | null; name: string };
export type PracticeProgress = { practiceId: string; odsCode: string; name: string; regionCode: string | null; icbCode: string | null; items: number; high: number; reviewed: number; noHarm: number; potentialHarm: number; harm: number; signed: boolean; state: "not-started" | "in-progress" | "signed"; lastChasedAt: string | null };

export async function getIncident(db: Db, actor: Actor | null, reference: string, raw: Record<string, unknown> = {}) {
  requirePermission(actor, "incident:read:any");
  const params = incidentDetailSchema.parse(raw);
  const ref = normalisePrefixedReference(reference, "IN");
  const incident = ref ? await db.incident.findUnique({ where: { reference: ref }, select: incidentSelect }) : null;
  if (!incident) throw new NotFoundError("The incident");
  const [counts, latestImport, regions, icbs] = await Promise.all([
    practiceCounts(db, [incident.id]),
    db.incidentImport.findFirst({ where: { incidentId: incident.id }, orderBy: { startedAt: "desc" }, select: importSelect }),
    db.region.findMany({ select: { code: true, name: true } }),
    db.icb.findMany({ select: { code: true, name: true } }),
  ]);
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const icbName = new Map(icbs.map((r) => [r.code, r.name]));
  const group = (key: (c: PracticeCount) => string | null, name: (code: string | null) => string): GroupProgress[] => {
    const by = new Map<string | null, PracticeCount[]>();
    for (const c of counts) by.set(key(c), [...(by.get(key(c)) ?? []), c]);
    return [...by.entries()].map(([code, rows]) => ({ code, name: name(code), ...addUp(rows) })).sort((a, b) => a.name.localeCompare(b.name));
  };
  const stateOf = (c: PracticeCount): PracticeProgress["state"] => (c.signed ? "signed" : c.reviewed > 0 ? "in-progress" : "not-started");
  const filtered = counts.filter((c) => params.practices === "all" || stateOf(c) === params.practices);
  // Practices not started first (the ones to chase), then by how much is left.
  filtered.sort((a, b) => ["not-started", "in-progress", "signed"].indexOf(stateOf(a)) - ["not-started", "in-progress", "signed"].indexOf(stateOf(b)) || b.items - b.reviewed - (a.items - a.reviewed));
  const pageRows = filtered.slice((params.page - 1) * PRACTICES_PAGE_SIZE, params.page * PRACTICES_PAGE_SIZE);
  const orgs = await db.organisation.findMany({ where: { id: { in: pageRows.map((r) => r.practiceId) } }, select: { id: true, odsCode: true, name: true } });
  const org = new Map(orgs.map((o) => [o.id, o]));
  return {
    incident: summary(incident),
    params,
    totals: addUp(counts),
    latestImport: latestImport ? importView(latestImport) : null,
    byRegion: group((c) => c.regionCode, (code) => (code ? (regionName.get(code) ?? code) : "Outside an NHS England region")),
    byIcb: group((c) => c.icbCode, (code) => (code ? (icbName.get(code) ?? code) : "No ICB")),
    notStarted: counts.filter((c) => stateOf(c) === "not-started").length,
    practices: pageRows.map((c) => ({
      practiceId: c.practiceId,
      odsCode: org.get(c.practiceId)?.odsCode ?? "",
      name: org.get(c.practiceId)?.name ?? "",
      regionCode: c.regionCode,
      icbCode: c.icbCode,
      items: c.items,
      high: c.high,
      reviewed: c.reviewed,
      noHarm: c.noHarm,
      potentialHarm: c.potentialHarm,
      harm: c.harm,
      signed: c.signed,
      state: stateOf(c),
      lastChasedAt: c.lastChasedAt?.toISOString() ?? null,
    })),
    practiceCount: filtered.length,
    pageCount: Math.max(1, Math.ceil(filtered.length / PRACTICES_PAGE_SIZE)),
  };
}

/** The latest import's progress (the import page polls this). */
export async function importProgress(db: Db, actor: Actor | null, reference: string): Promise<ImportView | null> {
  requirePermission(actor, "incident:manage");
  const ref = normalisePrefixedReference(reference, "IN");
  const incident = ref ? await db.incident.findUnique({ where: { reference: ref }, select: { id: true } }) : null;
  if (!incident) throw new NotFoundError("The incident");
  const latest = await db.incidentImport.findFirst({ where: { incidentId: incident.id }, orderBy: { startedAt: "desc" }, select: importSelect });
  return latest ? importView(latest) : null;
}

export const REJECTED_REPORT_COLUMNS = ["row", "problem", "nhs_number", "practice_ods_code", "held_from", "released_on", "movement_reference", "priority", "family_name", "given_name", "date_of_birth"] as const;

/**
 * The rejected rows of an import, in pages of `batch` (the report is streamed as CSV). The rows hold NHS numbers:
 * PCSE supervisors only, and downloading the report is audited.
 */
export async function rejectedRows(db: Db, actor: Actor | null, reference: string, importId: string | null, batch = 2_000): Promise<{ fileName: string; rows: AsyncGenerator<string[]> }> {
  requirePermission(actor, "incident:manage");
  const ref = normalisePrefixedReference(reference, "IN");
  const incident = ref ? await db.incident.findUnique({ where: { reference: ref }, select: { id: true, reference: true } }) : null;
  if (!incident) throw new NotFoundError("The incident");
  const imp = await db.incidentImport.findFirst({ where: { incidentId: incident.id, ...(importId ? { id: importId } : {}) }, orderBy: { startedAt: "desc" }, select: { id: true, fileName: true } });
  if (!imp) throw new NotFoundError("The import");
  await recordAuditEvent(db, { actor, action: "VIEW_INCIDENT_PATIENTS", entityType: "IncidentImport", entityId: imp.id, details: { reference: incident.reference, report: "rejected-rows" } });
  async function* rows(): AsyncGenerator<string[]> {
    for (let after = 0; ; ) {
      const page = await db.incidentImportRow.findMany({ where: { importId: imp!.id, rowNumber: { gt: after }, problem: { not: null } }, orderBy: { rowNumber: "asc" }, take: batch });
      if (page.length === 0) return;
      for (const r of page) yield [String(r.rowNumber), r.problem ?? "", r.nhsNumber ?? "", r.practiceOdsCode ?? "", r.heldFrom ?? "", r.releasedOn ?? "", r.movementReference ?? "", r.priority ?? "", r.familyName ?? "", r.givenName ?? "", r.dateOfBirth ?? ""];
      after = page[page.length - 1].rowNumber;
    }
  }
  return { fileName: `${incident.reference}-rejected-rows-${imp.id.slice(0, 8)}.csv`, rows: rows() };
}

// ---------------------------------------------------------------------------------------------------
// The practice's view
// ---------------------------------------------------------------------------------------------------

export type PracticeIncidentRow = IncidentSummary & { items: number; high: number; reviewed: number; signed: boolean };

/** The incidents with patients now registered with the actor's practice. */
export async function listPracticeIncidents(db: Db, actor: Actor | null): Promise<PracticeIncidentRow[]> {
  requirePermission(actor, "incident:review");
  const scope = incidentItemScopeWhere(actor);
  const groups = await db.incidentItem.groupBy({ by: ["incidentId"], where: scope, _count: { _all: true } });
  if (groups.length === 0) return [];
  const ids = groups.map((g) => g.incidentId);
  const [incidents, high, reviewed, returns] = await Promise.all([
    db.incident.findMany({ where: { id: { in: ids } }, select: incidentSelect, orderBy: { createdAt: "desc" } }),
    db.incidentItem.groupBy({ by: ["incidentId"], where: { AND: [scope, { priority: "HIGH" }] }, _count: { _all: true } }),
    db.harmReview.groupBy({ by: ["incidentId"], where: { incidentId: { in: ids }, practiceId: { in: actor.scopeOrganisationIds } }, _count: { _all: true } }),
    db.incidentPracticeReturn.findMany({ where: { incidentId: { in: ids }, practiceId: { in: actor.scopeOrganisationIds } }, select: { incidentId: true } }),
  ]);
  const n = (list: { incidentId: string; _count: { _all: number } }[], id: string) => list.find((g) => g.incidentId === id)?._count._all ?? 0;
  return incidents.map((i) => ({ ...summary(i), items: n(groups, i.id), high: n(high, i.id), reviewed: n(reviewed, i.id), signed: returns.some((r) => r.incidentId === i.id) }));
}

export const practiceIncidentSchema = z.object({
  show: z.enum(["to-review", "reviewed", "all"]).catch("to-review"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const PATIENTS_PAGE_SIZE = 100;

export type AffectedPatient = {
  itemId: string;
  nhsNumber: string;
  name: string | null;
  priority: IncidentTriage;
  heldFrom: string;
  releasedOn: string | null;
  /** Days held: to release, or to today while still held. */
  delayDays: number;
  movementReference: string | null;
  outcome: HarmOutcome | null;
  harmLevel: HarmLevel | null;
};

/** One incident as the practice sees it: its patients (high priority first), the return and the payment. Audited. */
export async function getPracticeIncident(db: Db, actor: Actor | null, reference: string, raw: Record<string, unknown> = {}, now = new Date()) {
  requirePermission(actor, "incident:review");
  const params = practiceIncidentSchema.parse(raw);
  const ref = normalisePrefixedReference(reference, "IN");
  const incident = ref ? await db.incident.findUnique({ where: { reference: ref }, select: incidentSelect }) : null;
  if (!incident) throw new NotFoundError("The incident");
  const scope = { AND: [incidentItemScopeWhere(actor), { incidentId: incident.id }] };
  const states = await db.incidentItem.findMany({ where: scope, select: { review: { select: { outcome: true, harmLevel: true, patientInformed: true } } } });
  if (states.length === 0) throw new NotFoundError("The incident");
  const where = params.show === "to-review" ? { AND: [scope, { review: { is: null } }] } : params.show === "reviewed" ? { AND: [scope, { review: { isNot: null } }] } : scope;
  const [items, shownCount, ret] = await Promise.all([
    db.incidentItem.findMany({
      where,
      select: { id: true, patientId: true, nhsNumber: true, priority: true, heldFrom: true, releasedOn: true, movement: { select: { reference: true, patientFamilyName: true, patientGivenName: true } }, review: { select: { outcome: true, harmLevel: true } } },
      orderBy: [{ priority: "asc" }, { heldFrom: "asc" }, { nhsNumber: "asc" }],
      skip: (params.page - 1) * PATIENTS_PAGE_SIZE,
      take: PATIENTS_PAGE_SIZE,
    }),
    db.incidentItem.count({ where }),
    db.incidentPracticeReturn.findFirst({ where: { incidentId: incident.id, practiceId: { in: actor.scopeOrganisationIds } }, select: { itemCount: true, harmCount: true, nilReturn: true, paymentPence: true, signedByName: true, signedAt: true } }),
  ]);
  if (items.length) await recordAuditEvent(db, { actor, action: "VIEW_INCIDENT_PATIENTS", entityType: "Incident", entityId: incident.id, details: { reference: incident.reference, page: params.page, patientIds: items.map((i) => i.patientId) } });
  const today = londonDate(now);
  const stateList = states.map((s) => ({ outcome: s.review?.outcome ?? null, harmLevel: s.review?.harmLevel ?? null, patientInformed: s.review?.patientInformed ?? false }));
  const terms = paymentTermsSchema.parse(incident.paymentTerms);
  return {
    incident: summary(incident),
    params,
    counts: {
      items: states.length,
      reviewed: stateList.filter((s) => s.outcome).length,
      noHarm: stateList.filter((s) => s.outcome === "NO_HARM").length,
      potentialHarm: stateList.filter((s) => s.outcome === "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW").length,
      harm: stateList.filter((s) => s.outcome === "HARM_IDENTIFIED").length,
    },
    patients: items.map((i): AffectedPatient => {
      const heldFrom = i.heldFrom.toISOString().slice(0, 10);
      const releasedOn = i.releasedOn?.toISOString().slice(0, 10) ?? null;
      return {
        itemId: i.id,
        nhsNumber: i.nhsNumber,
        name: i.movement ? `${i.movement.patientFamilyName.toUpperCase()}, ${i.movement.patientGivenName}` : null,
        priority: i.priority,
        heldFrom,
        releasedOn,
        delayDays: daysBetween(heldFrom, releasedOn ?? today),
        movementReference: i.movement?.reference ?? null,
        outcome: i.review?.outcome ?? null,
        harmLevel: i.review?.harmLevel ?? null,
      };
    }),
    shownCount,
    pageCount: Math.max(1, Math.ceil(shownCount / PATIENTS_PAGE_SIZE)),
    signOffProblems: signOffProblems(stateList),
    paymentPence: paymentFor(incident.paymentScheme, terms, states.length),
    signedReturn: ret ? { ...ret, signedAt: ret.signedAt.toISOString() } : null,
  };
}

export type ReviewView = {
  outcome: HarmOutcome;
  harmLevel: HarmLevel | null;
  harmDescription: string | null;
  patientInformed: boolean;
  patientInformedOn: string | null;
  actionsTaken: string | null;
  reviewerRole: HarmReviewerRole;
  minutesSpent: number;
  reviewedAt: string;
  version: number;
};

/** One affected patient and their review (the review form). Audited as a view of the patient. */
export async function getAffectedPatient(db: Db, actor: Actor | null, reference: string, itemId: string, now = new Date()) {
  // The practice reviewing, or PCSE (the scope below says which patients).
  requirePermission(actor, actor && can(actor.role, "incident:read:any") ? "incident:read:any" : "incident:review");
  const ref = normalisePrefixedReference(reference, "IN");
  const incident = ref ? await db.incident.findUnique({ where: { reference: ref }, select: incidentSelect }) : null;
  if (!incident || !z.string().uuid().safeParse(itemId).success) throw new NotFoundError("The patient");
  const item = await db.incidentItem.findFirst({
    where: { AND: [incidentItemScopeWhere(actor), { id: itemId, incidentId: incident.id }] },
    select: { id: true, patientId: true, nhsNumber: true, priority: true, heldFrom: true, releasedOn: true, practiceId: true, movement: { select: { reference: true, patientFamilyName: true, patientGivenName: true, patientDateOfBirth: true, status: true } }, review: true },
  });
  if (!item) throw new NotFoundError("The patient");
  const signed = await db.incidentPracticeReturn.count({ where: { incidentId: incident.id, practiceId: item.practiceId } });
  await recordAuditEvent(db, { actor, action: "VIEW_INCIDENT_PATIENT", entityType: "IncidentItem", entityId: item.id, patientId: item.patientId, details: { reference: incident.reference } });
  const heldFrom = item.heldFrom.toISOString().slice(0, 10);
  const releasedOn = item.releasedOn?.toISOString().slice(0, 10) ?? null;
  const r = item.review;
  return {
    incident: summary(incident),
    itemId: item.id,
    nhsNumber: item.nhsNumber,
    name: item.movement ? `${item.movement.patientFamilyName.toUpperCase()}, ${item.movement.patientGivenName}` : null,
    dateOfBirth: item.movement?.patientDateOfBirth.toISOString().slice(0, 10) ?? null,
    movementReference: item.movement?.reference ?? null,
    priority: item.priority,
    heldFrom,
    releasedOn,
    delayDays: daysBetween(heldFrom, releasedOn ?? londonDate(now)),
    locked: signed > 0 || incident.status !== "OPEN",
    review: r
      ? ({
          outcome: r.outcome,
          harmLevel: r.harmLevel,
          harmDescription: r.harmDescription,
          patientInformed: r.patientInformed,
          patientInformedOn: r.patientInformedOn?.toISOString().slice(0, 10) ?? null,
          actionsTaken: r.actionsTaken,
          reviewerRole: r.reviewerRole,
          minutesSpent: r.minutesSpent,
          reviewedAt: r.reviewedAt.toISOString(),
          version: r.version,
        } satisfies ReviewView)
      : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Commissioners: counts only, with disclosure control below national level
// ---------------------------------------------------------------------------------------------------

/** A suppressed count is null (shown as *); a percentage from a suppressed count is null too. */
export type DisclosedCounts = { items: number | null; reviewed: number | null; harm: number | null; reviewedPercent: number | null; practices: number; practicesSigned: number };

export type CommissionerIncident = { reference: string; title: string; category: IncidentCategory; discoveredOn: string; reviewsDueDate: string; national: DisclosedCounts | null; regions: (DisclosedCounts & { code: string | null; name: string })[]; icbs: (DisclosedCounts & { code: string | null; name: string; regionCode: string | null })[] };

/**
 * Incidents as commissioners see them: affected patients, reviews and harm found by region and ICB. Counts of
 * patients are disclosure-controlled below national level (the policy's rule: 1-7 as *, others to the nearest 5;
 * a percentage from a suppressed count suppressed); counts of practices are not about individuals and are exact.
 * A regional commissioner sees their own region only, and no national line.
 */
export async function commissionerIncidents(db: Db, actor: Actor | null, now = new Date()): Promise<CommissionerIncident[]> {
  requirePermission(actor, "dashboard:read");
  const sql = prismaSql(db);
  const rules = (await policyRules(sql, await versionInForce(sql, londonDate(now)))).disclosure;
  const incidents = await db.incident.findMany({ select: incidentSelect, orderBy: { createdAt: "desc" }, take: 50 });
  const counts = (await practiceCounts(db, incidents.map((i) => i.id))).filter((c) => !actor.regionCode || c.regionCode === actor.regionCode);
  const [regions, icbs] = await Promise.all([db.region.findMany({ select: { code: true, name: true } }), db.icb.findMany({ select: { code: true, name: true, regionCode: true } })]);
  const disclosed = (rows: PracticeCount[], national: boolean): DisclosedCounts => {
    const p = addUp(rows);
    const items = disclose(p.items, rules, national);
    const reviewed = disclose(p.reviewed, rules, national);
    const harm = disclose(p.harm, rules, national);
    return { items, reviewed, harm, reviewedPercent: items === null || reviewed === null || items === 0 ? null : Math.round((reviewed / items) * 100), practices: p.practices, practicesSigned: p.practicesSigned };
  };
  return incidents.map((i) => {
    const rows = counts.filter((c) => c.incidentId === i.id);
    const byKey = <K extends string | null>(key: (c: PracticeCount) => K) => {
      const m = new Map<K, PracticeCount[]>();
      for (const c of rows) m.set(key(c), [...(m.get(key(c)) ?? []), c]);
      return m;
    };
    return {
      reference: i.reference,
      title: i.title,
      category: i.category,
      discoveredOn: i.discoveredOn.toISOString().slice(0, 10),
      reviewsDueDate: i.reviewsDueDate.toISOString().slice(0, 10),
      national: actor.regionCode ? null : disclosed(rows, true),
      regions: [...byKey((c) => c.regionCode).entries()].map(([code, r]) => ({ code, name: code ? (regions.find((x) => x.code === code)?.name ?? code) : "Outside an NHS England region", ...disclosed(r, false) })).sort((a, b) => a.name.localeCompare(b.name)),
      icbs: [...byKey((c) => c.icbCode).entries()].map(([code, r]) => {
        const icb = icbs.find((x) => x.code === code);
        return { code, name: icb?.name ?? (code ?? "No ICB"), regionCode: icb?.regionCode ?? null, ...disclosed(r, false) };
      }).sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}
