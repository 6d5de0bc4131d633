// `npm run bench:ingest-direct`: the courier ingest's own code (lib/tracking/ingest.ts and the refresh) called in
// process, without HTTP, Next.js or the webhook's checks, against the same embedded PostgreSQL and data as
// `npm run bench:ingest`, so the two together tell the ingest's cost from the web server's.
//   npm run bench:ingest-direct -- [--events 60000] [--batch 500] [--senders 4] [--pg-stats]
// Prints events/s and this process's CPU per event, and a fingerprint of every movement's derived columns and clock
// rows: events and "now" are fixed, so two versions of the code that store the same results print the same
// fingerprint (run it before and after a change to the derivation). PROFILE=FILE writes a CPU profile of the run.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { REGIONS, loadBankHolidayFile, loadServiceOrganisations } from "@/lib/reference/load";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { pgTransactions, parseTimestamptz } from "@/lib/db/sql";
import { labelBarcode } from "@/lib/labels/barcode";
import { REFERENCE_ALPHABET } from "@/lib/movements/reference";
import { testNhsNumbers } from "@/lib/nhs/nhs-number";
import { freePort, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { migrate, ROOT } from "../scripts/lib/database";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const EVENTS = opt("events", 60_000);
const BATCH = Math.min(500, opt("batch", 500));
const SENDERS = opt("senders", 4);
const PDF_LABELS = 0; // the label PDF timing is bench/ingest.ts's
/** `--pg-stats`: load pg_stat_statements and print the statements that took the database's time. */
const PG_STATS = args.includes("--pg-stats");
const STEPS = ["COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERED"] as const;
const log = (line: string) => console.log(`[bench-direct] ${line}`);
/** The n-th reference in the reference alphabet (base 30), so every benchmark movement has a valid, unique one. */
function benchReference(n: number): string {
  let code = "";
  for (let k = 0; k < 8; k++, n = Math.floor(n / REFERENCE_ALPHABET.length)) code = REFERENCE_ALPHABET[n % REFERENCE_ALPHABET.length] + code;
  return `RM-${code.slice(0, 4)}-${code.slice(4)}`;
}

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", `bench-${process.pid}`), port: await freePort(), persistent: false, fsync: true, settings: [...(PG_STATS ? ["shared_preload_libraries=pg_stat_statements"] : []), ...(process.env.BENCH_PG_SETTINGS ?? "").split(";").filter(Boolean)], log: process.env.BENCH_PG_LOG ? (line) => fs.appendFileSync(process.env.BENCH_PG_LOG!, line + "\n") : undefined });
  try {
    await server.createDatabase("bench");
    const url = server.urlFor("bench");
    migrate(url);
    const db = createPrismaClient(url, 4);
    if (PG_STATS) await db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    for (const r of REGIONS) await db.region.create({ data: r });
    await loadBankHolidayFile(db);
    await loadServiceOrganisations(db);

    // One label per movement; every label gets the five scans of a journey.
    const scanned = Math.ceil(EVENTS / STEPS.length);
    const movements = scanned + PDF_LABELS;
    log(`Preparing ${movements.toLocaleString("en-GB")} labelled movements for ${EVENTS.toLocaleString("en-GB")} events...`);
    const from = await db.organisation.create({ data: { odsCode: "BENCH1", kind: "GP_PRACTICE", name: "Bench sender", addressLines: ["1 Street"], postcode: "BE1 1AA", country: "ENGLAND", regionCode: "Y63" } });
    const to = await db.organisation.create({ data: { odsCode: "BENCH2", kind: "GP_PRACTICE", name: "Bench receiver", addressLines: ["2 Street"], postcode: "BE2 2AA", country: "ENGLAND", regionCode: "Y56" } });
    const user = await db.user.create({ data: { email: "bench@bench.test", name: "Bench", role: "PRACTICE_STAFF", organisationId: from.id } });
    const numbers = testNhsNumbers(0);
    const barcodes: string[] = [];
    const refs: string[] = [];
    for (let i = 0; i < movements; i += 5000) {
      const n = Math.min(5000, movements - i);
      const patients = Array.from({ length: n }, () => ({ id: randomUUID(), nhsNumber: numbers.next().value as string }));
      const ms = patients.map((p, j) => {
        const pdfOnly = i + j >= scanned;
        const reference = benchReference(i + j);
        return { id: randomUUID(), reference, type: "PRACTICE_TO_PRACTICE" as const, reason: "RE_REGISTRATION" as const, priority: "ROUTINE" as const, status: pdfOnly ? ("REQUESTED" as const) : ("READY_FOR_COLLECTION" as const), patientId: p.id, patientFamilyName: "Patient", patientGivenName: "Bench", patientDateOfBirth: new Date("1980-01-01"), fromOrganisationId: from.id, toOrganisationId: to.id, regionCode: "Y56", policyVersion: 1, dueDate: new Date("2026-12-31"), bagCount: 1, createdById: user.id };
      });
      await db.patient.createMany({ data: patients });
      await db.recordMovement.createMany({ data: ms });
      await db.courierLabel.createMany({ data: ms.map((m) => ({ barcode: labelBarcode(m.reference, 1, 1), movementId: m.id, bagNumber: 1, bagCount: 1, version: 1 })) });
      for (const m of ms) {
        if (m.status === "READY_FOR_COLLECTION") barcodes.push(labelBarcode(m.reference, 1, 1));
        refs.push(m.reference);
      }
    }
    if (new Set(refs).size !== refs.length) throw new Error("bench references are not unique");

    // Events: in journey order per label, labels interleaved across batches as a real feed would be.
    const base = Date.UTC(2026, 10, 20, 9); const fixedNow = new Date(Date.UTC(2026, 10, 23, 12));
    const bodies: string[] = [];
    let batch: object[] = [];
    let made = 0;
    outer: for (let step = 0; step < STEPS.length; step++) {
      for (let i = 0; i < barcodes.length; i++) {
        if (made === EVENTS) break outer;
        batch.push({ eventId: `bench-${i}-${step}`, barcode: barcodes[i], type: STEPS[step], occurredAt: new Date(base + step * 3_600_000 + i).toISOString(), location: "Bench hub" });
        made++;
        if (batch.length === BATCH) {
          bodies.push(JSON.stringify({ events: batch }));
          batch = [];
        }
      }
    }
    if (batch.length) bodies.push(JSON.stringify({ events: batch }));


    const pool = new pg.Pool({ connectionString: url, max: 10, types: { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === 1184 && format !== "binary" ? parseTimestamptz : pg.types.getTypeParser(oid, format as "text"))) as typeof pg.types.getTypeParser } });
    const tx = pgTransactions(pool);
    const parsed = bodies.map((b) => (JSON.parse(b) as { events: { eventId: string; barcode: string; type: "COLLECTED"; occurredAt: string; location: string }[] }).events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })));
    if (PG_STATS) await db.$queryRawUnsafe("SELECT pg_stat_statements_reset()::text");
    let next_ = 0;
    let accepted = 0;
    const inspector = await import("node:inspector/promises");
    const session = new inspector.Session();
    if (process.env.PROFILE) { session.connect(); await session.post("Profiler.enable"); await session.post("Profiler.setSamplingInterval", { interval: 200 }); await session.post("Profiler.start"); }
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    await Promise.all(Array.from({ length: SENDERS }, async () => {
      while (next_ < parsed.length) {
        const r = await ingestCourierEvents(tx, parsed[next_++], [], fixedNow);
        accepted += r.accepted;
      }
    }));
    const secs = (performance.now() - started) / 1000;
    if (process.env.PROFILE) { const { profile } = await session.post("Profiler.stop"); fs.writeFileSync(process.env.PROFILE, JSON.stringify(profile)); }
    const cpu = process.cpuUsage(cpu0);
    // The database's CPU: the pool's backends were all started for this run, so their whole CPU time is its own.
    const pids = (await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`)).rows.map((r) => r.pid);
    let ticks = 0;
    for (const pid of pids) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (clock ticks, 100 a second on Linux)
      } catch {
        /* not on Linux, or another machine's database */
      }
    }
    const pgCpu = ticks / 100;
    log(`direct: ${accepted} accepted in ${secs.toFixed(2)} s: ${Math.round(made / secs)} events/s; node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s = ${((cpu.user + cpu.system) / made).toFixed(1)} us/event; PostgreSQL CPU ${pgCpu.toFixed(2)} s = ${((pgCpu * 1e6) / made).toFixed(1)} us/event (${pids.length} backends)`);
    if (PG_STATS) {
      const top = await db.$queryRawUnsafe<{ calls: number; ms: number; query: string }[]>(
        `SELECT calls::int, round(total_exec_time)::float8 AS ms, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 110) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12`,
      );
      for (const t of top) log(`pg: ${String(t.ms).padStart(7)} ms ${String(t.calls).padStart(6)} calls  ${t.query}`);
    }
    const fp = await db.$queryRawUnsafe<{ m: string; c: string }[]>(`SELECT (SELECT md5(string_agg(concat_ws('|', reference, status, "attentionReasons", "readyForCollectionAt", "releasedAt", "collectedAt", "deliveredAt", "receivedAt", "dueDate", "releaseDueDate", "collectionDueDate", "deliveryDueDate", "receiptDueDate", "breachedClocks", "deliveryWorkingDays", "endToEndWorkingDays", "needsAttention"), ',' ORDER BY reference)) FROM "RecordMovement") AS m,
      (SELECT md5(string_agg(concat_ws('|', m.reference, c.kind, CASE WHEN c."startedAt" = m."createdAt" THEN NULL ELSE c."startedAt" END, c."dueDate", c.breached, c."breachedAt"), ',' ORDER BY m.reference, c.kind)) FROM "MovementClock" c JOIN "RecordMovement" m ON m.id = c."movementId") AS c`);
    log(`fingerprint movements ${fp[0].m} clocks ${fp[0].c}`);
    if (process.env.PAUSE_AFTER) await new Promise((r) => setTimeout(r, Number(process.env.PAUSE_AFTER)));
    await pool.end();
    await db.$disconnect();
  } finally {
    await server.stop();
  }
}
main().catch((error) => { console.error(error); process.exit(1); });
