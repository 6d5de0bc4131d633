// The courier benchmarks' shared data (bench/ingest.ts through HTTP, bench/ingest-direct.ts in process): a fresh
// embedded PostgreSQL with the portal's schema and reference data, labelled movements ready for collection, and
// the courier's events for them in journey order.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { processTree } from "../../scripts/lib/process-tree";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/client";
import { REGIONS, loadBankHolidayFile, loadServiceOrganisations } from "@/lib/reference/load";
import { labelBarcode } from "@/lib/labels/barcode";
import { benchReference } from "./references";
import { testNhsNumbers } from "@/lib/nhs/nhs-number";
import { freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { migrate, ROOT } from "../../scripts/lib/database";

export const STEPS = ["COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERED"] as const;

export type BenchEvent = { eventId: string; barcode: string; type: (typeof STEPS)[number]; occurredAt: string; location: string };

/** The n-th reference in the reference alphabet (base 30), so every benchmark movement has a valid, unique one. */
/**
 * A fresh embedded PostgreSQL (fsync on) with the schema and reference data. `pgStats` loads pg_stat_statements;
 * BENCH_PG_SETTINGS="name=value;..." passes more settings and BENCH_PG_LOG=FILE writes the server's log there.
 */
export async function startBenchDatabase(options: { pgStats: boolean }) {
  const server = await startEmbeddedPostgres({
    dataDir: path.join(ROOT, ".data", `bench-${process.pid}`),
    port: await freePort(),
    persistent: false,
    fsync: true,
    settings: [...(options.pgStats ? ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track_planning=on"] : []), ...(process.env.BENCH_PG_SETTINGS ?? "").split(";").filter(Boolean)],
    log: process.env.BENCH_PG_LOG ? (line) => fs.appendFileSync(process.env.BENCH_PG_LOG!, line + "\n") : undefined,
  });
  try {
    await server.createDatabase("bench");
    const url = server.urlFor("bench");
    migrate(url);
    const db = createPrismaClient(url, 4);
    if (options.pgStats) await db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    for (const r of REGIONS) await db.region.create({ data: r });
    await loadBankHolidayFile(db);
    await loadServiceOrganisations(db);
    return { server, url, db };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * `scanned` movements ready for collection, one label each (their barcodes returned in order), plus `unlabelledExtra`
 * requested movements no courier touches (for the label PDF timing), all from one bench practice to another.
 */
export async function labelledBenchMovements(db: Awaited<ReturnType<typeof startBenchDatabase>>["db"], scanned: number, unlabelledExtra: number) {
  const movements = scanned + unlabelledExtra;
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
      const reference = benchReference("RM", i + j);
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
  return { user, barcodes, refs };
}

/** Up to `events` scans in journey order per label, labels interleaved across batches as a real feed would be. */
export function journeyBatches(barcodes: readonly string[], events: number, batchSize: number, base: number): BenchEvent[][] {
  const batches: BenchEvent[][] = [];
  let batch: BenchEvent[] = [];
  let made = 0;
  outer: for (let step = 0; step < STEPS.length; step++) {
    for (let i = 0; i < barcodes.length; i++) {
      if (made === events) break outer;
      batch.push({ eventId: `bench-${i}-${step}`, barcode: barcodes[i], type: STEPS[step], occurredAt: new Date(base + step * 3_600_000 + i).toISOString(), location: "Bench hub" });
      made++;
      if (batch.length === batchSize) {
        batches.push(batch);
        batch = [];
      }
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** A process's CPU time so far (user + system), from /proc on Linux; 0 elsewhere. */
export function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

/** The CPU time of a process and its live descendants (the portal's primary and its server processes). */
export function treeCpuSeconds(pid: number | undefined): number {
  return processTree(pid).reduce((sum, p) => sum + processCpuSeconds(p), 0);
}
