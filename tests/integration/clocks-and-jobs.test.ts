// Service-level clocks stored with each movement, the clock sweep on an injected clock, backfills, the job runner
// (with and without pg-boss) and the receipt rule, on a real PostgreSQL.
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/client";
import { createMovement } from "@/lib/movements/commands";
import { prepareLabels } from "@/lib/labels/commands";
import { markReadyForCollection } from "@/lib/collections/commands";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { sweepClocks } from "@/lib/jobs/clock-sweep";
import { runPendingBackfills } from "@/lib/jobs/backfills";
import { runJob } from "@/lib/jobs/runner";
import { startWorker } from "@/lib/jobs/worker";
import { requestJobRun, jobsOverview } from "@/lib/jobs/admin";
import { enqueueJob } from "@/lib/jobs/queue";
import { overdueQueue } from "@/lib/tracking/overdue";
import { getMovement, listPracticeMovements } from "@/lib/movements/queries";
import { practiceOverview } from "@/lib/movements/overview";
import { receiveByCode, receiveWithoutScans } from "@/lib/receipt/commands";
import { addWorkingDays } from "@/lib/nhs/working-days";
import { bankHolidayDates } from "@/lib/reference/files";
import { createOrganisation, createUser, sendRecordForm } from "../fixtures/factories";
import { expectQueuesConsistent } from "../fixtures/queues";
import { testDb, testPool, testTransactions } from "./setup";

const holidays = bankHolidayDates("england-and-wales");
/** 10:00 London (winter: UTC) on the working day `n` working days after `day`. */
const wdAt = (day: string, n: number, hour = 10) => new Date(`${addWorkingDays(day, n, holidays)}T${String(hour).padStart(2, "0")}:00:00Z`);
const iso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

async function sentAndCollected(sentOn: string) {
  const sender = await createOrganisation(testDb);
  const receiver = await createOrganisation(testDb);
  const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
  const receiverStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: receiver.id });
  const sent = wdAt(sentOn, 0, 9);
  const { reference, id } = await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: receiver.odsCode }), sent);
  const labels = await prepareLabels(testDb, staff, [reference], wdAt(sentOn, 1));
  await markReadyForCollection(testDb, staff, [reference], wdAt(sentOn, 1, 11));
  const barcode = labels.labels[0].barcode;
  return { sender, receiver, staff, receiverStaff, reference, id, barcode };
}

describe("a movement's clocks, kept with it by the refresh", () => {
  it("collected, then delivered 13 working days later: the contract's delivery clock is breached, and the receipt clock starts", async () => {
    const m = await sentAndCollected("2026-10-05");
    const collected = wdAt("2026-10-05", 2);
    const delivered = wdAt("2026-10-05", 2 + 13);
    await ingestCourierEvents(testTransactions, [{ eventId: `c-${m.id}`, barcode: m.barcode, type: "COLLECTED", occurredAt: collected }], [], collected);
    let row = await testDb.recordMovement.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.status).toBe("COLLECTED");
    expect(row.collectedAt?.toISOString()).toBe(collected.toISOString());
    expect(iso(row.deliveryDueDate)).toBe(addWorkingDays(iso(collected)!, 12, holidays));
    expect((await testDb.movementClock.findMany({ where: { movementId: m.id } })).map((c) => c.kind).sort()).toEqual(["DELIVERY", "END_TO_END"]);

    await ingestCourierEvents(testTransactions, [{ eventId: `d-${m.id}`, barcode: m.barcode, type: "DELIVERED", occurredAt: delivered }], [], delivered);
    row = await testDb.recordMovement.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.status).toBe("DELIVERED");
    expect(row.deliveryWorkingDays).toBe(13);
    expect(row.breachedClocks).toContain("DELIVERY");
    expect(row.breachedClocks).not.toContain("RELEASE");
    const clocks = await testDb.movementClock.findMany({ where: { movementId: m.id } });
    expect(clocks.map((c) => c.kind).sort()).toEqual(["END_TO_END", "RECEIPT"]);
    expect(iso(clocks.find((c) => c.kind === "RECEIPT")!.dueDate)).toBe(addWorkingDays(iso(delivered)!, 5, holidays));
  });

  it("the movement page shows each clock under the movement's policy version", async () => {
    const m = await sentAndCollected("2026-10-12");
    const detail = await getMovement(testDb, m.staff, m.reference, wdAt("2026-10-12", 3));
    expect(detail.policyVersion).toBeGreaterThanOrEqual(1);
    expect(detail.clocks.map((c) => [c.kind, c.state])).toEqual([
      ["RELEASE", "met"],
      ["COLLECTION", "running"],
      ["END_TO_END", "running"],
    ]);
    expect(detail.clocks.find((c) => c.kind === "RELEASE")!.elapsedWorkingDays).toBe(1);
  });
});

describe("the clock sweep", () => {
  it("records a breach on the first working day after the due date, once, and the late record shows everywhere a user looks", async () => {
    const m = await sentAndCollected("2026-09-01");
    const collected = wdAt("2026-09-01", 2);
    await ingestCourierEvents(testTransactions, [{ eventId: `c-${m.id}`, barcode: m.barcode, type: "COLLECTED", occurredAt: collected }], [], collected);
    const due = addWorkingDays(iso(collected)!, 12, holidays);

    // It is now the due date itself: on time still.
    await sweepClocks(testTransactions, new Date(`${due}T18:00:00Z`));
    expect((await testDb.recordMovement.findUniqueOrThrow({ where: { id: m.id } })).breachedClocks).not.toContain("DELIVERY");

    // It is now 13 working days after collection.
    const late = wdAt(iso(collected)!, 13);
    const first = await sweepClocks(testTransactions, late);
    expect(first.breachedByKind.DELIVERY).toBeGreaterThanOrEqual(1);
    const row = await testDb.recordMovement.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.breachedClocks).toContain("DELIVERY");
    const clock = await testDb.movementClock.findUniqueOrThrow({ where: { movementId_kind: { movementId: m.id, kind: "DELIVERY" } } });
    expect(clock.breachedAt?.toISOString()).toBe(late.toISOString());

    // Safe to run twice, and on two workers at once: nothing more to record, the breach keeps its first time.
    const [again, concurrent] = await Promise.all([sweepClocks(testTransactions, late), sweepClocks(testTransactions, late)]);
    expect(again.clocksBreached + concurrent.clocksBreached).toBe(0);
    const later = await sweepClocks(testTransactions, new Date(late.getTime() + 3_600_000));
    expect(later.movementsChecked).toBe(0);
    expect((await testDb.movementClock.findUniqueOrThrow({ where: { movementId_kind: { movementId: m.id, kind: "DELIVERY" } } })).breachedAt?.toISOString()).toBe(late.toISOString());

    // PCSE's overdue queue has it, most overdue first.
    const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    const queue = await overdueQueue(testDb, caseworker, { clock: "DELIVERY" }, late);
    expect(queue.rows.some((r) => r.reference === m.reference && r.workingDaysOverdue === 1)).toBe(true);
    await expectQueuesConsistent(testDb);

    // Past the whole journey's due date (40 working days), both practices see it as overdue.
    const veryLate = wdAt("2026-09-01", 41);
    await sweepClocks(testTransactions, veryLate);
    const receiverList = await listPracticeMovements(testDb, m.receiverStaff, "incoming", { status: "overdue" }, veryLate);
    expect(receiverList.rows.map((r) => r.reference)).toContain(m.reference);
    expect(receiverList.rows.find((r) => r.reference === m.reference)!.overdue).toBe(true);
    const senderOverview = await practiceOverview(testDb, m.staff, veryLate);
    expect(senderOverview.outgoingOverdue).toBeGreaterThanOrEqual(1);
  });

  it("a record held at the practice pauses its clocks, up to the policy's cap", async () => {
    const sender = await createOrganisation(testDb);
    const receiver = await createOrganisation(testDb);
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
    const { id } = await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: receiver.odsCode }), wdAt("2026-06-01", 0, 9));
    await testDb.trackingEvent.create({ data: { movementId: id, type: "MARKED_HELD_AT_PRACTICE", source: "PRACTICE", sourceEventId: `portal:hold-${id}`, occurredAt: wdAt("2026-06-01", 1), recordedById: staff.id } });
    // 12 working days in: without the hold the release (10) would be late; held since day 1, it is not.
    await sweepClocks(testTransactions, wdAt("2026-06-01", 12));
    await testDb.$transaction((tx) => import("@/lib/tracking/refresh").then(({ refreshMovements }) => refreshMovements(tx, [id], wdAt("2026-06-01", 12))));
    let row = await testDb.recordMovement.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("HELD_AT_PRACTICE");
    expect(row.breachedClocks).not.toContain("RELEASE");
    // Held 30 working days: the cap of 20 paused days runs out and the release clock is late.
    await testDb.$transaction((tx) => import("@/lib/tracking/refresh").then(({ refreshMovements }) => refreshMovements(tx, [id], wdAt("2026-06-01", 32))));
    row = await testDb.recordMovement.findUniqueOrThrow({ where: { id } });
    expect(row.breachedClocks).toContain("RELEASE");
  });
});

describe("data backfills", () => {
  it("derives the clocks of movements a migration left without them, once", async () => {
    const m = await sentAndCollected("2026-08-03");
    await testDb.$executeRawUnsafe(`UPDATE "RecordMovement" SET "releasedAt" = NULL, "releaseDueDate" = NULL, "collectionDueDate" = NULL, "breachedClocks" = '{}' WHERE id = $1::uuid`, m.id);
    await testDb.$executeRawUnsafe(`DELETE FROM "MovementClock" WHERE "movementId" = $1::uuid`, m.id);
    await testDb.dataBackfill.upsert({ where: { name: "movement-clocks-v1" }, create: { name: "movement-clocks-v1" }, update: { completedAt: null } });
    const ran = await runPendingBackfills(testPool, new Date());
    expect(ran).toEqual(["movement-clocks-v1"]);
    const row = await testDb.recordMovement.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.releasedAt).not.toBeNull();
    expect(row.releaseDueDate).not.toBeNull();
    expect(await testDb.movementClock.count({ where: { movementId: m.id } })).toBeGreaterThan(0);
    expect(await runPendingBackfills(testPool, new Date())).toEqual([]);
    await expectQueuesConsistent(testDb);
  });
});

describe("the job runner", () => {
  it("records each run with what it did, and skips a job already running elsewhere", async () => {
    const now = new Date("2026-11-23T10:00:00Z");
    const ok = await runJob(testPool, "clock-sweep", { now, trigger: "TEST" });
    expect(ok.status).toBe("SUCCEEDED");
    const run = await testDb.jobRun.findUniqueOrThrow({ where: { id: BigInt(ok.runId) } });
    expect(run).toMatchObject({ job: "clock-sweep", status: "SUCCEEDED", trigger: "TEST" });
    expect(run.summary).toHaveProperty("movementsChecked");
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    // /admin/jobs shows a summary as words that wrap on a phone: nested counts in brackets, never a JSON blob.
    const shown = (await jobsOverview(testDb, await createUser(testDb, "ADMINISTRATOR"))).recent.find((r) => r.id === ok.runId)!;
    expect(shown.summary).toMatch(/movementsChecked: \d+/);
    expect(shown.summary).toMatch(/breachedByKind: \(.*\)/);
    expect(shown.summary).not.toMatch(/[{}"]/);

    const holder = await testPool.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(727002, hashtext('clock-sweep'))`);
      const skipped = await runJob(testPool, "clock-sweep", { now, trigger: "TEST" });
      expect(skipped.status).toBe("SKIPPED");
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(727002, hashtext('clock-sweep'))`);
      holder.release();
    }
  });

  it("records a failure with its error, masking anything shaped like an NHS number", async () => {
    await testDb.dataBackfill.create({ data: { name: "unknown-9434765919" } });
    try {
      const failed = await runJob(testPool, "backfills", { trigger: "TEST" });
      expect(failed.status).toBe("FAILED");
      const run = await testDb.jobRun.findUniqueOrThrow({ where: { id: BigInt(failed.runId) } });
      expect(run.error).toContain("does not know");
      expect(run.error).not.toContain("9434765919");
      const admin = await createUser(testDb, "ADMINISTRATOR");
      const overview = await jobsOverview(testDb, admin);
      expect(overview.jobs.find((j) => j.name === "backfills")!.failures[0].error).toContain("does not know");
    } finally {
      await testDb.dataBackfill.delete({ where: { name: "unknown-9434765919" } });
    }
  });

  it("runs on pg-boss: the worker sweeps at start, keeps a heartbeat, and runs what an administrator queues", async () => {
    const since = new Date();
    const worker = await startWorker(inject("databaseUrl"), { pollingIntervalSeconds: 1, heartbeatMs: 500 });
    try {
      const waitFor = async (where: Prisma.JobRunWhereInput) => {
        for (let i = 0; i < 120; i++) {
          const run = await testDb.jobRun.findFirst({ where });
          if (run) return run;
          await new Promise((r) => setTimeout(r, 250));
        }
        throw new Error("the worker did not run the job in 30 s");
      };
      await waitFor({ job: "clock-sweep", trigger: "STARTUP", status: "SUCCEEDED", startedAt: { gte: since } });
      expect(await testDb.jobWorker.count()).toBeGreaterThan(0);
      const admin = await createUser(testDb, "ADMINISTRATOR");
      const queued = await requestJobRun(testDb, admin, { job: "job-history-cleanup" }, enqueueJob);
      expect(queued.queued).toBe(true);
      const manual = await waitFor({ job: "job-history-cleanup", trigger: "MANUAL", startedAt: { gte: since } });
      expect(manual.requestedById).toBe(admin.id);
      expect(await testDb.auditEvent.count({ where: { action: "RUN_JOB", actorUserId: admin.id } })).toBe(1);
    } finally {
      await worker.stop();
    }
    expect(await testDb.jobWorker.count()).toBe(0);
  }, 60_000);
});

describe("the receipt rule (one lifecycle for the screens and the server)", () => {
  let m: Awaited<ReturnType<typeof sentAndCollected>>;
  beforeAll(async () => {
    m = await sentAndCollected("2026-11-02");
  });

  it("refuses a receipt by scan or reference before the courier has collected the record", async () => {
    for (const code of [m.barcode, m.reference]) {
      const outcome = await receiveByCode(testDb, m.receiverStaff, code);
      expect(outcome.outcome).toBe("refused");
      expect("message" in outcome && outcome.message).toMatch(/has not collected this record yet/);
    }
    expect((await testDb.recordMovement.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("READY_FOR_COLLECTION");
  });

  it("accepts 'arrived without courier scans' with how it came, and flags it for PCSE", async () => {
    await expect(receiveWithoutScans(testDb, m.receiverStaff, { reference: m.reference, how: "BY_HAND" })).rejects.toMatchObject({ fieldErrors: { note: [expect.stringMatching(/Say how/)] } });
    await receiveWithoutScans(testDb, m.receiverStaff, { reference: m.reference, how: "BY_HAND", note: "The patient's daughter brought it in" });
    const row = await testDb.recordMovement.findUniqueOrThrow({ where: { id: m.id }, include: { attentionEntry: true } });
    expect(row.status).toBe("RECEIVED");
    expect(row.attentionReasons).toContain("RECEIVED_WITHOUT_SCANS");
    expect(row.attentionEntry?.reasons).toContain("RECEIVED_WITHOUT_SCANS");
    const event = await testDb.trackingEvent.findFirstOrThrow({ where: { movementId: m.id, type: "RECEIVED" } });
    expect(event.note).toMatch(/by hand.*daughter/i);
    // Not twice, and never by the sender.
    await expect(receiveWithoutScans(testDb, m.receiverStaff, { reference: m.reference, how: "BY_HAND", note: "again" })).rejects.toBeTruthy();
    await expect(receiveWithoutScans(testDb, m.staff, { reference: m.reference, how: "BY_HAND", note: "sender" })).rejects.toBeTruthy();
  });

  it("accepts a receipt once the courier has scanned the record", async () => {
    const other = await sentAndCollected("2026-11-02");
    const at = wdAt("2026-11-02", 3);
    await ingestCourierEvents(testTransactions, [{ eventId: `c-${other.id}`, barcode: other.barcode, type: "COLLECTED", occurredAt: at }], [], at);
    expect((await receiveByCode(testDb, other.receiverStaff, other.barcode, wdAt("2026-11-02", 5))).outcome).toBe("received");
    const row = await testDb.recordMovement.findUniqueOrThrow({ where: { id: other.id } });
    expect(row.attentionReasons).not.toContain("RECEIVED_WITHOUT_SCANS");
    expect(row.breachedClocks).toEqual([]);
  });
});
