import { z } from "zod";
import { db } from "@/lib/db/client";
import { serviceCreditReport } from "@/lib/dashboards/evidence-report";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** KPI 11's evidence report for a month (PDF): England's figures, the contract rule applied, the ledger. */
export const GET = routeHandler(
  { name: "commissioner/credits-report", auth: "user", permission: "dashboard:read", query: z.object({ month: z.string().max(20).optional() }), errors: "text" },
  async ({ actor, query }) => {
    const month = query.month ?? "";
    const report = await serviceCreditReport(db, actor, month);
    return new Response(new Uint8Array(report.pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${report.fileName}"`, "cache-control": "private, no-store" },
    });
  },
);
