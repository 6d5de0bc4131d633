import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { hotPathPool } from "@/lib/db/sql";
import { importIncidentItems } from "@/lib/incidents/import";
import { importProgress } from "@/lib/incidents/queries";
import { routeHandler } from "@/lib/http/route-handler";
import { safeText } from "@/lib/http/input";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const params = z.object({ reference: safeText(40) });

/**
 * Upload a CSV of affected patients (PCSE supervisors). The body is the file itself (`Content-Type: text/csv`, its
 * name in `X-File-Name`), read as a stream: memory does not grow with the file. Answers with the import's outcome;
 * the page polls GET for progress meanwhile.
 */
export const POST = routeHandler({ name: "incidents/import", auth: "user", permission: "incident:manage", params, sameOrigin: true }, async ({ request, actor, params }) => {
  if (!request.body) throw new ValidationError({ file: ["Choose a CSV file to upload"] });
  const type = request.headers.get("content-type") ?? "";
  if (!/^(text\/csv|text\/plain|application\/vnd\.ms-excel|application\/octet-stream)\b/.test(type)) throw new ValidationError({ file: ["The file must be a CSV file"] });
  const fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "upload.csv");
  const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
  const summary = await importIncidentItems(db, actor, { reference: params.reference, fileName, body, pool: hotPathPool() });
  return Response.json(summary, { headers: { "cache-control": "private, no-store" } });
});

/** The latest import's progress: rows read, status, accepted and rejected. */
export const GET = routeHandler({ name: "incidents/import-progress", auth: "user", permission: "incident:manage", params }, async ({ actor, params }) => {
  const progress = await importProgress(db, actor, params.reference);
  return Response.json({ import: progress }, { headers: { "cache-control": "private, no-store" } });
});
