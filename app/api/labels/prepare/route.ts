import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { prepareLabels } from "@/lib/labels/commands";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

/** Creates any missing labels for a chunk of movements (the bulk printer calls this per chunk to show progress). */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return Response.json({ error: "Forbidden" }, { status: 403 });
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to continue" }, { status: 401 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "Body must be JSON" }, { status: 400 });
  }
  try {
    const result = await prepareLabels(db, actor, (body as { references?: unknown })?.references);
    return Response.json({ labels: result.labels.length, problems: result.problems });
  } catch (error) {
    if (error instanceof ForbiddenError) return Response.json({ error: "Not found" }, { status: 404 });
    if (error instanceof ValidationError) return Response.json({ error: Object.values(error.fieldErrors)[0]?.[0] }, { status: 400 });
    throw error;
  }
}
