// Requests refused before Next.js sees them, by the portal's own server (server.ts), because Next would answer
// them with a 500: a path whose percent-encoding is malformed (`/practice/movements/%E0%A4%A`), a NUL or other
// control character anywhere in the path or query (PostgreSQL cannot store one), and server-action posts that
// are too big (413) or not in the shape React's client sends (400). Pure, no server-only import: server.ts and
// proxy.ts run outside React.

/** Server-action bodies above this are refused with 413 (the portal's forms post a few kilobytes). */
export const MAX_ACTION_BODY_BYTES = 1_000_000;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why a request's URL is bad input, or null. */
export function badRequestReason(rawUrl: string | undefined): string | null {
  const url = rawUrl ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? "" : url.slice(q + 1);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return "The address is not properly encoded";
  }
  if (CONTROL.test(decodedPath)) return "The address holds a character that is not allowed";
  for (const part of query.split(/[&;]/)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      return "The address is not properly encoded";
    }
    if (CONTROL.test(decoded)) return "The address holds a character that is not allowed";
  }
  return null;
}

// React's reply encoding (what its client sends to a server action): strings starting with "$" are either escaped
// text ("$$...") or a typed value. The portal's actions take a form (FormData, "$K<id>") or plain values; anything
// else (promises, streams, blobs, server references...) is not something its pages send, and some of it makes
// React's decoder throw or wait for parts that never come.
const PLAIN_VALUE = /^\$(\$|undefined$|Infinity$|-Infinity$|NaN$|-0$|D.+|n-?\d+$)/s;
const FORM_DATA_REFERENCE = /^\$K[0-9a-f]+$/;

function acceptableReply(value: unknown, formDataAllowed: boolean, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === "string") return !value.startsWith("$") || PLAIN_VALUE.test(value) || (formDataAllowed && FORM_DATA_REFERENCE.test(value));
  if (Array.isArray(value)) return value.every((v) => acceptableReply(v, formDataAllowed, depth + 1));
  if (value && typeof value === "object") return Object.entries(value).every(([k, v]) => !k.startsWith("$") && acceptableReply(v, formDataAllowed, depth + 1));
  return true;
}

function rootArguments(json: string, formDataAllowed: boolean): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return false;
  }
  return Array.isArray(parsed) && acceptableReply(parsed, formDataAllowed);
}

/**
 * Why a server-action body is not one the portal's pages could have sent, or null. React sends the arguments as
 * a JSON array in a text/plain body, or, when a form is among them, as multipart/form-data with the arguments'
 * JSON in field "0". (A form posted without JavaScript carries no Next-Action header and is not checked here.)
 */
export async function badActionBody(contentType: string | undefined, body: Buffer): Promise<string | null> {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "text/plain") {
    return rootArguments(body.toString("utf8"), false) ? null : "The request body is not a server action's arguments";
  }
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType! } }).formData();
    } catch {
      return "The request body is not valid form data";
    }
    const root = form.get("0");
    return typeof root === "string" && rootArguments(root, true) ? null : "The request body is not a server action's arguments";
  }
  if (type === "application/x-www-form-urlencoded") return null;
  return "Server actions take form data";
}
