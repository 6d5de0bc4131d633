// The workload journey in a real browser: a practice prints labels, the bagging and labelling is offered and
// accepted in one step, the manager signs an evidence pack (its CSV's hash checked), claims from it, a commissioner
// reviews and makes an offer, and the manager accepts it after confirming the warning. Axe on every page on the way.
import { createHash } from "node:crypto";
import { expect, test } from "./support/test";
import { signIn, signInRequest } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { query, randomTestNhsNumber } from "./support/db";

test("labels printed → the suggestion accepted → a signed pack → a claim → an offer → accepted with the warning", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  // A member of practice B's staff whom no other test signs in as: print runs by one person at one site within the hour
  // are one suggestion (docs/workload.md), and other tests print labels as the demo's staff accounts at the same time.
  const email = "workload-journey.f84003@demo.records.test";
  await query(
    `INSERT INTO "User" (id, email, name, role, "organisationId", "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), $1, 'Workload Journey', role, "organisationId", "passwordHash", now() FROM "User" WHERE email = 'staff.f84003@demo.records.test'
     ON CONFLICT (email) DO NOTHING`,
    [email],
  );
  await signInRequest(page.context().request, baseURL!, email);
  await page.goto("/practice/send");
  await page.locator("#nhsNumber").fill(randomTestNhsNumber());
  await page.locator("#givenName").fill("Florence");
  await page.locator("#familyName").fill("Workload");
  await page.locator("#dobDay").fill("12");
  await page.locator("#dobMonth").fill("5");
  await page.locator("#dobYear").fill("1961");
  await page.locator("#purpose-PRACTICE_TO_PRACTICE-RE_REGISTRATION").check();
  await page.locator("#destinationOdsCode").fill("A81001");
  await page.getByRole("listbox").getByRole("option").first().click();
  await page.getByRole("button", { name: "Send record" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Record movement created" })).toBeVisible();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Record movement", "").trim();
  const printed = page.context().waitForEvent("response", (r) => r.url().endsWith("/api/labels/pdf"));
  await page.getByRole("button", { name: /Print labels: A4 sheet/ }).click();
  expect((await printed).status()).toBe(200);

  // Back on the page: the work it implies is offered, prefilled; accepted in one step.
  await page.reload();
  const offer = page.getByRole("form", { name: `Labels printed for ${reference}: bagging and labelling it` });
  await expect(offer).toBeVisible();
  await expect(offer.getByLabel("Minutes")).toHaveValue("2");
  await expectNoAxeViolations(page);
  await offer.getByLabel("Grade of who did it").selectOption("ADMINISTRATOR");
  await offer.getByRole("button", { name: /^Accept/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Logged: Bag and label, 2 min" })).toBeVisible();
  await page.goto("/practice/workload/entries");
  await expect(page.getByRole("row", { name: new RegExp(`Bag and label.*${reference}`) })).toBeVisible();
  await expectNoAxeViolations(page);
  const [entry] = await query<{ source: string; minutes: number; suggestedMinutes: number }>(
    `SELECT e.source, e.minutes, e."suggestedMinutes" FROM "WorkloadEntry" e JOIN "RecordMovement" m ON m.id = e."movementId" WHERE m.reference = $1`,
    [reference],
  );
  expect(entry).toEqual({ source: "SUGGESTED_ACCEPTED", minutes: 2, suggestedMinutes: 2 });

  // The practice manager sees the figures, then signs an evidence pack for today's work.
  await signIn(page.context(), baseURL!, "practiceManagerB");
  await page.goto("/practice/workload");
  await expect(page.getByRole("heading", { name: "Workload and its cost" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Hours logged each month/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Hours, cost and minutes per record moved each month/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/practice/claims");
  const today = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });
  const [y, m, d] = today.split("-");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Sign and make the evidence pack" }) });
  for (const [legend, values] of [
    ["From", [d, m, y]],
    ["To", [d, m, y]],
  ] as const) {
    const group = form.getByRole("group", { name: legend, exact: true });
    await group.getByLabel("Day").fill(values[0]);
    await group.getByLabel("Month").fill(values[1]);
    await group.getByLabel("Year").fill(values[2]);
  }
  await form.getByLabel("All workload").check();
  // Not signed yet: the declaration must be confirmed.
  await form.getByRole("button", { name: "Sign and make the evidence pack" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Confirm the declaration" })).toBeVisible();
  await expectNoAxeViolations(page);
  await form.getByLabel("I make this declaration, signed today in the portal").check();
  await form.getByRole("button", { name: "Sign and make the evidence pack" }).click();
  const signed = page.getByRole("status").filter({ hasText: /Evidence pack EP-\S+ signed/ });
  await expect(signed).toBeVisible();
  const pack = (await signed.getByRole("heading").textContent())!.match(/EP-\S{4}-\S{4}/)![0];
  const hash = (await signed.locator(".font-mono").textContent())!.trim();
  // The CSV downloaded from the page is the pack: its hash is the one shown, and it names the record by reference.
  const csvLink = page.getByRole("link", { name: `CSV of ${pack}` });
  const csv = await page.request.get((await csvLink.getAttribute("href"))!);
  const body = await csv.body();
  expect(createHash("sha256").update(body).digest("hex")).toBe(hash);
  expect(body.toString()).toContain(reference);
  expect(body.toString()).not.toContain("Florence"); // no patient name
  await expectNoAxeViolations(page);

  // A claim from the pack.
  await page.getByLabel("Evidence pack", { exact: true }).selectOption(pack);
  await page.getByLabel("What the claim is for").fill("Bagging and labelling the records the service made us label ourselves today.");
  await page.getByRole("button", { name: "Submit the claim to NHS England" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Claim submitted to NHS England" })).toBeVisible();
  const claim = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Claim to NHS England", "").trim();
  await expectNoAxeViolations(page);

  // The commissioner reviews it and offers less than claimed.
  await signIn(page.context(), baseURL!, "commissioner");
  await page.goto("/commissioner/claims");
  await expect(page.getByRole("link", { name: claim })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: claim }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Start the review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Review started" })).toBeVisible();
  const claimed = await page.getByLabel("Amount offered, pounds").inputValue();
  const offer80 = (Math.round(Number(claimed) * 80) / 100).toFixed(2);
  await page.getByLabel("Amount offered, pounds").fill(offer80);
  await page.getByLabel("How the offer was reached").fill("80%: part of this is the practice's normal work");
  await page.getByRole("button", { name: "Make the offer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Offer made to the practice" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The manager accepts, having confirmed the warning that accepting may bar further claims.
  await signIn(page.context(), baseURL!, "practiceManagerB");
  await page.goto(`/practice/claims/${claim}`);
  await expect(page.getByText("Accepting this offer may bar the practice")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Accept the offer" }).click();
  await expect(page.getByText("Confirm that you understand accepting may bar further claims")).toBeVisible();
  await page.getByLabel("I understand that accepting may bar the practice from further claims for this work").check();
  await page.getByRole("button", { name: "Accept the offer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Offer accepted" })).toBeVisible();
  await expect(page.getByText("having confirmed that accepting may bar further claims")).toBeVisible();
  await expectNoAxeViolations(page);
  const [row] = await query<{ status: string; offerPence: number }>(`SELECT status, "offerPence" FROM "Claim" WHERE reference = $1`, [claim]);
  expect(row).toEqual({ status: "ACCEPTED", offerPence: Math.round(Number(offer80) * 100) });
});

test("workload pages: staff see their own log; the manager's figures, rates and claims; the administrator's tasks; axe on each", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await signIn(page.context(), baseURL!, "practiceStaffA");
  await page.goto("/practice/workload");
  await expect(page).toHaveURL(/\/practice\/workload\/entries$/);
  await page.getByText("Log work by hand").click();
  const manual = page.locator("details").filter({ hasText: "Log work by hand" });
  await manual.getByLabel("Task").selectOption("CHASE");
  await manual.getByLabel("Minutes", { exact: true }).fill("");
  await manual.getByRole("button", { name: "Log the work" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter the minutes" })).toBeVisible();
  await expectNoAxeViolations(page);
  await manual.getByLabel("Minutes", { exact: true }).fill("14");
  await manual.getByRole("button", { name: "Log the work" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Work logged" })).toBeVisible();
  await page.getByRole("link", { name: /^Change Chase/ }).first().click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Minutes", { exact: true }).fill("16");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Earlier versions of this entry" })).toBeVisible();
  await expectNoAxeViolations(page);

  await signIn(page.context(), baseURL!, "practiceManagerA");
  await page.goto("/practice/workload/rates");
  await expect(page.getByRole("table", { name: "Rates in force today" })).toBeVisible();
  await expect(page.getByText(/£289 per 4-hour session/)).toBeVisible();
  await page.getByLabel("Grade").selectOption("NURSE");
  await page.getByLabel("Rate, pounds an hour").fill("26.80");
  await page.getByLabel("Where the figure comes from").fill("Practice payroll, practice nurse with on-costs");
  await page.getByRole("button", { name: "Save the rate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rate saved for Nurse" })).toBeVisible();
  await expectNoAxeViolations(page);

  await signIn(page.context(), baseURL!, "admin");
  await page.goto("/admin/workload-tasks");
  await page.getByRole("link", { name: "Change Chase" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Default minutes, per item").fill("12");
  await page.getByRole("button", { name: "Save the task" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Chase: saved" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Chase.*12 min/ })).toBeVisible();
});
