// Who is asking and which request this is, for audit events and logs. server.ts makes the request id and works
// out the client address (TRUSTED_PROXY_HOPS); proxy.ts passes them on only when server.ts set them.
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER } from "@/lib/http/request-log";

export type RequestContext = { requestId: string; ipAddress: string | null };

export async function getRequestContext(): Promise<RequestContext> {
  try {
    const h = await headers();
    return { requestId: h.get(REQUEST_ID_HEADER) ?? randomUUID(), ipAddress: h.get(CLIENT_IP_HEADER) || null };
  } catch {
    // Outside a request (scripts, tests): a fresh id still ties the audit rows of one call together.
    return { requestId: randomUUID(), ipAddress: null };
  }
}
