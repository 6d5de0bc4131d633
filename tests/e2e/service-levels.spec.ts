// Time and status as first-class, as users meet it: the administrator changes the policy and new movements'
// due dates follow while old ones keep theirs; overdue records show where practices and PCSE look; the clock
// sweep runs by itself and can be run now from the jobs page.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { query, randomTestNhsNumber } from "./support/db";
import { expectNoAxeViolations } from "./support/axe";
import { addWorkingDays, londonDate } from "@/lib/nhs/working-days";
import { bankHolidayDates } from "@/lib/reference/files";
import { formatCalendarDate } from "@/lib/format";

test("an administrator's new policy version changes new movements' due dates and not old ones", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const admin = await browser.newContext();
  await signIn(admin, baseURL!, "admin");
  const page = await admin.newPage();
  await page.goto("/admin/service-levels");
  await expect(page.getByRole("heading", { level: 2, name: /in force since/ })).toBeVisible();
  const [{ latest }] = await query<{ latest: number }>(`SELECT max(version)::int AS latest FROM "ServiceLevelPolicy"`);
  await page.getByRole("link", { name: "Create a new version" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New version of the service-level policy");
  // A mistake first: nothing saved, the error is shown against its field and in the summary.
  const field = page.getByLabel("Additional notes, urgent: whole journey");
  await field.fill("lots");
  await page.getByLabel("What changed and why").fill("Urgent additional notes get 12 working days end to end");
  await page.getByRole("button", { name: `Save as version ${latest + 1}` }).click();
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Additional notes, urgent: whole journey: enter a number");
  await expect(page).toHaveTitle(/New service-level policy version/);
  await expectNoAxeViolations(page);
  await page.getByLabel("Additional notes, urgent: whole journey").fill("12");
  await page.getByRole("button", { name: `Save as version ${latest + 1}` }).click();
  await expect(page.getByRole("status")).toContainText(`Version ${latest + 1} saved`);
  const change = page.getByRole("table", { name: /Changes from version/ }).getByRole("row", { name: /Additional notes, urgent: requested to receipt confirmed/ });
  await expect(change).toContainText("8 working days");
  await expect(change).toContainText("12 working days");
  await expectNoAxeViolations(page);
  await admin.close();

  // A movement sent before keeps its version; one sent now takes the new one.
  const [old] = await query<{ reference: string; dueDate: string; policyVersion: number }>(`SELECT reference, to_char("dueDate", 'YYYY-MM-DD') AS "dueDate", "policyVersion" FROM "RecordMovement" WHERE type = 'ADDITIONAL_NOTES' AND priority = 'URGENT' ORDER BY "createdAt" DESC LIMIT 1`);
  const practice = await browser.newContext();
  await signIn(practice, baseURL!, "practiceStaffA");
  const send = await practice.newPage();
  await send.goto("/practice/send");
  await send.locator("#nhsNumber").fill(randomTestNhsNumber());
  await send.locator("#givenName").fill("Ada");
  await send.locator("#familyName").fill("Byron");
  await send.locator("#dobDay").fill("10");
  await send.locator("#dobMonth").fill("12");
  await send.locator("#dobYear").fill("1985");
  await send.locator('input[value="ADDITIONAL_NOTES/ADDITIONAL_NOTES"]').check();
  await send.getByLabel("Destination").fill("F84003");
  await send.getByRole("option", { name: /Lower Clapton/ }).click();
  await send.locator("#priority-URGENT").check();
  await send.getByRole("button", { name: /Send/ }).click();
  await expect(send.getByRole("status").filter({ hasText: "Record movement created" })).toBeVisible();
  const due = addWorkingDays(londonDate(new Date()), 12, bankHolidayDates("england-and-wales"));
  await expect(send.getByRole("status").filter({ hasText: "Record movement created" })).toContainText(`Due by ${formatCalendarDate(due)}`);
  await expect(send.getByRole("heading", { name: "Service levels" })).toBeVisible();
  await expect(send.getByText(`Targets from service-level policy version ${latest + 1}`)).toBeVisible();
  await practice.close();
  if (old) {
    const [again] = await query<{ dueDate: string; policyVersion: number }>(`SELECT to_char("dueDate", 'YYYY-MM-DD') AS "dueDate", "policyVersion" FROM "RecordMovement" WHERE reference = $1`, [old.reference]);
    expect(again).toEqual({ dueDate: old.dueDate, policyVersion: old.policyVersion });
  }
});

test("overdue records show where practices and PCSE look", async ({ browser, baseURL }) => {
  const practice = await browser.newContext();
  await signIn(practice, baseURL!, "practiceStaffA");
  const home = await practice.newPage();
  await home.goto("/practice");
  const panel = home.getByRole("region", { name: "Overdue records" });
  await expect(panel).toBeVisible();
  await panel.getByRole("link").first().click();
  await expect(home).toHaveURL(/status=overdue/);
  await expect(home.locator("tbody").getByText("Overdue", { exact: true }).first()).toBeVisible();
  await practice.close();

  const pcse = await browser.newContext();
  await signIn(pcse, baseURL!, "caseworker");
  const queue = await pcse.newPage();
  await queue.goto("/pcse/overdue");
  await expect(queue.getByRole("heading", { level: 1 })).toHaveText("Overdue movements");
  const rows = queue.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  // Most overdue first.
  const late = (await queue.locator("tbody tr td:nth-child(4)").allTextContents()).map(Number);
  expect(late).toEqual([...late].sort((a, b) => b - a));
  await pcse.close();
});

test("the clock sweep runs by itself, and an administrator can run it now", async ({ page, baseURL }) => {
  await signIn(page.context(), baseURL!, "admin");
  await page.goto("/admin/jobs");
  const sweep = page.getByRole("region", { name: "Clock sweep" });
  // The worker started with the portal swept once at start.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Clock sweep" })).toContainText("succeeded");
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText(/worker is running|workers are running/)).toBeVisible();
  const [{ before }] = await query<{ before: number }>(`SELECT count(*)::int AS before FROM "JobRun" WHERE job = 'clock-sweep' AND trigger = 'MANUAL'`);
  await sweep.getByRole("button", { name: /Run now/ }).click();
  await expect(sweep.getByRole("status")).toContainText(/Queued|already waiting/);
  await expect(async () => {
    const [{ after }] = await query<{ after: number }>(`SELECT count(*)::int AS after FROM "JobRun" WHERE job = 'clock-sweep' AND trigger = 'MANUAL' AND status = 'SUCCEEDED'`);
    expect(after).toBeGreaterThan(before);
  }).toPass({ timeout: 30_000 });
  await page.reload();
  await expect(page.getByRole("table", { name: "The 25 most recent job runs" })).toContainText("manual");
});
