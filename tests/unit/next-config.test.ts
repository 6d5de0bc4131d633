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
    expect(h["Referrer-Policy"]).toBe("no-referrer");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("sends HSTS in production behind https only", async () => {
    expect((await headersWith({ NODE_ENV: "production", NEXTAUTH_URL: "https://records.example.nhs.uk" }))["Strict-Transport-Security"]).toMatch(/max-age=63072000/);
    expect((await headersWith({ NODE_ENV: "production", NEXTAUTH_URL: "http://localhost:3000" }))["Strict-Transport-Security"]).toBeUndefined();
  });
});
