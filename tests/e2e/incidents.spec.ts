// An incident from import to a practice's signed return, in Chromium: a PCSE supervisor creates an incident and
// imports its affected patients (a file with a bad row is refused whole, with a downloadable report; the corrected
// file is imported), practice A's staff review their patients (one harm review by hand, the rest as "no harm" at
// once by a clinician, with the keyboard), the practice manager signs the return and sees the payment. Another
// practice gets "not found"; the commissioner sees suppressed counts. Axe on each page; no sideways scroll at 320 px.
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { query } from "./support/db";
import { testNhsNumbers } from "@/lib/nhs/nhs-number";

const HEADER = "nhs_number,practice_ods_code,held_from,released_on,movement_reference,priority,family_name,given_name,date_of_birth";

async function noSidewaysScroll(page: import("@playwright/test").Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} scrolls sideways at 320 px`).toBeLessThanOrEqual(320);
}

test("an incident from import to the practice's signed return", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const numbers = testNhsNumbers(900_000 + Math.floor(Math.random() * 90_000));
  const [a, b, c] = [numbers.next().value, numbers.next().value, numbers.next().value] as string[];

  // PCSE supervisor: create the incident.
  await signIn(page.context(), baseURL!, "supervisor");
  await page.goto("/pcse/incidents");
  await expectNoAxeViolations(page);
  await page.getByLabel("Title").fill("Journey: records held in error");
  await page.getByLabel("Organisation responsible").fill("Journey Storage Ltd");
  await page.getByLabel("Date discovered").fill("2026-10-01");
  await page.getByLabel("Reviews due by").fill("2027-01-31");
  await page.getByLabel("Banded by number of patients").check();
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page).toHaveURL(/\/pcse\/incidents\/IN-[A-Z0-9]{4}-[A-Z0-9]{4}\?created=1$/);
  const reference = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByText("£50 for fewer than 20 patients")).toBeVisible();

  // A file with a bad NHS number is refused whole; the report names the row.
  await page.getByRole("link", { name: "Import affected patients from a CSV file" }).click();
  await expectNoAxeViolations(page);
  const file = (rows: string[]) => ({ name: "affected.csv", mimeType: "text/csv", buffer: Buffer.from([HEADER, ...rows].join("\n")) });
  await page.setInputFiles("#file", file([`${a},A81001,2025-03-01,2026-09-01,,low,Lovelace,Ada,1985-12-10`, "9434765918,A81001,2025-03-01,,,high,,,"]));
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.locator("dd", { hasText: "Rejected: nothing was imported" })).toBeVisible({ timeout: 60_000 });
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the 1 rejected rows/ }).click();
  const report = await (await download).path();
  const text = (await import("node:fs")).readFileSync(report, "utf8");
  expect(text).toContain("3,NHS number fails the check digit test");
  expect((await query(`SELECT count(*)::int AS n FROM "IncidentItem" i JOIN "Incident" n ON n.id = i."incidentId" WHERE n.reference = $1`, [reference]))[0]).toEqual({ n: 0 });

  // The corrected file is imported: the released record becomes a movement to the practice.
  await page.setInputFiles("#file", file([`${a},A81001,2025-03-01,2026-09-01,,low,Lovelace,Ada,1985-12-10`, `${b},A81001,2025-05-01,,,high,,,`, `${c},A81001,2025-06-01,,,low,,,`]));
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.locator("dt", { hasText: "Patients imported" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Released records now tracked as new movements")).toBeVisible();

  // Practice A's staff: high priority first; one review by hand.
  await signIn(page.context(), baseURL!, "practiceStaffA");
  await page.goto(`/practice/incidents/${reference}`);
  await expectNoAxeViolations(page);
  const rows = page.getByRole("region", { name: "Affected patients, high priority first" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("High");
  await page.getByRole("link", { name: `${a.slice(0, 3)} ${a.slice(3, 6)} ${a.slice(6)}` }).click();
  await expect(page.getByText("LOVELACE, Ada")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Harm identified").check();
  await page.getByLabel("Low", { exact: true }).check();
  await page.getByLabel("What harm was found, or might have been").fill("Medication review delayed");
  await page.getByLabel("Yes").check();
  await page.getByLabel("Date the patient was told").fill("2026-11-02");
  await page.getByLabel("Reviewer's role").selectOption("ADMINISTRATIVE_STAFF");
  await page.getByLabel("Minutes spent on this review").fill("25");
  await page.getByRole("button", { name: "Save review" }).click();
  // The rule is the server's: harm needs a clinician.
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Only a clinician");
  await expectNoAxeViolations(page);
  await page.getByLabel("Reviewer's role").selectOption("GP");
  // Submitting with the keyboard.
  await page.getByLabel("Minutes spent on this review").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/practice/incidents/${reference}\\?reviewed=1$`));

  // The other two as "no harm" at once, by a clinician, with the confirmation, using the keyboard.
  for (const n of [b, c]) {
    await page.getByLabel(`Select ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)} for no harm`).focus();
    await page.keyboard.press("Space");
  }
  await page.getByLabel("Total minutes spent on these reviews").fill("20");
  await page.getByRole("button", { name: "Record no harm" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Confirm that a clinician reviewed");
  await page.getByLabel(/I am a clinician/).check();
  await page.getByRole("button", { name: "Record no harm" }).click();
  await expect(page.getByRole("status")).toContainText("2 reviews of no harm recorded");
  await expect(page.getByText("your practice manager can now sign the return")).toBeVisible();
  // The work each recording implies is offered on the page (issue 10): the GP's review with its own 25 minutes and a
  // GP's grade, the two at once as one entry with their 20 minutes; accepted in one step.
  const single = page.getByRole("form", { name: `Incident ${reference}: a clinical harm review of one patient` });
  await expect(single.getByLabel("Minutes")).toHaveValue("25");
  await expect(single.getByLabel("Grade of who did it")).toHaveValue("SALARIED_GP");
  const both = page.getByRole("form", { name: `Incident ${reference}: no harm found for 2 patients, reviewed by a clinician` });
  await expect(both.getByLabel("Minutes")).toHaveValue("20");
  await both.getByRole("button", { name: /^Accept/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Logged: Harm review (clinical), 20 min" })).toBeVisible();
  const [logged] = await query<{ quantity: number; minutes: number; incident: string }>(
    `SELECT e.quantity, e.minutes, n.reference AS incident FROM "WorkloadEntry" e JOIN "Incident" n ON n.id = e."incidentId" WHERE n.reference = $1`,
    [reference],
  );
  expect(logged).toEqual({ quantity: 2, minutes: 20, incident: reference });

  // Another practice: not found.
  const [item] = await query<{ id: string }>(`SELECT i.id FROM "IncidentItem" i JOIN "Incident" n ON n.id = i."incidentId" WHERE n.reference = $1 LIMIT 1`, [reference]);
  await signIn(page.context(), baseURL!, "practiceStaffB");
  expect((await page.goto(`/practice/incidents/${reference}/patients/${item.id}`))?.status()).toBe(404);
  expect((await page.goto(`/practice/incidents/${reference}`))?.status()).toBe(404);

  // The practice manager signs: the payment the scheme gives (banded: £50 for 3 patients).
  await signIn(page.context(), baseURL!, "practiceManagerA");
  await page.goto(`/practice/incidents/${reference}`);
  await expect(page.getByText("For your 3 patients: £50")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel(/I confirm that each of the 3 patients/).check();
  await page.getByRole("button", { name: "Sign the return (£50)" }).click();
  await expect(page.getByRole("status")).toContainText("Your practice's return is signed");
  await expect(page.getByText(/Payment released: £50/)).toBeVisible();
  await expect(page.getByText("1 patient with harm")).toBeVisible();

  // 320 px: no sideways scroll on the practice's pages.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`/practice/incidents/${reference}?show=all`);
  await noSidewaysScroll(page);
  await page.goto(`/practice/incidents/${reference}/patients/${item.id}`);
  await noSidewaysScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // PCSE sees the practice signed; the commissioner sees counts with small numbers suppressed, never a patient.
  await signIn(page.context(), baseURL!, "caseworker");
  await page.goto(`/pcse/incidents/${reference}`);
  await expect(page.getByRole("region", { name: "Practices, not started first" })).toContainText("Signed off");
  await signIn(page.context(), baseURL!, "commissioner");
  await page.goto("/commissioner/incidents");
  await expectNoAxeViolations(page);
  // Practice A's 3 patients are 1-7 below national level: shown as *; the national line is exact.
  const section = page.locator("section", { has: page.getByRole("heading", { name: new RegExp(reference) }) });
  await expect(section.getByRole("region", { name: "By NHS England region" }).getByRole("row", { name: /North East and Yorkshire/ })).toContainText("*");
  await expect(section.getByRole("region", { name: "By NHS England region" }).getByRole("row", { name: /England \(exact\)/ })).toContainText("3");
  const body = await page.content();
  expect(body).not.toContain(a);
  expect(body).not.toContain("Medication review delayed");
});
