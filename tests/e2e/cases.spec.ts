// Cases and urgent requests as their users meet them (issue 9): a receiving practice reports a record that has not
// arrived, PCSE works the case (takes it, asks the sending practice to search), the sender answers that it found it,
// PCSE records where and arranges the movement, the case resolves, and both practices see the story (shared events
// only, PCSE as "PCSE") while PCSE sees its internal notes too. A practice asks another for a record urgently and
// the holder acknowledges and sends it. Every new page is checked with axe, at 320 px, and by keyboard.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn, type AccountName } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { query, randomTestNhsNumber } from "./support/db";

async function pageAs(context: BrowserContext, baseURL: string, account: AccountName): Promise<Page> {
  await signIn(context, baseURL, account);
  return context.newPage();
}

/** Practice B (Lower Clapton, F84003) sends a new record to practice A (The Densham Surgery, A81001). */
async function sendFromBToA(page: Page): Promise<string> {
  await page.goto("/practice/send");
  await page.locator("#nhsNumber").fill(randomTestNhsNumber());
  await page.locator("#givenName").fill("Ada");
  await page.locator("#familyName").fill("Byron");
  await page.locator("#dobDay").fill("10");
  await page.locator("#dobMonth").fill("12");
  await page.locator("#dobYear").fill("1985");
  await page.locator("#purpose-PRACTICE_TO_PRACTICE-RE_REGISTRATION").check();
  await page.locator("#destinationOdsCode").fill("A81001");
  await page.getByRole("option", { name: /The Densham Surgery/ }).first().click();
  await page.getByRole("button", { name: "Send record" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Record movement created" })).toBeVisible();
  return (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Record movement", "").trim();
}

/** Opens one of the case page's action disclosures and submits its form, filling the fields given (by id). */
async function caseAction(page: Page, title: string, fields: Record<string, string>, button: string) {
  const disclosure = page.locator("details", { has: page.locator("summary", { hasText: title }) });
  await disclosure.locator("summary").click();
  for (const [id, value] of Object.entries(fields)) {
    const field = page.locator(`#${id}`);
    const tag = await field.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
    if (tag === "SELECT:select-one") await field.selectOption({ label: value });
    else if (tag === "INPUT:radio") await field.check();
    else await field.fill(value);
  }
  await disclosure.locator("form").getByRole("button", { name: button, exact: true }).click();
}

/** Nothing wider than the screen (WCAG 1.4.10 reflow); on failure, names the elements that stick out. */
async function expectNoSidewaysScroll(page: Page) {
  const { overflow, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1);
    // The innermost ones: those with no wide descendant.
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    return { overflow: document.documentElement.scrollWidth - width, culprits: innermost.slice(0, 5).map(describe) };
  });
  expect(overflow, `${page.url()} scrolls sideways at ${page.viewportSize()?.width} px: ${culprits.join("; ")}`).toBeLessThanOrEqual(0);
}

test("a record not arrived: the receiver reports it, PCSE works it with the sender, and both practices see the story", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const senderContext = await browser.newContext();
  const receiverContext = await browser.newContext();
  const pcseContext = await browser.newContext();
  const sender = await pageAs(senderContext, baseURL!, "practiceStaffB");
  const receiver = await pageAs(receiverContext, baseURL!, "practiceStaffA");
  const pcse = await pageAs(pcseContext, baseURL!, "caseworker");

  // 1. B sends a record to A. A opens it from its incoming list and reports that it has not arrived.
  const movement = await sendFromBToA(sender);
  await receiver.goto(`/practice/movements/${movement}`);
  await receiver.getByRole("link", { name: "Report that it has not arrived" }).click();
  await expect(receiver).toHaveURL(new RegExp(`/practice/cases/new\\?kind=RECORD_NOT_RECEIVED&reference=${movement}$`));
  await expect(receiver.locator("#kind-RECORD-NOT-RECEIVED")).toBeChecked();
  await expect(receiver.locator("#reference")).toHaveValue(movement);
  await expect(receiver.locator("#reference")).toBeVisible();
  // Each choice reveals its own questions (by CSS alone): a service area's fields, hidden until it is chosen.
  await expect(receiver.locator("#paymentPeriod")).toBeHidden();
  await receiver.locator("#kind-SERVICE-PAYMENTS").check();
  await expect(receiver.locator("#paymentPeriod")).toBeVisible();
  await expect(receiver.locator("#reference")).toBeHidden();
  await receiver.locator("#kind-RECORD-NOT-RECEIVED").check();
  await expect(receiver.locator("#reference")).toBeVisible();
  // The summary is required, and an NHS number in it is refused (the queue never shows one).
  await receiver.getByRole("button", { name: "Raise the case" }).click();
  await expect(receiver.getByRole("alert", { name: "There is a problem" })).toContainText("Enter what has happened");
  await expectNoAxeViolations(receiver);
  await receiver.locator("#summary").fill("The patient registered a month ago and the record has not come");
  await receiver.getByRole("button", { name: "Raise the case" }).click();
  await expect(receiver.getByRole("status").filter({ hasText: "Case raised" })).toBeVisible();
  const caseReference = (await receiver.getByRole("heading", { level: 1 }).textContent())!.replace(/^Case: .*?(CS-)/, "$1").trim();
  expect(caseReference).toMatch(/^CS-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(receiver).toHaveURL(new RegExp(`/practice/cases/${caseReference}\\?raised=1$`));
  await expectNoAxeViolations(receiver);
  // The movement's page links to its case.
  await receiver.goto(`/practice/movements/${movement}`);
  await expect(receiver.getByRole("region", { name: "Cases", exact: true }).getByRole("link", { name: caseReference })).toBeVisible();

  // 2. PCSE finds the case by its reference (a single match opens it), takes it, notes something internal, and asks
  //    the sending practice to search.
  await pcse.goto("/pcse");
  await pcse.getByLabel("Reference, NHS number or ODS code").fill(caseReference);
  await pcse.getByRole("button", { name: "Search" }).click();
  await expect(pcse).toHaveURL(new RegExp(`/pcse/cases/${caseReference}$`));
  await expect(pcse.getByText(movement).first()).toBeVisible();
  if (await pcse.getByRole("button", { name: "Take the case" }).isVisible()) await pcse.getByRole("button", { name: "Take the case" }).click();
  await expect(pcse.getByText("Owner: Pat Evans")).toBeVisible();
  await caseAction(pcse, "Add a note", { "note-note": "Rang the courier's helpdesk: no scan yet. Internal only.", "note-visibility-INTERNAL": "" }, "Add the note");
  await expect(pcse.getByRole("status").filter({ hasText: "Done: add a note" })).toBeVisible();
  await expect(pcse.locator("#askPracticeToSearch-odsCode")).toHaveValue("F84003");
  await caseAction(pcse, "Ask a practice to search", { "askPracticeToSearch-note": "Please check whether the bag is still at your practice" }, "Ask the practice to search");
  await expect(pcse.getByRole("status").filter({ hasText: "Done: ask a practice to search" })).toBeVisible();
  await expect(pcse.getByText("Waiting on the practice").first()).toBeVisible();
  await expectNoAxeViolations(pcse);

  // 3. B sees the case waiting for it first on its overview, and answers by keyboard: found it, sending it now.
  await sender.goto("/practice");
  const waiting = sender.getByRole("region", { name: "Waiting for you", exact: true });
  await expect(waiting.getByRole("link", { name: `Case ${caseReference}` })).toBeVisible();
  await waiting.getByRole("link", { name: `Case ${caseReference}` }).click();
  await expect(sender.getByRole("heading", { name: "PCSE is waiting for your practice" })).toBeVisible();
  await expectNoAxeViolations(sender);
  await sender.locator("#search-reply-FOUND_SENDING").focus();
  await sender.keyboard.press("Space");
  await expect(sender.locator("#search-reply-FOUND_SENDING")).toBeChecked();
  await sender.keyboard.press("Tab"); // past the other answer (one radio group), to the note
  if (!(await sender.locator("#search-note").evaluate((el) => el === document.activeElement))) await sender.keyboard.press("Tab");
  await sender.keyboard.type("It was in our post room, behind the franking machine");
  await sender.keyboard.press("Tab");
  await sender.keyboard.press("Enter");
  await expect(sender.getByRole("status").filter({ hasText: "Answer sent" })).toBeVisible();
  await expect(sender.getByRole("heading", { name: "PCSE is waiting for your practice" })).toHaveCount(0);

  // 4. PCSE sees the answer, records where the record was found, arranges its movement and resolves the case.
  await pcse.reload();
  await expect(pcse.getByText("It was in our post room, behind the franking machine").first()).toBeVisible();
  await expect(pcse.getByText("In progress").first()).toBeVisible();
  await caseAction(pcse, "Mark the record found", { "markFound-foundWhere": "The sending practice's post room", "markFound-foundHow": "The practice searched when asked" }, "Mark the record found");
  await expect(pcse.getByRole("status").filter({ hasText: "Done: mark the record found" })).toBeVisible();
  await caseAction(pcse, "Arrange a redelivery", { "arrangeRedelivery-note": "A new label for the bag the practice found" }, "Arrange the redelivery");
  const created = pcse.getByRole("status").filter({ hasText: "Redelivery" });
  await expect(created).toContainText("created");
  const redelivery = (await created.getByRole("link").textContent())!.trim();
  expect(redelivery).toMatch(/^RM-/);
  await caseAction(pcse, "Resolve the case", { "resolve-outcome": "Found and sent on", "resolve-note": "Found at the sending practice and sent again under a new label" }, "Resolve the case");
  await expect(pcse.getByRole("status").filter({ hasText: "Done: resolve the case" })).toBeVisible();
  await expect(pcse.getByText("Resolved").first()).toBeVisible();
  // PCSE's timeline has everything, the internal note marked as such.
  const pcseTimeline = pcse.getByRole("list", { name: "Case timeline, oldest first" });
  await expect(pcseTimeline.getByText("Rang the courier's helpdesk")).toBeVisible();
  await expect(pcseTimeline.getByText("Internal").first()).toBeVisible();
  await expectNoAxeViolations(pcse);

  // 5. Both practices see the whole story, as PCSE shared it: no internal note, PCSE as "PCSE", never a name.
  for (const [who, page] of [
    ["receiver", receiver],
    ["sender", sender],
  ] as const) {
    await page.goto(`/practice/cases/${caseReference}`);
    const story = page.getByRole("list", { name: "What has happened on the case, oldest first" });
    await expect(story.getByText("Case opened")).toBeVisible();
    await expect(story.getByText("PCSE asked a practice to search")).toBeVisible();
    await expect(story.getByText("Please check whether the bag is still at your practice")).toBeVisible();
    await expect(story.getByText("We found the record and are sending it now.", { exact: false })).toBeVisible();
    await expect(story.getByText("Record found")).toBeVisible();
    // A practice's entries carry no data, so the outcome is in words in the note (and on the case above).
    await expect(story.getByText("Found at the sending practice and sent again under a new label").first()).toBeVisible();
    await expect(story.getByText("· PCSE").first()).toBeVisible();
    await expect(page.getByText("Rang the courier's helpdesk"), who).toHaveCount(0);
    await expect(page.getByText("Pat Evans"), who).toHaveCount(0);
    await expect(page.getByText("Internal", { exact: true }), who).toHaveCount(0);
    await expect(page.getByText("Found and sent on: Found at the sending practice").first()).toBeVisible();
    // The record's new leg is on the case for both (B sends it, A receives it).
    await expect(page.getByRole("link", { name: redelivery })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  // Each practice's own actions read as its own; the other practice is named.
  await expect(receiver.getByText("· Lower Clapton General Practice").first()).toBeVisible();
  await expect(sender.getByText("· You").first()).toBeVisible();

  // The story in the database: nothing internal was shared, and the redelivery goes from B to A.
  const [leg] = await query<{ from: string; to: string }>(
    `SELECT f."odsCode" AS from, t."odsCode" AS to FROM "RecordMovement" m JOIN "Organisation" f ON f.id = m."fromOrganisationId" JOIN "Organisation" t ON t.id = m."toOrganisationId" WHERE m.reference = $1`,
    [redelivery],
  );
  expect(leg).toEqual({ from: "F84003", to: "A81001" });
  await Promise.all([senderContext.close(), receiverContext.close(), pcseContext.close()]);
});

test("an urgent request: a practice asks, the holder acknowledges and sends, with the statutory and internal dates", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const requesterContext = await browser.newContext();
  const holderContext = await browser.newContext();
  const requester = await pageAs(requesterContext, baseURL!, "practiceStaffA");
  const holder = await pageAs(holderContext, baseURL!, "practiceStaffB");

  await requester.goto("/practice/requests");
  await requester.getByRole("link", { name: "Request a record urgently" }).click();
  await expect(requester).toHaveURL(/\/practice\/requests\/new$/);
  // Nothing filled in: every question says what is missing.
  await requester.getByRole("button", { name: "Send the urgent request" }).click();
  await expect(requester.getByRole("alert", { name: "There is a problem" })).toContainText("Enter the patient's NHS number");
  await expectNoAxeViolations(requester);
  await requester.locator("#nhsNumber").fill(randomTestNhsNumber());
  await requester.locator("#givenName").fill("Mary");
  await requester.locator("#familyName").fill("Seacole");
  await requester.locator("#dateOfBirthDay").fill("23");
  await requester.locator("#dateOfBirthMonth").fill("11");
  await requester.locator("#dateOfBirthYear").fill("1955");
  // Each basis reveals its own question: the coroner's or court's date, the extension of a subject access request.
  await requester.locator("#basis-CORONER").check();
  await expect(requester.locator("#dateGivenDay")).toBeVisible();
  await expect(requester.locator("#extended")).toBeHidden();
  await requester.locator("#basis-SUBJECT-ACCESS-REQUEST").check();
  await expect(requester.locator("#extended")).toBeVisible();
  await expect(requester.locator("#dateGivenDay")).toBeHidden();
  const received = new Date(Date.now() - 2 * 86_400_000);
  await requester.locator("#receivedOnDay").fill(String(received.getUTCDate()));
  await requester.locator("#receivedOnMonth").fill(String(received.getUTCMonth() + 1));
  await requester.locator("#receivedOnYear").fill(String(received.getUTCFullYear()));
  await requester.locator("#holder-PRACTICE").check();
  await requester.locator("#holderOdsCode").fill("F84003");
  await requester.getByRole("option", { name: /Lower Clapton General Practice/ }).first().click();
  await requester.getByRole("button", { name: "Send the urgent request" }).click();
  await expect(requester.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible();
  const reference = (await requester.getByRole("heading", { level: 1 }).textContent())!.replace(/^Urgent request: .*?(UR-)/, "$1").trim();
  expect(reference).toMatch(/^UR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  // A subject access request is due one calendar month after it was received; the internal target comes first.
  const dates = await query<{ statutory: string; internal: string }>(`SELECT "statutoryDueDate"::text AS statutory, "internalTargetDate"::text AS internal FROM "UrgentRequest" WHERE reference = $1`, [reference]);
  expect(dates[0].internal < dates[0].statutory).toBe(true);
  await expect(requester.getByText("Waiting for the holder")).toBeVisible();
  await expectNoAxeViolations(requester);

  // The holder sees it first on its overview, with its countdown, and answers.
  await holder.goto("/practice");
  const waiting = holder.getByRole("region", { name: "Waiting for you", exact: true });
  await waiting.getByRole("link", { name: `Urgent request ${reference}` }).click();
  await expect(holder).toHaveURL(new RegExp(`/practice/requests/${reference}$`));
  await expect(holder.getByText(/working days? left|Due today/).first()).toBeVisible();
  await expectNoAxeViolations(holder);
  await holder.getByRole("button", { name: "Acknowledge the request" }).click();
  await expect(holder.getByRole("status").filter({ hasText: "Acknowledged." })).toBeVisible();
  await expect(holder.getByText("Acknowledged by the holder")).toBeVisible();
  await holder.locator("#send-bagCount").fill("1");
  await holder.getByRole("button", { name: "Send the record now" }).click();
  const sent = holder.getByRole("status").filter({ hasText: "on its way" });
  await expect(sent).toBeVisible();
  const movement = (await sent.getByRole("link").textContent())!.trim();
  expect(movement).toMatch(/^RM-/);
  await expectNoAxeViolations(holder);

  // The requester sees it sent, as that movement; the movement is urgent and comes to the requester.
  await requester.reload();
  await expect(requester.getByText("Sent", { exact: true }).first()).toBeVisible();
  await expect(requester.getByRole("link", { name: movement })).toBeVisible();
  const [m] = await query<{ priority: string; to: string }>(`SELECT m.priority::text, t."odsCode" AS to FROM "RecordMovement" m JOIN "Organisation" t ON t.id = m."toOrganisationId" WHERE m.reference = $1`, [movement]);
  expect(m).toEqual({ priority: "URGENT", to: "A81001" });
  await Promise.all([requesterContext.close(), holderContext.close()]);
});

test("PCSE's queue, team and requests, the outbox: filters, no patient identifiers, and the emails' links resolve", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const supervisor = await pageAs(context, baseURL!, "supervisor");
  // The breaches email links here: breached cases only, and the queue shows no NHS number or patient name.
  await supervisor.goto("/pcse/cases?due=breached");
  await expect(supervisor.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await expect(supervisor.locator("#due")).toHaveValue("breached");
  const rows = supervisor.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allTextContents()) expect(text).toContain("Breached");
  const tableText = (await supervisor.locator("main").textContent()) ?? "";
  expect(tableText).not.toMatch(/\b\d{3}\s?\d{3}\s?\d{4}\b/);
  const names = await query<{ name: string }>(`SELECT DISTINCT "patientFamilyName" AS name FROM "RecordMovement" m JOIN "CaseMovement" cm ON cm."movementId" = m.id LIMIT 50`);
  // Patients are shown as "FAMILY, Given" wherever they are shown.
  for (const { name } of names) expect(tableText, `patient name ${name} in the queue`).not.toContain(`${name.toUpperCase()}, `);
  await expectNoAxeViolations(supervisor);
  // Filters by kind and owner, and "take the next case" opens one.
  await supervisor.locator("#kind").selectOption("MISSING_RECORD");
  await supervisor.locator("#owner").selectOption("none");
  await supervisor.getByRole("button", { name: "Show cases" }).click();
  await expect(supervisor).toHaveURL(/kind=MISSING_RECORD/);
  await expect(supervisor).toHaveURL(/owner=none/);
  // Assign many: tick two unowned cases and give them to the caseworker.
  const boxes = supervisor.locator('input[name="references"]');
  if ((await boxes.count()) >= 2) {
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await supervisor.locator("#assign-owner").selectOption({ label: "Pat Evans" });
    await supervisor.getByRole("button", { name: "Assign the selected cases" }).click();
    await expect(supervisor.getByRole("status").filter({ hasText: "2 cases assigned" })).toBeVisible();
  }
  await supervisor.goto("/pcse/team");
  await expect(supervisor.getByRole("heading", { name: "Open cases by caseworker" })).toBeVisible();
  await expect(supervisor.getByRole("table").first()).toContainText("Pat Evans");
  await expectNoAxeViolations(supervisor);
  await supervisor.goto("/pcse/requests");
  await expect(supervisor.getByRole("heading", { name: "For records in PCSE's store" })).toBeVisible();
  // The store's request (demo: a subject access request) opens, and PCSE can answer it.
  await supervisor.getByRole("table").first().getByRole("link").first().click();
  await expect(supervisor).toHaveURL(/\/pcse\/requests\/UR-/);
  await expect(supervisor.getByRole("heading", { name: "Answer the request" })).toBeVisible();
  await expectNoAxeViolations(supervisor);

  // Every link the emails carry opens a page for the people it is sent to.
  const links = await query<{ link: string; email: string }>(
    `SELECT DISTINCT ON (personalisation->>'link') personalisation->>'link' AS link, "toEmail" AS email FROM "Notification" ORDER BY personalisation->>'link', "createdAt" LIMIT 200`,
  );
  expect(links.length).toBeGreaterThan(0);
  const paths = [...new Set(links.map((l) => new URL(l.link).pathname + new URL(l.link).search))];
  for (const path of paths) expect(path, "an email link").toMatch(/^\/(practice\/cases\/CS-|practice\/requests\/UR-|practice\/incidents\/IN-|pcse\/requests\/UR-|pcse\/cases\?due=breached$)/);
  const pcsePaths = paths.filter((p) => p.startsWith("/pcse"));
  for (const path of pcsePaths.slice(0, 5)) expect((await supervisor.goto(path))?.status(), path).toBe(200);
  await context.close();

  // The administrator's outbox: status, attempts, last error; the bodies carry references and links only.
  const adminContext = await browser.newContext();
  const admin = await pageAs(adminContext, baseURL!, "admin");
  await admin.goto("/admin/outbox");
  await expect(admin.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await expect(admin.getByText("GOV.UK Notify is not configured")).toBeVisible();
  const outbox = (await admin.locator("main").textContent()) ?? "";
  expect(outbox).not.toMatch(/\b\d{3}\s?\d{3}\s?\d{4}\b/);
  await expect(admin.getByRole("table")).toContainText("Attempts");
  await expectNoAxeViolations(admin);
  await adminContext.close();
});

test("the new pages reflow at 320 px with nothing scrolling sideways, and pass axe there", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const [raised] = await query<{ reference: string }>(
    `SELECT c.reference FROM "Case" c JOIN "Organisation" o ON o.id = c."raisedByOrganisationId" WHERE o."odsCode" = 'A81001' ORDER BY c."openedAt" LIMIT 1`,
  );
  const [request] = await query<{ reference: string }>(
    `SELECT u.reference FROM "UrgentRequest" u JOIN "Organisation" o ON o.id = u."holderOrganisationId" WHERE o."odsCode" = 'A81001' ORDER BY u."createdAt" LIMIT 1`,
  );
  const groups: { account: AccountName; paths: string[] }[] = [
    { account: "practiceStaffA", paths: ["/practice", "/practice/cases", `/practice/cases/${raised.reference}`, "/practice/cases/new?kind=SERVICE_PAYMENTS", "/practice/requests", "/practice/requests/new", `/practice/requests/${request.reference}`] },
    { account: "supervisor", paths: ["/pcse/cases", `/pcse/cases/${raised.reference}`, "/pcse/team", "/pcse/requests", `/pcse/requests/${request.reference}`] },
    { account: "admin", paths: ["/admin/outbox"] },
  ];
  for (const group of groups) {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await pageAs(context, baseURL!, group.account);
    for (const path of group.paths) {
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page);
    }
    await context.close();
  }
});
