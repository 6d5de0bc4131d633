-- CreateEnum
CREATE TYPE "MovementClockKind" AS ENUM ('RELEASE', 'COLLECTION', 'DELIVERY', 'RECEIPT', 'END_TO_END');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "JobTrigger" AS ENUM ('SCHEDULE', 'MANUAL', 'STARTUP', 'TEST');

-- AlterEnum
ALTER TYPE "AttentionReason" ADD VALUE 'RECEIVED_WITHOUT_SCANS';

-- AlterTable
ALTER TABLE "BankHoliday" DROP CONSTRAINT "BankHoliday_pkey",
ADD COLUMN     "addedById" UUID,
ADD COLUMN     "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "division" DROP DEFAULT,
ADD CONSTRAINT "BankHoliday_pkey" PRIMARY KEY ("division", "date");

-- AlterTable
ALTER TABLE "RecordMovement" ADD COLUMN     "breachedClocks" "MovementClockKind"[] DEFAULT ARRAY[]::"MovementClockKind"[],
ADD COLUMN     "collectedAt" TIMESTAMPTZ(3),
ADD COLUMN     "collectionDueDate" DATE,
ADD COLUMN     "deliveredAt" TIMESTAMPTZ(3),
ADD COLUMN     "deliveryDueDate" DATE,
ADD COLUMN     "deliveryWorkingDays" SMALLINT,
ADD COLUMN     "endToEndWorkingDays" SMALLINT,
ADD COLUMN     "policyVersion" INTEGER,
ADD COLUMN     "receiptDueDate" DATE,
ADD COLUMN     "receivedAt" TIMESTAMPTZ(3),
ADD COLUMN     "releaseDueDate" DATE,
ADD COLUMN     "releasedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "MovementClock" (
    "movementId" UUID NOT NULL,
    "kind" "MovementClockKind" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueDate" DATE NOT NULL,
    "breachedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MovementClock_pkey" PRIMARY KEY ("movementId","kind")
);

-- CreateTable
CREATE TABLE "ServiceLevelPolicy" (
    "version" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "rules" JSONB NOT NULL,
    "summary" VARCHAR(1000) NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceLevelPolicy_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" BIGSERIAL NOT NULL,
    "job" VARCHAR(60) NOT NULL,
    "trigger" "JobTrigger" NOT NULL,
    "status" "JobRunStatus" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "summary" JSONB,
    "error" VARCHAR(1000),
    "requestedById" UUID,
    "worker" VARCHAR(100),

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobWorker" (
    "id" VARCHAR(100) NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "JobWorker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataBackfill" (
    "name" VARCHAR(100) NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DataBackfill_pkey" PRIMARY KEY ("name")
);

-- Version 1 of the service-level policy: lib/service-levels/policy.ts DEFAULT_POLICY_RULES as it stood when this
-- migration was written (tests/integration/service-levels.test.ts checks they agree). Effective from 2024-01-01 so
-- that every movement already held is judged under it.
INSERT INTO "ServiceLevelPolicy" ("version", "effectiveFrom", "rules", "summary")
VALUES (1, DATE '2024-01-01', '{"movements":[{"type":"PRACTICE_TO_PRACTICE","priority":"ROUTINE","release":10,"collection":5,"delivery":12,"receipt":5,"endToEnd":40},{"type":"PRACTICE_TO_PRACTICE","priority":"URGENT","release":2,"collection":2,"delivery":3,"receipt":1,"endToEnd":8},{"type":"PRACTICE_TO_STORE","priority":"ROUTINE","release":10,"collection":5,"delivery":12,"receipt":10,"endToEnd":40},{"type":"PRACTICE_TO_STORE","priority":"URGENT","release":2,"collection":2,"delivery":3,"receipt":2,"endToEnd":9},{"type":"STORE_TO_PRACTICE","priority":"ROUTINE","release":5,"collection":2,"delivery":12,"receipt":5,"endToEnd":25},{"type":"STORE_TO_PRACTICE","priority":"URGENT","release":1,"collection":1,"delivery":3,"receipt":1,"endToEnd":6},{"type":"PRACTICE_TO_CROSS_BORDER","priority":"ROUTINE","release":10,"collection":5,"delivery":12,"receipt":5,"endToEnd":40},{"type":"PRACTICE_TO_CROSS_BORDER","priority":"URGENT","release":2,"collection":2,"delivery":5,"receipt":2,"endToEnd":11},{"type":"CROSS_BORDER_TO_PRACTICE","priority":"ROUTINE","release":10,"collection":5,"delivery":12,"receipt":5,"endToEnd":40},{"type":"CROSS_BORDER_TO_PRACTICE","priority":"URGENT","release":2,"collection":2,"delivery":5,"receipt":2,"endToEnd":11},{"type":"ADDITIONAL_NOTES","priority":"ROUTINE","release":10,"collection":5,"delivery":12,"receipt":5,"endToEnd":40},{"type":"ADDITIONAL_NOTES","priority":"URGENT","release":2,"collection":2,"delivery":3,"receipt":1,"endToEnd":8},{"type":"URGENT_REQUEST","priority":"ROUTINE","release":2,"collection":1,"delivery":2,"receipt":1,"endToEnd":5},{"type":"URGENT_REQUEST","priority":"URGENT","release":2,"collection":1,"delivery":2,"receipt":1,"endToEnd":5}],"crossBorder":[{"country":"WALES","delivery":12,"receipt":5,"endToEnd":40},{"country":"SCOTLAND","delivery":15,"receipt":5,"endToEnd":30},{"country":"NORTHERN_IRELAND","delivery":15,"receipt":5,"endToEnd":40}],"movementPauses":{"statuses":["HELD_AT_PRACTICE"],"maxPausedWorkingDays":20},"cases":[{"kind":"RECORD_NOT_RECEIVED","firstResponse":2,"resolution":10},{"kind":"MISSING_RECORD","firstResponse":1,"resolution":5},{"kind":"INCOMPLETE_RECORD","firstResponse":2,"resolution":15},{"kind":"WRONG_PATIENT","firstResponse":1,"resolution":5},{"kind":"DAMAGED_RECORD","firstResponse":2,"resolution":10},{"kind":"LABEL_PROBLEM","firstResponse":1,"resolution":3},{"kind":"COLLECTION_MISSED","firstResponse":1,"resolution":3},{"kind":"URGENT_REQUEST_CHASE","firstResponse":1,"resolution":2},{"kind":"CROSS_BORDER_DELAY","firstResponse":2,"resolution":15},{"kind":"DEMOGRAPHICS_DISAGREEMENT","firstResponse":2,"resolution":5},{"kind":"SERVICE_REGISTRATIONS","firstResponse":2,"resolution":10},{"kind":"SERVICE_PERFORMERS_LIST","firstResponse":2,"resolution":15},{"kind":"SERVICE_SUPPLIES","firstResponse":2,"resolution":10},{"kind":"SERVICE_PAYMENTS","firstResponse":2,"resolution":10},{"kind":"SERVICE_PENSIONS","firstResponse":5,"resolution":20},{"kind":"SERVICE_COMMUNICATIONS","firstResponse":2,"resolution":10}],"casePauses":{"statuses":["WAITING_ON_PRACTICE","WAITING_ON_COURIER","WAITING_ON_THIRD_PARTY"],"maxPausedWorkingDays":15},"missingRecords":{"searchWorkingDays":5,"lostAfterMonths":6},"urgentRequests":{"internalTargetWorkingDays":3,"reminderPercents":[50,75]},"statutory":{"subjectAccessMonths":1,"subjectAccessExtensionMonths":2,"accessToHealthRecordsDays":40,"accessToHealthRecordsRecentDays":21,"reviewWorkingDays":5},"kpis":{"onTimeDeliveryWorkingDays":12,"onTimeDeliveryTargetPercent":98.5,"fastDeliveryWorkingDays":5,"cohortCutOffWorkingDays":20,"urgentOnTimeTargetPercent":95,"caseFirstResponseTargetPercent":95,"caseResolutionTargetPercent":90},"serviceCredits":{"monthlyChargePounds":1000000,"rules":[{"kpi":"ON_TIME_DELIVERY","creditPercentPerPoint":1,"maxCreditPercent":10},{"kpi":"URGENT_ON_TIME","creditPercentPerPoint":0.5,"maxCreditPercent":5},{"kpi":"CASE_RESOLUTION","creditPercentPerPoint":0.5,"maxCreditPercent":5}]},"disclosure":{"suppressFrom":1,"suppressTo":7,"roundTo":5}}'::jsonb, 'Default policy built from the service''s published rules: 12 working days from collection to delivery (contract KPI, 98.5%), weekly collection, 8 weeks to report a record not received, the 5-working-day missing-record search and 6 months to lost, statutory access-request clocks, NHS Digital disclosure control. Basis per figure in docs/service-levels.md.');

-- Existing movements were opened under version 1: their clocks are derived from their events by the
-- "movement-clocks-v1" backfill (lib/jobs/backfills.ts), run by npm run db:migrate, npm run demo and the worker.
UPDATE "RecordMovement" SET "policyVersion" = 1;
ALTER TABLE "RecordMovement" ALTER COLUMN "policyVersion" SET NOT NULL;
INSERT INTO "DataBackfill" ("name") SELECT 'movement-clocks-v1' WHERE EXISTS (SELECT 1 FROM "RecordMovement");

-- Policy versions are never edited or deleted: a change is a new version. (Semicolons in the function body are
-- written as \073: Prisma's JS schema engine splits scripts on semicolons.)
CREATE FUNCTION "service_level_policy_immutable"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''ServiceLevelPolicy versions are never changed (% refused): create a new version'', TG_OP\073 END';
CREATE TRIGGER "ServiceLevelPolicy_immutable" BEFORE UPDATE OR DELETE ON "ServiceLevelPolicy"
  FOR EACH ROW EXECUTE FUNCTION "service_level_policy_immutable"();
CREATE TRIGGER "ServiceLevelPolicy_no_truncate" BEFORE TRUNCATE ON "ServiceLevelPolicy"
  FOR EACH STATEMENT EXECUTE FUNCTION "service_level_policy_immutable"();

-- CreateIndex
CREATE INDEX "MovementClock_dueDate_idx" ON "MovementClock"("dueDate");

-- CreateIndex
CREATE INDEX "MovementClock_breachedAt_dueDate_idx" ON "MovementClock"("breachedAt", "dueDate");

-- CreateIndex
CREATE INDEX "ServiceLevelPolicy_effectiveFrom_idx" ON "ServiceLevelPolicy"("effectiveFrom");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE INDEX "JobRun_status_startedAt_idx" ON "JobRun"("status", "startedAt");

-- AddForeignKey
ALTER TABLE "RecordMovement" ADD CONSTRAINT "RecordMovement_policyVersion_fkey" FOREIGN KEY ("policyVersion") REFERENCES "ServiceLevelPolicy"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MovementClock" ADD CONSTRAINT "MovementClock_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankHoliday" ADD CONSTRAINT "BankHoliday_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLevelPolicy" ADD CONSTRAINT "ServiceLevelPolicy_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

