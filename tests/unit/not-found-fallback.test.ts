import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { NOT_FOUND_NOSCRIPT, injectNotFoundFallback, withNotFoundFallback } from "@/lib/http/not-found-fallback";

// Next.js's empty 404 shell, as a production build answers notFound() from a page (trimmed).
const SHELL = '<!DOCTYPE html><html id="__next_error__"><head><meta charSet="utf-8"/><title>Records movement portal</title></head><body><div hidden=""><!--$--><!--/$--></div><script>self.__next_f=[]</script></body></html>';
const PAGE = '<!DOCTYPE html><html lang="en-GB"><head></head><body class="min-h-screen"><main id="main-content"><h1>Page not found</h1></main></body></html>';

describe("a 'Page not found' for browsers without JavaScript", () => {
  it("goes right after <body> in Next.js's empty error shell, once", () => {
    const html = injectNotFoundFallback(SHELL)!;
    expect(html).toContain(`<body>${NOT_FOUND_NOSCRIPT}<div hidden="">`);
    expect(html.match(/<h1>Page not found<\/h1>/g)).toHaveLength(1);
    expect(injectNotFoundFallback(html)).toBeNull();
  });

  it("leaves every other page alone", () => {
    expect(injectNotFoundFallback(PAGE)).toBeNull();
    expect(withNotFoundFallback(Buffer.from(PAGE), undefined).toString()).toBe(PAGE);
  });

  it("reads and writes the body in its Content-Encoding; bytes it cannot read are sent unchanged", () => {
    for (const [encoding, encode, decode] of [
      ["gzip", zlib.gzipSync, zlib.gunzipSync],
      ["deflate", zlib.deflateSync, zlib.inflateSync],
      ["br", zlib.brotliCompressSync, zlib.brotliDecompressSync],
    ] as const) {
      const out = withNotFoundFallback(encode(Buffer.from(SHELL)), encoding);
      expect(decode(out).toString(), encoding).toContain(NOT_FOUND_NOSCRIPT);
    }
    expect(withNotFoundFallback(Buffer.from(SHELL), "identity").toString()).toContain(NOT_FOUND_NOSCRIPT);
    const garbage = Buffer.from("not gzip at all");
    expect(withNotFoundFallback(garbage, "gzip")).toBe(garbage);
    expect(withNotFoundFallback(Buffer.from(SHELL), "zstd").toString()).toBe(SHELL);
  });
});
