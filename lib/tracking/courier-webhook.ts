import "server-only";
// POST /api/courier/v1/events: the courier's signed webhook (contract in docs/courier-api.md and the OpenAPI
// document). Order of checks: size (413), signature, key and clock (401), rate (429), JSON and shape (400),
// then each event on its own. Never a 200 for events that were not stored: any storage failure is a 503.
import { timingSafeEqual } from "node:crypto";
import { parseCourierKeys, signCourierBody } from "@/lib/tracking/courier-signature";
import { z } from "zod";
import type { Transactions } from "@/lib/db/sql";
import { ingestCourierEvents, type CourierEvent } from "@/lib/tracking/ingest";
import { logger } from "@/lib/logging/logger";
import { NativeDate } from "@/lib/runtime/native-date";

import { COURIER_EVENT_TYPES, MAX_BODY_BYTES, MAX_CLOCK_SKEW_SECONDS, MAX_EVENTS } from "@/lib/tracking/courier-webhook-constants";

export { COURIER_EVENT_TYPES, MAX_BODY_BYTES, MAX_CLOCK_SKEW_SECONDS, MAX_EVENTS, parseCourierKeys, signCourierBody };

export type RateLimiter = { consume(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> };

export type WebhookDeps = {
  db: Transactions;
  keys: ReadonlyMap<string, string>;
  rateLimiter: RateLimiter;
  now?: () => Date;
};

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  // no-transform: the answers are a few bytes, and compressing each cost the server more than it saved.
  return Response.json(body, { status, headers: { "Cache-Control": "no-store, no-transform", ...headers } });
}

async function readBody(request: Request): Promise<Buffer | "too-large"> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return "too-large";
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const eventSchema = z.object({
  eventId: z.string().min(1).max(100),
  barcode: z.string().min(1).max(40),
  type: z.enum(COURIER_EVENT_TYPES),
  occurredAt: z.iso.datetime({ offset: true }),
  location: z.string().max(200).nullish(),
  signedBy: z.string().max(100).nullish(),
  note: z.string().max(500).nullish(),
});

const bodySchema = z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS) });

function problem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `invalid ${issue.path.join(".") || "event"}: ${issue.message}`;
}

export async function handleCourierRequest(request: Request, deps: WebhookDeps): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  const raw = await readBody(request);
  if (raw === "too-large") return json(413, { error: `Body over ${MAX_BODY_BYTES} bytes` });

  const keyId = request.headers.get("x-courier-key-id") ?? "";
  const timestamp = request.headers.get("x-courier-timestamp") ?? "";
  const signature = request.headers.get("x-courier-signature") ?? "";
  const secret = deps.keys.get(keyId);
  if (!secret || !/^\d{1,12}$/.test(timestamp) || !signature) return json(401, { error: "Missing or unknown key, timestamp or signature" });
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return json(401, { error: "Timestamp more than 300 s from now" });
  if (!signatureMatches(signCourierBody(secret, timestamp, raw), signature)) return json(401, { error: "Signature does not match" });

  let limit: { allowed: boolean; retryAfterSeconds: number };
  try {
    limit = await deps.rateLimiter.consume(keyId);
  } catch (error) {
    logger.error({ err: error }, "courier rate limiter unavailable");
    return json(503, { error: "Service unavailable: retry later" }, { "Retry-After": "5" });
  }
  if (!limit.allowed) return json(429, { error: "Rate limit exceeded" }, { "Retry-After": String(Math.max(1, limit.retryAfterSeconds)) });

  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return json(400, { error: "Content-Type must be application/json" });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    return json(400, { error: "Body is not valid JSON" });
  }
  const shape = bodySchema.safeParse(body);
  if (!shape.success) return json(400, { error: `Body must be {"events": [...]} with 1 to ${MAX_EVENTS} events` });

  const valid: CourierEvent[] = [];
  const rejected: { eventId: string; reason: string }[] = [];
  const latest = now.getTime() + 24 * 3_600_000;
  for (const item of shape.data.events) {
    const parsed = eventSchema.safeParse(item);
    const eventId = item && typeof item === "object" && typeof (item as { eventId?: unknown }).eventId === "string" ? String((item as { eventId: string }).eventId).slice(0, 100) : "";
    if (!parsed.success) {
      rejected.push({ eventId, reason: problem(parsed.error) });
      continue;
    }
    const occurredAt = new NativeDate(parsed.data.occurredAt);
    if (occurredAt.getTime() > latest) {
      rejected.push({ eventId, reason: "invalid occurredAt: more than a day in the future" });
      continue;
    }
    valid.push({ ...parsed.data, occurredAt });
  }

  try {
    const result = await ingestCourierEvents(deps.db, valid, rejected, now);
    return json(200, result);
  } catch (error) {
    // Nothing of this batch was stored (one transaction): the courier must retry, never count it as accepted.
    logger.error({ err: error, keyId, events: valid.length }, "courier events not stored");
    return json(503, { error: "Events not stored: retry later" }, { "Retry-After": "5" });
  }
}
