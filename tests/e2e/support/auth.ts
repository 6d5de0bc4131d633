// Signs a browser context in through next-auth's credentials endpoint (not the form), as the conventions ask.
import type { APIRequestContext, BrowserContext } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-2026";

export const ACCOUNTS = {
  practiceStaffA: "staff.a81001@demo.records.test",
  practiceManagerA: "manager.a81001@demo.records.test",
  practiceStaffB: "staff.f84003@demo.records.test",
  practiceManagerB: "manager.f84003@demo.records.test",
  caseworker: "caseworker@demo.records.test",
  supervisor: "supervisor@demo.records.test",
  commissioner: "commissioner@demo.records.test",
  regionalCommissioner: "commissioner.y63@demo.records.test",
  admin: "admin@demo.records.test",
} as const;

export type AccountName = keyof typeof ACCOUNTS;

export async function signInRequest(request: APIRequestContext, baseURL: string, email: string, password = DEMO_PASSWORD) {
  const csrf = await request.get(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post(`${baseURL}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password, json: "true", callbackUrl: baseURL },
    maxRedirects: 0,
  });
  const session = await request.get(`${baseURL}/api/auth/session`);
  const body = (await session.json()) as { user?: { email?: string } };
  if (body.user?.email !== email) throw new Error(`Sign-in as ${email} failed (status ${response.status()})`);
}

export async function signIn(context: BrowserContext, baseURL: string, account: AccountName) {
  await signInRequest(context.request, baseURL, ACCOUNTS[account]);
}
