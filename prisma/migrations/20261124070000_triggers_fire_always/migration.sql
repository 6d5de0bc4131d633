-- The triggers that keep history append-only, policies immutable and sessions revoked fire ALWAYS: also in a session
-- with session_replication_role = replica, which bulk writes use to check their foreign keys set-based rather than
-- row by row (lib/db/bulk.ts). Ordinary triggers are skipped in that mode, and these must never be.
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_append_only";
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_no_truncate";
ALTER TABLE "ServiceLevelPolicy" ENABLE ALWAYS TRIGGER "ServiceLevelPolicy_immutable";
ALTER TABLE "ServiceLevelPolicy" ENABLE ALWAYS TRIGGER "ServiceLevelPolicy_no_truncate";
ALTER TABLE "User" ENABLE ALWAYS TRIGGER user_disabled_revokes_sessions;
ALTER TABLE "CaseEvent" ENABLE ALWAYS TRIGGER "CaseEvent_append_only";
ALTER TABLE "CaseEvent" ENABLE ALWAYS TRIGGER "CaseEvent_no_truncate";
ALTER TABLE "HarmReviewHistory" ENABLE ALWAYS TRIGGER "HarmReviewHistory_append_only";
ALTER TABLE "HarmReviewHistory" ENABLE ALWAYS TRIGGER "HarmReviewHistory_no_truncate";
ALTER TABLE "WorkloadEntryVersion" ENABLE ALWAYS TRIGGER "WorkloadEntryVersion_append_only";
ALTER TABLE "WorkloadEntryVersion" ENABLE ALWAYS TRIGGER "WorkloadEntryVersion_no_truncate";
ALTER TABLE "ClaimEvent" ENABLE ALWAYS TRIGGER "ClaimEvent_append_only";
ALTER TABLE "ClaimEvent" ENABLE ALWAYS TRIGGER "ClaimEvent_no_truncate";
ALTER TABLE "ServiceCreditEvent" ENABLE ALWAYS TRIGGER "ServiceCreditEvent_append_only";
ALTER TABLE "ServiceCreditEvent" ENABLE ALWAYS TRIGGER "ServiceCreditEvent_no_truncate";
