// "Page not found" for browsers without JavaScript. In a production build, Next.js answers notFound() called by a page
// (a movement, user or organisation that does not exist or is outside the user's scope) with a 404 whose HTML is an
// empty shell, <html id="__next_error__">, and renders the not-found page in the browser from its script payload
// (vercel/next.js#98954): without JavaScript the page stays blank. server.ts passes such a response through
// `withNotFoundFallback`, which puts the same words in a <noscript> at the start of the body. With JavaScript the
// <noscript> is inert and Next.js renders the audience's own not-found page as before. Pure: tested in
// tests/unit/not-found-fallback.test.ts.
import zlib from "node:zlib";

const SHELL = /<html[^>]*\bid="__next_error__"/;

/** The fallback: plain NHS-styled markup (the shell links no stylesheet), one header and one main. */
export const NOT_FOUND_NOSCRIPT =
  '<noscript><header role="banner" style="background:#005eb8;color:#fff;padding:12px 16px;font-family:Arial,sans-serif;font-weight:bold">NHS Records movement portal</header>' +
  '<main id="main-content" style="max-width:960px;margin:0 auto;padding:32px 16px;font-family:Arial,sans-serif;color:#212b32">' +
  "<h1>Page not found</h1><p>If you typed the web address or a reference, check it is correct.</p>" +
  '<p><a href="/" style="color:#005eb8">Go to your home page</a></p></main></noscript>';

/** The HTML with the fallback after its <body> tag, when it is Next.js's empty error shell; otherwise null. */
export function injectNotFoundFallback(html: string): string | null {
  if (!SHELL.test(html) || html.includes(NOT_FOUND_NOSCRIPT)) return null;
  const body = /<body[^>]*>/.exec(html);
  if (!body) return null;
  const at = body.index + body[0].length;
  return html.slice(0, at) + NOT_FOUND_NOSCRIPT + html.slice(at);
}

type Codec = { decode: (b: Buffer) => Buffer; encode: (b: Buffer) => Buffer };
const CODECS: Record<string, Codec> = {
  identity: { decode: (b) => b, encode: (b) => b },
  gzip: { decode: (b) => zlib.gunzipSync(b), encode: (b) => zlib.gzipSync(b) },
  deflate: { decode: (b) => zlib.inflateSync(b), encode: (b) => zlib.deflateSync(b) },
  br: { decode: (b) => zlib.brotliDecompressSync(b), encode: (b) => zlib.brotliCompressSync(b) },
};

/**
 * The body to send for a 404 HTML response, given its bytes as Next.js (and its compression) wrote them and their
 * Content-Encoding: the same bytes unless it is the empty error shell, then the shell with the fallback, encoded
 * the same way. Anything it cannot read is sent unchanged.
 */
export function withNotFoundFallback(body: Buffer, contentEncoding: string | undefined): Buffer {
  const codec = CODECS[(contentEncoding ?? "identity").trim().toLowerCase() || "identity"];
  if (!codec) return body;
  try {
    const html = injectNotFoundFallback(codec.decode(body).toString("utf8"));
    return html === null ? body : codec.encode(Buffer.from(html, "utf8"));
  } catch {
    return body;
  }
}
