// Human references for record movements: `RM-` and two groups of four characters from an alphabet without
// look-alikes (no 0/O, 1/I/L, U), so they can be read over the phone. 30^8 ≈ 6.6e11 possibilities;
// uniqueness is enforced by the database and a clash is retried.
import { randomInt } from "node:crypto";

export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const REFERENCE_PATTERN = /^RM-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

export function generateReference(random: (max: number) => number = randomInt): string {
  let chars = "";
  for (let i = 0; i < 8; i++) chars += REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)];
  return `RM-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Accepts what people type (lower case, missing hyphens, spaces) and returns the canonical form or null. */
export function normaliseReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const body = compact.startsWith("RM") ? compact.slice(2) : compact;
  if (body.length !== 8) return null;
  const candidate = `RM-${body.slice(0, 4)}-${body.slice(4)}`;
  return REFERENCE_PATTERN.test(candidate) ? candidate : null;
}

/** The same shape of reference for other things: `CS-` cases, `UR-` urgent requests, `IN-` incidents. */
export function generatePrefixedReference(prefix: string, random: (max: number) => number = randomInt): string {
  return prefix + generateReference(random).slice(2);
}

/** Normalises a typed `<prefix>-XXXX-XXXX` reference (any case, spaces or hyphens), or null. */
export function normalisePrefixedReference(input: string, prefix: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  if (!compact.startsWith(prefix)) return null;
  const body = compact.slice(prefix.length);
  if (body.length !== 8) return null;
  const candidate = `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`;
  return /^[A-Z]{2}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/.test(candidate) ? candidate : null;
}
