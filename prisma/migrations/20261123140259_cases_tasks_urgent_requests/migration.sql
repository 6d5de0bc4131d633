-- A court order is a basis for an urgent request of its own
ALTER TYPE "MovementReason" ADD VALUE 'COURT';

-- Practices' published telephone numbers (ODS), for PCSE's cases
ALTER TABLE "Organisation" ADD COLUMN "phone" VARCHAR(30);

-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('RECORD_NOT_RECEIVED', 'MISSING_RECORD', 'INCOMPLETE_RECORD', 'WRONG_PATIENT', 'DAMAGED_RECORD', 'LABEL_PROBLEM', 'COLLECTION_MISSED', 'URGENT_REQUEST_CHASE', 'CROSS_BORDER_DELAY', 'DEMOGRAPHICS_DISAGREEMENT', 'SERVICE_REGISTRATIONS', 'SERVICE_PERFORMERS_LIST', 'SERVICE_SUPPLIES', 'SERVICE_PAYMENTS', 'SERVICE_PENSIONS', 'SERVICE_COMMUNICATIONS');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'WAITING_ON_PRACTICE', 'WAITING_ON_COURIER', 'WAITING_ON_THIRD_PARTY', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CaseOrigin" AS ENUM ('PRACTICE', 'PCSE', 'CLOCK_SWEEP', 'SYSTEM');

-- CreateEnum
CREATE TYPE "MissingStage" AS ENUM ('SEARCHING', 'MISSING', 'LOST', 'FOUND', 'RECONSTITUTED', 'MERGED');

-- CreateEnum
CREATE TYPE "CaseOutcome" AS ENUM ('RECORD_DELIVERED', 'FOUND_AND_SENT', 'FOUND_AT_SENDER', 'RECONSTITUTED', 'MERGED', 'REDELIVERED', 'RECORDS_EXCHANGED', 'NO_FAULT_FOUND', 'DUPLICATE', 'WITHDRAWN_BY_PRACTICE', 'SERVICE_PUT_RIGHT', 'NOT_FOR_PCSE');

-- CreateEnum
CREATE TYPE "CaseEventType" AS ENUM ('OPENED', 'ALSO_REPORTED', 'ASSIGNED', 'STATUS_CHANGED', 'NOTE', 'PRACTICE_REPLY', 'CHASED_SENDER', 'CHASED_COURIER', 'SEARCH_REQUESTED', 'SEARCH_STEP', 'MARKED_FOUND', 'MARKED_MISSING', 'MARKED_LOST', 'REDELIVERY_ARRANGED', 'TASK_CREATED', 'TASK_COMPLETED', 'CLOCK_BREACHED', 'RESOLVED', 'REOPENED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CaseVisibility" AS ENUM ('INTERNAL', 'SHARED');

-- CreateEnum
CREATE TYPE "CaseMovementRole" AS ENUM ('CONCERNS', 'EXPECTED', 'DELIVERED', 'REDELIVERY');

-- CreateEnum
CREATE TYPE "PracticeTaskKind" AS ENUM ('SEARCH_FOR_RECORD', 'RECONSTITUTE_RECORD', 'MERGE_FOUND_RECORD');

-- CreateEnum
CREATE TYPE "PracticeTaskStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "UrgentBasis" AS ENUM ('CLINICAL_NEED', 'SUBJECT_ACCESS_REQUEST', 'ACCESS_TO_HEALTH_RECORDS', 'CORONER', 'COURT');

-- CreateEnum
CREATE TYPE "UrgentRequestStatus" AS ENUM ('REQUESTED', 'ACKNOWLEDGED', 'SENT', 'RECEIVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENT', 'LOGGED', 'FAILED');

-- AlterTable
ALTER TABLE "ProblemReport" ADD COLUMN     "caseId" UUID;

-- CreateTable
CREATE TABLE "Case" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(12) NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "status" "CaseStatus" NOT NULL,
    "origin" "CaseOrigin" NOT NULL,
    "summary" VARCHAR(300) NOT NULL,
    "details" JSONB,
    "raisedByOrganisationId" UUID,
    "raisedById" UUID,
    "ownerId" UUID,
    "regionCode" VARCHAR(3),
    "policyVersion" INTEGER NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "firstResponseAt" TIMESTAMPTZ(3),
    "firstResponseDueDate" DATE NOT NULL,
    "resolutionDueDate" DATE NOT NULL,
    "resolutionClockStoppedAt" TIMESTAMPTZ(3),
    "pausedSince" TIMESTAMPTZ(3),
    "pausedWorkingDays" SMALLINT NOT NULL DEFAULT 0,
    "firstResponseBreached" BOOLEAN NOT NULL DEFAULT false,
    "resolutionBreached" BOOLEAN NOT NULL DEFAULT false,
    "breached" BOOLEAN NOT NULL DEFAULT false,
    "nextDueDate" DATE,
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "outcome" "CaseOutcome",
    "outcomeNote" VARCHAR(1000),
    "missingStage" "MissingStage",
    "markedMissingAt" TIMESTAMPTZ(3),
    "markedLostAt" TIMESTAMPTZ(3),
    "foundAt" TIMESTAMPTZ(3),
    "foundWhere" VARCHAR(300),
    "foundHow" VARCHAR(500),
    "receivedNhsNumber" CHAR(10),
    "problemKey" VARCHAR(120),
    "collectionId" UUID,
    "urgentRequestId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpenCaseKey" (
    "key" VARCHAR(120) NOT NULL,
    "caseId" UUID NOT NULL,

    CONSTRAINT "OpenCaseKey_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AutoCaseKey" (
    "key" VARCHAR(120) NOT NULL,
    "caseId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutoCaseKey_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CaseMovement" (
    "caseId" UUID NOT NULL,
    "movementId" UUID NOT NULL,
    "role" "CaseMovementRole" NOT NULL,

    CONSTRAINT "CaseMovement_pkey" PRIMARY KEY ("caseId","movementId")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" BIGSERIAL NOT NULL,
    "caseId" UUID NOT NULL,
    "type" "CaseEventType" NOT NULL,
    "visibility" "CaseVisibility" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorUserId" UUID,
    "actorRole" "Role",
    "actorOrganisationId" UUID,
    "fromStatus" "CaseStatus",
    "toStatus" "CaseStatus",
    "note" VARCHAR(2000),
    "data" JSONB,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeTask" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "kind" "PracticeTaskKind" NOT NULL,
    "status" "PracticeTaskStatus" NOT NULL DEFAULT 'OPEN',
    "dueDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),
    "completedById" UUID,
    "response" JSONB,

    CONSTRAINT "PracticeTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UrgentRequest" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(12) NOT NULL,
    "requestingOrganisationId" UUID NOT NULL,
    "holderOrganisationId" UUID NOT NULL,
    "requestedById" UUID,
    "patientId" UUID NOT NULL,
    "patientFamilyName" VARCHAR(100) NOT NULL,
    "patientGivenName" VARCHAR(100) NOT NULL,
    "patientDateOfBirth" DATE NOT NULL,
    "basis" "UrgentBasis" NOT NULL,
    "receivedOn" DATE NOT NULL,
    "extended" BOOLEAN NOT NULL DEFAULT false,
    "recentEntriesOnly" BOOLEAN NOT NULL DEFAULT false,
    "dateGiven" DATE,
    "statutoryDueDate" DATE,
    "internalTargetDate" DATE NOT NULL,
    "status" "UrgentRequestStatus" NOT NULL DEFAULT 'REQUESTED',
    "note" VARCHAR(1000),
    "policyVersion" INTEGER NOT NULL,
    "movementId" UUID,
    "remindedHalfwayAt" TIMESTAMPTZ(3),
    "remindedThreeQuartersAt" TIMESTAMPTZ(3),
    "breachedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UrgentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "template" VARCHAR(60) NOT NULL,
    "toEmail" VARCHAR(254) NOT NULL,
    "userId" UUID,
    "organisationId" UUID,
    "caseId" UUID,
    "subject" VARCHAR(200) NOT NULL,
    "body" VARCHAR(2000) NOT NULL,
    "personalisation" JSONB NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" SMALLINT NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" VARCHAR(500),
    "providerId" VARCHAR(100),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Case_reference_key" ON "Case"("reference");

-- CreateIndex
CREATE INDEX "Case_status_breached_nextDueDate_idx" ON "Case"("status", "breached", "nextDueDate");

-- CreateIndex
CREATE INDEX "Case_ownerId_status_idx" ON "Case"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Case_kind_status_idx" ON "Case"("kind", "status");

-- CreateIndex
CREATE INDEX "Case_regionCode_status_nextDueDate_idx" ON "Case"("regionCode", "status", "nextDueDate");

-- CreateIndex
CREATE INDEX "Case_raisedByOrganisationId_openedAt_idx" ON "Case"("raisedByOrganisationId", "openedAt");

-- CreateIndex
CREATE INDEX "Case_openedAt_idx" ON "Case"("openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OpenCaseKey_caseId_key" ON "OpenCaseKey"("caseId");

-- CreateIndex
CREATE INDEX "CaseMovement_movementId_idx" ON "CaseMovement"("movementId");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_id_idx" ON "CaseEvent"("caseId", "id");

-- CreateIndex
CREATE INDEX "PracticeTask_organisationId_status_idx" ON "PracticeTask"("organisationId", "status");

-- CreateIndex
CREATE INDEX "PracticeTask_caseId_idx" ON "PracticeTask"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "UrgentRequest_reference_key" ON "UrgentRequest"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "UrgentRequest_movementId_key" ON "UrgentRequest"("movementId");

-- CreateIndex
CREATE INDEX "UrgentRequest_holderOrganisationId_status_idx" ON "UrgentRequest"("holderOrganisationId", "status");

-- CreateIndex
CREATE INDEX "UrgentRequest_requestingOrganisationId_status_idx" ON "UrgentRequest"("requestingOrganisationId", "status");

-- CreateIndex
CREATE INDEX "UrgentRequest_status_internalTargetDate_idx" ON "UrgentRequest"("status", "internalTargetDate");

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");

-- AddForeignKey
ALTER TABLE "ProblemReport" ADD CONSTRAINT "ProblemReport_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_raisedByOrganisationId_fkey" FOREIGN KEY ("raisedByOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_policyVersion_fkey" FOREIGN KEY ("policyVersion") REFERENCES "ServiceLevelPolicy"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_urgentRequestId_fkey" FOREIGN KEY ("urgentRequestId") REFERENCES "UrgentRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenCaseKey" ADD CONSTRAINT "OpenCaseKey_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMovement" ADD CONSTRAINT "CaseMovement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMovement" ADD CONSTRAINT "CaseMovement_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeTask" ADD CONSTRAINT "PracticeTask_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeTask" ADD CONSTRAINT "PracticeTask_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgentRequest" ADD CONSTRAINT "UrgentRequest_requestingOrganisationId_fkey" FOREIGN KEY ("requestingOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgentRequest" ADD CONSTRAINT "UrgentRequest_holderOrganisationId_fkey" FOREIGN KEY ("holderOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgentRequest" ADD CONSTRAINT "UrgentRequest_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgentRequest" ADD CONSTRAINT "UrgentRequest_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A case's timeline is append-only (function body semicolons as \073: Prisma's JS engine splits on semicolons).
CREATE FUNCTION "case_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''CaseEvent is append-only (% refused)'', TG_OP\073 END';
CREATE TRIGGER "CaseEvent_append_only" BEFORE UPDATE OR DELETE ON "CaseEvent"
  FOR EACH ROW EXECUTE FUNCTION "case_event_append_only"();
CREATE TRIGGER "CaseEvent_no_truncate" BEFORE TRUNCATE ON "CaseEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "case_event_append_only"();

-- Problem reports made before cases existed become cases (lib/jobs/backfills.ts).
INSERT INTO "DataBackfill" ("name") SELECT 'problem-reports-to-cases' WHERE EXISTS (SELECT 1 FROM "ProblemReport");

-- PCSE's search by surname and date of birth
CREATE INDEX "RecordMovement_patientDateOfBirth_idx" ON "RecordMovement"("patientDateOfBirth");
