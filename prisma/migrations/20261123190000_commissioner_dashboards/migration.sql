-- CreateEnum
CREATE TYPE "DashboardMonthStatus" AS ENUM ('PROVISIONAL', 'FINAL');

-- CreateEnum
CREATE TYPE "DashboardLevel" AS ENUM ('NATIONAL', 'REGION', 'ICB', 'PRACTICE');

-- CreateEnum
CREATE TYPE "DashboardSide" AS ENUM ('SENDING', 'RECEIVING');

-- CreateTable
CREATE TABLE "DashboardMonth" (
    "month" DATE NOT NULL,
    "status" "DashboardMonthStatus" NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "cutOffDate" DATE NOT NULL,
    "asOf" TIMESTAMPTZ(3) NOT NULL,
    "refreshedAt" TIMESTAMPTZ(3) NOT NULL,
    "finalisedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "DashboardMonth_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "DashboardRollup" (
    "month" DATE NOT NULL,
    "level" "DashboardLevel" NOT NULL,
    "side" "DashboardSide" NOT NULL,
    "code" VARCHAR(10) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "regionCode" VARCHAR(3),
    "icbCode" VARCHAR(3),
    "practices" INTEGER NOT NULL DEFAULT 0,
    "collected" INTEGER NOT NULL DEFAULT 0,
    "deliveredFast" INTEGER NOT NULL DEFAULT 0,
    "deliveredOnTime" INTEGER NOT NULL DEFAULT 0,
    "deliveredLate" INTEGER NOT NULL DEFAULT 0,
    "notDelivered" INTEGER NOT NULL DEFAULT 0,
    "returnedOrFailed" INTEGER NOT NULL DEFAULT 0,
    "requested" INTEGER NOT NULL DEFAULT 0,
    "receiptConfirmed" INTEGER NOT NULL DEFAULT 0,
    "releaseDays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "collectionDays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "deliveryDays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "receiptDays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "endToEndDays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "backlogMain" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "backlogBranch" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "missingCases" INTEGER NOT NULL DEFAULT 0,
    "missingFoundInSearch" INTEGER NOT NULL DEFAULT 0,
    "missingMarkedMissing" INTEGER NOT NULL DEFAULT 0,
    "missingMarkedLost" INTEGER NOT NULL DEFAULT 0,
    "missingOpenByAge" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "wrongPatient" INTEGER NOT NULL DEFAULT 0,
    "incomplete" INTEGER NOT NULL DEFAULT 0,
    "damaged" INTEGER NOT NULL DEFAULT 0,
    "urgentRequests" INTEGER NOT NULL DEFAULT 0,
    "urgentOnTarget" INTEGER NOT NULL DEFAULT 0,
    "urgentAtRisk" INTEGER NOT NULL DEFAULT 0,
    "urgentBreached" INTEGER NOT NULL DEFAULT 0,
    "urgentOpen" INTEGER NOT NULL DEFAULT 0,
    "casesOpened" INTEGER NOT NULL DEFAULT 0,
    "caseFirstResponseMet" INTEGER NOT NULL DEFAULT 0,
    "caseFirstResponseLate" INTEGER NOT NULL DEFAULT 0,
    "caseResolutionMet" INTEGER NOT NULL DEFAULT 0,
    "caseResolutionLate" INTEGER NOT NULL DEFAULT 0,
    "caseKinds" JSONB NOT NULL DEFAULT '{}',
    "crossBorder" JSONB NOT NULL DEFAULT '{}',
    "harmReviews" INTEGER NOT NULL DEFAULT 0,
    "harmReviewsHarm" INTEGER NOT NULL DEFAULT 0,
    "harmReviewsPotential" INTEGER NOT NULL DEFAULT 0,
    "incidentReturnsSigned" INTEGER NOT NULL DEFAULT 0,
    "practicesSending" INTEGER NOT NULL DEFAULT 0,
    "practicesReceiving" INTEGER NOT NULL DEFAULT 0,
    "practicesActive" INTEGER NOT NULL DEFAULT 0,
    "recordsReleased" INTEGER NOT NULL DEFAULT 0,
    "receiptsConfirmed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardRollup_pkey" PRIMARY KEY ("month","level","side","code")
);

-- CreateIndex
CREATE INDEX "DashboardRollup_level_side_code_month_idx" ON "DashboardRollup"("level", "side", "code", "month");

-- CreateIndex
CREATE INDEX "DashboardRollup_month_level_side_regionCode_idx" ON "DashboardRollup"("month", "level", "side", "regionCode");

-- CreateIndex
CREATE INDEX "DashboardRollup_month_level_side_icbCode_idx" ON "DashboardRollup"("month", "level", "side", "icbCode");

-- AddForeignKey
ALTER TABLE "DashboardRollup" ADD CONSTRAINT "DashboardRollup_month_fkey" FOREIGN KEY ("month") REFERENCES "DashboardMonth"("month") ON DELETE CASCADE ON UPDATE CASCADE;

