// Loads the national year (bench/lib/national-year.ts) into the bench's PostgreSQL and checks it against the portal's
// own refresh. Node makes one slice of movements while PostgreSQL copies the previous ones: four connections ("lanes"),
// each one long transaction of COPY commands with the foreign-key triggers off (session_replication_role = replica:
// the generator writes consistent rows) and synchronous_commit off. The tracking events and the running clocks are
// truncated in their lane's own transaction and copied WITH (FREEZE): written once, already frozen and all-visible,
// so neither the index builds nor the rollup nor autovacuum rewrite 30 million rows to set hint bits afterwards.
// Big secondary indexes are dropped for the load and built once after it; the schema's indexes are then compared
// with what they were (any difference fails the bench).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pgTransactions, type Sql } from "@/lib/db/sql";
import { loadCalendars } from "@/lib/clocks/calendars";
import { policyRules } from "@/lib/service-levels/versions";
import { refreshMovementsSql } from "@/lib/tracking/refresh";
import { sweepClocks } from "@/lib/jobs/clock-sweep";
import type { RateRow } from "@/lib/workload/costs";
import { COPY_COLUMNS, NationalYear, type CopyTable, type Org } from "./national-year";

const log = (line: string) => console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${line}`);
const n = (x: number) => Math.round(x).toLocaleString("en-GB");

/** Movements made per slice (about 8 events each): small enough that Node yields to the sockets often. */
const SLICE = 4000;
/** At most this much COPY text waiting per lane before Node stops making more. */
const MAX_QUEUED_BYTES = 48 * 2 ** 20;
/** Tables whose secondary indexes are dropped for the load and built after it. */
const REBUILT_TABLES = ["TrackingEvent", "MovementClock", "RecordMovement", "CourierLabel"];
/** Tables truncated in their lane's transaction and copied WITH (FREEZE) (nothing references them). */
const FROZEN_TABLES: readonly CopyTable[] = ["TrackingEvent", "MovementClock"];
/** Which connection copies which tables. */
const LANES: readonly (readonly CopyTable[])[] = [["TrackingEvent"], ["RecordMovement"], ["Patient", "CourierLabel"], ["MovementClock", "AttentionQueueEntry", "CollectionBacklogEntry", "WorkloadEntry", "WorkloadEntryMovement"]];

/** One connection, one transaction, COPY commands run one after another as Node queues them. */
class CopyLane {
  private readonly queue: { sql: string; text: Buffer | string }[] = [];
  private running = false;
  private error: unknown = null;
  private waiters: (() => void)[] = [];
  queuedBytes = 0;

  private constructor(readonly client: pg.Client) {}

  static async open(url: string, truncate: readonly string[]): Promise<CopyLane> {
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    await client.connect();
    await client.query("SET synchronous_commit = off");
    await client.query("SET session_replication_role = replica");
    await client.query("BEGIN");
    for (const table of truncate) await client.query(`TRUNCATE "${table}"`);
    return new CopyLane(client);
  }

  push(sql: string, text: Buffer | string) {
    if (this.error) throw this.error;
    if (!text) return;
    this.queue.push({ sql, text });
    this.queuedBytes += text.length;
    if (!this.running) void this.run();
  }

  private async run() {
    this.running = true;
    try {
      while (this.queue.length) {
        const job = this.queue[0];
        await new Promise<void>((resolve, reject) => {
          const stream = this.client.query(copyFrom(job.sql));
          stream.on("finish", () => resolve());
          stream.on("error", reject);
          stream.end(job.text);
        });
        this.queue.shift();
        this.queuedBytes -= job.text.length;
        this.wake();
      }
    } catch (error) {
      this.error = error;
      this.wake();
    } finally {
      this.running = false;
    }
  }

  private wake() {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Until at most `bytes` of COPY text wait (0: everything copied). */
  async below(bytes: number) {
    while (!this.error && this.queuedBytes > bytes) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.error) throw this.error;
  }

  async commit() {
    await this.below(0);
    await this.client.query("COMMIT");
    await this.client.end();
  }

  async abandon() {
    try {
      await this.client.end();
    } catch {
      /* already gone */
    }
  }
}

/** CPU seconds (user + system) of the PostgreSQL server and its live backends, from /proc (Linux; 0 elsewhere). */
export function postgresCpuSeconds(dataDir: string): number {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    let ticks = 0;
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const fields = fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
        if (Number(entry) === postmaster || Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        /* gone */
      }
    }
    return ticks / 100; // USER_HZ
  } catch {
    return 0;
  }
}

const sqlOf = (pool: pg.Pool): Sql => ({ query: async <T>(text: string, values?: unknown[]) => (await pool.query(text, values)).rows as T[] });

export type LoadOptions = { dataDir: string; now: Date; movements: number; practices: Org[]; weights: number[]; store: Org; agencies: Org[]; seed: number };

export async function loadNationalYear(pool: pg.Pool, url: string, options: LoadOptions) {
  const sql = sqlOf(pool);
  const policyVersion = 1;
  const rates = (
    await pool.query<RateRow>(
      `SELECT id, "organisationId", grade::text AS grade, to_char("effectiveFrom", 'YYYY-MM-DD') AS "effectiveFrom", "pencePerHour", source, "sourceYear" FROM "GradeRate" WHERE "organisationId" IS NULL`,
    )
  ).rows;
  const year = new NationalYear({ ...options, policyVersion, rules: await policyRules(sql, policyVersion), calendars: await loadCalendars(sql), rates });
  const started = performance.now();
  const cpu0 = { node: process.cpuUsage(), postgres: postgresCpuSeconds(options.dataDir) };
  const cpuSplit = () => {
    const s = (performance.now() - started) / 1000;
    const node = process.cpuUsage(cpu0.node);
    return { node: (node.user + node.system) / 1e6 / s, postgres: (postgresCpuSeconds(options.dataDir) - cpu0.postgres) / s };
  };

  // The secondary indexes of the biggest tables go for the load and come back after it.
  const indexes = async () => (await pool.query<{ table: string; name: string; def: string }>(`SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`)).rows;
  const before = await indexes();
  const constraintIndexes = new Set((await pool.query<{ name: string }>(`SELECT conindid::regclass::text AS name FROM pg_constraint WHERE conindid <> 0`)).rows.map((r) => r.name.replace(/"/g, "")));
  const dropped = before.filter((i) => REBUILT_TABLES.includes(i.table) && !constraintIndexes.has(i.name));
  for (const i of dropped) await pool.query(`DROP INDEX "${i.name}"`);

  const lanes = await Promise.all(LANES.map((tables) => CopyLane.open(url, tables.filter((t) => FROZEN_TABLES.includes(t)))));
  const laneOf = new Map<CopyTable, CopyLane>();
  LANES.forEach((tables, i) => tables.forEach((t) => laneOf.set(t, lanes[i])));
  const copySql = (t: CopyTable) => `COPY "${t}" (${COPY_COLUMNS[t].replace(/\s+/g, " ")}) FROM STDIN${FROZEN_TABLES.includes(t) ? " WITH (FREEZE)" : ""}`;
  let peakQueued = 0;
  let copyCpu = { node: 0, postgres: 0 };
  try {
    // The staff who log workload, then the year, slice by slice.
    lanes[3].push(`COPY "User" (id, email, name, role, "organisationId", "createdAt", "updatedAt") FROM STDIN`, year.userRows);
    let lastLog = performance.now();
    let makingMs = 0;
    while (!year.done) {
      const m0 = performance.now();
      const rows = year.slice(SLICE);
      makingMs += performance.now() - m0;
      for (const [table, text] of Object.entries(rows) as [CopyTable, Buffer][]) laneOf.get(table)!.push(copySql(table), text);
      peakQueued = Math.max(peakQueued, ...lanes.map((l) => l.queuedBytes));
      for (const lane of lanes) await lane.below(MAX_QUEUED_BYTES);
      // Let the sockets take what is queued before the next slice is made.
      await new Promise((resolve) => setImmediate(resolve));
      if (performance.now() - lastLog > 15_000 || year.done) {
        lastLog = performance.now();
        const s = (performance.now() - started) / 1000;
        const c = year.counts;
        const cpu = cpuSplit();
        log(
          `${n(c.RecordMovement)} movements (${n(c.RecordMovement / s)}/s), ${n(c.TrackingEvent)} events (${n(c.TrackingEvent / s)}/s) in ${s.toFixed(0)} s; ` +
            `cores busy: Node ${cpu.node.toFixed(2)}, PostgreSQL ${cpu.postgres.toFixed(2)}; Node making rows ${((makingMs / 1000 / s) * 100).toFixed(0)}% of the time; RSS ${n(process.memoryUsage().rss / 2 ** 20)} MiB; load average ${os.loadavg()[0].toFixed(1)}`,
        );
      }
    }
    for (const lane of lanes) await lane.below(0);
    copyCpu = cpuSplit();
    for (const lane of lanes) await lane.commit();
  } catch (error) {
    for (const lane of lanes) await lane.abandon();
    throw error;
  }
  const copySeconds = (performance.now() - started) / 1000;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const c = year.counts;
  log(`Copied ${n(c.RecordMovement)} movements, ${n(c.TrackingEvent)} events, ${n(c.MovementClock)} running clocks, ${n(c.CourierLabel)} labels, ${n(c.WorkloadEntry)} workload entries in ${copySeconds.toFixed(0)} s: ${n(c.RecordMovement / copySeconds)} movements/s, ${n(c.TrackingEvent / copySeconds)} events/s; cores busy: Node ${copyCpu.node.toFixed(2)}, PostgreSQL ${copyCpu.postgres.toFixed(2)}; bench process peak RSS ${n(maxRssMiB)} MiB.`);

  // Indexes back, exactly as they were.
  const i0 = performance.now();
  const builder = await pool.connect();
  try {
    await builder.query("SET maintenance_work_mem = '1GB'");
    for (const i of dropped) await builder.query(i.def);
  } finally {
    builder.release();
  }
  const after = await indexes();
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`The schema's indexes differ after the load: ${JSON.stringify(before.filter((b) => !after.some((a) => a.name === b.name && a.def === b.def)))}`);
  const indexSeconds = (performance.now() - i0) / 1000;
  log(`${dropped.length} indexes rebuilt in ${indexSeconds.toFixed(0)} s (${dropped.map((i) => i.name).join(", ")}); the schema's ${after.length} indexes are as before.`);
  const a0 = performance.now();
  // Visibility map and hint bits for the tables not copied frozen, and statistics for all: as autovacuum leaves a
  // live database (the rollup and the pages then read them as they would in service).
  await pool.query(`VACUUM (ANALYZE) "RecordMovement", "Patient", "CourierLabel", "WorkloadEntry", "WorkloadEntryMovement", "AttentionQueueEntry", "CollectionBacklogEntry", "User"`);
  await pool.query(`ANALYZE "TrackingEvent", "MovementClock"`);
  const vacuumSeconds = (performance.now() - a0) / 1000;
  log(`Vacuumed and analysed in ${vacuumSeconds.toFixed(0)} s.`);

  // Consistency: the portal's own refresh, run on a sample, must find nothing to change.
  const k0 = performance.now();
  const checked = await checkAgainstRefresh(pool, year.sample, options.now);
  const checkSeconds = (performance.now() - k0) / 1000;
  log(`Checked ${n(checked.movements)} movements (${n(year.sample.length)} random, the rest a few of every status and type) against the portal's refresh: no differences; the clock sweep found nothing to do (${checkSeconds.toFixed(1)} s).`);

  return {
    counts: c,
    summary: {
      movements: c.RecordMovement,
      events: c.TrackingEvent,
      eventsPerMovement: Number((c.TrackingEvent / c.RecordMovement).toFixed(2)),
      clocks: c.MovementClock,
      labels: c.CourierLabel,
      attentionEntries: c.AttentionQueueEntry,
      backlogEntries: c.CollectionBacklogEntry,
      workloadEntries: c.WorkloadEntry,
      workloadLinks: c.WorkloadEntryMovement,
      practicesLogging: year.practicesLogging,
      statuses: c.statuses,
      copySeconds,
      movementsPerSecond: Math.round(c.RecordMovement / copySeconds),
      eventsPerSecond: Math.round(c.TrackingEvent / copySeconds),
      coresBusyWhileCopying: { node: Number(copyCpu.node.toFixed(2)), postgres: Number(copyCpu.postgres.toFixed(2)) },
      nodeCpuMicrosecondsPerMovement: Math.round((copyCpu.node * copySeconds * 1e6) / c.RecordMovement),
      postgresCpuMicrosecondsPerMovement: Math.round((copyCpu.postgres * copySeconds * 1e6) / c.RecordMovement),
      indexSeconds,
      vacuumSeconds,
      checkSeconds,
      checkedMovements: checked.movements,
      benchPeakRssMiB: Math.round(maxRssMiB),
      peakQueuedMiB: Math.round(peakQueued / 2 ** 20),
    } satisfies Record<string, unknown>,
  };
}

type Snapshot = Map<string, Record<string, string | null>>;

/** Everything the refresh decides about each movement, as text: its columns, running clocks and queue entries. */
async function snapshot(sql: Sql, ids: readonly string[]): Promise<Snapshot> {
  const rows = await sql.query<Record<string, string | null>>(
    `SELECT m.id::text AS id, m.status::text AS status, m."needsAttention"::text AS "needsAttention", m."attentionReasons"::text AS "attentionReasons",
            m."readyForCollectionAt"::text AS "readyForCollectionAt", m."statusChangedAt"::text AS "statusChangedAt", m."updatedAt"::text AS "updatedAt",
            m."releasedAt"::text AS "releasedAt", m."collectedAt"::text AS "collectedAt", m."deliveredAt"::text AS "deliveredAt", m."receivedAt"::text AS "receivedAt",
            m."dueDate"::text AS "dueDate", m."releaseDueDate"::text AS "releaseDueDate", m."collectionDueDate"::text AS "collectionDueDate",
            m."deliveryDueDate"::text AS "deliveryDueDate", m."receiptDueDate"::text AS "receiptDueDate", m."breachedClocks"::text AS "breachedClocks",
            m."deliveryWorkingDays"::text AS "deliveryWorkingDays", m."endToEndWorkingDays"::text AS "endToEndWorkingDays",
            (SELECT string_agg(c.kind || ' from ' || c."startedAt"::text || ' due ' || c."dueDate"::text || CASE WHEN c.breached THEN ' breached' ELSE '' END
                               || CASE WHEN c."breachedAt" IS NOT NULL THEN ' (breachedAt set)' ELSE '' END, '; ' ORDER BY c.kind)
               FROM "MovementClock" c WHERE c."movementId" = m.id) AS "runningClocks",
            (SELECT string_agg(c."breachedAt"::text, '; ' ORDER BY c.kind) FROM "MovementClock" c WHERE c."movementId" = m.id) AS "breachedAt",
            (SELECT a.reasons::text FROM "AttentionQueueEntry" a WHERE a."movementId" = m.id) AS "attentionQueue",
            (SELECT a.since::text FROM "AttentionQueueEntry" a WHERE a."movementId" = m.id) AS "attentionSince",
            (SELECT b."organisationId"::text || ' ready ' || b."readyAt"::text FROM "CollectionBacklogEntry" b WHERE b."movementId" = m.id) AS "collectionBacklog"
       FROM "RecordMovement" m WHERE m.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id!, r]));
}

function differences(stored: Snapshot, derived: Snapshot, ignore: readonly string[]): string[] {
  const out: string[] = [];
  for (const [id, a] of stored) {
    const b = derived.get(id);
    if (!b) {
      out.push(`movement ${id}: missing after the refresh`);
      continue;
    }
    for (const column of Object.keys(a)) if (!ignore.includes(column) && a[column] !== b[column]) out.push(`movement ${id} column ${column}: stored ${a[column]}, refresh ${b[column]}`);
  }
  return out;
}

class Rollback extends Error {}

/**
 * Two checks on the sample, through lib/tracking/refresh.ts (refreshMovementsSql) as the courier ingest and the clock
 * sweep run it, at the generator's `now`:
 * 1. In place: the refresh must change nothing (every column, running clock and queue entry as before).
 * 2. From nothing: with the sample's derived columns, clock rows and queue entries wiped (status kept), the refresh
 *    must rebuild exactly what was stored (all but the moments it stamps with its own `now`: updatedAt, breachedAt,
 *    an attention entry's since). Rolled back.
 * Then the clock sweep over the whole table must find no running clock past its due date left unbreached.
 */
async function checkAgainstRefresh(pool: pg.Pool, random: readonly string[], now: Date): Promise<{ movements: number }> {
  const total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "RecordMovement"`)).rows[0].n);
  // About 200,000 movements' worth of pages, 40 of each status, type and priority found there.
  const pct = Math.min(100, (100 * 200_000) / Math.max(1, total));
  const strata = (
    await pool.query<{ id: string }>(
      `SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY status, type, priority ORDER BY random()) AS k FROM "RecordMovement" TABLESAMPLE SYSTEM (${pct.toFixed(3)})) x WHERE k <= 40`,
    )
  ).rows.map((r) => r.id);
  const ids = [...new Set([...random, ...strata])];
  const db = pgTransactions(pool);
  const before = await db.transaction((sql) => snapshot(sql, ids));
  let changed = 0;
  for (let i = 0; i < ids.length; i += 500) changed += await db.transaction((sql) => refreshMovementsSql(sql, ids.slice(i, i + 500), now));
  const inPlace = differences(before, await db.transaction((sql) => snapshot(sql, ids)), []);
  if (changed || inPlace.length) throw new Error(`The portal's refresh changed ${changed} of ${ids.length} sampled movements:\n${inPlace.slice(0, 30).join("\n")}`);

  let fromNothing: string[] = [];
  try {
    await db.transaction(async (sql) => {
      await sql.query(`DELETE FROM "MovementClock" WHERE "movementId" = ANY($1::uuid[])`, [ids]);
      await sql.query(`DELETE FROM "AttentionQueueEntry" WHERE "movementId" = ANY($1::uuid[])`, [ids]);
      await sql.query(`DELETE FROM "CollectionBacklogEntry" WHERE "movementId" = ANY($1::uuid[])`, [ids]);
      await sql.query(
        `UPDATE "RecordMovement" SET "needsAttention" = false, "attentionReasons" = '{}', "readyForCollectionAt" = NULL, "releasedAt" = NULL, "collectedAt" = NULL,
                "deliveredAt" = NULL, "receivedAt" = NULL, "dueDate" = '2000-01-01', "releaseDueDate" = NULL, "collectionDueDate" = NULL, "deliveryDueDate" = NULL,
                "receiptDueDate" = NULL, "breachedClocks" = '{}', "deliveryWorkingDays" = NULL, "endToEndWorkingDays" = NULL
          WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      for (let i = 0; i < ids.length; i += 500) await refreshMovementsSql(sql, ids.slice(i, i + 500), now);
      fromNothing = differences(before, await snapshot(sql, ids), ["updatedAt", "breachedAt", "attentionSince"]);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (fromNothing.length) throw new Error(`Re-derived from their events by the portal's refresh, sampled movements differ from what the generator stored:\n${fromNothing.slice(0, 30).join("\n")}`);

  const sweep = await sweepClocks(db, now);
  if (sweep.movementsChecked) throw new Error(`The clock sweep found ${sweep.movementsChecked} movements with a running clock past its due date not marked breached`);
  return { movements: ids.length };
}
