import { hotPathPool, pgTransactions } from "@/lib/db/sql";
import { handleCourierRequest, parseCourierKeys } from "@/lib/tracking/courier-webhook";
import { createPostgresRateLimiter } from "@/lib/tracking/rate-limit";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

// The courier authenticates by HMAC signature (no session): see docs/courier-api.md.
let deps: Parameters<typeof handleCourierRequest>[1] | null = null;
function dependencies() {
  deps ??= {
    db: pgTransactions(hotPathPool()),
    keys: parseCourierKeys(process.env.COURIER_KEYS),
    rateLimiter: createPostgresRateLimiter(process.env.DATABASE_URL!, Number(process.env.COURIER_RATE_LIMIT_PER_SECOND ?? 50)),
  };
  return deps;
}

export const POST = routeHandler({ name: "courier/events", auth: "public" }, async ({ request }) => handleCourierRequest(request, dependencies()));
