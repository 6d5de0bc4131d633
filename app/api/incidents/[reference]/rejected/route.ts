import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { REJECTED_REPORT_COLUMNS, rejectedRows } from "@/lib/incidents/queries";
import { routeHandler } from "@/lib/http/route-handler";
import { safeText } from "@/lib/http/input";

export const dynamic = "force-dynamic";

/** The rejected rows of an import as CSV, each with what was wrong (streamed; holds NHS numbers: audited). */
export const GET = routeHandler(
  { name: "incidents/rejected", auth: "user", permission: "incident:manage", params: z.object({ reference: safeText(40) }), query: z.object({ import: z.string().uuid().optional() }), errors: "text" },
  async ({ actor, params, query }) => {
    const report = await rejectedRows(db, actor, params.reference, query.import ?? null);
    const csv = stringify({ header: true, columns: [...REJECTED_REPORT_COLUMNS], escape_formulas: true });
    void (async () => {
      try {
        for await (const row of report.rows) if (!csv.write(row)) await new Promise((r) => csv.once("drain", r));
        csv.end();
      } catch (error) {
        csv.destroy(error as Error);
      }
    })();
    return new Response(Readable.toWeb(csv) as unknown as ReadableStream, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${report.fileName}"`, "cache-control": "private, no-store" },
    });
  },
);
