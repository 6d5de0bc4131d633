// Email to staff: what each message says and who gets it. Messages are queued in the Notification table in the
// same transaction as the change they announce (so none is lost and none is sent for a change that rolled back),
// and sent by the job runner (lib/notifications/send.ts). A body carries a reference and a link, never a patient
// identifier: the recipient signs in to see the details.
import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";

export const NOTIFICATION_TEMPLATES = {
  CASE_OPENED: { subject: "Case {reference} opened on a record of yours", body: "PCSE has a case open about a record your practice sent or is expecting." },
  SEARCH_REQUESTED: { subject: "PCSE asks you to search for a record ({reference})", body: "PCSE asks your practice to search for a record and say what you find." },
  CASE_CHASED: { subject: "PCSE is chasing a record ({reference})", body: "PCSE is chasing a record your practice sent." },
  CASE_RESOLVED: { subject: "Case {reference} resolved", body: "PCSE has resolved a case about a record of yours." },
  TASK_CREATED: { subject: "A task for your practice ({reference})", body: "PCSE has set your practice a task on a case: a record to reconstitute, or a found record to merge." },
  URGENT_REQUEST_RECEIVED: { subject: "Urgent request for a record ({reference})", body: "Another practice needs a record your practice holds, urgently." },
  URGENT_REQUEST_REMINDER: { subject: "Reminder: urgent request {reference}", body: "An urgent request for a record your practice holds is still waiting." },
  INCIDENT_REVIEWS_REQUESTED: { subject: "Harm reviews needed: incident {reference}", body: "Patients registered with your practice were affected by an incident. Review each patient for harm and sign your practice's return." },
  INCIDENT_CHASE: { subject: "Reminder: harm reviews for incident {reference}", body: "PCSE has not yet seen your practice's harm reviews for an incident. Review each patient and sign your practice's return by the due date." },
  BREACHES: { subject: "Service levels breached: {reference}", body: "Cases or urgent requests have passed their service-level targets." },
} as const;

export type NotificationTemplate = keyof typeof NOTIFICATION_TEMPLATES;

const PRACTICE_ROLES: Role[] = ["PRACTICE_STAFF", "PRACTICE_MANAGER"];

export function portalUrl(path: string): string {
  const base = (process.env.PORTAL_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  return `${base}${path}`;
}

type Tx = Pick<Prisma.TransactionClient, "user" | "organisation" | "notification">;

/**
 * Queues one message to each enabled user of the organisations given (a practice's users include its branch
 * surgeries'), or to every user of a role (e.g. PCSE supervisors). Returns how many were queued.
 */
export async function queueNotification(
  tx: Tx,
  input: { template: NotificationTemplate; reference: string; path: string; organisationIds?: string[]; role?: Role; caseId?: string | null; now?: Date },
): Promise<number> {
  const t = NOTIFICATION_TEMPLATES[input.template];
  let users: { id: string; email: string; organisationId: string | null }[] = [];
  if (input.organisationIds?.length) {
    const orgs = await tx.organisation.findMany({ where: { OR: [{ id: { in: input.organisationIds } }, { parentId: { in: input.organisationIds } }] }, select: { id: true } });
    users = await tx.user.findMany({ where: { organisationId: { in: orgs.map((o) => o.id) }, role: { in: PRACTICE_ROLES }, disabled: false }, select: { id: true, email: true, organisationId: true } });
  } else if (input.role) {
    users = await tx.user.findMany({ where: { role: input.role, disabled: false }, select: { id: true, email: true, organisationId: true } });
  }
  if (users.length === 0) return 0;
  const link = portalUrl(input.path);
  const subject = t.subject.replace("{reference}", input.reference);
  const body = `${t.body} Reference ${input.reference}. Sign in to see it: ${link}`;
  await tx.notification.createMany({
    data: users.map((u) => ({
      template: input.template,
      toEmail: u.email,
      userId: u.id,
      organisationId: u.organisationId,
      caseId: input.caseId ?? null,
      subject,
      body,
      personalisation: { subject, body, reference: input.reference, link },
      createdAt: input.now ?? new Date(),
      nextAttemptAt: input.now ?? new Date(),
    })),
  });
  return users.length;
}
