import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { cookies } from "next/headers";
import { z } from "zod";
import { authOptions } from "@/lib/auth/options";
import { callbackUrlParses } from "@/lib/auth/redirect";
import { routeHandler } from "@/lib/http/route-handler";
import { safeText } from "@/lib/http/input";

const nextAuth = NextAuth(authOptions);
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];
/** next-auth's endpoints; any other name makes it fail with a 500 ("missing API route"). */
const ACTIONS = ["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error", "_log"] as const;

// next-auth's own endpoints (sign-in, callback, sign-out, session, CSRF), behind the shared wrapper: parameters
// and query checked, unexpected errors logged with the request id and never shown. next-auth answers a 500 when a
// callbackUrl (in the query or its cookie) is not a URL at all, for an endpoint name it does not have, and for a JSON
// body that is not JSON: all bad input, refused here (400, or 404 for the name; a bad cookie is cleared). A
// well-formed URL elsewhere is sent home by the redirect callback (lib/auth/redirect.ts). Path segments after the
// endpoint name (a provider id) are plain ASCII: next-auth fails on others (found by tests/integration/bad-input).
const handler = routeHandler(
  { name: "auth", auth: "public", params: z.object({ nextauth: z.tuple([z.enum(ACTIONS)], safeText(100).regex(/^[A-Za-z0-9._~-]*$/)).refine((p) => p.length <= 3) }), query: z.object({ callbackUrl: safeText(2000).optional() }).loose() },
  async ({ request, params, query }) => {
    // next-auth answers a GET to the credentials callback with a 500 ("not supported"): it only takes a POST.
    if (params.nextauth[0] === "callback" && params.nextauth[1] === "credentials" && request.method !== "POST") {
      return Response.json({ error: "Sign in with the form" }, { status: 405, headers: { allow: "POST" } });
    }
    const base = new URL(request.url).origin;
    if (query.callbackUrl !== undefined && !callbackUrlParses(query.callbackUrl, base)) {
      return Response.json({ error: "The callbackUrl is not a URL" }, { status: 400 });
    }
    const jar = await cookies();
    const badCookie = CALLBACK_COOKIES.find((name) => {
      const value = jar.get(name)?.value;
      return value !== undefined && !callbackUrlParses(value, base);
    });
    if (badCookie) {
      return Response.json({ error: "The callback URL cookie is not a URL" }, { status: 400, headers: { "set-cookie": `${badCookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax` } });
    }
    if (request.method === "POST" && (request.headers.get("content-type") ?? "").includes("application/json")) {
      const body = await request
        .clone()
        .json()
        .catch(() => undefined);
      if (body === undefined) return Response.json({ error: "The request body must be JSON" }, { status: 400 });
    }
    return nextAuth(request as NextRequest, { params: Promise.resolve(params) });
  },
);

export { handler as GET, handler as POST };
