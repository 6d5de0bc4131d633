import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { authOptions } from "@/lib/auth/options";
import { routeHandler } from "@/lib/http/route-handler";
import { safeText } from "@/lib/http/input";

const nextAuth = NextAuth(authOptions);

// next-auth's own endpoints (sign-in, callback, sign-out, session, CSRF), behind the shared wrapper: parameters
// and query checked, unexpected errors logged with the request id and never shown.
const handler = routeHandler(
  { name: "auth", auth: "public", params: z.object({ nextauth: z.array(safeText(100)).min(1).max(4) }) },
  async ({ request, params }) => nextAuth(request as NextRequest, { params: Promise.resolve(params) }),
);

export { handler as GET, handler as POST };
