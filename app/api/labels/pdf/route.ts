import { db } from "@/lib/db/client";
import { prepareLabels } from "@/lib/labels/commands";
import { renderLabelsPdf } from "@/lib/labels/pdf";
import { ValidationError } from "@/lib/errors";
import { jsonBody, routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/**
 * Labels as a PDF for one or many movements: a plain form post (`references`, `format`) from a movement page,
 * or JSON from the bulk printer. Creates missing labels first, so it works without JavaScript.
 */
export const POST = routeHandler({ name: "labels/pdf", auth: "user", permission: "label:print", sameOrigin: true, errors: "text" }, async ({ request, actor }) => {
  let references: unknown;
  let format: unknown;
  if ((request.headers.get("content-type") ?? "").includes("application/json")) {
    const body = (await jsonBody(request)) as { references?: unknown; format?: unknown } | null;
    references = body?.references;
    format = body?.format;
  } else {
    const form = await request.formData().catch(() => {
      throw new ValidationError({ body: ["Bad request"] });
    });
    references = form.getAll("references");
    format = form.get("format");
  }
  const chosen = format === "thermal" ? "thermal" : "a4";
  const { labels, problems } = await prepareLabels(db, actor, references);
  if (labels.length === 0) {
    return new Response(`No labels to print: ${problems.map((p) => `${p.reference} (${p.reason})`).join(", ") || "nothing chosen"}`, { status: 422, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const pdf = await renderLabelsPdf(labels, chosen);
  const name = labels.length === 1 || new Set(labels.map((l) => l.reference)).size === 1 ? `labels-${labels[0].reference}` : `labels-${labels.length}`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${name}-${chosen}.pdf"`,
      "cache-control": "private, no-store",
      "x-label-count": String(labels.length),
      "x-label-problems": String(problems.length),
    },
  });
});
