import { z } from "zod";
import { db } from "@/lib/db/client";
import { searchOrganisations } from "@/lib/organisations/queries";
import { routeHandler } from "@/lib/http/route-handler";
import { safeText } from "@/lib/http/input";

export const dynamic = "force-dynamic";

/** Destination typeahead: organisations by ODS code, name or postcode. Signed-in users only; no patient data. */
export const GET = routeHandler(
  { name: "organisations", auth: "user", permission: "organisation:search", query: z.object({ q: safeText(200).optional() }) },
  async ({ actor, query }) => {
    const organisations = await searchOrganisations(db, actor, query.q ?? "");
    return Response.json({ organisations }, { headers: { "Cache-Control": "private, no-store" } });
  },
);
