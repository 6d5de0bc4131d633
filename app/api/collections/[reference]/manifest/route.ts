import { z } from "zod";
import { db } from "@/lib/db/client";
import { manifestFor } from "@/lib/collections/queries";
import { renderManifestPdf } from "@/lib/labels/pdf";
import { routeHandler } from "@/lib/http/route-handler";
import { safeText } from "@/lib/http/input";

export const dynamic = "force-dynamic";

/** The collection manifest for the driver (PDF). Only the booking practice's users. */
export const GET = routeHandler(
  { name: "collections/manifest", auth: "user", permission: "collection:manage", params: z.object({ reference: safeText(40) }), errors: "text" },
  async ({ actor, params }) => {
    const manifest = await manifestFor(db, actor, params.reference);
    const pdf = await renderManifestPdf(manifest);
    return new Response(new Uint8Array(pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="manifest-${manifest.reference}.pdf"`, "cache-control": "private, no-store" },
    });
  },
);
