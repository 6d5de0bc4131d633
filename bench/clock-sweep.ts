// `npm run bench:clock-sweep`: the clock sweep over a national year's open movements.
//   npm run bench:clock-sweep -- [--movements 300000] [--days 5] [--idle-runs 10]
// Loads the real ODS practices, COPYs N open movements with plausible events (sent over the last 60 working days,
// most labelled and ready, half of those collected) and derives every status and clock through the portal's own
// refresh (lib/tracking/refresh.ts), as the courier's events would. Then, with an injected clock, it measures:
//   - the sweep as it runs every 5 minutes with nothing new due (idle), median and p95 of --idle-runs;
//   - one sweep per working day for --days days (each day's clocks come due): median and slowest;
//   - a catch-up sweep after the worker was stopped for a working week.
// Prints the figures and writes bench/results/clock-sweep-<time>.json. Goal: a sweep of a national year's open
// movements in under 5 s.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createPrismaClient } from "@/lib/db/client";
import { loadReferenceData } from "@/lib/reference/load";
import { pgTransactions } from "@/lib/db/sql";
import { refreshMovementsSql } from "@/lib/tracking/refresh";
import { sweepClocks } from "@/lib/jobs/clock-sweep";
import { benchReference } from "./lib/references";
import { addWorkingDays, londonDate } from "@/lib/nhs/working-days";
import { bankHolidayDates } from "@/lib/reference/files";
import { freePort, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { migrate, ROOT } from "../scripts/lib/database";
import { runBench } from "./lib/run";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const MOVEMENTS = opt("movements", 300_000);
const DAYS = opt("days", 5);
const IDLE_RUNS = opt("idle-runs", 10);
const log = (line: string) => console.log(`[bench] ${line}`);
const holidays = bankHolidayDates("england-and-wales");
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

async function copyRows(client: pg.Client, sql: string, rows: Iterable<string>) {
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(sql));
    stream.on("finish", () => resolve());
    stream.on("error", reject);
    const it = rows[Symbol.iterator]();
    const write = () => {
      let ok = true;
      for (;;) {
        const next = it.next();
        if (next.done) return stream.end();
        ok = stream.write(next.value);
        if (!ok) return stream.once("drain", write);
      }
    };
    write();
  });
}

/** 10:00 London on a date (UTC in winter; the hour only needs to fall inside the day). */
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", `bench-sweep-${process.pid}`), port: await freePort(), persistent: false, fsync: true });
  try {
    await server.createDatabase("bench");
    const url = server.urlFor("bench");
    migrate(url);
    const db = createPrismaClient(url, 4);
    await loadReferenceData(db);
    const practices = await db.organisation.findMany({ where: { kind: "GP_PRACTICE", country: "ENGLAND", closedAt: null }, select: { id: true, regionCode: true } });
    await db.$disconnect();

    // "Today" for the benchmark: the derivation runs as of D0; the sweeps then move the clock on.
    const d0 = londonDate(new Date());
    const start = (n: number) => { let d = d0; for (let i = 0; i < n; i++) d = new Date(Date.parse(`${d}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10); return d; };
    log(`Generating ${MOVEMENTS.toLocaleString("en-GB")} open movements between ${practices.length.toLocaleString("en-GB")} English practices, sent over the 60 working days to ${d0}...`);
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    await client.connect();
    const ids: string[] = [];
    const t0 = performance.now();
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const patients: string[] = [];
    const movements: string[] = [];
    const events: string[] = [];
    for (let i = 0; i < MOVEMENTS; i++) {
      const id = randomUUID();
      const patientId = randomUUID();
      ids.push(id);
      const from = practices[Math.floor(rand() * practices.length)];
      let to = practices[Math.floor(rand() * practices.length)];
      if (to.id === from.id) to = practices[(practices.indexOf(from) + 1) % practices.length];
      // Sent on a working day in the last 60 (calendar days back to reach about 60 working days).
      const sentOn = start(Math.floor(rand() * 84));
      const created = at(sentOn, 9);
      const urgent = rand() < 0.06;
      patients.push(`${patientId}\t${String(i).padStart(10, "0")}\t${created.toISOString()}\n`);
      // The patient's names and date of birth are the sender's, kept with the movement (issue 7).
      movements.push(`${id}\t${benchReference("RM", i)}\tPRACTICE_TO_PRACTICE\tRE_REGISTRATION\t${urgent ? "URGENT" : "ROUTINE"}\tREQUESTED\t${patientId}\tBench\tPatient\t1980-01-01\t${from.id}\t${to.id}\t${to.regionCode ?? "\\N"}\t1\t${sentOn}\t1\t${created.toISOString()}\t${created.toISOString()}\t${created.toISOString()}\n`);
      const ev = (type: string, when: Date, source = "PRACTICE") => events.push(`${randomUUID()}\t${id}\t${type}\t${source}\tbench-${id}-${type}\t${when.toISOString()}\n`);
      ev("CREATED", created);
      const stage = rand();
      const next = (n: number, hour: number) => at(addWorkingDays(sentOn, n, holidays), hour);
      if (stage < 0.75 && next(1, 11) < at(d0, 23)) {
        ev("LABEL_PRINTED", next(1, 10));
        ev("READY_FOR_COLLECTION", next(1, 11));
        if (stage < 0.4 && next(4, 14) < at(d0, 23)) ev("COLLECTED", next(4, 14), "COURIER");
      }
    }
    await copyRows(client, `COPY "Patient" (id, "nhsNumber", "updatedAt") FROM STDIN`, patients);
    await copyRows(client, `COPY "RecordMovement" (id, reference, type, reason, priority, status, "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth", "fromOrganisationId", "toOrganisationId", "regionCode", "policyVersion", "dueDate", "bagCount", "createdAt", "updatedAt", "statusChangedAt") FROM STDIN`, movements);
    await copyRows(client, `COPY "TrackingEvent" (id, "movementId", type, source, "sourceEventId", "occurredAt") FROM STDIN`, events);
    await client.query("ANALYZE");
    log(`Loaded ${MOVEMENTS.toLocaleString("en-GB")} movements and ${events.length.toLocaleString("en-GB")} events by COPY in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);

    // Derive every status, milestone and clock through the portal's own refresh, as of D0.
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on("error", () => {});
    const tx = pgTransactions(pool);
    const t1 = performance.now();
    for (let i = 0; i < ids.length; i += 2000) {
      const batch = ids.slice(i, i + 2000);
      await tx.transaction((sql) => refreshMovementsSql(sql, batch, at(d0, 8)));
    }
    const deriveSeconds = (performance.now() - t1) / 1000;
    const [{ clocks, running }] = (await pool.query<{ clocks: number; running: number }>(`SELECT count(*)::int AS clocks, count(DISTINCT "movementId")::int AS running FROM "MovementClock"`)).rows;
    const [{ breached }] = (await pool.query<{ breached: number }>(`SELECT count(*)::int AS breached FROM "MovementClock" WHERE "breachedAt" IS NOT NULL`)).rows;
    log(`Derived through the refresh in ${deriveSeconds.toFixed(1)} s (${Math.round(ids.length / deriveSeconds).toLocaleString("en-GB")} movements/s): ${running.toLocaleString("en-GB")} open movements with ${clocks.toLocaleString("en-GB")} running clocks, ${breached.toLocaleString("en-GB")} already breached.`);
    await pool.query("VACUUM ANALYZE");

    // Idle: the 5-minute sweep with nothing newly due.
    const idle: number[] = [];
    for (let r = 0; r < IDLE_RUNS; r++) {
      const t = performance.now();
      const result = await sweepClocks(tx, at(d0, 9));
      idle.push(performance.now() - t);
      if (result.clocksBreached !== 0) throw new Error(`idle sweep recorded ${result.clocksBreached} breaches`);
    }
    log(`Idle sweep (nothing newly due), ${IDLE_RUNS} runs: median ${median(idle).toFixed(1)} ms, p95 ${p95(idle).toFixed(1)} ms.`);

    // Day by day: each working day's clocks come due.
    const daily: { day: string; ms: number; checked: number; breached: number }[] = [];
    let day = d0;
    for (let d = 0; d < DAYS; d++) {
      day = addWorkingDays(day, 1, holidays);
      const t = performance.now();
      const result = await sweepClocks(tx, at(day, 0));
      daily.push({ day, ms: performance.now() - t, checked: result.movementsChecked, breached: result.clocksBreached });
      log(`Sweep on ${day}: ${result.movementsChecked.toLocaleString("en-GB")} movements re-derived, ${result.clocksBreached.toLocaleString("en-GB")} new breaches, ${(daily.at(-1)!.ms / 1000).toFixed(2)} s.`);
    }
    const dailyMs = daily.map((d) => d.ms);

    // Catch-up: the worker was stopped for a working week.
    const weekLater = addWorkingDays(day, 5, holidays);
    const tc = performance.now();
    const catchUp = await sweepClocks(tx, at(weekLater, 0));
    const catchUpMs = performance.now() - tc;
    log(`Catch-up after a working week without a worker (${weekLater}): ${catchUp.movementsChecked.toLocaleString("en-GB")} movements re-derived, ${catchUp.clocksBreached.toLocaleString("en-GB")} new breaches, ${(catchUpMs / 1000).toFixed(2)} s.`);
    log(`Daily sweep over ${running.toLocaleString("en-GB")} open movements: median ${(median(dailyMs) / 1000).toFixed(2)} s, slowest ${(Math.max(...dailyMs) / 1000).toFixed(2)} s (goal: under 5 s).`);
    await pool.end();
    await client.end();

    const result = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: "17 (embedded, fsync on)" },
      movements: MOVEMENTS,
      openMovements: running,
      runningClocks: clocks,
      derive: { seconds: deriveSeconds, movementsPerSecond: ids.length / deriveSeconds },
      idle: { runs: IDLE_RUNS, medianMs: median(idle), p95Ms: p95(idle) },
      daily,
      dailyMedianMs: median(dailyMs),
      dailyMaxMs: Math.max(...dailyMs),
      catchUp: { ...catchUp, ms: catchUpMs },
    };
    fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench", "results", `clock-sweep-${result.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
    if (result.dailyMaxMs > 5000) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

runBench(main);
