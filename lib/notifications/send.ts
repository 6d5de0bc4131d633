// Sends queued email through GOV.UK Notify (notifications-node-client), run by the job runner every minute. With no
// NOTIFY_API_KEY (demo, tests) a message is marked LOGGED and stays readable at /admin/outbox. A failure is retried
// with growing waits (1, 2, 4, 8 minutes) and then marked FAILED with the error; a page never waits on any of this.
// One Notify template serves every message: it must have the placeholders ((subject)) and ((body)).
import type pg from "pg";
import { NotifyClient } from "notifications-node-client";
import { redactNhsNumbers } from "@/lib/nhs/nhs-number";

export const MAX_ATTEMPTS = 5;

export type EmailSender = (message: { id: string; to: string; personalisation: Record<string, string> }) => Promise<string | null>;

/** The Notify sender when configured, else null (messages stay in the local outbox). NOTIFY_BASE_URL points the client
 * at another Notify-compatible endpoint (tests run a local one). */
export function notifySender(env: Record<string, string | undefined> = process.env): EmailSender | null {
  const key = env.NOTIFY_API_KEY;
  const template = env.NOTIFY_TEMPLATE_ID;
  if (!key || !template) return null;
  const client = env.NOTIFY_BASE_URL ? new NotifyClient(env.NOTIFY_BASE_URL, key) : new NotifyClient(key);
  return async (m) => {
    const response = await client.sendEmail(template, m.to, { personalisation: m.personalisation, reference: m.id });
    return (response as { data?: { id?: string } })?.data?.id ?? null;
  };
}

/** How long a claimed message is left alone by other workers while this one sends it. */
const LEASE_MS = 10 * 60_000;

/**
 * Sends everything due, in batches: each batch is claimed in a short transaction (its next attempt pushed past the
 * lease, so a second worker skips it), then sent outside any transaction, each message's outcome written as it
 * comes. Stops when nothing is due or after `budgetMs` (the next run carries on).
 */
export async function sendPendingNotifications(pool: pg.Pool, now: Date, sender: EmailSender | null = notifySender(), batch = 100, budgetMs = 45_000): Promise<{ sent: number; logged: number; retried: number; failed: number }> {
  const result = { sent: 0, logged: 0, retried: 0, failed: 0 };
  const started = Date.now();
  while (Date.now() - started < budgetMs) {
    const { rows } = await pool.query<{ id: string; toEmail: string; personalisation: Record<string, string>; attempts: number }>(
      `UPDATE "Notification" SET "nextAttemptAt" = $3 WHERE id IN (
         SELECT id FROM "Notification" WHERE status = 'PENDING' AND "nextAttemptAt" <= $1 ORDER BY "nextAttemptAt", "createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, "toEmail", personalisation, attempts`,
      [now, batch, new Date(now.getTime() + LEASE_MS)],
    );
    if (rows.length === 0) break;
    if (!sender) {
      await pool.query(`UPDATE "Notification" SET status = 'LOGGED', "sentAt" = $2 WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id), now]);
      result.logged += rows.length;
      continue;
    }
    for (const n of rows) {
      try {
        const providerId = await sender({ id: n.id, to: n.toEmail, personalisation: n.personalisation });
        await pool.query(`UPDATE "Notification" SET status = 'SENT', "sentAt" = $2, "providerId" = $3, attempts = attempts + 1, "lastError" = NULL WHERE id = $1`, [n.id, now, providerId]);
        result.sent++;
      } catch (error) {
        const attempts = n.attempts + 1;
        const message = redactNhsNumbers(errorText(error)).slice(0, 500);
        if (attempts >= MAX_ATTEMPTS) {
          await pool.query(`UPDATE "Notification" SET status = 'FAILED', attempts = $2, "lastError" = $3 WHERE id = $1`, [n.id, attempts, message]);
          result.failed++;
        } else {
          const wait = 60_000 * 2 ** (attempts - 1);
          await pool.query(`UPDATE "Notification" SET attempts = $2, "lastError" = $3, "nextAttemptAt" = $4 WHERE id = $1`, [n.id, attempts, message, new Date(now.getTime() + wait)]);
          result.retried++;
        }
      }
    }
  }
  return result;
}

/** Notify's error bodies say what was wrong ("BadRequestError: Can't send to this recipient..."); keep that. */
function errorText(error: unknown): string {
  const body = (error as { response?: { data?: { errors?: { error?: string; message?: string }[] } } })?.response?.data?.errors;
  if (Array.isArray(body) && body.length) return body.map((e) => `${e.error ?? "Error"}: ${e.message ?? ""}`).join("; ");
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
