// Who is asking and which request this is, for audit events and logs. proxy.ts sets `x-request-id`.
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";

export type RequestContext = { requestId: string; ipAddress: string | null };

export async function getRequestContext(): Promise<RequestContext> {
  try {
    const h = await headers();
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    return { requestId: h.get("x-request-id") ?? randomUUID(), ipAddress: forwarded || h.get("x-real-ip") || null };
  } catch {
    // Outside a request (scripts, tests): a fresh id still ties the audit rows of one call together.
    return { requestId: randomUUID(), ipAddress: null };
  }
}
