// Where next-auth may send a browser after signing in or out: only this portal's own pages. next-auth's
// default parses an absolute callbackUrl with `new URL`, which throws (a 500) on one like
// `http://localhost:3000.evil.example/`; anything unparseable, off-site, protocol-relative (`//evil.example`) or
// with a backslash goes to the portal's home instead. Pure.
export function safeRedirect(url: string, baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return "/";
  }
  const home = base.origin;
  if (typeof url !== "string" || url.length > 2000 || /[\u0000-\u001f\\]/.test(url)) return home;
  if (url.startsWith("/")) {
    if (url.startsWith("//")) return home;
    return `${home}${url}`;
  }
  try {
    const target = new URL(url);
    return target.origin === home ? target.toString() : home;
  } catch {
    return home;
  }
}

/**
 * Whether next-auth will accept a callbackUrl (query parameter or cookie) without failing: it answers a 500 for
 * one that is not an http(s) URL or a path. The auth route refuses such a request as bad input first (400).
 */
export function callbackUrlParses(value: string, baseUrl: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? baseUrl : undefined).protocol);
  } catch {
    return false;
  }
}
