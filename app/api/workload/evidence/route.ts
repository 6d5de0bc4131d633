import { db } from "@/lib/db/client";
import { evidenceForPeriod, parseEvidenceQuery } from "@/lib/workload/evidence";
import { evidenceResponse } from "@/lib/workload/evidence-response";
import { evidenceQuerySchema } from "@/lib/workload/schemas";
import { routeHandler } from "@/lib/http/route-handler";
import { londonDate } from "@/lib/nhs/working-days";

export const dynamic = "force-dynamic";

/**
 * GET /api/workload/evidence?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|pdf[&scope=all|service-failures|case:CS-…|incident:<id>][&pack=EP-…]
 * Practice managers only. A signed pack for exactly that period and scope is served as signed; otherwise a draft of
 * what a pack would hold now, marked not signed. The query is checked after sign-in (so a refusal is never a 400).
 */
export const GET = routeHandler({ name: "workload/evidence", auth: "user", permission: "workload:manage", query: evidenceQuerySchema, errors: "text" }, async ({ actor, query }) => {
  const request = parseEvidenceQuery(query, londonDate(new Date()));
  return evidenceResponse(await evidenceForPeriod(db, actor, request), request.format);
});
