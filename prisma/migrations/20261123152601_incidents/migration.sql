-- CreateEnum
CREATE TYPE "IncidentCategory" AS ENUM ('RECORDS_ARCHIVED_IN_ERROR', 'MISDELIVERED_RECORDS', 'CORRESPONDENCE_BACKLOG', 'DATA_LOSS', 'OTHER');

-- CreateEnum
CREATE TYPE "IncidentPaymentScheme" AS ENUM ('NONE', 'FLAT_PER_PRACTICE', 'BANDED', 'PER_ITEM');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "IncidentTriage" AS ENUM ('HIGH', 'LOW');

-- CreateEnum
CREATE TYPE "HarmOutcome" AS ENUM ('NO_HARM', 'POTENTIAL_HARM_NEEDS_CLINICAL_REVIEW', 'HARM_IDENTIFIED');

-- CreateEnum
CREATE TYPE "HarmLevel" AS ENUM ('LOW', 'MODERATE', 'SEVERE', 'DEATH');

-- CreateEnum
CREATE TYPE "HarmReviewerRole" AS ENUM ('GP', 'NURSE', 'PHARMACIST', 'OTHER_CLINICIAN', 'PRACTICE_MANAGER', 'ADMINISTRATIVE_STAFF');

-- CreateEnum
CREATE TYPE "IncidentImportStatus" AS ENUM ('RECEIVING', 'CHECKING', 'IMPORTING', 'COMPLETED', 'REJECTED', 'FAILED');

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(12) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "category" "IncidentCategory" NOT NULL,
    "responsibleOrganisation" VARCHAR(200) NOT NULL,
    "discoveredOn" DATE NOT NULL,
    "reviewsDueDate" DATE NOT NULL,
    "paymentScheme" "IncidentPaymentScheme" NOT NULL,
    "paymentTerms" JSONB NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentItem" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "nhsNumber" CHAR(10) NOT NULL,
    "practiceId" UUID NOT NULL,
    "regionCode" VARCHAR(3),
    "icbCode" VARCHAR(3),
    "heldFrom" DATE NOT NULL,
    "releasedOn" DATE,
    "movementId" UUID,
    "priority" "IncidentTriage" NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "importId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentImport" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "fileName" VARCHAR(200) NOT NULL,
    "status" "IncidentImportStatus" NOT NULL,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsTotal" INTEGER,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "movementsLinked" INTEGER NOT NULL DEFAULT 0,
    "movementsCreated" INTEGER NOT NULL DEFAULT 0,
    "problem" VARCHAR(500),
    "createdById" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "IncidentImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentImportRow" (
    "importId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "nhsNumber" VARCHAR(40),
    "practiceOdsCode" VARCHAR(40),
    "heldFrom" VARCHAR(40),
    "releasedOn" VARCHAR(40),
    "movementReference" VARCHAR(40),
    "priority" VARCHAR(40),
    "familyName" VARCHAR(100),
    "givenName" VARCHAR(100),
    "dateOfBirth" VARCHAR(40),
    "problem" VARCHAR(500),

    CONSTRAINT "IncidentImportRow_pkey" PRIMARY KEY ("importId","rowNumber")
);

-- CreateTable
CREATE TABLE "HarmReview" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "outcome" "HarmOutcome" NOT NULL,
    "harmLevel" "HarmLevel",
    "harmDescription" VARCHAR(2000),
    "patientInformed" BOOLEAN NOT NULL DEFAULT false,
    "patientInformedOn" DATE,
    "actionsTaken" VARCHAR(2000),
    "reviewerRole" "HarmReviewerRole" NOT NULL,
    "minutesSpent" SMALLINT NOT NULL,
    "reviewedById" UUID NOT NULL,
    "reviewedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "HarmReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HarmReviewHistory" (
    "id" BIGSERIAL NOT NULL,
    "reviewId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "replacedAt" TIMESTAMPTZ(3) NOT NULL,
    "replacedById" UUID NOT NULL,

    CONSTRAINT "HarmReviewHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentPracticeReturn" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "harmCount" INTEGER NOT NULL,
    "nilReturn" BOOLEAN NOT NULL,
    "paymentPence" INTEGER NOT NULL,
    "signedById" UUID NOT NULL,
    "signedByName" VARCHAR(200) NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IncidentPracticeReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentChase" (
    "id" BIGSERIAL NOT NULL,
    "incidentId" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "chasedById" UUID NOT NULL,
    "chasedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IncidentChase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_reference_key" ON "Incident"("reference");

-- CreateIndex
CREATE INDEX "Incident_createdAt_idx" ON "Incident"("createdAt");

-- CreateIndex
CREATE INDEX "IncidentItem_incidentId_practiceId_priority_idx" ON "IncidentItem"("incidentId", "practiceId", "priority");

-- CreateIndex
CREATE INDEX "IncidentItem_practiceId_idx" ON "IncidentItem"("practiceId");

-- CreateIndex
CREATE INDEX "IncidentItem_movementId_idx" ON "IncidentItem"("movementId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentItem_incidentId_nhsNumber_key" ON "IncidentItem"("incidentId", "nhsNumber");

-- CreateIndex
CREATE INDEX "IncidentImport_incidentId_startedAt_idx" ON "IncidentImport"("incidentId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "HarmReview_itemId_key" ON "HarmReview"("itemId");

-- CreateIndex
CREATE INDEX "HarmReview_incidentId_practiceId_idx" ON "HarmReview"("incidentId", "practiceId");

-- CreateIndex
CREATE INDEX "HarmReviewHistory_reviewId_version_idx" ON "HarmReviewHistory"("reviewId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentPracticeReturn_incidentId_practiceId_key" ON "IncidentPracticeReturn"("incidentId", "practiceId");

-- CreateIndex
CREATE INDEX "IncidentChase_incidentId_practiceId_idx" ON "IncidentChase"("incidentId", "practiceId");

-- AddForeignKey
ALTER TABLE "IncidentItem" ADD CONSTRAINT "IncidentItem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentItem" ADD CONSTRAINT "IncidentItem_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentItem" ADD CONSTRAINT "IncidentItem_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentItem" ADD CONSTRAINT "IncidentItem_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentImport" ADD CONSTRAINT "IncidentImport_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentImportRow" ADD CONSTRAINT "IncidentImportRow_importId_fkey" FOREIGN KEY ("importId") REFERENCES "IncidentImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarmReview" ADD CONSTRAINT "HarmReview_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "IncidentItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarmReviewHistory" ADD CONSTRAINT "HarmReviewHistory_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "HarmReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPracticeReturn" ADD CONSTRAINT "IncidentPracticeReturn_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPracticeReturn" ADD CONSTRAINT "IncidentPracticeReturn_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentChase" ADD CONSTRAINT "IncidentChase_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Earlier versions of a harm review are kept for good (function body semicolons as \073: Prisma's JS engine splits on semicolons).
CREATE FUNCTION "harm_review_history_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''HarmReviewHistory is append-only (% refused)'', TG_OP\073 END';
CREATE TRIGGER "HarmReviewHistory_append_only" BEFORE UPDATE OR DELETE ON "HarmReviewHistory"
  FOR EACH ROW EXECUTE FUNCTION "harm_review_history_append_only"();
CREATE TRIGGER "HarmReviewHistory_no_truncate" BEFORE TRUNCATE ON "HarmReviewHistory"
  FOR EACH STATEMENT EXECUTE FUNCTION "harm_review_history_append_only"();
