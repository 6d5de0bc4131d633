import { expect, test } from "./support/test";
import { searchPcse, searchPracticeList } from "./support/search";
import { generateReference } from "@/lib/movements/reference";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { query } from "./support/db";

const NHS_NUMBER_PATTERN = /\b999[\s-]?\d{3}[\s-]?\d{4}\b/;

test("the sign-in form signs a practice user in and out", async ({ page }) => {
  await page.goto("/practice/outgoing");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill(ACCOUNTS.practiceStaffA);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Sign-in failed");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/practice$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The Densham Surgery");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a practice sends a record by keyboard alone, and the receiving practice sees it coming", async ({ page, browser, baseURL }) => {
  await signIn(page.context(), baseURL!, "practiceStaffA");
  await page.goto("/practice/send");
  const nhsNumber = (await query<{ n: string }>(`SELECT '9997' || lpad((floor(random()*899999)+100000)::text, 5, '0') AS n`))[0].n;
  // A valid check digit for the random 999 number.
  const weights = [10, 9, 8, 7, 6, 5, 4, 3, 2];
  let first = nhsNumber.slice(0, 9);
  let check = 11 - (weights.reduce((s, w, i) => s + w * Number(first[i]), 0) % 11);
  while (check === 10) {
    first = String(Number(first) + 1);
    check = 11 - (weights.reduce((s, w, i) => s + w * Number(first[i]), 0) % 11);
  }
  const valid = first + String(check === 11 ? 0 : check);

  // Keyboard only from here: focus the first field with Tab from the top of the page.
  await page.locator("body").focus();
  await page.keyboard.press("Tab"); // skip link
  let guard = 0;
  while (!(await page.locator("#nhsNumber").evaluate((el) => el === document.activeElement)) && guard++ < 30) await page.keyboard.press("Tab");
  await page.keyboard.type(valid);
  await page.keyboard.press("Tab");
  await page.keyboard.type("Grace");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Hopper");
  await page.keyboard.press("Tab");
  await page.keyboard.type("9");
  await page.keyboard.press("Tab");
  await page.keyboard.type("12");
  await page.keyboard.press("Tab");
  await page.keyboard.type("1986");
  await page.keyboard.press("Tab"); // first purpose radio (re-registration): Space selects it
  await page.keyboard.press("Space");
  await expect(page.locator("#purpose-PRACTICE_TO_PRACTICE-RE_REGISTRATION")).toBeChecked();
  await page.keyboard.press("Tab"); // sending site (main practice by default)
  await page.keyboard.press("Tab"); // destination
  await page.keyboard.type("Lower Clapton");
  const option = page.getByRole("option", { name: /Lower Clapton General Practice/ });
  await expect(option).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.locator("#destinationOdsCode")).toHaveValue("F84003");
  await expect(page.getByText("Sending to Lower Clapton General Practice")).toBeVisible();
  await page.keyboard.press("Tab"); // priority: routine is checked; arrow to urgent
  await page.keyboard.press("ArrowRight");
  await expect(page.locator("#priority-URGENT")).toBeChecked();
  await page.keyboard.press("Tab"); // bags
  await page.keyboard.press("Control+A");
  await page.keyboard.type("2");
  await page.keyboard.press("Tab"); // notes
  await page.keyboard.type("Two volumes, the second is thin.");
  await page.keyboard.press("Tab"); // submit
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status").filter({ hasText: "Record movement created" })).toBeVisible();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Record movement", "").trim();
  expect(reference).toMatch(/^RM-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expect(page.getByText(`${valid.slice(0, 3)} ${valid.slice(3, 6)} ${valid.slice(6)}`)).toBeVisible();
  await expect(page.getByText("Urgent", { exact: true }).first()).toBeVisible();
  // Sent from the main practice (the default site), not its branch surgery.
  await expect(page.getByText("The Densham Surgery (A81001), GP practice")).toBeVisible();
  await expectNoAxeViolations(page);

  // The receiving practice sees it in its incoming list and opens it.
  const receiver = await browser.newContext();
  await signIn(receiver, baseURL!, "practiceStaffB");
  const other = await receiver.newPage();
  await searchPracticeList(other, "incoming", reference);
  await expect(other.getByRole("link", { name: reference })).toBeVisible();
  await other.getByRole("link", { name: reference }).click();
  await expect(other.getByRole("heading", { level: 1 })).toContainText(reference);
  await expect(other.getByText("HOPPER, Grace")).toBeVisible();
  await expect(other.getByText("Movement created")).toBeVisible();
  await expect(other.getByRole("link", { name: /Back to incoming/ })).toBeVisible();
  await receiver.close();
});

test("a form with mistakes shows an error summary linked to each field, keeps what was typed and saves nothing", async ({ page, baseURL }) => {
  await signIn(page.context(), baseURL!, "practiceStaffA");
  const before = Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "RecordMovement"`))[0].n);
  await page.goto("/practice/send");
  await page.getByLabel("NHS number").fill("943 476 5918");
  await page.getByLabel("Given name").fill("Ada <b>");
  await page.getByLabel("Family name").fill("Lovelace");
  await page.getByLabel("Number of bags").fill("0");
  await page.getByRole("button", { name: "Send record" }).click();
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /check digit/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /date of birth/i })).toBeVisible();
  await expect(summary.getByRole("link", { name: /Select why/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /1 or more/ })).toBeVisible();
  await expect(page.getByLabel("Family name")).toHaveValue("Lovelace");
  await expect(page.getByLabel("NHS number")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await summary.getByRole("link", { name: /check digit/ }).click();
  await expect(page.getByLabel("NHS number")).toBeFocused();
  expect(Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "RecordMovement"`))[0].n)).toBe(before);
});

test("PCSE finds a movement by reference and NHS number and opens it", async ({ page, baseURL }) => {
  // A patient with two movements: the search by NHS number lists both; a reference is one movement, opened at once.
  const [m] = await query<{ reference: string; nhs: string }>(`SELECT m.reference, p."nhsNumber" AS nhs FROM "RecordMovement" m JOIN "Patient" p ON p.id = m."patientId"
     WHERE (SELECT count(*) FROM "RecordMovement" x WHERE x."patientId" = m."patientId") = 1 ORDER BY m."createdAt" DESC LIMIT 1 OFFSET 7`,
  );
  const second = generateReference();
  await query(
    `INSERT INTO "RecordMovement" (id, reference, type, reason, priority, status, "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth",
                                   "fromOrganisationId", "toOrganisationId", "dueDate", "bagCount", "updatedAt", "policyVersion")
     SELECT gen_random_uuid(), $2, type, reason, priority, 'RECEIVED', "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth",
            "fromOrganisationId", "toOrganisationId", "dueDate", 1, now(), "policyVersion"
     FROM "RecordMovement" WHERE reference = $1`,
    [m.reference, second],
  );
  await signIn(page.context(), baseURL!, "caseworker");
  await searchPcse(page, m.reference.toLowerCase());
  await expect(page).toHaveURL(new RegExp(`/pcse/movements/${m.reference}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(m.reference);
  await searchPcse(page, m.nhs);
  await expect(page.getByRole("heading", { name: "2 movements found by NHS number" })).toBeVisible();
  await expect(page.getByRole("link", { name: second })).toBeVisible();
  await page.getByRole("link", { name: m.reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(m.reference);
  await expect(page.getByRole("heading", { name: "Tracking history" })).toBeVisible();
});

test("the commissioner sees KPIs by region and never a patient identifier, in the page or on the wire", async ({ page, baseURL }) => {
  await signIn(page.context(), baseURL!, "commissioner");
  const bodies: string[] = [];
  page.on("response", async (response) => {
    try {
      bodies.push(await response.text());
    } catch {
      /* redirects and aborted requests have no body */
    }
  });
  await page.goto("/commissioner");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service performance: England");
  const table = page.getByRole("table", { name: /^Regions, / });
  await expect(table.getByRole("rowheader", { name: /London/ })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: /North East and Yorkshire/ })).toBeVisible();
  const html = await page.content();
  expect(html).not.toMatch(NHS_NUMBER_PATTERN);
  await page.waitForLoadState("networkidle");
  for (const body of bodies) expect(body).not.toMatch(NHS_NUMBER_PATTERN);
  const names = await query<{ family: string }>(`SELECT DISTINCT "patientFamilyName" AS family FROM "RecordMovement" LIMIT 50`);
  for (const { family } of names) expect(html).not.toContain(family.toUpperCase() + ",");
});

test("a regional commissioner sees only their region", async ({ page, baseURL }) => {
  await signIn(page.context(), baseURL!, "regionalCommissioner");
  await page.goto("/commissioner");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service performance: England");
  const table = page.getByRole("table", { name: /^Regions, / });
  await expect(table.getByRole("rowheader", { name: /North East and Yorkshire/ })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: /London/ })).toHaveCount(0);
  expect((await page.goto("/commissioner/regions/Y56"))?.status()).toBe(404);
});

test("the administrator sees the audit trail of patient views", async ({ page, browser, baseURL }) => {
  const viewer = await browser.newContext();
  await signIn(viewer, baseURL!, "practiceManagerB");
  const viewerPage = await viewer.newPage();
  await viewerPage.goto("/practice/incoming?status=all");
  await viewerPage.locator("tbody a").first().click();
  await expect(viewerPage.getByText("Tracking history")).toBeVisible();
  await viewer.close();

  await signIn(page.context(), baseURL!, "admin");
  await page.goto(`/admin?action=VIEW_MOVEMENT&user=${encodeURIComponent(ACCOUNTS.practiceManagerB)}`);
  await expect(page.getByRole("cell", { name: ACCOUNTS.practiceManagerB }).first()).toBeVisible();
  expect(await page.content()).not.toMatch(NHS_NUMBER_PATTERN);
});
