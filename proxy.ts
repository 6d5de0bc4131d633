// Runs before every request (Next 16's successor to middleware): a per-request CSP nonce, a request id for
// logs and audit events. Not an authorisation layer: every page, action and route checks access itself.
import { NextResponse, type NextRequest } from "next/server";
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER } from "@/lib/http/request-log";
import { SERVER_TOKEN_HEADER, fromPortalServer } from "@/lib/http/server-token";
import { badRequestReason } from "@/lib/http/request-guard";

export function buildCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; no inline <style> from third parties is loaded.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  // server.ts refuses these already; this covers `next dev`, which does not run server.ts.
  const url = new URL(request.url);
  const problem = badRequestReason(`${url.pathname}${url.search}`);
  if (problem) return new NextResponse(problem, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  // The request id and client address come from server.ts, never from the client (a forged X-Request-Id or
  // X-Forwarded-For must not reach the audit trail). Without server.ts's token (e.g. `next dev`), make our own.
  const trusted = fromPortalServer(request.headers.get(SERVER_TOKEN_HEADER));
  const requestId = (trusted && request.headers.get(REQUEST_ID_HEADER)) || crypto.randomUUID();
  const csp = buildCsp(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.delete(SERVER_TOKEN_HEADER);
  if (!trusted) headers.delete(CLIENT_IP_HEADER);
  headers.set("x-nonce", nonce);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
