import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { searchOrganisations } from "@/lib/organisations/queries";
import { ForbiddenError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Destination typeahead: organisations by ODS code, name or postcode. Signed-in users only; no patient data. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to continue" }, { status: 401 });
  try {
    const q = new URL(request.url).searchParams.get("q");
    const organisations = await searchOrganisations(db, actor, q);
    return Response.json({ organisations }, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (error instanceof ForbiddenError) return Response.json({ error: "Not found" }, { status: 404 });
    throw error;
  }
}
