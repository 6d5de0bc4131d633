import fc from "fast-check";
import { expect, test, urlsWithNhsNumbers } from "./support/test";
import { searchPcse, searchPracticeList } from "./support/search";
import { testNhsNumbers } from "@/lib/nhs/nhs-number";
import { generateReference } from "@/lib/movements/reference";
import { ACCOUNTS, DEMO_PASSWORD, signIn, signInRequest } from "./support/auth";
import { query } from "./support/db";
import { startPortalServer } from "./support/portal-server";
import { expectNoAxeViolations } from "./support/axe";
import { allServerActions, expectedActionNames, freePort, multipart, serverAction } from "./support/server-actions";

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

// ---------------------------------------------------------------------------------------------------------
// Issue 7
// ---------------------------------------------------------------------------------------------------------

test("HSTS is decided when the portal starts, not when it was built: the http-built bundle started with an https URL sends it (item 8)", async ({ request }) => {
  // The suite's own server runs the same build with an http NEXTAUTH_URL: no HSTS.
  expect((await request.get("/sign-in")).headers()["strict-transport-security"]).toBeUndefined();
  const port = await freePort();
  const server = startPortalServer(port, { NEXTAUTH_URL: "https://records.example.nhs.uk", NEXTAUTH_SECRET: "hsts-test-secret" });
  try {
    let response: Response | null = null;
    for (let i = 0; i < 120 && !response; i++) {
      response = await fetch(`http://127.0.0.1:${port}/sign-in`).catch(() => null);
      if (!response) await new Promise((r) => setTimeout(r, 250));
    }
    expect(response?.status).toBe(200);
    expect(response?.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains; preload");
  } finally {
    server.kill("SIGTERM");
  }
});

test("signing out ends the session on the server: a copied session cookie stops working (item 4)", async ({ playwright, baseURL }) => {
  const victim = await playwright.request.newContext({ baseURL });
  await signInRequest(victim, baseURL!, ACCOUNTS.practiceStaffA);
  const cookie = (await victim.storageState()).cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
  const thief = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
  expect((await thief.get("/api/organisations?q=A81001")).status()).toBe(200);
  expect((await thief.get("/practice", { maxRedirects: 0 })).status()).toBe(200);

  const { csrfToken } = (await (await victim.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await victim.post("/api/auth/signout", { form: { csrfToken, json: "true" } });

  expect((await thief.get("/api/organisations?q=A81001")).status()).toBe(401);
  const page = await thief.get("/practice", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/\/sign-in$/);
  expect(await (await thief.get("/api/auth/session")).json()).toEqual({});
  await victim.dispose();
  await thief.dispose();
});

test("warns before signing an idle user out, in a modal dialog operable by keyboard (item 4)", async ({ page, baseURL }) => {
  await page.clock.install();
  // A practice manager whom no other test signs in as: the test moves the user's sessions' last activity back, which
  // would sign out another test's session of the same user (and that test's requests would keep this one alive).
  const email = "idle-warning.f84003@demo.records.test";
  await query(
    `INSERT INTO "User" (id, email, name, role, "organisationId", "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), $1, 'Idle Warning', role, "organisationId", "passwordHash", now() FROM "User" WHERE email = $2
     ON CONFLICT (email) DO NOTHING`,
    [email, ACCOUNTS.practiceManagerB],
  );
  await signInRequest(page.context().request, baseURL!, email);
  // The page watches the clock once it has hydrated; moving time on before that would move it past a timer not yet set.
  const open = async () => {
    await page.goto("/practice");
    await expect(page.locator("dialog[data-watching]")).toHaveCount(1);
  };
  await open();
  // 28½ minutes without a request, on the server (the session's last activity) and in the browser (its clock).
  // `minutes` more in the browser; `sinceActivity` minutes since the session's last request, on the server.
  const idle = async (minutes: number, sinceActivity = minutes) => {
    await query(`UPDATE "UserSession" SET "lastSeenAt" = now() - make_interval(secs => $1) WHERE "userId" = (SELECT id FROM "User" WHERE email = $2) AND "revokedAt" IS NULL`, [sinceActivity * 60, email]);
    await page.clock.fastForward(Math.round(minutes * 60_000));
  };
  await idle(28.5);
  const dialog = page.getByRole("dialog", { name: "You will be signed out soon" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/we will sign you out in 1 minute 2\d seconds|we will sign you out in 1 minute 3\d seconds/);
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  // The server moved the idle end on: about 30 minutes again.
  const status = (await (await page.context().request.get("/api/session")).json()) as { idleMsLeft: number };
  expect(status.idleMsLeft).toBeGreaterThan(29 * 60_000);

  // Escape counts as "stay signed in"; Tab reaches "Sign out", which signs out.
  await idle(28.5);
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await idle(28.5);
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/sign-in$/);

  // Left alone to the end, the user is signed out and told why.
  await signInRequest(page.context().request, baseURL!, email);
  await open();
  await idle(28.5);
  await expect(dialog).toBeVisible();
  await idle(2, 30.5);
  await page.waitForURL(/\/sign-in\?signedOut=idle$/);
  await expect(page.getByRole("status")).toContainText("You were signed out because you had not used the portal for 30 minutes");
});

test("bad input is answered as bad input, never with a 5xx (item 7)", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await signInRequest(request, baseURL!, ACCOUNTS.practiceStaffA);
  for (const path of ["/practice/outgoing?q=%00", "/api/organisations?q=%00%00", "/api/collections/%00/manifest", "/practice/movements/%E0%A4%A", "/pcse?s=%00", "/practice/movements/RM-%00"]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(400);
  }
  for (const path of ["/api/collections/CL-nope/manifest", "/practice/movements/%25%25", "/api/organisations?q=" + "x".repeat(300)]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBeLessThan(500);
  }
  // A server action called with something other than form data, and with a 2 MB body.
  const send = serverAction("sendRecordAction");
  const post = (data: string | Buffer, contentType: string) => request.post(send.path, { headers: { "next-action": send.id, origin: baseURL!, "content-type": contentType }, data });
  const notForm = await post(JSON.stringify(["$undefined", "hello"]), "text/plain;charset=UTF-8");
  expect(notForm.status()).toBe(200);
  expect(await notForm.text()).toContain("The form could not be read");
  expect((await post(JSON.stringify({ nhsNumber: "9434765919" }), "application/json")).status()).toBe(400);
  expect((await post("garbage", "text/plain;charset=UTF-8")).status()).toBe(400);
  expect((await post(Buffer.alloc(2 * 1024 * 1024, "a"), "text/plain;charset=UTF-8")).status()).toBe(413);
  // A sign-in callbackUrl that only looks like the portal's: no 5xx, no redirect off-site.
  const evil = "http://localhost:3000.evil.example/";
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signInAgain = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email: ACCOUNTS.practiceStaffA, password: DEMO_PASSWORD, json: "true", callbackUrl: evil } });
  expect(signInAgain.status()).toBe(200);
  expect(((await signInAgain.json()) as { url: string }).url.startsWith(baseURL!)).toBe(true);
  const viaQuery = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(evil)}`, { maxRedirects: 0 });
  expect(viaQuery.status()).toBeLessThan(500);
  expect(viaQuery.headers().location ?? "").not.toContain("evil.example");
  await request.dispose();
});

test("a NUL byte typed into the send form is refused with a message, not 'Something went wrong' (item 7)", async ({ page, baseURL }) => {
  await signIn(page.context(), baseURL!, "practiceStaffA");
  await page.goto("/practice/send");
  await page.locator("#givenName").evaluate((el) => ((el as HTMLInputElement).value = "A\u0000da"));
  await page.getByRole("button", { name: "Send record" }).click();
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toContainText("Remove the unusual character");
  await expect(summary).not.toContainText("Something went wrong");
});

test("random bodies posted to every server action never get a 5xx (item 7, property)", async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  const request = await playwright.request.newContext({ baseURL });
  // Not an account other tests send records with: attempts count towards the per-user send limit.
  await signInRequest(request, baseURL!, ACCOUNTS.practiceManagerA);
  const actions = allServerActions();
  expect(actions.map((a) => a.name).sort()).toEqual(expectedActionNames());
  const token = fc.oneof(fc.string(), fc.constantFrom("$K1", "$@1", "$Q1", "$undefined", "$$x", "$D2020-01-01", "$h1", "$F1", "$T", "$n12"));
  const args = fc.array(fc.oneof(token, fc.jsonValue(), fc.dictionary(fc.string(), token)), { maxLength: 4 });
  const body = fc.oneof(
    args.map((a) => ({ type: "text/plain;charset=UTF-8", data: JSON.stringify(a) })),
    fc.string().map((s) => ({ type: "text/plain;charset=UTF-8", data: s })),
    fc.tuple(args, fc.dictionary(fc.string({ maxLength: 12 }).map((k) => `_1_${k}`), fc.string())).map(([root, fields]) => multipart({ "0": JSON.stringify(root), ...fields })),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.string()).map((fields) => multipart(fields)),
    fc.constantFrom("application/json", "application/x-www-form-urlencoded", "", "image/png").chain((type) => fc.string().map((data) => ({ type, data }))),
  );
  for (const action of actions) {
    await fc.assert(
      fc.asyncProperty(body, async ({ type, data }) => {
        const response = await request.post(action.path, { headers: { "next-action": action.id, origin: baseURL!, ...(type ? { "content-type": type } : {}) }, data, maxRedirects: 0 });
        expect(response.status(), `${action.name} ${type} ${String(data).slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 25 },
    );
  }
  await request.dispose();
});

test("an NHS number searched for never travels in a URL, and searches still filter and page (item 6)", async ({ page, baseURL, requestUrls }) => {
  // 30 closed movements from practice A for patients called "Paginson": a search with two pages.
  const numbers = testNhsNumbers(900_000 + Math.floor(Math.random() * 50_000));
  for (let i = 0; i < 30; i++) {
    await query(
      `WITH p AS (INSERT INTO "Patient" (id, "nhsNumber", "updatedAt") VALUES (gen_random_uuid(), $1, now()) RETURNING id)
       INSERT INTO "RecordMovement" (id, reference, type, reason, priority, status, "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth",
                                     "fromOrganisationId", "toOrganisationId", "dueDate", "bagCount", "updatedAt", "policyVersion")
       SELECT gen_random_uuid(), $2, 'PRACTICE_TO_PRACTICE', 'RE_REGISTRATION', 'ROUTINE', 'RECEIVED', p.id, 'Paginson', 'Page', '1980-01-01',
              (SELECT id FROM "Organisation" WHERE "odsCode" = 'A81001'), (SELECT id FROM "Organisation" WHERE "odsCode" = 'F84003'), current_date, 1, now(), 1
       FROM p`,
      [numbers.next().value, generateReference()],
    );
  }
  const [mine] = await query<{ reference: string; nhs: string }>(
    `SELECT m.reference, p."nhsNumber" AS nhs FROM "RecordMovement" m JOIN "Patient" p ON p.id = m."patientId" JOIN "Organisation" o ON o.id = m."fromOrganisationId"
     WHERE o."odsCode" = 'A81001' AND m."patientFamilyName" <> 'Paginson' ORDER BY m."createdAt" DESC LIMIT 1`,
  );
  const spaced = `${mine.nhs.slice(0, 3)} ${mine.nhs.slice(3, 6)} ${mine.nhs.slice(6)}`;

  await signIn(page.context(), baseURL!, "practiceStaffA");
  await searchPracticeList(page, "outgoing", spaced);
  await expect(page.getByRole("link", { name: mine.reference })).toBeVisible();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(spaced);
  // Changing a filter keeps the search.
  await page.getByLabel("Priority").selectOption("any");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("link", { name: mine.reference })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);

  // Paging keeps the search: the next page's link carries the saved search's id, not the term.
  await searchPracticeList(page, "outgoing", "Paginson");
  await expect(page.getByText("30 record movements — page 1 of 2")).toBeVisible();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByText("30 record movements — page 2 of 2")).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(5);
  expect(new URL(page.url()).searchParams.get("page")).toBe("2");
  const savedId = new URL(page.url()).searchParams.get("s")!;

  // Another user cannot use someone's saved search; a search term in the URL is not a search.
  await signIn(page.context(), baseURL!, "practiceManagerA");
  await page.goto(`/practice/outgoing?status=all&s=${savedId}`);
  await expect(page.getByText(/^30 record movements/)).toHaveCount(0);
  await page.goto(`/practice/outgoing?status=all&q=Paginson`);
  await expect(page.getByText(/^30 record movements/)).toHaveCount(0);

  // PCSE's search by NHS number (the patient given a second movement: one match would open the movement at once).
  await query(
    `INSERT INTO "RecordMovement" (id, reference, type, reason, priority, status, "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth",
                                   "fromOrganisationId", "toOrganisationId", "dueDate", "bagCount", "updatedAt", "policyVersion")
     SELECT gen_random_uuid(), $2, type, reason, priority, 'RECEIVED', "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth",
            "fromOrganisationId", "toOrganisationId", "dueDate", 1, now(), "policyVersion"
     FROM "RecordMovement" WHERE reference = $1`,
    [mine.reference, generateReference()],
  );
  await signIn(page.context(), baseURL!, "caseworker");
  await searchPcse(page, mine.nhs);
  await expect(page.getByRole("link", { name: mine.reference })).toBeVisible();
  await expect(page.getByLabel("Reference, NHS number or ODS code")).toHaveValue(mine.nhs);
  await page.goto(`/pcse?q=${mine.reference}`);
  await expect(page.getByRole("link", { name: mine.reference })).toHaveCount(0);

  // The fixture checks every URL requested for every NHS number in the database when the test ends; these are
  // the ones just searched for.
  expect(urlsWithNhsNumbers(requestUrls, [mine.nhs])).toEqual([]);
  expect(requestUrls.length).toBeGreaterThan(20);
});
