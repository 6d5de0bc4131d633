// Structured logs (pino). Patient identifiers never reach a log: known fields are redacted by path, and
// every string is scrubbed of NHS-number-shaped digit runs as a second line of defence.
import pino from "pino";
import { redactNhsNumbers } from "@/lib/nhs/nhs-number";

const SENSITIVE_KEYS = new Set(["nhsNumber", "familyName", "givenName", "dateOfBirth", "patientFamilyName", "patientGivenName", "patientDateOfBirth", "receivedNhsNumber", "query", "password", "passwordHash", "secret", "authorization", "cookie"]);

export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[deep]";
  if (typeof value === "string") return redactNhsNumbers(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: redactNhsNumbers(value.message), stack: value.stack ? redactNhsNumbers(value.stack) : undefined };
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = SENSITIVE_KEYS.has(key) ? "[redacted]" : scrub(v, depth + 1);
    return out;
  }
  return value;
}

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { service: "records-movement-portal" },
  formatters: {
    log: (object) => scrub(object) as Record<string, unknown>,
  },
  hooks: {
    logMethod(args, method) {
      // Scrub the message string as well as the merged object.
      const cleaned = args.map((a) => (typeof a === "string" ? redactNhsNumbers(a) : a)) as typeof args;
      return method.apply(this, cleaned);
    },
  },
});
