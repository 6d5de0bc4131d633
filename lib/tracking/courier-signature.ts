// Courier request signing, shared by the webhook, the simulator and the benchmark (no server-only imports).
import { createHmac } from "node:crypto";

/** `sha256=` + lowercase hex HMAC-SHA256(secret, timestamp + "." + raw body). */
export function signCourierBody(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return "sha256=" + createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex");
}

/** `COURIER_KEYS="keyid1:secret1,keyid2:secret2"`: several at once, so secrets can be rotated. */
export function parseCourierKeys(value: string | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  for (const pair of (value ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf(":");
    if (at <= 0 || at === pair.length - 1) throw new Error("COURIER_KEYS must be keyid:secret pairs separated by commas");
    keys.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return keys;
}
