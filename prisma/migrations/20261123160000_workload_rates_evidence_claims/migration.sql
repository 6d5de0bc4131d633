-- CreateEnum
CREATE TYPE "StaffGrade" AS ENUM ('GP_PARTNER', 'SALARIED_GP', 'LOCUM_GP', 'NURSE', 'HEALTHCARE_ASSISTANT', 'PRACTICE_MANAGER', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "WorkloadCause" AS ENUM ('RECORDS_SERVICE', 'COURIER', 'OTHER_PRACTICE', 'OTHER_PROVIDER', 'OTHER');

-- CreateEnum
CREATE TYPE "WorkloadEntrySource" AS ENUM ('SUGGESTED_ACCEPTED', 'SUGGESTED_EDITED', 'MANUAL');

-- CreateEnum
CREATE TYPE "WorkloadTrigger" AS ENUM ('LABELS_PRINTED', 'COLLECTION_BOOKED', 'PROBLEM_REPORTED', 'CASE_RAISED', 'CASE_ANSWERED', 'PRACTICE_TASK_DONE', 'URGENT_REQUEST_ANSWERED', 'HARM_REVIEW_RECORDED');

-- CreateEnum
CREATE TYPE "WorkloadSuggestionStatus" AS ENUM ('PENDING', 'ACCEPTED', 'EDITED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "EvidenceScope" AS ENUM ('ALL', 'SERVICE_FAILURES', 'CASE', 'INCIDENT');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('SUBMITTED', 'UNDER_REVIEW', 'OFFER_MADE', 'ACCEPTED', 'REJECTED', 'PAID');

-- CreateTable
CREATE TABLE "WorkloadTask" (
    "code" VARCHAR(40) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" VARCHAR(300) NOT NULL,
    "defaultMinutes" SMALLINT NOT NULL,
    "basis" VARCHAR(500) NOT NULL,
    "defaultCause" "WorkloadCause" NOT NULL,
    "clinical" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" SMALLINT NOT NULL DEFAULT 0,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkloadTask_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "WorkloadEntry" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "regionCode" VARCHAR(3),
    "icbCode" VARCHAR(3),
    "grade" "StaffGrade" NOT NULL,
    "taskCode" VARCHAR(40) NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "minutes" INTEGER NOT NULL,
    "suggestedMinutes" INTEGER,
    "date" DATE NOT NULL,
    "cause" "WorkloadCause" NOT NULL,
    "movementId" UUID,
    "collectionId" UUID,
    "caseId" UUID,
    "incidentId" UUID,
    "harmReviewId" UUID,
    "note" VARCHAR(500),
    "source" "WorkloadEntrySource" NOT NULL,
    "suggestionId" UUID,
    "createdById" UUID NOT NULL,
    "ratePencePerHour" INTEGER NOT NULL,
    "rateId" UUID,
    "costPence" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "withdrawnAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkloadEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkloadEntryMovement" (
    "entryId" UUID NOT NULL,
    "movementId" UUID NOT NULL,

    CONSTRAINT "WorkloadEntryMovement_pkey" PRIMARY KEY ("entryId","movementId")
);

-- CreateTable
CREATE TABLE "WorkloadEntryVersion" (
    "id" BIGSERIAL NOT NULL,
    "entryId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,
    "changedById" UUID NOT NULL,
    "change" VARCHAR(20) NOT NULL,

    CONSTRAINT "WorkloadEntryVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkloadSuggestion" (
    "id" UUID NOT NULL,
    "triggerKey" VARCHAR(160) NOT NULL,
    "trigger" "WorkloadTrigger" NOT NULL,
    "organisationId" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "taskCode" VARCHAR(40) NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "suggestedMinutes" INTEGER NOT NULL,
    "cause" "WorkloadCause" NOT NULL,
    "date" DATE NOT NULL,
    "movementId" UUID,
    "movementIds" UUID[],
    "collectionId" UUID,
    "caseId" UUID,
    "incidentId" UUID,
    "harmReviewId" UUID,
    "summary" VARCHAR(200) NOT NULL,
    "status" "WorkloadSuggestionStatus" NOT NULL DEFAULT 'PENDING',
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkloadSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GradeRate" (
    "id" UUID NOT NULL,
    "organisationId" UUID,
    "grade" "StaffGrade" NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "pencePerHour" INTEGER NOT NULL,
    "source" VARCHAR(600) NOT NULL,
    "sourceYear" VARCHAR(20),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GradeRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidencePack" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(12) NOT NULL,
    "organisationId" UUID NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "scope" "EvidenceScope" NOT NULL,
    "scopeCaseId" UUID,
    "scopeIncidentId" UUID,
    "scopeLabel" VARCHAR(200) NOT NULL,
    "entryCount" INTEGER NOT NULL,
    "totalMinutes" INTEGER NOT NULL,
    "totalCostPence" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "csv" TEXT NOT NULL,
    "declarationName" VARCHAR(200) NOT NULL,
    "declarationRole" VARCHAR(100) NOT NULL,
    "declaredOn" DATE NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidencePack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidencePackEntry" (
    "packId" UUID NOT NULL,
    "entryId" UUID NOT NULL,

    CONSTRAINT "EvidencePackEntry_pkey" PRIMARY KEY ("packId","entryId")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(12) NOT NULL,
    "organisationId" UUID NOT NULL,
    "regionCode" VARCHAR(3),
    "icbCode" VARCHAR(3),
    "evidencePackId" UUID NOT NULL,
    "status" "ClaimStatus" NOT NULL,
    "amountClaimedPence" INTEGER NOT NULL,
    "offerPence" INTEGER,
    "paidPence" INTEGER,
    "rejectedBy" VARCHAR(20),
    "summary" VARCHAR(1000) NOT NULL,
    "submittedById" UUID NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "paidAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimEvent" (
    "id" BIGSERIAL NOT NULL,
    "claimId" UUID NOT NULL,
    "fromStatus" "ClaimStatus",
    "toStatus" "ClaimStatus" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorUserId" UUID NOT NULL,
    "actorRole" "Role" NOT NULL,
    "amountPence" INTEGER,
    "note" VARCHAR(1000),
    "warningConfirmed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ClaimEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkloadEntry_suggestionId_key" ON "WorkloadEntry"("suggestionId");

-- CreateIndex
CREATE INDEX "WorkloadEntry_organisationId_date_idx" ON "WorkloadEntry"("organisationId", "date");

-- CreateIndex
CREATE INDEX "WorkloadEntry_createdById_date_idx" ON "WorkloadEntry"("createdById", "date");

-- CreateIndex
CREATE INDEX "WorkloadEntry_regionCode_date_idx" ON "WorkloadEntry"("regionCode", "date");

-- CreateIndex
CREATE INDEX "WorkloadEntry_icbCode_date_idx" ON "WorkloadEntry"("icbCode", "date");

-- CreateIndex
CREATE INDEX "WorkloadEntry_movementId_idx" ON "WorkloadEntry"("movementId");

-- CreateIndex
CREATE INDEX "WorkloadEntry_caseId_idx" ON "WorkloadEntry"("caseId");

-- CreateIndex
CREATE INDEX "WorkloadEntry_incidentId_idx" ON "WorkloadEntry"("incidentId");

-- CreateIndex
CREATE INDEX "WorkloadEntry_rateId_idx" ON "WorkloadEntry"("rateId");

-- CreateIndex
CREATE INDEX "WorkloadEntryMovement_movementId_idx" ON "WorkloadEntryMovement"("movementId");

-- CreateIndex
CREATE INDEX "WorkloadEntryVersion_entryId_version_idx" ON "WorkloadEntryVersion"("entryId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "WorkloadSuggestion_triggerKey_key" ON "WorkloadSuggestion"("triggerKey");

-- CreateIndex
CREATE INDEX "WorkloadSuggestion_userId_status_createdAt_idx" ON "WorkloadSuggestion"("userId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "WorkloadSuggestion_organisationId_status_idx" ON "WorkloadSuggestion"("organisationId", "status");

-- CreateIndex
CREATE INDEX "GradeRate_organisationId_grade_effectiveFrom_idx" ON "GradeRate"("organisationId", "grade", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "EvidencePack_reference_key" ON "EvidencePack"("reference");

-- CreateIndex
CREATE INDEX "EvidencePack_organisationId_createdAt_idx" ON "EvidencePack"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "EvidencePackEntry_entryId_idx" ON "EvidencePackEntry"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_reference_key" ON "Claim"("reference");

-- CreateIndex
CREATE INDEX "Claim_organisationId_submittedAt_idx" ON "Claim"("organisationId", "submittedAt");

-- CreateIndex
CREATE INDEX "Claim_regionCode_status_idx" ON "Claim"("regionCode", "status");

-- CreateIndex
CREATE INDEX "Claim_icbCode_status_idx" ON "Claim"("icbCode", "status");

-- CreateIndex
CREATE INDEX "Claim_status_submittedAt_idx" ON "Claim"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "ClaimEvent_claimId_id_idx" ON "ClaimEvent"("claimId", "id");

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_taskCode_fkey" FOREIGN KEY ("taskCode") REFERENCES "WorkloadTask"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "WorkloadSuggestion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntry" ADD CONSTRAINT "WorkloadEntry_rateId_fkey" FOREIGN KEY ("rateId") REFERENCES "GradeRate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntryMovement" ADD CONSTRAINT "WorkloadEntryMovement_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "WorkloadEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntryMovement" ADD CONSTRAINT "WorkloadEntryMovement_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "RecordMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadEntryVersion" ADD CONSTRAINT "WorkloadEntryVersion_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "WorkloadEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadSuggestion" ADD CONSTRAINT "WorkloadSuggestion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkloadSuggestion" ADD CONSTRAINT "WorkloadSuggestion_taskCode_fkey" FOREIGN KEY ("taskCode") REFERENCES "WorkloadTask"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeRate" ADD CONSTRAINT "GradeRate_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePack" ADD CONSTRAINT "EvidencePack_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePack" ADD CONSTRAINT "EvidencePack_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePackEntry" ADD CONSTRAINT "EvidencePackEntry_packId_fkey" FOREIGN KEY ("packId") REFERENCES "EvidencePack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePackEntry" ADD CONSTRAINT "EvidencePackEntry_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "WorkloadEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_evidencePackId_fkey" FOREIGN KEY ("evidencePackId") REFERENCES "EvidencePack"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimEvent" ADD CONSTRAINT "ClaimEvent_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- An entry's history and a claim's history are append-only (function body semicolons as \073: Prisma's JS engine splits on semicolons).
CREATE FUNCTION "workload_history_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''% is append-only (% refused)'', TG_TABLE_NAME, TG_OP\073 END';
CREATE TRIGGER "WorkloadEntryVersion_append_only" BEFORE UPDATE OR DELETE ON "WorkloadEntryVersion"
  FOR EACH ROW EXECUTE FUNCTION "workload_history_append_only"();
CREATE TRIGGER "WorkloadEntryVersion_no_truncate" BEFORE TRUNCATE ON "WorkloadEntryVersion"
  FOR EACH STATEMENT EXECUTE FUNCTION "workload_history_append_only"();
CREATE TRIGGER "ClaimEvent_append_only" BEFORE UPDATE OR DELETE ON "ClaimEvent"
  FOR EACH ROW EXECUTE FUNCTION "workload_history_append_only"();
CREATE TRIGGER "ClaimEvent_no_truncate" BEFORE TRUNCATE ON "ClaimEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "workload_history_append_only"();

-- The default tasks, their minutes (per item) and the basis of each default (docs/workload.md). Administrators change them at /admin/workload-tasks.
INSERT INTO "WorkloadTask" ("code", "name", "description", "defaultMinutes", "basis", "defaultCause", "clinical", "sortOrder") VALUES
  ('LOCATE_RECORD', 'Locate the record', 'Find the Lloyd George envelope in the practice''s store and check it against the deduction or request.', 3, 'Estimate for a record filed in the practice''s own store: find it, check the name and NHS number, take it to the desk. Time your own and change it if it differs.', 'RECORDS_SERVICE', false, 10),
  ('BAG_AND_LABEL', 'Bag and label', 'Bag and seal one record and stick its courier label on each bag.', 2, 'The national pilot made practices bag and label every record: practices put it at "a couple of extra minutes" per transfer, unfunded (domain brief). Two minutes per record.', 'RECORDS_SERVICE', false, 20),
  ('PRINT_LABELS', 'Print labels', 'Print or reprint labels outside a normal print run (a wrong or damaged label, a printer fault).', 1, 'Estimate per record: open it, print, check the label against the record.', 'RECORDS_SERVICE', false, 30),
  ('PRINT_ELECTRONIC_RECORD', 'Print the electronic record', 'Print the full electronic record to go with the paper one (cross-border moves, a failed GP2GP transfer).', 20, 'GP2GP does not work to Wales, Scotland or Northern Ireland, so the Lloyd George must carry a full printout (domain brief). Estimate for a typical record: enter the actual minutes for a long one.', 'RECORDS_SERVICE', false, 40),
  ('BOOK_COLLECTION', 'Book a collection', 'Count the bags ready, book the courier, print the manifest, hand the bags to the driver.', 5, 'Estimate per collection booked in the portal, including the hand-over to the driver.', 'RECORDS_SERVICE', false, 50),
  ('CARRY_FROM_BRANCH', 'Carry records from a branch surgery', 'Take records from a branch surgery to the main site by hand because the courier does not collect there.', 30, 'No standard time: enter the actual minutes, travel both ways. Branch surgeries are often not collected from, so staff carry the records (domain brief). 30 minutes is only a starting point.', 'COURIER', false, 60),
  ('RECEIVE_AND_CONFIRM', 'Receive and confirm', 'Open the bag, check the record against the label and confirm receipt in the portal.', 1, 'Estimate per record received at the desk.', 'RECORDS_SERVICE', false, 70),
  ('WRONG_RECORD', 'Handle a wrong record', 'Secure another patient''s record, report it, return it and follow up the one that should have come.', 20, 'Estimate: check, secure, report, package for return and chase the right record. In 2017, 64% of practices had received another patient''s record in three months (BMA survey quoted by the Public Accounts Committee, 2018).', 'RECORDS_SERVICE', false, 80),
  ('REPORT_PROBLEM', 'Report a problem', 'Check the record and report it incomplete, damaged, missing or late.', 5, 'Estimate: check the record, write the report in the portal.', 'RECORDS_SERVICE', false, 90),
  ('CHASE', 'Chase', 'Chase or answer PCSE, the courier or another practice about a record.', 10, 'Estimate per chase: a call or email and noting the answer.', 'RECORDS_SERVICE', false, 100),
  ('SEARCH_ON_REQUEST', 'Search on PCSE''s request', 'Search the practice''s stores, post room and outgoing bags for a record PCSE asks about, and answer.', 20, 'Estimate: PCSE asks every previous practice to search before a record is marked missing (PCSE''s process, 5 working days).', 'RECORDS_SERVICE', false, 110),
  ('RECONSTITUTE_RECORD', 'Reconstitute a record', 'Build a reconstituted record after a record is lost: print, gather correspondence and results, mark it reconstituted.', 120, 'Estimate: PCSE treats a record unfound after six months as lost and the practice builds a reconstituted record (PCSE''s process). Enter the actual minutes.', 'RECORDS_SERVICE', false, 120),
  ('MERGE_FOUND_RECORD', 'Merge a found record', 'Merge an original record found later into its reconstituted record.', 45, 'Estimate: compare the two, merge without adding to or removing from the original, update the summary.', 'RECORDS_SERVICE', false, 130),
  ('URGENT_REQUEST', 'Urgent request', 'Answer or make an urgent request for a record: find it, send it urgently, keep the requester told.', 15, 'Estimate per request, on top of bagging and labelling.', 'RECORDS_SERVICE', false, 140),
  ('ACCESS_REQUEST_RETRIEVAL', 'Access request retrieval', 'Retrieve a paper record for a subject access or Access to Health Records Act request and get it to the reviewer.', 30, 'Estimate for retrieval only: review and redaction are the practice''s own statutory work and are not included.', 'RECORDS_SERVICE', false, 150),
  ('HARM_REVIEW_CLINICAL', 'Harm review (clinical)', 'A clinician reviews a patient''s record and care during a delay for harm (an incident such as records archived in error).', 15, 'Estimate per patient: after about 148,000 records were archived in error, each receiving practice reviewed every affected patient, largely unfunded (domain brief). Enter the actual minutes.', 'RECORDS_SERVICE', true, 160),
  ('HARM_REVIEW_ADMIN', 'Harm review (administrative)', 'Find the patient, pull records and results for the clinician, record the outcome and report it.', 10, 'Estimate per patient, alongside the clinical review.', 'RECORDS_SERVICE', false, 170),
  ('PATIENT_CONTACT', 'Patient contact', 'Call or write to a patient about a missing, delayed or wrong record (duty of candour where there was harm).', 10, 'Estimate per call or letter.', 'RECORDS_SERVICE', false, 180),
  ('OTHER_SERVICE_FAILURE', 'Other service failures', 'Time lost to PCSE''s other services failing: registrations, performers list, supplies, payments, pensions, communications.', 15, 'No standard time: enter the actual minutes.', 'RECORDS_SERVICE', false, 190);

-- National default rates per grade, on-costs included, with their source and pay year (docs/workload.md shows the working). A practice sets its own at /practice/workload/rates.
INSERT INTO "GradeRate" ("id", "organisationId", "grade", "effectiveFrom", "pencePerHour", "source", "sourceYear") VALUES
  (gen_random_uuid(), NULL, 'GP_PARTNER', '2025-04-01', 7225, 'NHS England, COVID-19 support fund for general practice (letter of 4 August 2020): GP partners at up to £289 per 4-hour session, the only published standard rate. £289 / 4 hours = £72.25 an hour, no on-costs added.', '2020/21'),
  (gen_random_uuid(), NULL, 'LOCUM_GP', '2025-04-01', 5000, 'NHS England, COVID-19 support fund for general practice (letter of 4 August 2020): locum GPs at £200 a session, taken as 4 hours = £50.00 an hour (self-employed: no employer on-costs).', '2020/21'),
  (gen_random_uuid(), NULL, 'SALARIED_GP', '2025-04-01', 4993, 'DDRB minimum of the salaried GP pay range, England: £68,974 (2023/24, BMA) uplifted 6% (2024/25) and 4% (2025/26) = £76,037 for 37.5 hours a week, plus employer National Insurance 15% above £5,000 and the employer NHS pension contribution the practice pays (14.38%), over 1,955.4 paid hours a year.', '2025/26'),
  (gen_random_uuid(), NULL, 'NURSE', '2025-04-01', 2521, 'Agenda for Change 2025/26 (NHS Employers pay scales, 3.6% award): band 6 entry point £38,682, the usual benchmark for a practice nurse, plus employer National Insurance 15% above £5,000 and employer NHS pension 14.38%, over 1,955.4 paid hours a year.', '2025/26'),
  (gen_random_uuid(), NULL, 'HEALTHCARE_ASSISTANT', '2025-04-01', 1612, 'Agenda for Change 2025/26 (NHS Employers pay scales): band 3 entry point £24,937, plus employer National Insurance 15% above £5,000 and employer NHS pension 14.38%, over 1,955.4 paid hours a year.', '2025/26'),
  (gen_random_uuid(), NULL, 'PRACTICE_MANAGER', '2025-04-01', 3646, 'No national scale for practice managers. Benchmark: Agenda for Change 2025/26 band 8a entry point £55,690, plus employer National Insurance 15% above £5,000 and employer NHS pension 14.38%, over 1,955.4 paid hours a year. Set your own rate.', '2025/26'),
  (gen_random_uuid(), NULL, 'ADMINISTRATOR', '2025-04-01', 1612, 'Agenda for Change 2025/26 (NHS Employers pay scales): band 3 entry point £24,937 (records and reception staff), plus employer National Insurance 15% above £5,000 and employer NHS pension 14.38%, over 1,955.4 paid hours a year.', '2025/26');
