import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

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
