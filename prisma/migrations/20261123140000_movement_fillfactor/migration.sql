-- Room for courier updates to stay heap-only. A movement row grew (the sender's recorded demographics, milestones
-- and clock results), and at fillfactor 80 only about half of the courier's status updates found room for the new
-- row version in the same page, so the other half wrote every index (npm run bench:ingest prints the ratio). At 50
-- nearly all stay HOT. Pages already written keep their layout until rewritten, new rows use the new setting.
ALTER TABLE "RecordMovement" SET (fillfactor = 50);
