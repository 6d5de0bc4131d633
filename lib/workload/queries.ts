import "server-only";
// Reading the workload log: the suggestions waiting for the signed-in person, the entries (staff their own; a
// manager the practice's), one entry with its history, the manager's view (this month and the last 12: hours and
// cost by task, grade and cause, minutes per record moved, the national median per 100 records), the rates in force
// and the administrator's task list. Nothing here selects a patient identifier: entries point at references.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { StaffGrade, WorkloadCause, WorkloadEntrySource } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { workloadEntryScopeWhere } from "@/lib/auth/scope";
import { NotFoundError } from "@/lib/errors";
import { prismaSql } from "@/lib/db/sql";
import { londonDate } from "@/lib/nhs/working-days";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { rateInForce, ratesFor } from "@/lib/workload/costs";
import { LOCKED_BY_CLAIM } from "@/lib/workload/commands";
import { lastTwelveMonths, monthFigures, nationalComparison, totalsOf, type GroupedRow, type MonthFigure, type NationalComparison, type Totals } from "@/lib/workload/figures";
import { CAUSE_LABELS, GRADE_LABELS, SOURCE_LABELS, STAFF_GRADES } from "@/lib/workload/schemas";

export type TaskOption = { code: string; name: string; description: string; defaultMinutes: number; basis: string; defaultCause: WorkloadCause; clinical: boolean };

/** The grade a person's next entry starts with: the one they used last, else their role's usual grade. */
const roleGrade = (actor: Actor): StaffGrade => (actor.role === "PRACTICE_MANAGER" ? "PRACTICE_MANAGER" : "ADMINISTRATOR");

async function defaultGrade(db: Db, actor: Actor): Promise<StaffGrade> {
  const last = await db.workloadEntry.findFirst({ where: { createdById: actor.id }, orderBy: { createdAt: "desc" }, select: { grade: true } });
  return last?.grade ?? roleGrade(actor);
}

/**
 * `recorded`: the minutes are the ones the person recorded with the action (a harm review's), not quantity × the
 * task's default. `grade`: the grade the action implies (a harm review's reviewer), else null.
 */
export type SuggestionView = { id: string; summary: string; taskCode: string; taskName: string; quantity: number; perItem: number; suggestedMinutes: number; recorded: boolean; grade: StaffGrade | null; cause: WorkloadCause; date: string };

/** The suggestions waiting for the signed-in person (newest first), with the grade their answer starts with. */
export async function pendingSuggestions(db: Db, actor: Actor | null, limit = 10): Promise<{ suggestions: SuggestionView[]; total: number; defaultGrade: StaffGrade }> {
  requirePermission(actor, "workload:log");
  // On every practice page, so one plain statement (a Prisma call costs the server a query compilation, 2-3 ms of
  // CPU: docs/database.md), with the count in it; the grade the forms start at only when there are forms. The scope is
  // its where: the actor's own suggestions, for their practice tree.
  const take = Math.min(Math.max(1, limit), 100);
  const rows = await db.$queryRawUnsafe<{ id: string; summary: string; taskCode: string; trigger: string; grade: StaffGrade | null; quantity: number; suggestedMinutes: number; cause: WorkloadCause; date: string; taskName: string; perItem: number; total: number }[]>(
    `SELECT s.id, s.summary, s."taskCode", s.trigger::text AS trigger, s.grade::text AS grade, s.quantity, s."suggestedMinutes", s.cause::text AS cause,
            to_char(s.date, 'YYYY-MM-DD') AS date, t.name AS "taskName", t."defaultMinutes" AS "perItem", (count(*) OVER ())::int AS total
       FROM "WorkloadSuggestion" s JOIN "WorkloadTask" t ON t.code = s."taskCode"
      WHERE s."userId" = $1::uuid AND s.status = 'PENDING' AND s."organisationId" = ANY($2::uuid[])
      ORDER BY s."createdAt" DESC, s.id
      LIMIT $3`,
    actor.id,
    actor.scopeOrganisationIds,
    take,
  );
  if (rows.length === 0) return { suggestions: [], total: 0, defaultGrade: roleGrade(actor) };
  const grade = await defaultGrade(db, actor);
  return {
    suggestions: rows.map((s) => ({
      id: s.id,
      summary: s.summary,
      taskCode: s.taskCode,
      taskName: s.taskName,
      quantity: s.quantity,
      perItem: s.perItem,
      suggestedMinutes: s.suggestedMinutes,
      recorded: s.trigger === "HARM_REVIEW_RECORDED",
      grade: s.grade,
      cause: s.cause,
      date: s.date,
    })),
    total: rows[0].total,
    defaultGrade: grade,
  };
}

/** What the entry form offers: the active tasks with their defaults, the practice's sites, the grade to start with. */
export async function workloadFormOptions(db: Db, actor: Actor | null): Promise<{ tasks: TaskOption[]; sites: { id: string; name: string; odsCode: string }[]; defaultGrade: StaffGrade }> {
  requirePermission(actor, "workload:log");
  const [tasks, sites, grade] = await Promise.all([
    db.workloadTask.findMany({ where: { active: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { code: true, name: true, description: true, defaultMinutes: true, basis: true, defaultCause: true, clinical: true } }),
    db.organisation.findMany({ where: { id: { in: actor.scopeOrganisationIds } }, select: { id: true, name: true, odsCode: true, parentId: true }, orderBy: { name: "asc" } }),
    defaultGrade(db, actor),
  ]);
  return { tasks, sites: [...sites].sort((a, b) => Number(Boolean(a.parentId)) - Number(Boolean(b.parentId))).map(({ id, name, odsCode }) => ({ id, name, odsCode })), defaultGrade: grade };
}

export const entryListSchema = z.object({
  who: z.enum(["mine", "practice"]).catch("practice"),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type EntryRow = {
  id: string;
  date: string;
  taskName: string;
  grade: StaffGrade;
  gradeLabel: string;
  quantity: number;
  minutes: number;
  suggestedMinutes: number | null;
  cause: WorkloadCause;
  causeLabel: string;
  source: WorkloadEntrySource;
  sourceLabel: string;
  reference: string | null;
  costPence: number;
  version: number;
  withdrawn: boolean;
  locked: boolean;
  mine: boolean;
  by: string | null;
};

const PAGE = 50;

const rowSelect = {
  id: true,
  date: true,
  grade: true,
  quantity: true,
  minutes: true,
  suggestedMinutes: true,
  cause: true,
  source: true,
  costPence: true,
  version: true,
  withdrawnAt: true,
  createdById: true,
  task: { select: { name: true } },
  incident: { select: { reference: true } },
  movement: { select: { reference: true } },
  collection: { select: { reference: true } },
  case: { select: { reference: true } },
  createdBy: { select: { name: true } },
  _count: { select: { movements: true } },
} satisfies Prisma.WorkloadEntrySelect;

type RowRecord = Prisma.WorkloadEntryGetPayload<{ select: typeof rowSelect }>;

/** An entry's links as one reference for a list (a batch: "12 records"). */
function referenceOf(r: Pick<RowRecord, "movement" | "collection" | "case" | "incident" | "_count">): string | null {
  const parts = [r.case?.reference, r.collection?.reference, r.movement?.reference ?? (r._count.movements > 1 ? `${r._count.movements} records` : null), r.incident?.reference].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

/** The log: a person's own entries, or (a manager) the practice's, newest first, with the totals of the selection. */
export async function listWorkloadEntries(db: Db, actor: Actor | null, raw: Record<string, unknown> = {}): Promise<{ rows: EntryRow[]; who: "mine" | "practice"; month: string | null; page: number; pages: number; total: number; minutes: number; costPence: number; manager: boolean }> {
  requirePermission(actor, "workload:log");
  const params = entryListSchema.parse(raw);
  const manager = can(actor.role, "workload:manage");
  const who = manager ? params.who : "mine";
  const filters: Prisma.WorkloadEntryWhereInput[] = [workloadEntryScopeWhere(actor)];
  if (who === "mine") filters.push({ createdById: actor.id });
  if (params.month) {
    const [y, m] = params.month.split("-").map(Number);
    filters.push({ date: { gte: new Date(Date.UTC(y, m - 1, 1)), lt: new Date(Date.UTC(y, m, 1)) } });
  }
  const where: Prisma.WorkloadEntryWhereInput = { AND: filters };
  const [total, sums] = await Promise.all([db.workloadEntry.count({ where }), db.workloadEntry.aggregate({ where: { AND: [...filters, { withdrawnAt: null }] }, _sum: { minutes: true, costPence: true } })]);
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const page = Math.min(params.page, pages);
  const rows = await db.workloadEntry.findMany({ where, select: rowSelect, orderBy: [{ date: "desc" }, { createdAt: "desc" }], skip: (page - 1) * PAGE, take: PAGE });
  const locked = new Set((await db.workloadEntry.findMany({ where: { AND: [{ id: { in: rows.map((r) => r.id) } }, LOCKED_BY_CLAIM] }, select: { id: true } })).map((r) => r.id));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      date: r.date.toISOString().slice(0, 10),
      taskName: r.task.name,
      grade: r.grade,
      gradeLabel: GRADE_LABELS[r.grade],
      quantity: r.quantity,
      minutes: r.minutes,
      suggestedMinutes: r.suggestedMinutes,
      cause: r.cause,
      causeLabel: CAUSE_LABELS[r.cause],
      source: r.source,
      sourceLabel: SOURCE_LABELS[r.source],
      reference: referenceOf(r),
      costPence: r.costPence,
      version: r.version,
      withdrawn: Boolean(r.withdrawnAt),
      locked: locked.has(r.id),
      mine: r.createdById === actor.id,
      by: manager ? r.createdBy.name : null,
    })),
    who,
    month: params.month ?? null,
    page,
    pages,
    total,
    minutes: sums._sum.minutes ?? 0,
    costPence: sums._sum.costPence ?? 0,
    manager,
  };
}

export type EntryDetail = {
  id: string;
  date: string;
  taskCode: string;
  taskName: string;
  grade: StaffGrade;
  quantity: number;
  minutes: number;
  suggestedMinutes: number | null;
  cause: WorkloadCause;
  source: WorkloadEntrySource;
  siteId: string;
  siteName: string;
  note: string | null;
  reference: string | null;
  /** Every movement a batch entry covers. */
  movementReferences: string[];
  batch: boolean;
  ratePencePerHour: number;
  rateSource: string | null;
  costPence: number;
  version: number;
  withdrawn: boolean;
  locked: boolean;
  by: string;
  createdAt: string;
  history: { version: number; change: string; changedAt: string; by: string; minutes: number; taskCode: string; grade: StaffGrade; date: string; cause: WorkloadCause }[];
};

/** One entry with its links and every earlier version; "not found" outside the actor's scope (staff: their own). */
export async function getWorkloadEntry(db: Db, actor: Actor | null, id: string): Promise<EntryDetail> {
  requirePermission(actor, "workload:log");
  if (!z.string().uuid().safeParse(id).success) throw new NotFoundError("The entry");
  const e = await db.workloadEntry.findFirst({
    where: { AND: [{ id }, workloadEntryScopeWhere(actor)] },
    select: {
      ...rowSelect,
      taskCode: true,
      siteId: true,
      note: true,
      ratePencePerHour: true,
      createdAt: true,
      site: { select: { name: true, odsCode: true } },
      rate: { select: { source: true } },
      movements: { select: { movement: { select: { reference: true } } }, take: 1000 },
      versions: { orderBy: { version: "asc" }, select: { version: true, change: true, changedAt: true, changedById: true, snapshot: true } },
    },
  });
  if (!e) throw new NotFoundError("The entry");
  const locked = (await db.workloadEntry.count({ where: { AND: [{ id: e.id }, LOCKED_BY_CLAIM] } })) > 0;
  const people = new Map((await db.user.findMany({ where: { id: { in: [...new Set(e.versions.map((v) => v.changedById))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const movementReferences = e.movements.map((m) => m.movement.reference).sort();
  return {
    id: e.id,
    date: e.date.toISOString().slice(0, 10),
    taskCode: e.taskCode,
    taskName: e.task.name,
    grade: e.grade,
    quantity: e.quantity,
    minutes: e.minutes,
    suggestedMinutes: e.suggestedMinutes,
    cause: e.cause,
    source: e.source,
    siteId: e.siteId,
    siteName: `${e.site.name} (${e.site.odsCode})`,
    note: e.note,
    reference: e.case?.reference ?? e.collection?.reference ?? e.movement?.reference ?? e.incident?.reference ?? null,
    movementReferences,
    batch: movementReferences.length > 1,
    ratePencePerHour: e.ratePencePerHour,
    rateSource: e.rate?.source ?? null,
    costPence: e.costPence,
    version: e.version,
    withdrawn: Boolean(e.withdrawnAt),
    locked,
    by: e.createdBy.name,
    createdAt: e.createdAt.toISOString(),
    history: e.versions.map((v) => {
      const s = v.snapshot as { minutes: number; taskCode: string; grade: StaffGrade; date: string; cause: WorkloadCause };
      return { version: v.version, change: v.change, changedAt: v.changedAt.toISOString(), by: people.get(v.changedById) ?? "Unknown", minutes: s.minutes, taskCode: s.taskCode, grade: s.grade, date: s.date, cause: s.cause };
    }),
  };
}

/** How long a computed national median is reused: it is the same figure for every practice and changes slowly. */
export const NATIONAL_MEDIAN_TTL_MS = 10 * 60_000;
const nationalCache = new Map<string, { at: number; value: { practices: number; median: number | null } }>();

/**
 * Minutes per 100 records moved for every practice in England logging workload in the 12 months (a practice with its
 * branch surgeries as one; only months in which it moved records here, as for the practice's own figure), then the
 * median across them. One figure for everyone: computed at most once per NATIONAL_MEDIAN_TTL_MS per process (it reads
 * the movements of every practice that logs; the commissioner dashboards' pre-aggregation can feed it later).
 */
async function nationalMedian(sql: ReturnType<typeof prismaSql>, from: string, to: string, now: Date): Promise<{ practices: number; median: number | null }> {
  const key = `${from}:${to}`;
  const hit = nationalCache.get(key);
  if (hit && now.getTime() - hit.at < NATIONAL_MEDIAN_TTL_MS && hit.at <= now.getTime()) return hit.value;
  const [row] = await sql.query<{ practices: number; median: number | null }>(
    `WITH w AS (
         SELECT e."organisationId" AS org, to_char(e.date, 'YYYY-MM') AS month, sum(e.minutes) AS mins FROM "WorkloadEntry" e
          WHERE e."withdrawnAt" IS NULL AND e.date >= $1::date AND e.date < $2::date GROUP BY 1, 2),
       tree AS (
         SELECT o.id, COALESCE(o."parentId", o.id) AS main FROM "Organisation" o
          WHERE o.country = 'ENGLAND' AND COALESCE(o."parentId", o.id) IN (SELECT org FROM w)),
       moved AS (
         SELECT t.main, to_char(m."createdAt" AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month FROM "RecordMovement" m JOIN tree t ON t.id = m."fromOrganisationId"
          WHERE m."createdAt" >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND m."createdAt" < ($2::date::timestamp AT TIME ZONE 'Europe/London')
         UNION ALL
         SELECT t.main, to_char(m."createdAt" AT TIME ZONE 'Europe/London', 'YYYY-MM') FROM "RecordMovement" m JOIN tree t ON t.id = m."toOrganisationId"
          WHERE m."createdAt" >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND m."createdAt" < ($2::date::timestamp AT TIME ZONE 'Europe/London')),
       mv AS (SELECT main, month, count(*) AS n FROM moved GROUP BY 1, 2),
       per AS (SELECT mv.main AS org, sum(COALESCE(w.mins, 0)) * 100.0 / sum(mv.n) AS per100 FROM mv LEFT JOIN w ON w.org = mv.main AND w.month = mv.month GROUP BY mv.main)
       SELECT count(*)::int AS practices, percentile_cont(0.5) WITHIN GROUP (ORDER BY per100)::float8 AS median FROM per`,
    [from, to],
  );
  const value = { practices: row?.practices ?? 0, median: row?.median ?? null };
  nationalCache.set(key, { at: now.getTime(), value });
  return value;
}

/** Forgets the national median computed so far (tests and the benchmark's cold runs). */
export function forgetNationalMedian(): void {
  nationalCache.clear();
}

export type WorkloadOverview = {
  practiceName: string;
  today: string;
  months: MonthFigure[];
  thisMonth: Totals;
  year: Totals;
  national: NationalComparison;
  pendingSuggestions: number;
};

/** The practice manager's view: this month and the last 12 months. Five queries, whatever the size of the log. */
export async function workloadOverview(db: Db, actor: Actor | null, now = new Date()): Promise<WorkloadOverview> {
  requirePermission(actor, "workload:manage");
  const practiceId = actor.scopeOrganisationIds[0];
  if (!practiceId) throw new NotFoundError("The practice");
  const today = londonDate(now);
  const { months, from, to } = lastTwelveMonths(today);
  const thisMonth = months[months.length - 1];
  const sql = prismaSql(db);
  const [grouped, moved, tasks, national, pending, practice, rules] = await Promise.all([
    sql.query<{ month: string; taskCode: string; grade: StaffGrade; cause: WorkloadCause; minutes: number; cost: string; entries: number }>(
      `SELECT to_char(date, 'YYYY-MM') AS month, "taskCode", grade, cause, sum(minutes)::int AS minutes, sum("costPence")::bigint AS cost, count(*)::int AS entries
         FROM "WorkloadEntry" WHERE "organisationId" = $1::uuid AND "withdrawnAt" IS NULL AND date >= $2::date AND date < $3::date
        GROUP BY 1, 2, 3, 4`,
      [practiceId, from, to],
    ),
    sql.query<{ month: string; n: number }>(
      `SELECT to_char("createdAt" AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)::int AS n
         FROM "RecordMovement" WHERE ("fromOrganisationId" = ANY($1::uuid[]) OR "toOrganisationId" = ANY($1::uuid[]))
          AND "createdAt" >= ($2::date::timestamp AT TIME ZONE 'Europe/London') AND "createdAt" < ($3::date::timestamp AT TIME ZONE 'Europe/London')
        GROUP BY 1`,
      [actor.scopeOrganisationIds, from, to],
    ),
    db.workloadTask.findMany({ select: { code: true, name: true } }),
    nationalMedian(sql, from, to, now),
    db.workloadSuggestion.count({ where: { organisationId: practiceId, status: "PENDING" } }),
    db.organisation.findUniqueOrThrow({ where: { id: practiceId }, select: { name: true, odsCode: true } }),
    versionInForce(sql, today).then((v) => policyRules(sql, v)),
  ]);
  const rows: GroupedRow[] = grouped.map((g) => ({ month: g.month, taskCode: g.taskCode, grade: g.grade, cause: g.cause, minutes: g.minutes, costPence: Number(g.cost), entries: g.entries }));
  const movementsByMonth = new Map(moved.map((m) => [m.month, m.n]));
  const taskNames = new Map(tasks.map((t) => [t.code, t.name]));
  const year = totalsOf(rows, movementsByMonth, taskNames);
  const practicePer100 = year.minutesPerRecord === null ? null : year.minutesPerRecord * 100;
  return {
    practiceName: `${practice.name} (${practice.odsCode})`,
    today,
    months: monthFigures(months, rows, movementsByMonth),
    thisMonth: totalsOf(rows.filter((r) => r.month === thisMonth), new Map([[thisMonth, movementsByMonth.get(thisMonth) ?? 0]]), taskNames),
    year,
    national: nationalComparison(national.practices, national.median, practicePer100, rules.disclosure),
    pendingSuggestions: pending,
  };
}

export type RateView = { grade: StaffGrade; gradeLabel: string; pencePerHour: number; source: string; sourceYear: string | null; effectiveFrom: string; own: boolean };

/** The rate in force today for each grade (the practice's own, or the national default), and every rate set. */
export async function practiceRates(db: Db, actor: Actor | null, now = new Date()): Promise<{ current: RateView[]; history: (RateView & { setBy: string | null; setAt: string })[]; national: RateView[] }> {
  requirePermission(actor, "workload:manage");
  const practiceId = actor.scopeOrganisationIds[0];
  if (!practiceId) throw new NotFoundError("The practice");
  const rates = await ratesFor(db, practiceId);
  const today = londonDate(now);
  const view = (r: (typeof rates)[number]): RateView => ({ grade: r.grade, gradeLabel: GRADE_LABELS[r.grade], pencePerHour: r.pencePerHour, source: r.source, sourceYear: r.sourceYear, effectiveFrom: r.effectiveFrom, own: r.organisationId !== null });
  const current = STAFF_GRADES.map((g) => rateInForce(rates, g, today)).filter((r): r is NonNullable<typeof r> => r !== null).map(view);
  const own = await db.gradeRate.findMany({ where: { organisationId: practiceId }, orderBy: [{ effectiveFrom: "desc" }, { grade: "asc" }], select: { id: true, createdAt: true, createdById: true } });
  const setters = new Map((await db.user.findMany({ where: { id: { in: own.map((o) => o.createdById).filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const meta = new Map(own.map((o) => [o.id, o]));
  return {
    current,
    history: rates
      .filter((r) => r.organisationId !== null)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || a.grade.localeCompare(b.grade))
      .map((r) => ({ ...view(r), setBy: setters.get(meta.get(r.id)?.createdById ?? "") ?? null, setAt: meta.get(r.id)?.createdAt.toISOString() ?? "" })),
    national: rates.filter((r) => r.organisationId === null).map(view),
  };
}

/** Every task, retired ones too, for the administrator. */
export async function listWorkloadTasks(db: Db, actor: Actor | null) {
  requirePermission(actor, "workload:tasks");
  return db.workloadTask.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { code: true, name: true, description: true, defaultMinutes: true, basis: true, defaultCause: true, clinical: true, active: true, updatedAt: true } });
}
