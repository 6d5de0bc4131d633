// A pretend courier for the demo and tests: builds realistic scan streams for labels and posts them, signed,
// to the webhook, with some failures, returns, duplicates and out-of-order sends.
import { randomUUID } from "node:crypto";
import { signCourierBody } from "@/lib/tracking/courier-signature";
import { journeyRank } from "@/lib/tracking/status";
import type { MovementStatus } from "@/lib/db/generated/enums";

export const DEMO_COURIER_KEY_ID = "demo-courier";
export const DEMO_COURIER_SECRET = "demo-courier-secret-not-for-production";

export type SimEvent = { eventId: string; barcode: string; type: string; occurredAt: string; location?: string; signedBy?: string; note?: string };

const HUBS = ["Darlington hub", "Milton Keynes hub", "Bristol hub", "Leeds hub"];

/** One label's remaining journey from `fromStatus` to an end, stamped between `start` and `end`. */
export function journeyFor(barcode: string, fromStatus: string, random: () => number, start: Date, end: Date, forceDelivered = false): SimEvent[] {
  const steps: { type: string; location?: string; signedBy?: string; note?: string }[] = [];
  const hub = HUBS[Math.floor(random() * HUBS.length)];
  // Where the journey stands: 0 still to be collected, 1 collected, 2 at a hub, 3 out for delivery.
  const at = Math.min(3, Math.max(0, journeyRank(fromStatus as MovementStatus) - 2));
  if (at <= 0) steps.push({ type: "COLLECTED", location: "Practice collection" });
  if (at <= 1) steps.push({ type: "ARRIVED_AT_HUB", location: hub }, { type: "DEPARTED_HUB", location: hub });
  if (at <= 2) steps.push({ type: "OUT_FOR_DELIVERY" });
  const fate = forceDelivered ? 0.5 : random();
  if (fate < 0.03) steps.push({ type: "EXCEPTION", location: hub, note: "Bag torn at hub, resealed" });
  else if (fate < 0.06) steps.push({ type: "RETURNED_TO_SENDER", note: "Receiver address incomplete" });
  else if (fate < 0.14) steps.push({ type: "DELIVERY_FAILED", note: "Practice closed" }, { type: "OUT_FOR_DELIVERY" }, { type: "DELIVERED", signedBy: "Reception" });
  else steps.push({ type: "DELIVERED", signedBy: "Reception" });
  const span = Math.max(60_000, end.getTime() - start.getTime());
  return steps.map((s, i) => ({
    eventId: `sim-${randomUUID()}`,
    barcode,
    ...s,
    occurredAt: new Date(start.getTime() + (span * (i + 1)) / (steps.length + 1)).toISOString(),
  }));
}

/** Shuffles a little (neighbours swap) and repeats some events, as real courier feeds do. */
export function messUp<T>(events: T[], random: () => number, duplicateRate = 0.1): T[] {
  const out = [...events];
  for (let i = 1; i < out.length; i++) if (random() < 0.3) [out[i - 1], out[i]] = [out[i], out[i - 1]];
  const repeats = out.filter(() => random() < duplicateRate);
  return [...out, ...repeats];
}

export type PostResult = { status: number; accepted: number; duplicates: number; rejected: number };

export async function postEvents(baseUrl: string, keyId: string, secret: string, events: SimEvent[]): Promise<PostResult> {
  const body = JSON.stringify({ events });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${baseUrl}/api/courier/v1/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-courier-key-id": keyId, "x-courier-timestamp": timestamp, "x-courier-signature": signCourierBody(secret, timestamp, body) },
    body,
  });
  if (response.status !== 200) return { status: response.status, accepted: 0, duplicates: 0, rejected: events.length };
  const result = (await response.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
  return { status: 200, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length };
}
