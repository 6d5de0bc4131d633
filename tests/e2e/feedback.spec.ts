// Issue 13, as users meet it: every action says what happened; the header, forms and pages behave for keyboard,
// screen reader and phone users. (Printing's feedback is in labels-collection-receipt.spec.ts; every page's keyboard
// and reflow checks in keyboard-and-reflow.spec.ts.)
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { query, randomTestNhsNumber } from "./support/db";
import { DEMO_COURIER_KEY_ID, DEMO_COURIER_SECRET, journeyFor, postEvents } from "../../lib/demo/courier-simulator";
import { seededRandom } from "../../lib/demo/random";

/** Sends a record from practice A to `destination` through the form, as a user does; returns its reference. */
async function sendRecord(page: Page, destination: string, choose: RegExp | string) {
  await page.goto("/practice/send");
  await page.getByLabel("NHS number").fill(randomTestNhsNumber());
  await page.getByLabel("Given name").fill("Alan");
  await page.getByLabel("Family name").fill("Turing");
  await page.getByLabel("Day", { exact: true }).fill("23");
  await page.getByLabel("Month", { exact: true }).fill("6");
  await page.getByLabel("Year", { exact: true }).fill("1962");
  await page.getByLabel("The patient has registered with another GP practice in England").check();
  await page.getByLabel("Destination").fill(destination);
  await page.getByRole("listbox").getByRole("option", { name: choose }).first().click();
  await page.getByRole("button", { name: "Send record" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Record movement created" })).toBeVisible();
  return (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Record movement", "").trim();
}

test.describe("accessibility details", () => {
  test("the navigation marks the current page; on a phone it folds behind a Menu button", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await signIn(context, baseURL!, "practiceStaffA");
    const page = await context.newPage();
    await page.goto("/practice/collections/new");
    const nav = page.getByRole("navigation", { name: "Primary" });
    const menu = nav.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Collections" })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Collections" })).toHaveAttribute("aria-current", "page");
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    await expectNoAxeViolations(page);
    // The header is compact: the menu folded, it takes well under a third of the screen.
    await page.goto("/practice");
    const header = await page.getByRole("banner").boundingBox();
    expect(header!.height).toBeLessThan(200);
    await expect(page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Overview", includeHidden: true })).toHaveAttribute("aria-current", "page");
    await context.close();
  });

  test("'Page not found' inside an audience has one header and one main", async ({ page, baseURL }) => {
    await signIn(page.context(), baseURL!, "practiceStaffA");
    const response = await page.goto("/practice/movements/RM-2222-2222");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.locator("#main-content")).toHaveCount(1);
    await page.goto("/no-such-page");
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
  });

  test("a link styled as a button shows the NHS focus state; radios are 40 px with the label as hit area; lists say how many", async ({ page, baseURL }) => {
    await signIn(page.context(), baseURL!, "practiceStaffA");
    await page.goto("/practice");
    const send = page.getByRole("main").getByRole("link", { name: "Send a record" });
    const style = () => send.evaluate((el) => { const s = getComputedStyle(el); return `${s.backgroundColor} ${s.color} ${s.boxShadow}`; });
    const unfocused = await style();
    await page.locator("body").focus();
    for (let i = 0; i < 40 && !(await send.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(send).toBeFocused();
    const focused = await style();
    expect(focused).not.toBe(unfocused);
    expect(focused).toContain("rgb(255, 235, 59)"); // NHS focus yellow
    await page.goto("/practice/send");
    const radio = page.getByLabel("The patient has died", { exact: true });
    const box = await radio.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(40);
    expect(box!.height).toBeGreaterThanOrEqual(40);
    // The label is the hit area: a click at its far end, away from the control, still chooses it.
    const label = page.locator('label[for]').filter({ hasText: /^The patient has died$/ });
    const labelBox = await label.boundingBox();
    expect(labelBox!.height).toBeGreaterThanOrEqual(40);
    await label.click({ position: { x: labelBox!.width - 5, y: labelBox!.height / 2 } });
    await expect(radio).toBeChecked();
    await page.goto("/practice/outgoing");
    await expect(page.getByRole("table", { name: /^Outgoing records, [\d,]+ in all/ })).toBeVisible();
    await page.goto("/practice/incoming?status=all");
    await expect(page.getByRole("table", { name: /^Incoming records, [\d,]+ in all/ })).toBeVisible();
  });
});

test.describe("feedback after each action", () => {
  test("the send form: reasons grouped by where the record goes, no urgent request, an 'Error:' title and the destination's name kept after a mistake", async ({ page, baseURL }) => {
    await signIn(page.context(), baseURL!, "practiceStaffA");
    await page.goto("/practice/send");
    const reasons = page.getByRole("group", { name: "Why is the record moving?" });
    for (const heading of ["To the patient's new GP practice in England", "To Wales, Scotland or Northern Ireland", "To the PCSE records store", "After a record you have already sent"]) {
      await expect(reasons.getByRole("group", { name: heading })).toBeVisible();
    }
    await expect(reasons.getByRole("group", { name: "To the PCSE records store" }).getByRole("radio")).toHaveCount(4);
    await expect(page.getByRole("radio", { name: /urgent request/i })).toHaveCount(0);
    const title = await page.title();
    await page.getByLabel("Destination").fill("Lower Clapton");
    await page.getByRole("listbox").getByRole("option", { name: /Lower Clapton/ }).first().click();
    await expect(page.getByText("Sending to Lower Clapton")).toBeVisible();
    await page.getByRole("button", { name: "Send record" }).click();
    await expect(page.getByRole("alert", { name: "There is a problem" })).toBeVisible();
    await expect(page).toHaveTitle(`Error: ${title}`);
    await expect(page.getByLabel("Destination")).toHaveValue("F84003");
    await expect(page.getByText("Sending to Lower Clapton General Practice (F84003)")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("'Mark ready' with nothing ticked says so", async ({ page, baseURL }) => {
    await signIn(page.context(), baseURL!, "practiceStaffA");
    await page.goto("/practice/outgoing");
    const title = await page.title();
    await page.getByRole("button", { name: "Mark ready for collection" }).click();
    await expect(page.getByRole("status").getByText("Select at least one record in the list first to mark them ready for collection.")).toBeVisible();
    await expect(page).toHaveTitle(`Error: ${title}`);
    // The page's own title can be set again after the message shows (streamed metadata, a refresh): the prefix stays.
    await page.evaluate((t) => { document.title = t; }, title);
    await expect(page).toHaveTitle(`Error: ${title}`);
    await page.getByRole("button", { name: /Print labels \(A4\)/ }).click();
    await expect(page.getByRole("status").getByText("Select at least one record in the list first to print their labels.")).toBeVisible();
  });

  test("many incoming records confirmed at once, with what was confirmed and what was not, and why", async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    // Practice A sends three records to B; the courier delivers two (signed webhook events).
    const sender = await browser.newContext();
    await signIn(sender, baseURL!, "practiceStaffA");
    const senderPage = await sender.newPage();
    const references = [];
    for (let i = 0; i < 3; i++) references.push(await sendRecord(senderPage, "F84003", /Lower Clapton/));
    const [delivered1, delivered2, atSender] = references;
    const printed = await senderPage.request.post("/api/labels/pdf", { headers: { origin: new URL(baseURL!).origin }, multipart: { references: delivered1, format: "a4" } });
    expect(printed.status()).toBe(200);
    await senderPage.request.post("/api/labels/pdf", { headers: { origin: new URL(baseURL!).origin }, multipart: { references: delivered2, format: "a4" } });
    await sender.close();
    const random = seededRandom(13);
    const start = new Date(Date.now() - 3 * 3_600_000);
    const events = [...journeyFor(`${delivered1}-1A`, "LABELLED", random, start, new Date(), true), ...journeyFor(`${delivered2}-1A`, "LABELLED", random, start, new Date(), true)];
    expect((await postEvents(baseURL!, DEMO_COURIER_KEY_ID, DEMO_COURIER_SECRET, events)).rejected).toBe(0);

    await signIn(page.context(), baseURL!, "practiceStaffB");
    await page.goto("/practice/incoming");
    const title = await page.title();
    await page.getByRole("button", { name: "Confirm the selected records as received" }).click();
    await expect(page.getByRole("status").getByText("Select the records that have arrived.")).toBeVisible();
    await expect(page).toHaveTitle(`Error: ${title}`);
    for (const r of references) await page.getByRole("checkbox", { name: `Arrived ${r}` }).check();
    await page.getByRole("button", { name: "Confirm the selected records as received" }).click();
    const summary = page.getByRole("status").filter({ hasText: "Confirmed as received: 2 records." });
    await expect(summary).toBeVisible();
    for (const r of [delivered1, delivered2]) await expect(summary.getByText(`${r}, TURING, Alan`)).toBeVisible();
    await expect(summary.getByText("Not confirmed: 1 record.")).toBeVisible();
    await expect(summary.getByText(`${atSender}: The courier has not collected this record yet`, { exact: false })).toBeVisible();
    // The list shows the new state at once: the confirmed records have left the open list, the other stays.
    const table = page.getByRole("table", { name: /Incoming records/ });
    for (const r of [delivered1, delivered2]) await expect(table.getByRole("link", { name: r })).toHaveCount(0);
    await expect(table.getByRole("link", { name: atSender })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a record sent to the wrong place: corrected from its page, then held, then cancelled; another marked 'no paper record'; each on the timeline", async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    await signIn(page.context(), baseURL!, "practiceStaffA");
    const reference = await sendRecord(page, "F84003", /Lower Clapton/);
    const [right] = await query<{ odsCode: string; name: string }>(
      `SELECT "odsCode", name FROM "Organisation" WHERE kind = 'GP_PRACTICE' AND country = 'ENGLAND' AND "closedAt" IS NULL AND "odsCode" NOT IN ('A81001', 'F84003') ORDER BY "odsCode" LIMIT 1`,
    );
    // Correct the destination, with a mistake first.
    await page.getByText("It is going to the wrong place: correct the destination").click();
    await page.getByRole("button", { name: "Correct the destination" }).click();
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Say why the destination was wrong");
    await expectNoAxeViolations(page);
    await page.getByLabel("The right destination").fill(right.odsCode);
    await page.getByRole("listbox").getByRole("option", { name: new RegExp(right.odsCode) }).first().click();
    await page.getByLabel("Why was the destination wrong?").fill("Registered at a different practice");
    await page.getByRole("button", { name: "Correct the destination" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Destination corrected" })).toBeVisible();
    const timeline = page.getByRole("list", { name: "Tracking history, oldest first" });
    await expect(timeline.getByText("Destination corrected", { exact: true })).toBeVisible();
    await expect(timeline.getByText(`From Lower Clapton General Practice (F84003) to ${right.name} (${right.odsCode}): Registered at a different practice`)).toBeVisible();
    await expect(page.getByText(`${right.name} (${right.odsCode}), GP practice`)).toBeVisible();
    await expectNoAxeViolations(page);
    // The practice it was wrongly addressed to no longer sees it.
    const other = await browser.newContext();
    await signIn(other, baseURL!, "practiceStaffB");
    expect((await (await other.newPage()).goto(`/practice/movements/${reference}`))?.status()).toBe(404);
    await other.close();

    // Held at the practice, then cancelled.
    await page.getByText("Keep the record at the practice for now").click();
    await page.getByLabel("Why is it staying? (optional)").fill("Waiting for a letter to add");
    await page.getByRole("button", { name: "Keep the record at the practice" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The record is staying at the practice" })).toBeVisible();
    await expect(page.getByText("Held at practice", { exact: true }).first()).toBeVisible();
    await page.getByText("Cancel this movement").click();
    await page.getByLabel("Why is it being cancelled?").fill("The patient came back to us");
    await page.getByRole("button", { name: "Cancel the movement" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Movement cancelled" })).toBeVisible();
    await expect(page.getByText("Cancelled", { exact: true }).first()).toBeVisible();
    await expect(timeline.getByText("The patient came back to us")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Something wrong with this movement?" })).toHaveCount(0);

    // Another: there is no paper record.
    const second = await sendRecord(page, "F84003", /Lower Clapton/);
    await page.getByText("There is no paper record to send").click();
    await page.getByRole("button", { name: "Confirm there is no paper record" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Marked as having no paper record" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Tracking history, oldest first" }).getByText("No paper record", { exact: true })).toBeVisible();
    // Audited, each.
    const actions = await query<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE details->>'reference' = ANY($1) AND action IN ('CORRECT_DESTINATION','MARK_HELD_AT_PRACTICE','CANCEL_MOVEMENT','MARK_NO_PAPER_RECORD') ORDER BY id`, [[reference, second]]);
    expect(actions.map((a) => a.action)).toEqual(["CORRECT_DESTINATION", "MARK_HELD_AT_PRACTICE", "CANCEL_MOVEMENT", "MARK_NO_PAPER_RECORD"]);
  });
});
