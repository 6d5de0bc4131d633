// What the portal's own HTTP server (server.ts) knows about each request before Next.js sees it: the request id
// it makes (never the client's), the client's address from a configured number of trusted proxy hops, the path
// without its query string, and who is signed in. No server-only import: server.ts runs outside React.
import { decode } from "next-auth/jwt";

/** Header names the server sets on every request; anything a client sent under these names is replaced. */
export const REQUEST_ID_HEADER = "x-request-id";
export const CLIENT_IP_HEADER = "x-portal-client-ip";

/**
 * The client address. With `trustedHops` = 0 (no proxy in front) it is the socket's peer. Behind N trusted
 * proxies, each appends the address it saw to X-Forwarded-For, so the client is the N-th entry counted from the
 * right; entries further left were written by the client and may be forged. Fewer entries than hops: the
 * leftmost (the request did not pass through every proxy, so take the nearest one we can).
 */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string | null {
  const peer = normaliseAddress(remoteAddress);
  if (!Number.isInteger(trustedHops) || trustedHops <= 0) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = header.split(",").map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return peer;
  const index = Math.max(0, entries.length - trustedHops);
  return normaliseAddress(entries[index]) ?? peer;
}

function normaliseAddress(address: string | undefined): string | null {
  if (!address) return null;
  const trimmed = address.trim().slice(0, 64);
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped) return mapped[1];
  return /^[0-9a-fA-F:.]+$/.test(trimmed) ? trimmed : null;
}

export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/** The path of a request URL, never its query string (search terms must not reach a log). */
export function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.search(/[?#]/);
  return (q === -1 ? raw : raw.slice(0, q)).slice(0, 300);
}

function cookieValue(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** The signed-in user's id from next-auth's session cookie, for the log line only (authorisation re-reads it). */
export async function sessionUserId(cookieHeader: string | undefined, secret: string | undefined): Promise<string | null> {
  if (!secret || !cookieHeader || !cookieHeader.includes("next-auth.session-token")) return null;
  const token = cookieValue(cookieHeader, "__Secure-next-auth.session-token") ?? cookieValue(cookieHeader, "next-auth.session-token");
  if (!token) return null;
  try {
    const payload = await decode({ token, secret });
    return typeof payload?.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
