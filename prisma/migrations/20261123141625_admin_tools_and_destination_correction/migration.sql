-- AlterEnum
ALTER TYPE "TrackingEventType" ADD VALUE 'DESTINATION_CORRECTED';

-- CreateTable
CREATE TABLE "OdsImportRun" (
    "id" BIGSERIAL NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "source" VARCHAR(200) NOT NULL,
    "practices" INTEGER NOT NULL,
    "added" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,
    "reopened" INTEGER NOT NULL,
    "skippedUnknownIcb" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,

    CONSTRAINT "OdsImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OdsImportRun_startedAt_idx" ON "OdsImportRun"("startedAt");

