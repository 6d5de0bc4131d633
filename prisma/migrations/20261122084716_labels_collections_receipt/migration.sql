-- CreateEnum
CREATE TYPE "AttentionReason" AS ENUM ('DELIVERY_FAILED', 'RETURNED_TO_SENDER', 'COURIER_EXCEPTION', 'VOIDED_LABEL_SCANNED', 'PROBLEM_REPORTED');

-- CreateEnum
CREATE TYPE "LabelStatus" AS ENUM ('LIVE', 'VOIDED');

-- CreateEnum
CREATE TYPE "LabelVoidReason" AS ENUM ('LOST', 'DAMAGED', 'WRONG');

-- CreateEnum
CREATE TYPE "CollectionStatus" AS ENUM ('BOOKED', 'COLLECTED', 'MISSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ProblemKind" AS ENUM ('INCOMPLETE', 'DAMAGED', 'WRONG_PATIENT');

-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('OPEN', 'RESOLVED');

-- AlterTable
ALTER TABLE "RecordMovement" ADD COLUMN     "attentionReasons" "AttentionReason"[] DEFAULT ARRAY[]::"AttentionReason"[],
ADD COLUMN     "needsAttention" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "readyForCollectionAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "TrackingEvent" ADD COLUMN     "labelId" UUID;

-- CreateTable
CREATE TABLE "CourierLabel" (
    "id" UUID NOT NULL,
    "barcode" VARCHAR(40) NOT NULL,
    "movementId" UUID NOT NULL,
    "bagNumber" SMALLINT NOT NULL,
    "bagCount" SMALLINT NOT NULL,
    "version" SMALLINT NOT NULL,
    "status" "LabelStatus" NOT NULL DEFAULT 'LIVE',
    "voidReason" "LabelVoidReason",
    "voidNote" VARCHAR(500),
    "voidedAt" TIMESTAMPTZ(3),
    "voidedById" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstPrintedAt" TIMESTAMPTZ(3),
    "lastPrintedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CourierLabel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Collection" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(12) NOT NULL,
    "organisationId" UUID NOT NULL,
    "collectionDate" DATE NOT NULL,
    "bagCount" SMALLINT NOT NULL,
    "status" "CollectionStatus" NOT NULL DEFAULT 'BOOKED',
    "bookedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Collection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionItem" (
    "collectionId" UUID NOT NULL,
    "movementId" UUID NOT NULL,

    CONSTRAINT "CollectionItem_pkey" PRIMARY KEY ("collectionId","movementId")
);

-- CreateTable
CREATE TABLE "ProblemReport" (
    "id" UUID NOT NULL,
    "movementId" UUID NOT NULL,
    "kind" "ProblemKind" NOT NULL,
    "receivedNhsNumber" CHAR(10),
    "note" VARCHAR(1000),
    "status" "ProblemStatus" NOT NULL DEFAULT 'OPEN',
    "reportedById" UUID NOT NULL,
    "reportedByOrganisationId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProblemReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "CourierLabel_barcode_key" ON "CourierLabel"("barcode");

-- CreateIndex
CREATE INDEX "CourierLabel_movementId_status_idx" ON "CourierLabel"("movementId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CourierLabel_movementId_bagNumber_version_key" ON "CourierLabel"("movementId", "bagNumber", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Collection_reference_key" ON "Collection"("reference");

-- CreateIndex
CREATE INDEX "Collection_organisationId_collectionDate_idx" ON "Collection"("organisationId", "collectionDate");

-- CreateIndex
CREATE INDEX "Collection_collectionDate_status_idx" ON "Collection"("collectionDate", "status");

-- CreateIndex
CREATE INDEX "CollectionItem_movementId_idx" ON "CollectionItem"("movementId");

-- CreateIndex
CREATE INDEX "ProblemReport_movementId_idx" ON "ProblemReport"("movementId");

-- CreateIndex
CREATE INDEX "ProblemReport_status_createdAt_idx" ON "ProblemReport"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RecordMovement_needsAttention_statusChangedAt_idx" ON "RecordMovement"("needsAttention", "statusChangedAt");

-- CreateIndex
CREATE INDEX "RecordMovement_status_readyForCollectionAt_idx" ON "RecordMovement"("status", "readyForCollectionAt");

-- AddForeignKey
ALTER TABLE "TrackingEvent" ADD CONSTRAINT "TrackingEvent_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "CourierLabel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourierLabel" ADD CONSTRAINT "CourierLabel_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourierLabel" ADD CONSTRAINT "CourierLabel_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourierLabel" ADD CONSTRAINT "CourierLabel_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Collection" ADD CONSTRAINT "Collection_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Collection" ADD CONSTRAINT "Collection_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionItem" ADD CONSTRAINT "CollectionItem_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionItem" ADD CONSTRAINT "CollectionItem_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemReport" ADD CONSTRAINT "ProblemReport_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemReport" ADD CONSTRAINT "ProblemReport_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

