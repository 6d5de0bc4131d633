import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { prepareLabels } from "@/lib/labels/commands";
import { renderLabelsPdf } from "@/lib/labels/pdf";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

/**
 * Labels as a PDF for one or many movements: a plain form post (`references`, `format`) from a movement page,
 * or JSON from the bulk printer. Creates missing labels first, so it works without JavaScript.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return new Response("Forbidden", { status: 403 });
  const actor = await getActor();
  if (!actor) return new Response("Sign in to continue", { status: 401 });
  let references: unknown;
  let format: unknown;
  try {
    if ((request.headers.get("content-type") ?? "").includes("application/json")) {
      const body = (await request.json()) as { references?: unknown; format?: unknown };
      references = body.references;
      format = body.format;
    } else {
      const form = await request.formData();
      references = form.getAll("references");
      format = form.get("format");
    }
  } catch {
    return new Response("Bad request", { status: 400 });
  }
  const chosen = format === "thermal" ? "thermal" : "a4";
  try {
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
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Not found", { status: 404 });
    if (error instanceof ValidationError) return new Response(Object.values(error.fieldErrors)[0]?.[0] ?? "Bad request", { status: 400 });
    throw error;
  }
}
