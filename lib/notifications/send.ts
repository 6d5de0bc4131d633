// Sends queued email through GOV.UK Notify (notifications-node-client), run by the job runner every minute. With no
// NOTIFY_API_KEY (demo, tests) a message is marked LOGGED and stays readable at /admin/outbox. A failure is retried
// with growing waits (1, 2, 4, 8 minutes) and then marked FAILED with the error; a page never waits on any of this.
// One Notify template serves every message: it must have the placeholders ((subject)) and ((body)).
import type pg from "pg";
import { NotifyClient } from "notifications-node-client";
import { redactNhsNumbers } from "@/lib/nhs/nhs-number";

export const MAX_ATTEMPTS = 5;

export type EmailSender = (message: { id: string; to: string; personalisation: Record<string, string> }) => Promise<string | null>;

/** The Notify sender when configured, else null (messages stay in the local outbox). */
export function notifySender(env: NodeJS.ProcessEnv = process.env): EmailSender | null {
  const key = env.NOTIFY_API_KEY;
  const template = env.NOTIFY_TEMPLATE_ID;
  if (!key || !template) return null;
  const client = new NotifyClient(key);
  return async (m) => {
    const response = await client.sendEmail(template, m.to, { personalisation: m.personalisation, reference: m.id });
    return (response as { data?: { id?: string } })?.data?.id ?? null;
  };
}

export async function sendPendingNotifications(pool: pg.Pool, now: Date, sender: EmailSender | null = notifySender(), batch = 100): Promise<{ sent: number; logged: number; retried: number; failed: number }> {
  const result = { sent: 0, logged: 0, retried: 0, failed: 0 };
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string; toEmail: string; personalisation: Record<string, string>; attempts: number }>(
      `SELECT id, "toEmail", personalisation, attempts FROM "Notification" WHERE status = 'PENDING' AND "nextAttemptAt" <= $1 ORDER BY "createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, batch],
    );
    for (const n of rows) {
      if (!sender) {
        await client.query(`UPDATE "Notification" SET status = 'LOGGED', "sentAt" = $2 WHERE id = $1`, [n.id, now]);
        result.logged++;
        continue;
      }
      try {
        const providerId = await sender({ id: n.id, to: n.toEmail, personalisation: n.personalisation });
        await client.query(`UPDATE "Notification" SET status = 'SENT', "sentAt" = $2, "providerId" = $3, attempts = attempts + 1 WHERE id = $1`, [n.id, now, providerId]);
        result.sent++;
      } catch (error) {
        const attempts = n.attempts + 1;
        const message = redactNhsNumbers(error instanceof Error ? error.message : String(error)).slice(0, 500);
        if (attempts >= MAX_ATTEMPTS) {
          await client.query(`UPDATE "Notification" SET status = 'FAILED', attempts = $2, "lastError" = $3 WHERE id = $1`, [n.id, attempts, message]);
          result.failed++;
        } else {
          const wait = 60_000 * 2 ** (attempts - 1);
          await client.query(`UPDATE "Notification" SET attempts = $2, "lastError" = $3, "nextAttemptAt" = $4 WHERE id = $1`, [n.id, attempts, message, new Date(now.getTime() + wait)]);
          result.retried++;
        }
      }
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return result;
}
