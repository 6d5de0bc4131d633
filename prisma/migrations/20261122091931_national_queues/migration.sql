-- DropIndex
DROP INDEX "RecordMovement_needsAttention_statusChangedAt_idx";

-- DropIndex
DROP INDEX "RecordMovement_status_dueDate_idx";

-- DropIndex
DROP INDEX "RecordMovement_status_readyForCollectionAt_idx";

-- CreateTable
CREATE TABLE "AttentionQueueEntry" (
    "movementId" UUID NOT NULL,
    "reasons" "AttentionReason"[],
    "since" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AttentionQueueEntry_pkey" PRIMARY KEY ("movementId")
);

-- CreateTable
CREATE TABLE "CollectionBacklogEntry" (
    "movementId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "readyAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CollectionBacklogEntry_pkey" PRIMARY KEY ("movementId")
);

-- CreateIndex
CREATE INDEX "AttentionQueueEntry_since_idx" ON "AttentionQueueEntry"("since");

-- CreateIndex
CREATE INDEX "CollectionBacklogEntry_organisationId_readyAt_idx" ON "CollectionBacklogEntry"("organisationId", "readyAt");

-- CreateIndex
CREATE INDEX "CollectionBacklogEntry_readyAt_idx" ON "CollectionBacklogEntry"("readyAt");

-- AddForeignKey
ALTER TABLE "AttentionQueueEntry" ADD CONSTRAINT "AttentionQueueEntry_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionBacklogEntry" ADD CONSTRAINT "CollectionBacklogEntry_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Leave room on each page so status updates can be HOT (heap-only: no index writes). Hand-written.
ALTER TABLE "RecordMovement" SET (fillfactor = 80);
