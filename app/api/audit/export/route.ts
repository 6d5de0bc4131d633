import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AUDIT_CSV_COLUMNS, exportAuditEvents } from "@/lib/audit/queries";
import { loadSavedSearch } from "@/lib/movements/saved-searches";
import { routeHandler } from "@/lib/http/route-handler";
import { londonDate } from "@/lib/nhs/working-days";

export const dynamic = "force-dynamic";

/**
 * The audit trail's filtered events as CSV (the page's filters; an NHS-number filter only by its saved-search id, so
 * the number is never in this URL). No NHS number is written (patients by the portal's own id, and the movement);
 * formulas are escaped so a spreadsheet never runs a cell; the export is itself audited.
 */
export const GET = routeHandler(
  { name: "audit/export", auth: "user", permission: "audit:read", query: z.record(z.string(), z.union([z.string(), z.array(z.string())])), errors: "text" },
  async ({ actor, query }) => {
    const single = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const saved = await loadSavedSearch(db, actor, "audit", single.s);
    if ("expired" in saved && saved.expired) return new Response("Your NHS number filter has expired: filter the audit trail again, then export.", { status: 409, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });
    const { rows, truncated } = await exportAuditEvents(db, actor, single, saved.query || null);
    const csv = stringify([[...AUDIT_CSV_COLUMNS], ...rows], { escape_formulas: true });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-trail-${londonDate(new Date())}.csv"`,
        "cache-control": "private, no-store",
        "x-audit-rows": String(rows.length),
        "x-audit-truncated": String(truncated),
      },
    });
  },
);
