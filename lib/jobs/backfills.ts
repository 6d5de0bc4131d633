// Data backfills a migration asks for (a row in DataBackfill): work SQL cannot do, such as deriving new columns
// from events with the portal's own code. Each runs once, in batches, by whichever process gets there first
// (npm run db:migrate, npm run demo, the worker at start), and
// every batch is idempotent (re-deriving twice gives the same rows), so two processes running it at once only
// repeat work, and a crash halfway is finished by the next run.
import type pg from "pg";
import { pgTransactions, type Transactions } from "@/lib/db/sql";
import { prismaOverPool, type Db } from "@/lib/db/client";
import { refreshMovementsSql } from "@/lib/tracking/refresh";
import { openProblemCaseTx } from "@/lib/cases/commands";
import { refreshDashboards } from "@/lib/dashboards/rollup";

type BackfillContext = { db: Transactions; prisma: Db; now: Date; log: (line: string) => void };

export const BACKFILLS: Record<string, { description: string; run(ctx: BackfillContext): Promise<number> }> = {
  "movement-clocks-v1": {
    description: "Derive every movement's milestones and service-level clocks from its events under policy version 1",
    async run({ db, now, log }) {
      let after = "00000000-0000-0000-0000-000000000000";
      let done = 0;
      for (;;) {
        const ids = await db.transaction(async (sql) => {
          const rows = await sql.query<{ id: string }>(`SELECT id FROM "RecordMovement" WHERE id > $1::uuid ORDER BY id LIMIT 2000`, [after]);
          if (rows.length) await refreshMovementsSql(sql, rows.map((r) => r.id), now);
          return rows.map((r) => r.id);
        });
        if (ids.length === 0) break;
        done += ids.length;
        after = ids[ids.length - 1];
        if (done % 20_000 < 2000) log(`  ${done.toLocaleString("en-GB")} movements re-derived`);
      }
      return done;
    },
  },
  "problem-reports-to-cases": {
    description: "Open a PCSE case for every problem report made before cases existed (open reports only: a report already dealt with gets a case resolved the same day)",
    async run({ prisma, now, log }) {
      let done = 0;
      for (;;) {
        const reports = await prisma.problemReport.findMany({ where: { caseId: null }, orderBy: { createdAt: "asc" }, take: 200, select: { id: true, movementId: true, kind: true, receivedNhsNumber: true, note: true, reportedByOrganisationId: true, createdAt: true, status: true } });
        if (reports.length === 0) break;
        for (const report of reports) {
          await prisma.$transaction(async (tx) => {
            // Opened as of the report, so its clocks count from when the practice told us.
            const opened = await openProblemCaseTx(tx, report, null, report.createdAt);
            if (report.status !== "OPEN" && opened.created) {
              await tx.case.update({ where: { id: opened.id }, data: { status: "RESOLVED", resolvedAt: now, resolutionClockStoppedAt: now, outcome: "SERVICE_PUT_RIGHT", outcomeNote: "The report was dealt with before the portal opened cases" } });
              await tx.openCaseKey.deleteMany({ where: { caseId: opened.id } });
            }
          });
          done++;
        }
        log(`  ${done.toLocaleString("en-GB")} problem reports given cases`);
      }
      return done;
    },
  },
  "dashboards-workload-kpi": {
    description: "Rebuild the commissioner dashboards' months (final ones too, each as at its cut-off) so every month has KPI 9, the unfunded practice workload and claims",
    async run({ db, now, log }) {
      const result = await refreshDashboards(db, now, { rebuild: true, log });
      return result.rows;
    },
  },
};

/** Runs every backfill still pending. Returns the names run. */
export async function runPendingBackfills(pool: pg.Pool, now = new Date(), log: (line: string) => void = () => {}): Promise<string[]> {
  const db = pgTransactions(pool);
  const prisma = prismaOverPool(pool);
  const ran: string[] = [];
  const pending = await db.transaction((sql) => sql.query<{ name: string }>(`SELECT name FROM "DataBackfill" WHERE "completedAt" IS NULL ORDER BY "requestedAt", name`));
  for (const { name } of pending) {
    const backfill = BACKFILLS[name];
    if (!backfill) throw new Error(`The database asks for a backfill this code does not know: ${name} (is the code older than the database?)`);
    log(`Backfill ${name}: ${backfill.description}...`);
    const n = await backfill.run({ db, prisma, now, log });
    await db.transaction((sql) => sql.query(`UPDATE "DataBackfill" SET "completedAt" = $2 WHERE name = $1 AND "completedAt" IS NULL`, [name, now]));
    log(`Backfill ${name}: done (${n.toLocaleString("en-GB")} rows).`);
    ran.push(name);
  }
  return ran;
}
