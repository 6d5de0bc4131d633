-- CreateIndex
CREATE INDEX "Case_status_kind_regionCode_ownerId_breached_nextDueDate_idx" ON "Case"("status", "kind", "regionCode", "ownerId", "breached", "nextDueDate");

