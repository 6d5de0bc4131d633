import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn, signInRequest } from "./support/auth";
import { query } from "./support/db";

test("pages carry the security headers and a per-request CSP nonce", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const csp = first.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  expect(first.headers()["referrer-policy"]).toBe("same-origin");
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(first.headers()["x-powered-by"]).toBeUndefined();
});

test("the app runs under its CSP without script errors", async ({ page, baseURL }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await signIn(page.context(), baseURL!, "practiceStaffA");
  await page.goto("/practice/send");
  await page.getByLabel("Destination").fill("F84003");
  await expect(page.getByRole("listbox").getByRole("option").first()).toBeVisible();
  expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
});

test("the server makes every request id and works out the client address itself: forged headers never reach the audit trail", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext();
  await signInRequest(request, baseURL!, ACCOUNTS.caseworker);
  const [{ reference }] = await query<{ reference: string }>(`SELECT reference FROM "RecordMovement" ORDER BY "createdAt" LIMIT 1`);
  const forgedId = "forged-request-id-0123456789";
  const response = await request.get(`/pcse/movements/${reference}`, { headers: { "X-Request-Id": forgedId, "X-Forwarded-For": "6.6.6.6" } });
  expect(response.status()).toBe(200);
  const requestId = response.headers()["x-request-id"];
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestId).not.toBe(forgedId);
  const audit = await query<{ requestId: string; ipAddress: string | null }>(`SELECT "requestId", "ipAddress" FROM "AuditEvent" WHERE "requestId" = ANY($1)`, [[requestId, forgedId]]);
  expect(audit.length).toBeGreaterThan(0);
  expect(audit.every((a) => a.requestId === requestId)).toBe(true);
  // No proxy is trusted in the test server (TRUSTED_PROXY_HOPS unset): the address is the socket's, not 6.6.6.6.
  expect(audit.every((a) => a.ipAddress === "127.0.0.1")).toBe(true);
  await request.dispose();
});
