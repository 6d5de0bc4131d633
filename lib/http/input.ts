// Shared pieces for parsing untrusted input (form posts, query strings, route parameters). Pure.
// PostgreSQL cannot store a NUL character in text and a query containing one fails: every string from outside is
// checked for control characters before it can reach a query, and refused as bad input (never a 500).
import { z } from "zod";

/** C0 control characters other than tab, line feed and carriage return (NUL among them). */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** Text from outside: a string of at most `max` characters with no control characters. */
export function safeText(max: number, message?: string) {
  return z
    .string({ error: message ?? "Enter text" })
    .max(max, message ?? `Enter ${max} characters or fewer`)
    .refine((v) => !hasControlCharacters(v), message ?? "Remove the unusual character you entered");
}

/** One value or several of a repeated field (`references=a&references=b`), always as an array. */
export function stringList(maxItems: number, maxLength: number) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(safeText(maxLength)).max(maxItems));
}

export type FormFields = Record<string, string | string[]>;

/**
 * A posted form as plain fields: a repeated field becomes an array, files are dropped (no form of the portal
 * uploads one), and React's own `$ACTION` fields are left out.
 */
export function formFields(formData: FormData): FormFields {
  const out: FormFields = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const current = out[key];
    out[key] = current === undefined ? value : Array.isArray(current) ? [...current, value] : [current, value];
  }
  return out;
}

/** The names of fields holding a control character (a NUL byte pasted or posted), for a clear refusal. */
export function fieldsWithControlCharacters(fields: Record<string, unknown>): string[] {
  return Object.entries(fields)
    .filter(([key, v]) => hasControlCharacters(key) || (typeof v === "string" ? hasControlCharacters(v) : Array.isArray(v) && v.some((x) => typeof x === "string" && hasControlCharacters(x))))
    .map(([key]) => key);
}
