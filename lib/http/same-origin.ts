// Route handlers that change data check that the request came from the portal's own pages. Session cookies
// are SameSite=Lax (not sent on cross-site POSTs) already; this is the second lock on the door.
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") === "same-origin" || request.headers.get("sec-fetch-site") === null;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
