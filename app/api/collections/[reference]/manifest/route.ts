import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { manifestFor } from "@/lib/collections/queries";
import { renderManifestPdf } from "@/lib/labels/pdf";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The collection manifest for the driver (PDF). Only the booking practice's users. */
export async function GET(_request: Request, { params }: { params: Promise<{ reference: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in to continue", { status: 401 });
  try {
    const { reference } = await params;
    const manifest = await manifestFor(db, actor, reference);
    const pdf = await renderManifestPdf(manifest);
    return new Response(new Uint8Array(pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="manifest-${manifest.reference}.pdf"`, "cache-control": "private, no-store" },
    });
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return new Response("Not found", { status: 404 });
    throw error;
  }
}
