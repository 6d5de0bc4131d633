// server.ts stamps each request with a per-process token (in PORTAL_SERVER_TOKEN) so proxy.ts can tell its own
// request id and client address from headers a client made up: without the token, both are replaced or dropped.
export const SERVER_TOKEN_HEADER = "x-portal-server-token";

export function fromPortalServer(headerValue: string | null, expected = process.env.PORTAL_SERVER_TOKEN): boolean {
  if (!expected || !headerValue || headerValue.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ headerValue.charCodeAt(i);
  return diff === 0;
}
