// OpenAPI 3.1 description of the courier webhook, served at /api/courier/v1/openapi.json.
import { COURIER_EVENT_TYPES, MAX_BODY_BYTES, MAX_EVENTS } from "@/lib/tracking/courier-webhook-constants";

const error = { type: "object", required: ["error"], properties: { error: { type: "string" } } };

export const courierOpenApi = {
  openapi: "3.1.0",
  info: {
    title: "Records movement portal: courier events",
    version: "1.0.0",
    description:
      "The courier posts scan events for record-movement labels. Requests are signed with HMAC-SHA256 over `timestamp + \".\" + raw body` using a shared secret identified by a key id. Events are idempotent by `eventId`: a repeat is counted as a duplicate and changes nothing. A 200 is only ever returned for events that were stored; on 503, retry the same batch.",
  },
  servers: [{ url: "/" }],
  paths: {
    "/api/courier/v1/events": {
      post: {
        operationId: "postCourierEvents",
        summary: "Post a batch of 1 to 500 scan events",
        parameters: [
          { name: "X-Courier-Key-Id", in: "header", required: true, schema: { type: "string" }, description: "Which shared secret signed the request (several may be live at once for rotation)." },
          { name: "X-Courier-Timestamp", in: "header", required: true, schema: { type: "string", pattern: "^[0-9]+$" }, description: "Unix time in seconds; refused if more than 300 s from the portal's clock." },
          { name: "X-Courier-Signature", in: "header", required: true, schema: { type: "string", pattern: "^sha256=[0-9a-f]{64}$" }, description: "`sha256=` + lowercase hex HMAC-SHA256(secret, timestamp + \".\" + raw body)." },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["events"],
                properties: {
                  events: {
                    type: "array",
                    minItems: 1,
                    maxItems: MAX_EVENTS,
                    items: {
                      type: "object",
                      required: ["eventId", "barcode", "type", "occurredAt"],
                      properties: {
                        eventId: { type: "string", minLength: 1, maxLength: 100, description: "The courier's unique id for this event." },
                        barcode: { type: "string", maxLength: 40, description: "The label's barcode, e.g. RM-7Q4K-2M9D-1A." },
                        type: { type: "string", enum: [...COURIER_EVENT_TYPES] },
                        occurredAt: { type: "string", format: "date-time", description: "ISO 8601 with offset (or Z); at most a day in the future." },
                        location: { type: "string", maxLength: 200 },
                        signedBy: { type: "string", maxLength: 100 },
                        note: { type: "string", maxLength: 500 },
                      },
                    },
                  },
                },
              },
              example: {
                events: [{ eventId: "evt-000123", barcode: "RM-7Q4K-2M9D-1A", type: "COLLECTED", occurredAt: "2026-11-23T10:15:00+00:00", location: "Stockton depot" }],
              },
            },
          },
        },
        responses: {
          "200": {
            description: "Every accepted event is stored. Rejected events (unknown barcode, invalid field) are listed; the rest of the batch is stored.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["accepted", "duplicates", "rejected"],
                  properties: {
                    accepted: { type: "integer", minimum: 0 },
                    duplicates: { type: "integer", minimum: 0 },
                    rejected: { type: "array", items: { type: "object", required: ["eventId", "reason"], properties: { eventId: { type: "string" }, reason: { type: "string" } } } },
                  },
                },
              },
            },
          },
          "400": { description: "Not JSON, or not `{\"events\": [...]}` with 1 to 500 events.", content: { "application/json": { schema: error } } },
          "401": { description: "Missing or wrong signature, unknown key, or timestamp more than 300 s from now.", content: { "application/json": { schema: error } } },
          "413": { description: `Body over ${MAX_BODY_BYTES} bytes (1 MiB).`, content: { "application/json": { schema: error } } },
          "429": { description: "This key exceeded its request rate; see Retry-After.", content: { "application/json": { schema: error } } },
          "503": { description: "The portal could not store the batch (nothing was stored); retry the same batch later.", content: { "application/json": { schema: error } } },
        },
      },
    },
  },
} as const;
