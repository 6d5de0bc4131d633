import { beforeAll, describe, expect, it, inject } from "vitest";
import fc from "fast-check";
import { handleCourierRequest, type RateLimiter, type WebhookDeps } from "@/lib/tracking/courier-webhook";
import { createPostgresRateLimiter } from "@/lib/tracking/rate-limit";
import { ROTATED_KEY_ID, ROTATED_SECRET, TEST_KEY_ID, TEST_SECRET, courierEvent, signedRequest } from "../fixtures/courier";
import { labelledMovements } from "../fixtures/labelled";
import { expectQueuesConsistent } from "../fixtures/queues";
import { testDb, testTransactions } from "./setup";

const unlimited: RateLimiter = { consume: async () => ({ allowed: true, retryAfterSeconds: 0 }) };
const deps: WebhookDeps = { db: testTransactions, keys: new Map([[TEST_KEY_ID, TEST_SECRET], [ROTATED_KEY_ID, ROTATED_SECRET]]), rateLimiter: unlimited };
const post = (request: Request, d: WebhookDeps = deps) => handleCourierRequest(request, d);
const body = (events: unknown[]) => JSON.stringify({ events });
let n = 0;
const id = (prefix = "evt") => `${prefix}-${Date.now().toString(36)}-${++n}`;

async function statusOf(reference: string) {
  return (await testDb.recordMovement.findUniqueOrThrow({ where: { reference }, select: { status: true } })).status;
}

describe("courier webhook: the contract", () => {
  let barcodes: string[];
  let references: string[];

  beforeAll(async () => {
    ({ barcodes, references } = await labelledMovements(testDb, 4));
  });

  it("stores a signed batch and moves the records on", async () => {
    const res = await post(signedRequest(body([courierEvent(barcodes[0], "COLLECTED", 0, id()), courierEvent(barcodes[0], "ARRIVED_AT_HUB", 60, id()), courierEvent(barcodes[1], "COLLECTED", 5, id())])));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect(await statusOf(references[0])).toBe("IN_TRANSIT");
    expect(await statusOf(references[1])).toBe("COLLECTED");
  });

  it("counts a repeated eventId as a duplicate, within a batch and across batches, and changes nothing", async () => {
    const e = courierEvent(barcodes[2], "COLLECTED", 0, id());
    const first = await post(signedRequest(body([e, e])));
    expect(await first.json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    const again = await post(signedRequest(body([{ ...e, type: "DELIVERED" }])));
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await statusOf(references[2])).toBe("COLLECTED");
    expect(await testDb.trackingEvent.count({ where: { source: "COURIER", sourceEventId: e.eventId } })).toBe(1);
  });

  it("rejects an event, not the batch, for an unknown barcode or an invalid field", async () => {
    const good = courierEvent(barcodes[3], "COLLECTED", 0, id());
    const res = await post(
      signedRequest(
        body([
          good,
          courierEvent("RM-2222-2222-1A", "COLLECTED", 0, "unknown-1"),
          { ...courierEvent(barcodes[3], "TELEPORTED", 0, "bad-type") },
          { ...courierEvent(barcodes[3], "COLLECTED", 0, "bad-time"), occurredAt: "yesterday" },
          { ...courierEvent(barcodes[3], "COLLECTED", 0, "no-offset"), occurredAt: "2026-11-23T09:00:00" },
          { ...courierEvent(barcodes[3], "COLLECTED", 0, "x".repeat(101)) },
          { ...courierEvent(barcodes[3], "COLLECTED", 0, "future"), occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
          { barcode: barcodes[3], type: "COLLECTED", occurredAt: "2026-11-23T09:00:00Z" },
          "not an object",
        ]),
      ),
    );
    expect(res.status).toBe(200);
    const result = (await res.json()) as { accepted: number; rejected: { eventId: string; reason: string }[] };
    expect(result.accepted).toBe(1);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.eventId, r.reason]));
    expect(reasons["unknown-1"]).toBe("unknown barcode");
    expect(reasons["bad-type"]).toMatch(/invalid type/);
    expect(reasons["bad-time"]).toMatch(/invalid occurredAt/);
    expect(reasons["no-offset"]).toMatch(/invalid occurredAt/);
    expect(reasons["future"]).toMatch(/future/);
    expect(result.rejected).toHaveLength(8);
    expect(result.rejected.filter((r) => r.eventId === "")).toHaveLength(2);
  });

  it("401: missing or wrong signature, unknown key, stale or future timestamp; both rotation keys work", async () => {
    const b = body([courierEvent(barcodes[0], "DEPARTED_HUB", 120, id())]);
    expect((await post(signedRequest(b, { signature: "" }))).status).toBe(401);
    expect((await post(signedRequest(b, { signature: "sha256=" + "0".repeat(64) }))).status).toBe(401);
    expect((await post(signedRequest(b, { secret: "not-the-secret" }))).status).toBe(401);
    expect((await post(signedRequest(b, { keyId: "someone-else" }))).status).toBe(401);
    expect((await post(signedRequest(b, { timestamp: Math.floor(Date.now() / 1000) - 301 }))).status).toBe(401);
    expect((await post(signedRequest(b, { timestamp: Math.floor(Date.now() / 1000) + 301 }))).status).toBe(401);
    const noHeaders = new Request("http://localhost/x", { method: "POST", headers: { "content-type": "application/json" }, body: b });
    expect((await post(noHeaders)).status).toBe(401);
    // A body changed after signing fails.
    const signed = signedRequest(b);
    const tampered = new Request(signed.url, { method: "POST", headers: signed.headers, body: b.replace("DEPARTED_HUB", "DELIVERED") });
    expect((await post(tampered)).status).toBe(401);
    expect((await post(signedRequest(b, { keyId: ROTATED_KEY_ID, secret: ROTATED_SECRET }))).status).toBe(200);
    expect((await post(signedRequest(body([courierEvent(barcodes[0], "OUT_FOR_DELIVERY", 180, id())])))).status).toBe(200);
  });

  it("400: not JSON, or not the shape", async () => {
    for (const bad of ["{", "[]", "null", '"events"', '{"events": {}}', '{"events": []}', '{"evens": [1]}', JSON.stringify({ events: Array.from({ length: 501 }, (_, i) => courierEvent(barcodes[0], "COLLECTED", i, `many-${i}`)) })]) {
      const res = await post(signedRequest(bad));
      expect(res.status, bad.slice(0, 30)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
    expect((await post(signedRequest(body([courierEvent(barcodes[0], "COLLECTED", 0, id())]), { contentType: "text/plain" }))).status).toBe(400);
  });

  it("413: a body over 1 MiB, declared or not", async () => {
    const huge = JSON.stringify({ events: [{ ...courierEvent(barcodes[0], "COLLECTED", 0, id()), note: "x".repeat(1024 * 1024) }] });
    expect((await post(signedRequest(huge))).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
        controller.close();
      },
    });
    const undeclared = new Request("http://localhost/x", { method: "POST", headers: signedRequest("{}").headers, body: stream, duplex: "half" } as RequestInit);
    expect((await post(undeclared)).status).toBe(413);
  });

  it("429 when a key exceeds its rate (PostgreSQL-backed limiter), per key", async () => {
    const limiter = createPostgresRateLimiter(inject("databaseUrl"), 2);
    const limited: WebhookDeps = { ...deps, rateLimiter: limiter };
    const b = () => body([courierEvent(barcodes[1], "ARRIVED_AT_HUB", 30, id())]);
    expect((await post(signedRequest(b()), limited)).status).toBe(200);
    expect((await post(signedRequest(b()), limited)).status).toBe(200);
    const third = await post(signedRequest(b()), limited);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await post(signedRequest(b(), { keyId: ROTATED_KEY_ID, secret: ROTATED_SECRET }), limited)).status).toBe(200);
    await limiter.close();
  });

  it("publishes its OpenAPI 3.1 document", async () => {
    const { GET } = await import("@/app/api/courier/v1/openapi.json/route");
    const doc = (await (await GET(new Request("http://localhost/api/courier/v1/openapi.json"))).json()) as { openapi: string; paths: Record<string, { post: { responses: Record<string, unknown> } }> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths["/api/courier/v1/events"].post.responses).sort()).toEqual(["200", "400", "401", "413", "429", "503"]);
  });
});

describe("courier webhook: reliability", () => {
  it("every event sent three times, shuffled, across batches: each stored once, statuses as if in order", async () => {
    const { barcodes, references } = await labelledMovements(testDb, 12);
    const journeys: string[][] = [
      ["COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERED"],
      ["COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERY_FAILED"],
      ["COLLECTED", "OUT_FOR_DELIVERY", "DELIVERY_FAILED", "OUT_FOR_DELIVERY", "DELIVERED"],
      ["COLLECTED", "ARRIVED_AT_HUB", "RETURNED_TO_SENDER"],
      ["COLLECTED", "ARRIVED_AT_HUB", "EXCEPTION"],
      ["COLLECTED"],
    ];
    const events = barcodes.flatMap((barcode, i) => journeys[i % journeys.length].map((type, step) => courierEvent(barcode, type, step * 90, `rel-${barcode}-${step}`)));
    // In order, against a twin set of movements, to know the expected statuses.
    const twin = await labelledMovements(testDb, 12);
    const twinEvents = twin.barcodes.flatMap((barcode, i) => journeys[i % journeys.length].map((type, step) => courierEvent(barcode, type, step * 90, `twin-${barcode}-${step}`)));
    expect(await (await post(signedRequest(body(twinEvents)))).json()).toMatchObject({ accepted: twinEvents.length });
    const expected = await Promise.all(twin.references.map(statusOf));

    const tripled = fc.sample(fc.shuffledSubarray([...events, ...events, ...events], { minLength: events.length * 3 }), { numRuns: 1, seed: 42 })[0];
    let accepted = 0;
    let duplicates = 0;
    for (let i = 0; i < tripled.length; i += 25) {
      const r = (await (await post(signedRequest(body(tripled.slice(i, i + 25))))).json()) as { accepted: number; duplicates: number };
      accepted += r.accepted;
      duplicates += r.duplicates;
    }
    expect(accepted).toBe(events.length);
    expect(duplicates).toBe(events.length * 2);
    expect(await testDb.trackingEvent.count({ where: { source: "COURIER", sourceEventId: { startsWith: "rel-" } } })).toBe(events.length);
    expect(await Promise.all(references.map(statusOf))).toEqual(expected);
    expect(expected).toEqual(["DELIVERED", "DELIVERY_FAILED", "DELIVERED", "RETURNED_TO_SENDER", "IN_TRANSIT", "COLLECTED", "DELIVERED", "DELIVERY_FAILED", "DELIVERED", "RETURNED_TO_SENDER", "IN_TRANSIT", "COLLECTED"]);
    const flagged = await testDb.recordMovement.findMany({ where: { reference: { in: references } }, select: { reference: true, attentionReasons: true } });
    const reasons = new Map(flagged.map((f) => [f.reference, f.attentionReasons]));
    expect(reasons.get(references[1])).toEqual(["DELIVERY_FAILED"]);
    expect(reasons.get(references[3])).toEqual(["RETURNED_TO_SENDER"]);
    expect(reasons.get(references[4])).toEqual(["COURIER_EXCEPTION"]);
    expect(reasons.get(references[0])).toEqual([]);
    await expectQueuesConsistent(testDb);
  });

  it("concurrent batches touching the same movements neither deadlock nor lose an event", async () => {
    const { barcodes, references } = await labelledMovements(testDb, 10);
    const types = ["COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERED"];
    const batches = types.map((type, step) => barcodes.map((b) => courierEvent(b, type, step * 60, `conc-${b}-${step}`)).reverse());
    const results = await Promise.all(batches.map((events) => post(signedRequest(body(events)))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await Promise.all(references.map(statusOf))).toEqual(references.map(() => "DELIVERED"));
    await expectQueuesConsistent(testDb);
  });

  it("1,000 random bodies never produce a 5xx (property)", async () => {
    const { barcodes } = await labelledMovements(testDb, 1);
    const event = fc.record(
      {
        eventId: fc.oneof(fc.string({ maxLength: 120 }), fc.integer(), fc.constant(null)),
        barcode: fc.oneof(fc.constantFrom(...barcodes, "RM-2222-2222-1A"), fc.string({ maxLength: 50 }), fc.integer()),
        type: fc.oneof(fc.constantFrom("COLLECTED", "DELIVERED", "EXCEPTION", "DELIVERY_FAILED"), fc.string()),
        occurredAt: fc.oneof(fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), fc.constant("2026-02-30T10:00:00Z")),
        location: fc.oneof(fc.string({ maxLength: 250 }), fc.constant(undefined), fc.integer()),
        signedBy: fc.option(fc.string({ maxLength: 120 })),
        note: fc.option(fc.string({ maxLength: 600 })),
      },
      { requiredKeys: [] },
    );
    const bodies = fc.oneof(
      { weight: 5, arbitrary: fc.record({ events: fc.array(fc.oneof(event, fc.anything()), { minLength: 0, maxLength: 30 }) }).map((b) => JSON.stringify(b)) },
      { weight: 2, arbitrary: fc.json() },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString("latin1")) },
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (raw, signWell) => {
        const res = await post(signWell ? signedRequest(raw) : signedRequest(raw, { signature: "sha256=" + "ab".repeat(32) }));
        expect(res.status).toBeLessThan(500);
        if (!signWell) expect(res.status).toBe(401);
      }),
      { numRuns: 1000 },
    );
  }, 180_000);
});
