// The commissioner dashboards' rollup: every count the KPIs need, per month and practice (sending and receiving
// side, branch surgeries within their practice), summed to ICB, region and England, written to DashboardRollup.
// Built by the "dashboard-rollup" job (lib/jobs/registry.ts) after a clock sweep, never on the courier's path: the
// views read these few rows, not the movements. A month is recomputed while provisional; once its cut-off has
// passed it is computed once more, as at the cut-off, and frozen. The arithmetic is lib/dashboards/metrics.ts.
// KPI 9 (workload, claims) is counted at each level directly rather than summed from practices (see step 6).
import type { Transactions, Sql } from "@/lib/db/sql";
import type { Country, MovementType, OrganisationKind, Priority } from "@/lib/db/generated/enums";
import { loadCalendars } from "@/lib/clocks/calendars";
import { divisionFor, type Calendar } from "@/lib/clocks/calendar";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { crossBorderCountryOf, movementTargets, type PolicyRules } from "@/lib/service-levels/policy";
import { londonMidnight } from "@/lib/nhs/working-days";
import { serviceCredits, type RollupFigures } from "@/lib/dashboards/kpis";
import { proposeServiceCredits } from "@/lib/dashboards/credits";
import {
  COUNT_FIELDS,
  HISTOGRAM_FIELDS,
  addCounters,
  addToHistogram,
  backlogBand,
  countCase,
  countClaimEvent,
  countMovement,
  countWorkloadEntry,
  countUrgent,
  cutOff,
  emptyCounters,
  monthOf,
  monthStart,
  monthWindow,
  monthsBetween,
  previousMonth,
  requestedInMonth,
  waitingForCollection,
  withWorkload,
  workingDaysFrom,
  type Counters,
  type MonthKey,
  type MonthWindow,
  type MovementFacts,
} from "@/lib/dashboards/metrics";

export const DASHBOARD_SIDES = ["SENDING", "RECEIVING"] as const;
export type Side = (typeof DASHBOARD_SIDES)[number];

/** How many months back a first build (or a rebuild) goes: the 12-month trends and the month before. */
export const ROLLUP_MONTHS = 13;
/** Movements created this long before a month can still count in it (collected, delivered... later). */
const LOOKBACK_MONTHS = 12;
const SCAN_WINDOW_DAYS = 7;

type Org = { id: string; ods: string; name: string; kind: OrganisationKind; country: Country; regionCode: string | null; icbCode: string | null; parentId: string | null; closedAt: Date | null };
type Unit = { practice: Org | null; isBranch: boolean; org: Org };

/**
 * `workload`: KPI 9's counts at every level directly, keyed P:<practice id>, I:<ICB code>, R:<region code> and N
 * (England), laid over the rows by withWorkload.
 */
type MonthState = { window: MonthWindow; rules: PolicyRules; policyVersion: number; cutOffDate: string; final: boolean; counters: Map<string, Counters>; workload: Map<string, Counters> };

export type RefreshResult = { months: string[]; finalised: string[]; skippedFinal: number; movementsScanned: number; rows: number; creditsProposed: number; durationMs: number };

function unitOf(orgs: Map<string, Org>, id: string): Unit {
  const org = orgs.get(id);
  if (!org) return { practice: null, isBranch: false, org: { id, ods: "?", name: "?", kind: "PCSE_STORE", country: "ENGLAND", regionCode: null, icbCode: null, parentId: null, closedAt: null } };
  if (org.kind === "BRANCH_SURGERY" && org.parentId) {
    const parent = orgs.get(org.parentId);
    if (parent && parent.kind === "GP_PRACTICE" && parent.country === "ENGLAND") return { practice: parent, isBranch: true, org };
  }
  if (org.kind === "GP_PRACTICE" && org.country === "ENGLAND") return { practice: org, isBranch: false, org };
  return { practice: null, isBranch: false, org };
}

/** The counters of one unit on one side in one month; units outside English practices share the key OTHER. */
/** KPI 9's counters of each key given (duplicates and nulls skipped: a movement between two practices of one ICB counts once there). */
function workloadCounters(state: MonthState, keys: (string | null)[]): Counters[] {
  const out: Counters[] = [];
  for (const key of new Set(keys)) {
    if (key === null) continue;
    let c = state.workload.get(key);
    if (!c) state.workload.set(key, (c = emptyCounters()));
    out.push(c);
  }
  return out;
}

function countersFor(state: MonthState, side: Side, unit: Unit): Counters {
  const key = `${side}:${unit.practice?.id ?? "OTHER"}`;
  let c = state.counters.get(key);
  if (!c) state.counters.set(key, (c = emptyCounters()));
  return c;
}

async function loadOrganisations(sql: Sql): Promise<Map<string, Org>> {
  const rows = await sql.query<Org>(
    `SELECT id, "odsCode" AS ods, name, kind::text AS kind, country::text AS country, "regionCode", "icbCode", "parentId", "closedAt" FROM "Organisation"`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The months to compute now: from the first month with data (at most ROLLUP_MONTHS back) to the current one. */
async function monthsToCompute(sql: Sql, now: Date, rebuild: boolean): Promise<{ months: MonthKey[]; skippedFinal: number }> {
  const current = monthOf(now);
  let first = current;
  for (let i = 1; i < ROLLUP_MONTHS; i++) first = previousMonth(first);
  const [earliest] = await sql.query<{ at: Date | null }>(`SELECT min("createdAt") AS at FROM "RecordMovement"`);
  if (earliest?.at && monthOf(earliest.at) > first) first = monthOf(earliest.at);
  const all = monthsBetween(first, current);
  if (rebuild) return { months: all, skippedFinal: 0 };
  const finals = new Set((await sql.query<{ m: string }>(`SELECT to_char(month, 'YYYY-MM') AS m FROM "DashboardMonth" WHERE status = 'FINAL'`)).map((r) => r.m));
  const months = all.filter((m) => !finals.has(m));
  return { months, skippedFinal: all.length - months.length };
}

type MovementRow = MovementFacts & { id: string; fromOrganisationId: string; toOrganisationId: string };

/**
 * Recomputes the provisional months (and finalises those whose cut-off has passed). `rebuild` recomputes final months
 * too (after a correction of history: say so in the run's summary). Idempotent: a month's rows are replaced whole.
 */
export async function refreshDashboards(db: Transactions, now: Date, options: { rebuild?: boolean; log?: (line: string) => void } = {}): Promise<RefreshResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const read = <T>(fn: (sql: Sql) => Promise<T>) => db.transaction(fn);
  const { months, skippedFinal } = await read((sql) => monthsToCompute(sql, now, options.rebuild ?? false));
  if (months.length === 0) return { months: [], finalised: [], skippedFinal, movementsScanned: 0, rows: 0, creditsProposed: 0, durationMs: Date.now() - started };
  const calendars = await read((sql) => loadCalendars(sql, now.getTime()));
  const england = calendars["england-and-wales"];
  const orgs = await read(loadOrganisations);
  const calendarOf = (org: Org | undefined): Calendar => calendars[divisionFor(org?.country ?? "ENGLAND")];

  const states: MonthState[] = [];
  for (const month of months) {
    const policyVersion = await read(async (sql) => versionInForce(sql, monthStart(month)).catch(async () => (await sql.query<{ version: number }>(`SELECT min(version) AS version FROM "ServiceLevelPolicy"`))[0].version));
    const rules = await read((sql) => policyRules(sql, policyVersion));
    const { cutOffDate, finalAt } = cutOff(month, rules.kpis.cohortCutOffWorkingDays, england);
    const final = now >= finalAt;
    states.push({ window: monthWindow(month, final ? finalAt : now, now), rules, policyVersion, cutOffDate, final, counters: new Map(), workload: new Map() });
  }

  // 1. Movements, in windows of creation time (the createdAt index): each adds to every month it touches.
  const scanFrom = londonMidnight(monthStart(monthsBack(months[0], LOOKBACK_MONTHS)));
  let scanned = 0;
  for (let from = scanFrom; from < now; from = new Date(from.getTime() + SCAN_WINDOW_DAYS * 86_400_000)) {
    const to = new Date(Math.min(from.getTime() + SCAN_WINDOW_DAYS * 86_400_000, now.getTime() + 1));
    const rows = await read((sql) =>
      sql.query<MovementRow>(
        `SELECT id, type::text AS type, priority::text AS priority, status::text AS status, "fromOrganisationId", "toOrganisationId", "createdAt", "releasedAt",
                "collectedAt", "deliveredAt", "receivedAt", "statusChangedAt", "readyForCollectionAt"
           FROM "RecordMovement" WHERE "createdAt" >= $1 AND "createdAt" < $2`,
        [from, to],
      ),
    );
    scanned += rows.length;
    for (const r of rows) {
      const sender = unitOf(orgs, r.fromOrganisationId);
      const receiver = unitOf(orgs, r.toOrganisationId);
      const facts: MovementFacts = { ...r, fromCountry: sender.org.country, toCountry: receiver.org.country };
      const senderCalendar = calendarOf(sender.org);
      const receiverCalendar = calendarOf(receiver.org);
      const nation = crossBorderCountryOf(r.type as MovementType, sender.org.country, receiver.org.country);
      // The months any of its milestones fall in: only those can count it (the backlog aside).
      const touched = new Set<string>();
      for (const t of [r.createdAt, r.releasedAt, r.collectedAt, r.deliveredAt, r.receivedAt, r.statusChangedAt]) if (t) touched.add(monthOf(t));
      for (const state of states) {
        if (touched.has(state.window.month)) {
          const crossBorderTarget = nation ? movementTargets(state.rules, r.type as MovementType, r.priority as Priority, nation).delivery : null;
          // Both sides count it: a practice's sending row counts what it sent, its receiving row what it received.
          countMovement([countersFor(state, "SENDING", sender), countersFor(state, "RECEIVING", receiver)], facts, state.window, state.rules, { senderCalendar, receiverCalendar, crossBorderTarget });
          // KPI 9's denominator: once for each unit that sent or received it.
          if (requestedInMonth(facts, state.window)) {
            const [s, t] = [sender.practice, receiver.practice];
            for (const c of workloadCounters(state, ["N", s && `P:${s.id}`, t && `P:${t.id}`, s?.icbCode ? `I:${s.icbCode}` : null, t?.icbCode ? `I:${t.icbCode}` : null, s?.regionCode ? `R:${s.regionCode}` : null, t?.regionCode ? `R:${t.regionCode}` : null])) c.movementsMoved++;
          }
        }
        const readySince = waitingForCollection(facts, state.window);
        if (readySince) {
          // The backlog belongs to the site that holds the record: the sender (its branch apart).
          const band = backlogBand(workingDaysFrom(readySince, state.window.snapshotAt, senderCalendar));
          addToHistogram(countersFor(state, "SENDING", sender)[sender.isBranch ? "backlogBranch" : "backlogMain"], band);
        }
      }
    }
  }
  log(`scanned ${scanned} movements for ${months.length} month(s)`);

  // 2. Cases (KPI 4 and 7): the movement's sender and receiver; a case with no movement, the practice that raised it.
  const casesFrom = londonMidnight(monthStart(monthsBack(months[0], LOOKBACK_MONTHS)));
  const cases = await read((sql) =>
    sql.query<{ kind: string; openedAt: Date; firstResponseAt: Date | null; firstResponseBreached: boolean; resolutionClockStoppedAt: Date | null; resolutionBreached: boolean; markedMissingAt: Date | null; markedLostAt: Date | null; foundAt: Date | null; resolvedAt: Date | null; fromId: string | null; toId: string | null; raisedBy: string | null }>(
      `SELECT c.kind::text AS kind, c."openedAt", c."firstResponseAt", c."firstResponseBreached", c."resolutionClockStoppedAt", c."resolutionBreached",
              c."markedMissingAt", c."markedLostAt", c."foundAt", c."resolvedAt", mv."fromOrganisationId" AS "fromId", mv."toOrganisationId" AS "toId",
              c."raisedByOrganisationId" AS "raisedBy"
         FROM "Case" c
         LEFT JOIN LATERAL (SELECT m."fromOrganisationId", m."toOrganisationId" FROM "CaseMovement" x JOIN "RecordMovement" m ON m.id = x."movementId"
                             WHERE x."caseId" = c.id ORDER BY (x.role = 'CONCERNS') DESC, m."createdAt" LIMIT 1) mv ON true
        WHERE c."openedAt" >= $1`,
      [casesFrom],
    ),
  );
  for (const k of cases) {
    const sender = unitOf(orgs, k.fromId ?? k.raisedBy ?? "");
    const receiver = unitOf(orgs, k.toId ?? k.raisedBy ?? "");
    for (const state of states) {
      if (k.openedAt >= state.window.end) continue;
      countCase([countersFor(state, "SENDING", sender), countersFor(state, "RECEIVING", receiver)], k, state.window, state.rules, england);
    }
  }

  // 3. Problems reported at receipt (KPI 5), in the month reported.
  const firstStart = states[0].window.start;
  const problems = await read((sql) =>
    sql.query<{ kind: string; createdAt: Date; fromId: string; toId: string }>(
      `SELECT p.kind::text AS kind, p."createdAt", m."fromOrganisationId" AS "fromId", m."toOrganisationId" AS "toId"
         FROM "ProblemReport" p JOIN "RecordMovement" m ON m.id = p."movementId" WHERE p."createdAt" >= $1`,
      [firstStart],
    ),
  );
  const PROBLEM_FIELD = { WRONG_PATIENT: "wrongPatient", INCOMPLETE: "incomplete", DAMAGED: "damaged" } as const;
  for (const p of problems) {
    for (const state of states) {
      const w = state.window;
      if (p.createdAt < w.start || p.createdAt >= w.end || p.createdAt >= w.asOf) continue;
      const field = PROBLEM_FIELD[p.kind as keyof typeof PROBLEM_FIELD];
      countersFor(state, "SENDING", unitOf(orgs, p.fromId))[field]++;
      countersFor(state, "RECEIVING", unitOf(orgs, p.toId))[field]++;
    }
  }

  // 4. Urgent requests (KPI 6): the holder is the sending side, the requesting practice the receiving side.
  const urgent = await read((sql) =>
    sql.query<{ createdAt: Date; status: string; internalTargetDate: string; breachedAt: Date | null; sentAt: Date | null; holder: string; requester: string }>(
      `SELECT u."createdAt", u.status::text AS status, to_char(u."internalTargetDate", 'YYYY-MM-DD') AS "internalTargetDate", u."breachedAt",
              m."createdAt" AS "sentAt", u."holderOrganisationId" AS holder, u."requestingOrganisationId" AS requester
         FROM "UrgentRequest" u LEFT JOIN "RecordMovement" m ON m.id = u."movementId" WHERE u."createdAt" >= $1`,
      [firstStart],
    ),
  );
  for (const u of urgent) {
    for (const state of states) {
      if (monthOf(u.createdAt) !== state.window.month) continue;
      countUrgent([countersFor(state, "SENDING", unitOf(orgs, u.holder)), countersFor(state, "RECEIVING", unitOf(orgs, u.requester))], u, state.window, england);
    }
  }

  // 5. Incidents (KPI 10): harm reviews and signed returns, in the month recorded, for the reviewing practice (both
  // sides: it is the practice's work, not a movement's).
  const reviews = await read((sql) => sql.query<{ practiceId: string; outcome: string; at: Date }>(`SELECT "practiceId", outcome::text AS outcome, "reviewedAt" AS at FROM "HarmReview" WHERE "reviewedAt" >= $1`, [firstStart]));
  const returns = await read((sql) => sql.query<{ practiceId: string; at: Date }>(`SELECT "practiceId", "signedAt" AS at FROM "IncidentPracticeReturn" WHERE "signedAt" >= $1`, [firstStart]));
  for (const state of states) {
    const w = state.window;
    const within = (t: Date) => t >= w.start && t < w.end && t < w.asOf;
    for (const r of reviews) {
      if (!within(r.at)) continue;
      for (const side of DASHBOARD_SIDES) {
        const c = countersFor(state, side, unitOf(orgs, r.practiceId));
        c.harmReviews++;
        if (r.outcome === "HARM_IDENTIFIED") c.harmReviewsHarm++;
        if (r.outcome === "POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW") c.harmReviewsPotential++;
      }
    }
    for (const r of returns) if (within(r.at)) for (const side of DASHBOARD_SIDES) countersFor(state, side, unitOf(orgs, r.practiceId)).incidentReturnsSigned++;
  }

  // 6. KPI 9: workload entries (never a name or a note: grade-free sums by cause and task) and claims, at the practice
  // that logged or claimed, the ICB and region the entry or claim recorded, and England (English practices only).
  const firstEntryDate = monthStart(states[0].window.month);
  const entries = await read((sql) =>
    sql.query<{ organisationId: string; regionCode: string | null; icbCode: string | null; date: string; cause: string; taskCode: string; quantity: number; minutes: number; costPence: number; createdAt: Date; withdrawnAt: Date | null }>(
      `SELECT "organisationId", "regionCode", "icbCode", to_char(date, 'YYYY-MM-DD') AS date, cause::text AS cause, "taskCode", quantity, minutes, "costPence", "createdAt", "withdrawnAt"
         FROM "WorkloadEntry" WHERE date >= $1::date AND ("withdrawnAt" IS NULL OR "withdrawnAt" >= $2)`,
      [firstEntryDate, firstStart],
    ),
  );
  const claimEvents = await read((sql) =>
    sql.query<{ organisationId: string; regionCode: string | null; icbCode: string | null; kind: "SUBMITTED" | "OFFER_MADE" | "PAID"; at: Date; amountPence: number }>(
      `SELECT c."organisationId", c."regionCode", c."icbCode", e."toStatus"::text AS kind, e.at, COALESCE(e."amountPence", 0) AS "amountPence"
         FROM "ClaimEvent" e JOIN "Claim" c ON c.id = e."claimId"
        WHERE e."toStatus" IN ('SUBMITTED', 'OFFER_MADE', 'PAID') AND e.at >= $1`,
      [firstStart],
    ),
  );
  const levelKeys = (organisationId: string, regionCode: string | null, icbCode: string | null) => {
    const practice = unitOf(orgs, organisationId).practice;
    return practice ? ["N", `P:${practice.id}`, icbCode ? `I:${icbCode}` : null, regionCode ? `R:${regionCode}` : null] : [];
  };
  for (const state of states) {
    for (const e of entries) if (e.date.slice(0, 7) === state.window.month) countWorkloadEntry(workloadCounters(state, levelKeys(e.organisationId, e.regionCode, e.icbCode)), e, state.window);
    for (const e of claimEvents) countClaimEvent(workloadCounters(state, levelKeys(e.organisationId, e.regionCode, e.icbCode)), e, state.window);
  }

  // 7. Rows: every English practice open in the month (so participation has its denominator and league tables list
  // the inactive), then ICBs, regions and England as sums.
  const practices = [...orgs.values()].filter((o) => o.kind === "GP_PRACTICE" && o.country === "ENGLAND");
  const [regionNames, icbNames] = await read(async (sql) => [
    new Map((await sql.query<{ code: string; name: string }>(`SELECT code, name FROM "Region"`)).map((r) => [r.code, r.name])),
    new Map((await sql.query<{ code: string; name: string; regionCode: string | null }>(`SELECT code, name, "regionCode" FROM "Icb"`)).map((r) => [r.code, r])),
  ] as const);
  let rowCount = 0;
  let creditsProposed = 0;
  const finalised: string[] = [];
  for (const state of states) {
    const w = state.window;
    const rows: RollupRow[] = [];
    let nationalSending: RollupFigures | null = null;
    for (const side of DASHBOARD_SIDES) {
      const national = emptyCounters();
      // Every region and ICB has a row, with or without activity.
      const regions = new Map<string, Counters>([...regionNames.keys()].map((code) => [code, emptyCounters()]));
      const icbs = new Map<string, Counters>([...icbNames.keys()].map((code) => [code, emptyCounters()]));
      for (const p of practices) {
        const own = state.counters.get(`${side}:${p.id}`);
        if (p.closedAt && p.closedAt < w.start && !own && !state.workload.has(`P:${p.id}`)) continue;
        const c = own ?? emptyCounters();
        c.practices = 1;
        // Participation is the practice's, the same on both sides: released records (it labels and bags them) or
        // confirmed a receipt in the month.
        const sending = (state.counters.get(`SENDING:${p.id}`)?.recordsReleased ?? 0) > 0;
        const receiving = (state.counters.get(`RECEIVING:${p.id}`)?.receiptsConfirmed ?? 0) > 0;
        c.practicesSending = sending ? 1 : 0;
        c.practicesReceiving = receiving ? 1 : 0;
        c.practicesActive = sending || receiving ? 1 : 0;
        rows.push(toRow(state, "PRACTICE", side, p.ods, p.name, p.regionCode, p.icbCode, withWorkload(c, state.workload.get(`P:${p.id}`))));
        addCounters(national, c);
        if (p.regionCode) addCounters(mapGet(regions, p.regionCode), c);
        if (p.icbCode) addCounters(mapGet(icbs, p.icbCode), c);
      }
      const other = state.counters.get(`${side}:OTHER`);
      if (other) addCounters(national, other);
      for (const [code, c] of icbs) rows.push(toRow(state, "ICB", side, code, icbNames.get(code)?.name ?? code, icbNames.get(code)?.regionCode ?? null, code, withWorkload(c, state.workload.get(`I:${code}`))));
      for (const [code, c] of regions) rows.push(toRow(state, "REGION", side, code, regionNames.get(code) ?? code, code, null, withWorkload(c, state.workload.get(`R:${code}`))));
      rows.push(toRow(state, "NATIONAL", side, "ENG", "England", null, null, withWorkload(national, state.workload.get("N"))));
      if (side === "SENDING") nationalSending = national as unknown as RollupFigures;
    }
    await db.transaction(async (sql) => {
      await sql.query(
        `INSERT INTO "DashboardMonth" (month, status, "policyVersion", "cutOffDate", "asOf", "refreshedAt", "finalisedAt", "durationMs")
         VALUES ($1::date, $2::"DashboardMonthStatus", $3, $4::date, $5, $6, $7, $8)
         ON CONFLICT (month) DO UPDATE SET status = EXCLUDED.status, "policyVersion" = EXCLUDED."policyVersion", "cutOffDate" = EXCLUDED."cutOffDate",
           "asOf" = EXCLUDED."asOf", "refreshedAt" = EXCLUDED."refreshedAt", "finalisedAt" = EXCLUDED."finalisedAt", "durationMs" = EXCLUDED."durationMs"`,
        [monthStart(w.month), state.final ? "FINAL" : "PROVISIONAL", state.policyVersion, state.cutOffDate, w.asOf, now, state.final ? now : null, Date.now() - started],
      );
      await sql.query(`DELETE FROM "DashboardRollup" WHERE month = $1::date`, [monthStart(w.month)]);
      for (let i = 0; i < rows.length; i += 2000) {
        await sql.query(`INSERT INTO "DashboardRollup" SELECT * FROM json_populate_recordset(NULL::"DashboardRollup", $1::json)`, [JSON.stringify(rows.slice(i, i + 2000))]);
      }
      // KPI 11: a month that became final gets its proposed service credits (England's exact figures).
      if (state.final && nationalSending) creditsProposed += await proposeServiceCredits(sql, w.month, state.policyVersion, serviceCredits(nationalSending, state.rules), now);
    });
    rowCount += rows.length;
    if (state.final) finalised.push(w.month);
  }
  return { months, finalised, skippedFinal, movementsScanned: scanned, rows: rowCount, creditsProposed, durationMs: Date.now() - started };
}

type RollupRow = Record<string, unknown>;

function toRow(state: MonthState, level: string, side: Side, code: string, name: string, regionCode: string | null, icbCode: string | null, c: Counters): RollupRow {
  const row: RollupRow = { month: monthStart(state.window.month), level, side, code, name: name.slice(0, 200), regionCode, icbCode, caseKinds: c.caseKinds, crossBorder: c.crossBorder, workloadByCause: c.workloadByCause, workloadByTask: c.workloadByTask };
  for (const f of COUNT_FIELDS) row[f] = c[f];
  for (const f of HISTOGRAM_FIELDS) row[f] = c[f];
  return row;
}

function mapGet(map: Map<string, Counters>, key: string): Counters {
  let c = map.get(key);
  if (!c) map.set(key, (c = emptyCounters()));
  return c;
}

function monthsBack(month: MonthKey, n: number): MonthKey {
  let m = month;
  for (let i = 0; i < n; i++) m = previousMonth(m);
  return m;
}
