import { afterEach, describe, expect, it, vi } from "vitest";

async function headersWith(env: Record<string, string>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const config = (await import("../../next.config.js")).default;
  const rules = await config.headers!();
  return Object.fromEntries(rules[0].headers.map((h: { key: string; value: string }) => [h.key, h.value]));
}

describe("security headers from next.config.js", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("always sends the basic hardening headers", async () => {
    const h = await headersWith({ NODE_ENV: "development", NEXTAUTH_URL: "http://localhost:3000" });
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("same-origin");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("never decides HSTS at build time: server.ts sets it when the portal starts (tests/e2e/security.spec.ts)", async () => {
    for (const NEXTAUTH_URL of ["https://records.example.nhs.uk", "http://localhost:3000"]) {
      expect((await headersWith({ NODE_ENV: "production", NEXTAUTH_URL }))["Strict-Transport-Security"]).toBeUndefined();
    }
  });
});

describe("same-origin check for state-changing route handlers", async () => {
  const { isSameOrigin } = await import("@/lib/http/same-origin");
  const req = (headers: Record<string, string>) => new Request("http://portal.test/api/labels/pdf", { method: "POST", headers });
  it("trusts Fetch Metadata, else compares Origin with Host", () => {
    expect(isSameOrigin(req({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(req({ "sec-fetch-site": "cross-site", origin: "http://portal.test", host: "portal.test" }))).toBe(false);
    expect(isSameOrigin(req({ "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "http://portal.test", host: "portal.test" }))).toBe(true);
    expect(isSameOrigin(req({ origin: "http://evil.test", host: "portal.test" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "null", host: "portal.test" }))).toBe(false);
    expect(isSameOrigin(req({ host: "portal.test" }))).toBe(false);
  });
});
