import { db } from "@/lib/db/client";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the test runner. No data. */
export const GET = routeHandler({ name: "health", auth: "public" }, async () => {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "database unavailable" }, { status: 503 });
  }
});
