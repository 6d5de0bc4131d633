-- One index on the running clocks instead of two (every clock-row write on the courier path updates each index).
-- DropIndex
DROP INDEX "MovementClock_breachedAt_dueDate_idx";

-- DropIndex
DROP INDEX "MovementClock_dueDate_idx";

-- AlterTable
ALTER TABLE "MovementClock" ADD COLUMN     "breached" BOOLEAN NOT NULL DEFAULT false;
UPDATE "MovementClock" SET breached = true WHERE "breachedAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "MovementClock_breached_dueDate_idx" ON "MovementClock"("breached", "dueDate");

