// Issue 13: the administrator's tools as an administrator meets them. The audit trail (readable actions and names,
// filters by date, user, organisation, action, movement and NHS number, the number posted and never in a URL, paging,
// an audited CSV export without NHS numbers), /admin/users (search, create, change role, disable and enable, never
// themselves or the last administrator) and /admin/organisations (search, sites and users, a branch surgery added,
// corrected, closed and opened again, the ODS import's last run). Only accounts and organisations made here are
// changed: other tests sign in as the demo accounts at the same time.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { ACCOUNTS, signIn } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { query, randomTestNhsNumber } from "./support/db";
import { serverAction } from "./support/server-actions";

const unique = () => Math.random().toString(36).slice(2, 8);

/** Sends a record from practice A through the form; returns its reference. */
async function sendRecord(page: Page, nhsNumber: string) {
  await page.goto("/practice/send");
  await page.getByLabel("NHS number").fill(nhsNumber);
  await page.getByLabel("Given name").fill("Ada");
  await page.getByLabel("Family name").fill("Lovelace");
  await page.getByLabel("Day", { exact: true }).fill("10");
  await page.getByLabel("Month", { exact: true }).fill("12");
  await page.getByLabel("Year", { exact: true }).fill("1965");
  await page.getByLabel("The patient has registered with another GP practice in England").check();
  await page.getByLabel("Destination").fill("F84003");
  await page.getByRole("listbox").getByRole("option", { name: /Lower Clapton/ }).first().click();
  await page.getByRole("button", { name: "Send record" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Record movement created" })).toBeVisible();
  return (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Record movement", "").trim();
}

/**
 * Calls a useActionState server action over HTTP as the browser does (the previous state, then the form): React's
 * reply format sends the form's fields as "_1_<name>" first, then the arguments, referring to the form as "$K1".
 */
async function postAction(request: APIRequestContext, baseURL: string, name: string, fields: Record<string, string>) {
  const action = serverAction(name);
  // In order (an object would put "0" first: integer-like keys lead), so no helper taking a record.
  const parts: [string, string][] = [...Object.entries(fields).map(([k, v]): [string, string] => [`_1_${k}`, v]), ["0", JSON.stringify([{ status: "idle" }, "$K1"])]];
  const boundary = `----admin${Math.random().toString(36).slice(2)}`;
  const data = Buffer.from(`${parts.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("")}--${boundary}--\r\n`);
  const response = await request.post(action.path, { headers: { "next-action": action.id, origin: baseURL, "content-type": `multipart/form-data; boundary=${boundary}` }, data, maxRedirects: 0 });
  return { status: response.status(), text: `${response.headers()["x-action-redirect"] ?? ""} ${await response.text()}` };
}

const filterForm = (page: Page) => page.getByRole("form", { name: "Filter the audit trail" });
const auditTable = (page: Page) => page.getByRole("table", { name: /^Audit events, newest first/ });

test("the audit trail: readable rows, every filter, an NHS number posted and kept out of the URL, paging, and an audited CSV export", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  // Practice A sends a record (audited with the patient) and views it.
  const nhsNumber = randomTestNhsNumber();
  const sender = await browser.newContext();
  await signIn(sender, baseURL!, "practiceStaffA");
  const senderPage = await sender.newPage();
  const reference = await sendRecord(senderPage, nhsNumber);
  await senderPage.goto(`/practice/movements/${reference}`);
  await sender.close();

  await signIn(page.context(), baseURL!, "admin");
  await page.goto("/admin");
  const title = await page.title();

  // By movement reference: the send and the view, in words, with names rather than ids.
  await filterForm(page).getByLabel("Movement reference").fill(reference);
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`reference=${reference}`));
  const rows = auditTable(page).getByRole("row");
  await expect(auditTable(page).getByText("Sent a record", { exact: true })).toBeVisible();
  await expect(auditTable(page).getByText("Viewed a movement (patient details shown)", { exact: true }).first()).toBeVisible();
  await expect(auditTable(page).getByText(`Movement ${reference}`).first()).toBeVisible();
  await expect(auditTable(page).getByText(ACCOUNTS.practiceStaffA).first()).toBeVisible();
  await expect(page.getByText(/^\d+ events? match these filters$/)).toBeVisible();
  expect(await auditTable(page).textContent()).not.toContain("VIEW_MOVEMENT");
  expect(await auditTable(page).textContent()).not.toContain(nhsNumber);
  await expectNoAxeViolations(page);

  // By action and user (kept in the form), then a date range: today has them, a day long past has none.
  await filterForm(page).getByLabel("Action", { exact: true }).selectOption({ label: "Sent a record" });
  await filterForm(page).getByLabel("User", { exact: true }).fill(ACCOUNTS.practiceStaffA);
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=CREATE_MOVEMENT/);
  await expect(rows).toHaveCount(2); // the header and the send
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  await filterForm(page).getByLabel("From", { exact: true }).fill(today);
  await filterForm(page).getByLabel("To", { exact: true }).fill(today);
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(2);
  await filterForm(page).getByLabel("From", { exact: true }).fill("2020-01-01");
  await filterForm(page).getByLabel("To", { exact: true }).fill("2020-01-02");
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("0 events match these filters")).toBeVisible();
  await expect(auditTable(page)).toHaveCount(0);

  // By organisation: a filter that matches no organisation says so.
  await page.goto("/admin");
  await filterForm(page).getByLabel("Organisation", { exact: true }).fill("No such surgery anywhere");
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No organisation has the ODS code or a name with \u201cNo such surgery anywhere\u201d.")).toBeVisible();
  await filterForm(page).getByLabel("Organisation", { exact: true }).fill("A81001");
  await filterForm(page).getByLabel("Movement reference").fill(reference);
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(auditTable(page).getByText("Sent a record", { exact: true })).toBeVisible();

  // By NHS number: posted, kept server-side; the URL carries a random id (the fixture checks every URL), the look-up
  // is audited, and the rows name the number the administrator typed.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await filterForm(page).getByLabel("NHS number").fill(`${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`);
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]s=[^&]+/);
  expect(page.url()).not.toContain(nhsNumber.slice(0, 6));
  const spaced = `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
  await expect(auditTable(page).getByText(`NHS number ${spaced}, on ${reference}`).first()).toBeVisible();
  await expect(auditTable(page).getByText("Sent a record", { exact: true })).toBeVisible();
  const [{ n: lookups }] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" a JOIN "User" u ON u.id = a."actorUserId" JOIN "Patient" p ON p.id = a."patientId" WHERE a.action = 'SEARCH_AUDIT' AND u.email = $1 AND p."nhsNumber" = $2`,
    [ACCOUNTS.admin, nhsNumber],
  );
  expect(lookups).toBeGreaterThan(0);

  // The CSV of these events: the movement and the portal's own patient id, never the NHS number; itself audited.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these events (CSV)" }).click();
  const file = await (await download).path();
  const csv = (await import("node:fs")).readFileSync(file!, "utf8");
  expect(csv.split("\n")[0]).toContain("Action");
  expect(csv).toContain(reference);
  expect(csv).toContain("Sent a record");
  expect(csv).not.toContain(nhsNumber);
  expect(csv).not.toContain(spaced);

  // A number that fails the check digit is refused with the NHS error pattern, and nothing else is shown for it.
  await filterForm(page).getByLabel("NHS number").fill("1234567890");
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Those filters could not be used" })).toBeVisible();
  await expect(page).toHaveTitle(`Error: ${title}`);

  // Paging keeps the filters: 51 exports of this movement's events (each audited) fill more than one page.
  for (let i = 0; i < 51; i++) expect((await page.request.get(`/api/audit/export?reference=${reference}`)).status()).toBe(200);
  await page.goto(`/admin?action=EXPORT_AUDIT&user=${encodeURIComponent(ACCOUNTS.admin)}`);
  await expect(auditTable(page)).toHaveAccessibleName(/page 1 of \d+/);
  await expect(rows).toHaveCount(51);
  await page.getByRole("navigation", { name: /Pagination|Pages|Results pages/i }).getByRole("link", { name: /Next/ }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/action=EXPORT_AUDIT/);
  await expect(auditTable(page)).toHaveAccessibleName(/page 2 of \d+/);
  await expect(auditTable(page).getByText("Exported the audit trail", { exact: true }).first()).toBeVisible();
});

test("users: search, create an account (with a mistake first), change its role, disable and enable it; never yourself", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page.context(), baseURL!, "admin");
  await page.goto("/admin/users");
  const search = page.getByRole("search").or(page.getByRole("form", { name: "Search users" }));
  await search.getByLabel("Search").fill("caseworker@demo");
  await search.getByRole("button", { name: "Search" }).click();
  const users = page.getByRole("table", { name: /^Users, most recently signed in first/ });
  await expect(users.getByRole("link", { name: /./ })).toHaveCount(1);
  await expect(users.getByText("PCSE caseworker", { exact: true })).toBeVisible();
  await page.goto("/admin/users?role=COMMISSIONER");
  await expect(users.getByText("Commissioner", { exact: true }).first()).toBeVisible();
  await expect(users.getByText("Practice staff", { exact: true })).toHaveCount(0);

  // Create a commissioner account: an empty form first.
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Create a PCSE or commissioner account" }).click();
  await expect(page).toHaveTitle(/^Create an account/);
  const title = await page.title();
  await page.getByRole("button", { name: "Create the account" }).click();
  const problem = page.getByRole("alert", { name: "There is a problem" });
  await expect(problem).toContainText("Enter the name");
  await expect(problem).toContainText("Select the kind of account");
  await expect(page).toHaveTitle(`Error: ${title}`);
  await expectNoAxeViolations(page);
  const email = `new.commissioner.${unique()}@nhs.net`;
  await page.getByLabel("Full name").fill("Nora Newcomer");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Commissioner", { exact: true }).check();
  await page.getByLabel("Region (commissioners only)").selectOption({ label: "London" });
  await page.getByRole("button", { name: "Create the account" }).click();
  await expect(page.getByRole("status")).toContainText("Account created");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Nora Newcomer");
  await expect(page.getByText("Never", { exact: true }).first()).toBeVisible();
  const userUrl = page.url().replace(/\?.*$/, "");
  await expectNoAxeViolations(page);

  // The same email again is refused.
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill("Nora Again");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("PCSE caseworker", { exact: true }).check();
  await page.getByRole("button", { name: "Create the account" }).click();
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("A user with this email address already exists");

  // Role: a PCSE role needs a PCSE site; then made an administrator.
  await page.goto(userUrl);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "PCSE caseworker" });
  await page.getByLabel("Organisation's ODS code (practice and PCSE roles)").fill("A81001");
  await page.getByRole("button", { name: "Save the role" }).click();
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("must belong to a PCSE office or store");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Administrator" });
  await page.getByLabel("Organisation's ODS code (practice and PCSE roles)").fill("");
  await page.getByRole("button", { name: "Save the role" }).click();
  await expect(page.getByRole("status")).toContainText("Role saved");
  await expect(page.getByText("Administrator", { exact: true }).first()).toBeVisible();

  // Disabled at once (another administrator remains), then enabled.
  await page.getByRole("button", { name: "Disable this user" }).click();
  await expect(page.getByRole("status")).toContainText("User disabled");
  await expect(page.getByText("Disabled", { exact: true }).first()).toBeVisible();
  await page.getByRole("button", { name: "Enable this user" }).click();
  await expect(page.getByRole("status")).toContainText("User enabled");
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
  const changes = await query<{ action: string }>(`SELECT a.action FROM "AuditEvent" a JOIN "User" u ON u.id::text = a."entityId" WHERE u.email = $1 ORDER BY a.id`, [email]);
  expect(changes.map((c) => c.action)).toEqual(["CREATE_USER", "UPDATE_USER", "DISABLE_USER", "ENABLE_USER"]);

  // Their own page offers no way to disable themselves or change their role, and the server refuses it anyway: an
  // administrator can never remove the last administrator (themselves included).
  await page.goto(`/admin/users?q=${encodeURIComponent(ACCOUNTS.admin)}`);
  await users.getByRole("link").first().click();
  await expect(page.getByText("This is you. Another administrator can change your role or disable you.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable this user" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save the role" })).toHaveCount(0);
  const [self] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ACCOUNTS.admin]);
  const disable = await postAction(page.request, baseURL!, "setUserDisabledAction", { userId: self.id, disabled: "true" });
  expect(disable.status).toBeLessThan(500);
  expect(disable.text).toContain("You cannot disable yourself");
  const demote = await postAction(page.request, baseURL!, "changeUserRoleAction", { userId: self.id, role: "COMMISSIONER" });
  expect(demote.text).toContain("You cannot change your own role");
  const [{ disabled, role }] = await query<{ disabled: boolean; role: string }>(`SELECT disabled, role FROM "User" WHERE id = $1`, [self.id]);
  expect({ disabled, role }).toEqual({ disabled: false, role: "ADMINISTRATOR" });
});

test("organisations: search, a practice's sites and users, a branch surgery added, corrected, closed and opened again; the ODS import's last run", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page.context(), baseURL!, "admin");
  await page.goto("/admin/organisations");
  const importRun = page.getByRole("region", { name: "The ODS practice import" });
  await expect(importRun).toContainText(/Last run .* active practices, [\d,]+ added/);
  const form = page.getByRole("form", { name: "Search organisations" });
  await form.getByLabel("Search").fill("A81001");
  await form.getByRole("button", { name: "Search" }).click();
  const table = page.getByRole("table", { name: /^Organisations, [\d,]+ in all/ });
  await expect(table.getByRole("row")).toHaveCount(3); // the header, the practice and its Norton branch
  await table.getByRole("link", { name: "The Densham Surgery", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("(A81001)");
  await expect(page.getByRole("table", { name: "The practice and its branch surgeries" }).getByText("A81001B1", { exact: false })).toBeVisible();
  await expect(page.getByRole("table", { name: "Users of the organisation" }).getByText(ACCOUNTS.practiceStaffA)).toBeVisible();
  await expectNoAxeViolations(page);

  // Add a branch surgery: a mistake first.
  await page.getByRole("link", { name: "Add a branch surgery to this practice" }).click();
  await expect(page.getByLabel("Main practice's ODS code")).toHaveValue("A81001");
  await expect(page).toHaveTitle(/^Add a branch surgery/);
  const title = await page.title();
  await page.getByRole("button", { name: "Add the branch surgery" }).click();
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Enter the branch surgery's code");
  await expect(page).toHaveTitle(`Error: ${title}`);
  const code = `A81001B${2 + Math.floor(Math.random() * 8)}`;
  await query(`DELETE FROM "Organisation" WHERE "odsCode" = $1 AND NOT EXISTS (SELECT 1 FROM "AuditEvent" WHERE "entityId" = "Organisation".id::text)`, [code]);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Name", { exact: true }).fill("Stockton Road Branch");
  await page.getByLabel("Address", { exact: true }).fill("12 Stockton Road\nHartlepool");
  await page.getByLabel("Postcode", { exact: true }).fill("ts231aa");
  await page.getByRole("button", { name: "Add the branch surgery" }).click();
  await expect(page.getByRole("status")).toContainText("Branch surgery added");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Stockton Road Branch (${code})`);
  await expect(page.getByText("12 Stockton Road, Hartlepool, TS23 1AA")).toBeVisible();

  // Corrected, closed (no longer a destination), opened again.
  await page.getByLabel("Name", { exact: true }).fill("Stockton Road Branch Surgery");
  await page.getByRole("button", { name: "Save the corrections" }).click();
  await expect(page.getByRole("status")).toContainText("Branch surgery corrected");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Stockton Road Branch Surgery");
  await page.getByRole("button", { name: "Mark Stockton Road Branch Surgery closed" }).click();
  await expect(page.getByRole("status")).toContainText("Marked closed");
  await expect(page.getByText(/^Closed /)).toBeVisible();
  await page.getByRole("button", { name: "Mark Stockton Road Branch Surgery open again" }).click();
  await expect(page.getByRole("status")).toContainText("Marked open again");
  await expectNoAxeViolations(page);

  // Listed with its practice, and every change is on the audit trail under the organisation.
  await page.goto(`/admin/organisations?q=${code}`);
  await expect(table.getByText("Branch surgery", { exact: true })).toBeVisible();
  await page.goto(`/admin?organisation=${code}`);
  for (const label of ["Added a branch surgery", "Corrected an organisation", "Marked an organisation closed", "Marked an organisation open again"]) {
    await expect(auditTable(page).getByText(label, { exact: true })).toBeVisible();
  }
});
