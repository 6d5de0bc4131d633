-- CreateIndex
CREATE INDEX "Case_breached_nextDueDate_openedAt_idx" ON "Case"("breached" DESC, "nextDueDate", "openedAt");

-- CreateIndex
CREATE INDEX "Case_resolvedAt_idx" ON "Case"("resolvedAt");

