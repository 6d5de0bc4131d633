-- Issue 10 after issue 11: workload entries, suggestions and evidence packs link to real incidents and harm reviews
-- (the ids were plain columns until the incident tables existed). Nothing deletes an incident or a review, and
-- evidence must not lose its links, so deletion is restricted. A suggestion may name the grade its action implies.

-- AlterTable
ALTER TABLE "WorkloadSuggestion" ADD COLUMN     "grade" "StaffGrade";

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_harmReviewId_fkey" FOREIGN KEY ("harmReviewId") REFERENCES "HarmReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadSuggestion" ADD CONSTRAINT "WorkloadSuggestion_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadSuggestion" ADD CONSTRAINT "WorkloadSuggestion_harmReviewId_fkey" FOREIGN KEY ("harmReviewId") REFERENCES "HarmReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePack" ADD CONSTRAINT "EvidencePack_scopeIncidentId_fkey" FOREIGN KEY ("scopeIncidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

