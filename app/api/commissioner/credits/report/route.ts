import { z } from "zod";
import { db } from "@/lib/db/client";
import { serviceCreditReport } from "@/lib/dashboards/evidence-report";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** KPI 11's evidence report for a month (PDF): England's figures, the contract rule applied, the ledger. */
export const GET = routeHandler(
  { name: "commissioner/credits-report", auth: "user", permission: "dashboard:read", query: z.record(z.string(), z.union([z.string(), z.array(z.string())])), errors: "text" },
  async ({ actor, query }) => {
    const month = typeof query.month === "string" ? query.month : "";
    const report = await serviceCreditReport(db, actor, month);
    return new Response(new Uint8Array(report.pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${report.fileName}"`, "cache-control": "private, no-store" },
    });
  },
);
