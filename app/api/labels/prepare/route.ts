import { db } from "@/lib/db/client";
import { prepareLabels } from "@/lib/labels/commands";
import { jsonBody, routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** Creates any missing labels for a chunk of movements (the bulk printer calls this per chunk to show progress). */
export const POST = routeHandler({ name: "labels/prepare", auth: "user", permission: "label:print", sameOrigin: true }, async ({ request, actor }) => {
  const body = await jsonBody(request);
  const result = await prepareLabels(db, actor, (body as { references?: unknown } | null)?.references);
  return Response.json({ labels: result.labels.length, problems: result.problems });
});
