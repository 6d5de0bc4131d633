// Route handlers that change data check that the request came from the portal's own pages. Session cookies
// are SameSite=Lax (not sent on cross-site POSTs) already; this is the second lock on the door.
// Fetch Metadata first (every current browser sends Sec-Fetch-Site); otherwise the Origin must match the host.
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
