-- AlterTable
ALTER TABLE "DashboardRollup" ADD COLUMN     "claimsOffered" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimsOfferedPence" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "claimsPaid" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimsPaidPence" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "claimsSubmitted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimsSubmittedPence" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "movementsMoved" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "workloadByCause" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "workloadByTask" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "workloadCostPence" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "workloadEntries" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "workloadItems" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "workloadMinutes" INTEGER NOT NULL DEFAULT 0;


-- Months already in the rollup get KPI 9 from a rebuild (lib/jobs/backfills.ts "dashboards-workload-kpi"): a final
-- month is never recomputed by the hourly job, and its new columns would otherwise read 0 rather than what was
-- logged. Asked for only when there are rows to rebuild.
INSERT INTO "DataBackfill" ("name") SELECT 'dashboards-workload-kpi' WHERE EXISTS (SELECT 1 FROM "DashboardMonth");
