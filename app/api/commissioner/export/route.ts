import { z } from "zod";
import { db } from "@/lib/db/client";
import { dashboardExport } from "@/lib/dashboards/export";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/**
 * Any commissioner view as CSV, with the view's own parameters (docs/dashboards.md); aggregates only, disclosure
 * control below national level. The parameters are checked by dashboardExport after its permission check.
 */
export const GET = routeHandler(
  { name: "commissioner/export", auth: "user", permission: "dashboard:read", query: z.record(z.string(), z.union([z.string(), z.array(z.string())])), errors: "text" },
  async ({ actor, query }) => {
    const single = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const csv = await dashboardExport(db, actor, single);
    return new Response(csv.body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csv.fileName}"`,
        "cache-control": "private, no-store",
      },
    });
  },
);
