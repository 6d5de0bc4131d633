import { z } from "zod";
import { db } from "@/lib/db/client";
import { evidenceForClaim } from "@/lib/workload/evidence";
import { evidenceResponse } from "@/lib/workload/evidence-response";
import { routeHandler } from "@/lib/http/route-handler";
import { safeText } from "@/lib/http/input";

export const dynamic = "force-dynamic";

/**
 * GET /api/claims/CM-…/evidence?format=csv|pdf: the claim's evidence pack exactly as signed, for the claiming practice's
 * manager and the commissioners who decide it (their region's claims; a national commissioner's any).
 */
export const GET = routeHandler(
  { name: "claims/evidence", auth: "user", permission: "claim:read", params: z.object({ reference: safeText(40) }), query: z.object({ format: z.string().max(10).optional() }), errors: "text" },
  async ({ actor, params, query }) => {
    const format = query.format === "pdf" ? "pdf" : "csv";
    return evidenceResponse(await evidenceForClaim(db, actor, params.reference, format), format);
  },
);
