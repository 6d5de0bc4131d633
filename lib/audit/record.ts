import "server-only";
// Writing the audit trail. Every page view that shows patient identifiers, every search by NHS number and
// every change writes one row: who, what, which patient, when, from where, which request.
// An NHS number is never stored in clear: a search that matched no patient keeps a keyed hash, so two
// searches for the same number can still be linked by an investigator holding the key.
import { createHmac } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/auth/actor";
import { getRequestContext } from "@/lib/http/request-context";

export const AUDIT_ACTIONS = [
  "SIGN_IN",
  "SIGN_OUT",
  "VIEW_MOVEMENT",
  "VIEW_REPORTED_PATIENT",
  "LIST_MOVEMENTS",
  "SEARCH_MOVEMENTS",
  "SEARCH_NHS_NUMBER",
  "CREATE_MOVEMENT",
  "SEND_REFUSED",
  // No longer written (a send never renames a patient since issue 7); kept so older rows can be filtered.
  "UPDATE_PATIENT_NAME",
  "PRINT_LABELS",
  "VOID_LABEL",
  "MARK_READY",
  "BOOK_COLLECTION",
  "RECEIVE_MOVEMENT",
  "REPORT_PROBLEM",
  "CREATE_SERVICE_LEVEL_POLICY",
  "ADD_BANK_HOLIDAY",
  "RUN_JOB",
  // Issue 13: changes to a movement from its page, the administrator's tools.
  "CANCEL_MOVEMENT",
  "CORRECT_DESTINATION",
  "MARK_NO_PAPER_RECORD",
  "MARK_HELD_AT_PRACTICE",
  "SEARCH_AUDIT",
  "EXPORT_AUDIT",
  "CREATE_USER",
  "UPDATE_USER",
  "DISABLE_USER",
  "ENABLE_USER",
  "CREATE_ORGANISATION",
  "UPDATE_ORGANISATION",
  "CLOSE_ORGANISATION",
  "REOPEN_ORGANISATION",
  "CREATE_CASE",
  "VIEW_CASE",
  "UPDATE_CASE",
  "CREATE_URGENT_REQUEST",
  "UPDATE_URGENT_REQUEST",
  "VIEW_URGENT_REQUEST",
  "LOG_WORKLOAD",
  "EDIT_WORKLOAD",
  "DISMISS_WORKLOAD_SUGGESTION",
  "SET_GRADE_RATE",
  "UPDATE_WORKLOAD_TASK",
  "CREATE_EVIDENCE_PACK",
  "DOWNLOAD_EVIDENCE",
  "SUBMIT_CLAIM",
  "UPDATE_CLAIM",
  "CREATE_INCIDENT",
  "IMPORT_INCIDENT_ITEMS",
  "VIEW_INCIDENT_PATIENTS",
  "VIEW_INCIDENT_PATIENT",
  "RECORD_HARM_REVIEW",
  "SIGN_INCIDENT_RETURN",
  "CHASE_INCIDENT_PRACTICES",
  "CHANGE_SERVICE_CREDIT",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditInput = {
  actorUserId?: string | null;
  actor?: Actor;
  action: AuditAction;
  entityType?: string;
  entityId?: string;
  patientId?: string | null;
  details?: Prisma.InputJsonValue;
};

type AuditWriter = Pick<Db, "$executeRawUnsafe">;

/**
 * One audit row. A plain INSERT rather than `auditEvent.create`: every list and view of patient data writes one, and
 * a Prisma model call costs the server a query compilation (2-3 ms of CPU, docs/database.md). `db` is the client or a
 * transaction's, so an action's audit row commits or rolls back with it.
 */
export async function recordAuditEvent(db: AuditWriter, input: AuditInput): Promise<void> {
  const context = await getRequestContext();
  await db.$executeRawUnsafe(
    `INSERT INTO "AuditEvent" ("occurredAt", "actorUserId", "actorRole", "actorOrganisationId", action, "entityType", "entityId", "patientId", "requestId", "ipAddress", details)
     VALUES ($1, $2::uuid, $3::"Role", $4::uuid, $5, $6, $7, $8::uuid, $9, $10, $11::jsonb)`,
    new Date(),
    input.actor?.id ?? input.actorUserId ?? null,
    input.actor?.role ?? null,
    input.actor?.organisationId ?? null,
    input.action,
    input.entityType ?? null,
    input.entityId ?? null,
    input.patientId ?? null,
    context.requestId,
    context.ipAddress,
    input.details === undefined ? null : JSON.stringify(input.details),
  );
}

export function hashIdentifier(value: string): string {
  const key = process.env.AUDIT_HASH_KEY ?? process.env.NEXTAUTH_SECRET ?? "development-only-audit-key";
  return createHmac("sha256", key).update(value).digest("hex").slice(0, 32);
}
