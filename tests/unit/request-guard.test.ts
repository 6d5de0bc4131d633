// Issue 7, item 7: what server.ts refuses before Next.js sees it, and where next-auth may redirect. Pure.
import { describe, expect, it } from "vitest";
import { MAX_ACTION_BODY_BYTES, badActionBody, badRequestReason } from "@/lib/http/request-guard";
import { callbackUrlParses, safeRedirect } from "@/lib/auth/redirect";

describe("badRequestReason", () => {
  it("refuses malformed percent-encoding and control characters in the path or the query", () => {
    expect(badRequestReason("/practice/movements/%E0%A4%A")).toMatch(/not properly encoded/);
    expect(badRequestReason("/api/collections/%00/manifest")).toMatch(/not allowed/);
    expect(badRequestReason("/practice/outgoing?q=%00")).toMatch(/not allowed/);
    expect(badRequestReason("/api/organisations?q=%00%00")).toMatch(/not allowed/);
    expect(badRequestReason("/practice/outgoing?q=%E0%A4%A")).toMatch(/not properly encoded/);
    expect(badRequestReason("/x?%01=a")).toMatch(/not allowed/);
  });
  it("lets ordinary addresses through", () => {
    for (const url of ["/", "/practice/outgoing?status=all&sort=due%3Aasc&page=2", "/pcse?s=5b0e7a8c-1a2b-4c3d-8e9f-0a1b2c3d4e5f", "/api/organisations?q=Densham%20Surgery", "/caf%C3%A9", undefined]) {
      expect(badRequestReason(url), String(url)).toBeNull();
    }
  });
});

describe("badActionBody", () => {
  const multipart = (fields: Record<string, string>) => {
    const body = Object.entries(fields).map(([k, v]) => `--B\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + "--B--\r\n";
    return ["multipart/form-data; boundary=B", Buffer.from(body)] as const;
  };
  it("accepts what React's client sends", async () => {
    expect(await badActionBody("text/plain;charset=UTF-8", Buffer.from(JSON.stringify(["RM-2222-2222"])))).toBeNull();
    expect(await badActionBody("text/plain;charset=UTF-8", Buffer.from(JSON.stringify(["$undefined", "$$dollar", "$D2026-01-01T00:00:00.000Z", { a: [1, null, "x"] }])))).toBeNull();
    expect(await badActionBody(...multipart({ "0": JSON.stringify([{ status: "idle" }, "$K1"]), "_1_givenName": "Ada", "_1_$ACTION_1:0": '{"id":"x","bound":"$@1"}' }))).toBeNull();
  });
  it("refuses anything else", async () => {
    expect(await badActionBody("text/plain", Buffer.from("garbage"))).toMatch(/arguments/);
    expect(await badActionBody("text/plain", Buffer.from('{"a":1}'))).toMatch(/arguments/);
    expect(await badActionBody("text/plain", Buffer.from('["$@1"]'))).toMatch(/arguments/);
    expect(await badActionBody("text/plain", Buffer.from('["$K1"]'))).toMatch(/arguments/);
    expect(await badActionBody("text/plain", Buffer.from('[{"$Q1":1}]'))).toMatch(/arguments/);
    expect(await badActionBody(...multipart({ a: "1" }))).toMatch(/arguments/);
    expect(await badActionBody(...multipart({ "0": "not json" }))).toMatch(/arguments/);
    expect(await badActionBody("multipart/form-data; boundary=B", Buffer.from("--nonsense"))).toMatch(/not valid form data|arguments/);
    expect(await badActionBody("application/json", Buffer.from("{}"))).toMatch(/form data/);
    expect(await badActionBody(undefined, Buffer.from("[]"))).toMatch(/form data/);
    expect(MAX_ACTION_BODY_BYTES).toBe(1_000_000);
  });
});

describe("next-auth redirects", () => {
  const base = "http://localhost:3000";
  it("go only to the portal's own pages", () => {
    expect(safeRedirect("http://localhost:3000.evil.example/", base)).toBe(base);
    expect(safeRedirect("https://evil.example/practice", base)).toBe(base);
    expect(safeRedirect("//evil.example/x", base)).toBe(base);
    expect(safeRedirect("/\\evil.example", base)).toBe(base);
    expect(safeRedirect("javascript:alert(1)", base)).toBe(base);
    expect(safeRedirect("/practice?x=1", base)).toBe(`${base}/practice?x=1`);
    expect(safeRedirect(`${base}/pcse`, base)).toBe(`${base}/pcse`);
  });
  it("tell which callback URLs next-auth can read without failing", () => {
    expect(callbackUrlParses("/practice", base)).toBe(true);
    expect(callbackUrlParses("https://evil.example/", base)).toBe(true);
    expect(callbackUrlParses("http://localhost:3000.evil.example/", base)).toBe(false);
    expect(callbackUrlParses(" ", base)).toBe(false);
    expect(callbackUrlParses("javascript:alert(1)", base)).toBe(false);
  });
});
