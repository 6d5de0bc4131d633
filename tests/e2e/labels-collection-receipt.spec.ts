import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { BarcodeFormat, decodeFirstPageBarcodes } from "./support/barcode";
import { query } from "./support/db";
import { DEMO_COURIER_KEY_ID, DEMO_COURIER_SECRET, journeyFor, messUp, postEvents } from "../../lib/demo/courier-simulator";
import { seededRandom } from "../../lib/demo/random";

test("a record's whole journey: label, collection, courier, receipt, timeline", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  // Practice A sends a two-bag record to practice B.
  await signIn(page.context(), baseURL!, "practiceStaffA");
  const [{ n: nhs }] = await query<{ n: string }>(`
    SELECT n FROM (SELECT '9998' || lpad(g::text, 5, '0') AS f FROM generate_series(floor(random()*90000)::int, 99999) g) s,
    LATERAL (SELECT f || ((11 - ((substr(f,1,1)::int*10 + substr(f,2,1)::int*9 + substr(f,3,1)::int*8 + substr(f,4,1)::int*7 + substr(f,5,1)::int*6 + substr(f,6,1)::int*5 + substr(f,7,1)::int*4 + substr(f,8,1)::int*3 + substr(f,9,1)::int*2) % 11)) % 11)::text AS n) c
    WHERE (11 - ((substr(f,1,1)::int*10 + substr(f,2,1)::int*9 + substr(f,3,1)::int*8 + substr(f,4,1)::int*7 + substr(f,5,1)::int*6 + substr(f,6,1)::int*5 + substr(f,7,1)::int*4 + substr(f,8,1)::int*3 + substr(f,9,1)::int*2) % 11)) <> 10
      AND NOT EXISTS (SELECT 1 FROM "Patient" p WHERE p."nhsNumber" = f || ((11 - ((substr(f,1,1)::int*10 + substr(f,2,1)::int*9 + substr(f,3,1)::int*8 + substr(f,4,1)::int*7 + substr(f,5,1)::int*6 + substr(f,6,1)::int*5 + substr(f,7,1)::int*4 + substr(f,8,1)::int*3 + substr(f,9,1)::int*2) % 11)) % 11)::text)
    LIMIT 1`);
  await page.goto("/practice/send");
  await page.getByLabel("NHS number").fill(nhs);
  await page.getByLabel("Given name").fill("Mary");
  await page.getByLabel("Family name").fill("Seacole");
  await page.getByLabel("Day", { exact: true }).fill("23");
  await page.getByLabel("Month", { exact: true }).fill("11");
  await page.getByLabel("Year", { exact: true }).fill("1955");
  await page.getByLabel("The patient has registered with another GP practice in England").check();
  await page.getByLabel("Destination").fill("F84003");
  await page.getByRole("listbox").getByRole("option").first().click();
  await page.getByLabel("Number of bags").fill("2");
  await page.getByRole("button", { name: "Send record" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Record movement created" })).toBeVisible();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Record movement", "").trim();

  // Print the labels: the PDF comes from the real form post; its barcode is decoded back from the printed page.
  const pdfResponse = page.context().waitForEvent("response", (r) => r.url().endsWith("/api/labels/pdf"));
  await page.getByRole("button", { name: /Print labels: 100 × 150 mm thermal/ }).click();
  const response = await pdfResponse;
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  // Chromium hands a navigated PDF to its viewer, so the bytes are fetched again with exactly the form post
  // the button made (same session), as a person saving the PDF would get them.
  const formPost = response.request();
  const replay = await page.request.post(formPost.url(), { headers: { "content-type": formPost.headers()["content-type"], origin: new URL(baseURL!).origin }, data: formPost.postDataBuffer()! });
  expect(replay.headers()["content-type"]).toBe("application/pdf");
  const pdf = await replay.body();
  expect(decodeFirstPageBarcodes(pdf)).toBe(`${reference}-1A`);
  expect(decodeFirstPageBarcodes(pdf, [BarcodeFormat.DATA_MATRIX])).toBe(`${reference}-1A`);
  // The page shows the labels, the new status and the next step at once, without a reload (issue 13).
  await expect(page.getByRole("status").filter({ hasText: "2 labels printed" })).toBeVisible();
  await expect(page.getByRole("cell", { name: `${reference}-2A` })).toBeVisible();
  await expect(page.getByText("Label printed", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("No labels yet")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mark ready for collection" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Bag 2's label got torn: void it and reissue.
  await page.getByText("Void and reissue a label").click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Label", { exact: true }).selectOption(`${reference}-2A`);
  await page.getByLabel("Damaged").check();
  await page.getByRole("button", { name: "Void label and make a new one" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${reference}-2B` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(`${reference}-2A.*Voided`) })).toBeVisible();

  // Ready for collection, then book the collection and get the manifest.
  await page.getByRole("button", { name: "Mark ready for collection" }).click();
  await expect(page.getByRole("link", { name: "Book a collection" }).last()).toBeVisible();
  await expect(page.getByText("Ready for collection", { exact: true }).first()).toBeVisible();
  await page.getByRole("link", { name: "Book a collection" }).last().click();
  await expectNoAxeViolations(page);
  await expect(page.getByLabel(new RegExp(reference))).toBeChecked();
  await page.getByRole("button", { name: "Book collection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Collection booked" })).toBeVisible();
  await expectNoAxeViolations(page);
  const manifestUrl = await page.getByRole("link", { name: /Print the manifest/ }).getAttribute("href");
  const manifest = await page.request.get(manifestUrl!);
  expect(manifest.headers()["content-type"]).toBe("application/pdf");
  expect((await manifest.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await page.goto("/practice/collections");
  await expectNoAxeViolations(page);

  // The courier simulator moves both bags (duplicates and shuffling included) through signed webhook posts.
  const random = seededRandom(7);
  const start = new Date(Date.now() - 6 * 3_600_000);
  const events = messUp([...journeyFor(`${reference}-1A`, "READY_FOR_COLLECTION", random, start, new Date(), true), ...journeyFor(`${reference}-2B`, "READY_FOR_COLLECTION", random, start, new Date(), true)], random, 0.3);
  const posted = await postEvents(baseURL!, DEMO_COURIER_KEY_ID, DEMO_COURIER_SECRET, events);
  expect(posted.status).toBe(200);
  expect(posted.rejected).toBe(0);

  // Practice B scans both bags in at the receiving desk, by keyboard (a scanner types and presses Enter).
  const receiverContext = await browser.newContext();
  await signIn(receiverContext, baseURL!, "practiceStaffB");
  const desk = await receiverContext.newPage();
  await desk.goto("/practice/receive");
  await expect(desk.getByLabel("Barcode or movement reference")).toBeFocused();
  await desk.keyboard.type(`${reference}-1A`);
  await desk.keyboard.press("Enter");
  await desk.keyboard.type(`${reference.toLowerCase()}-2b`);
  await desk.keyboard.press("Enter");
  await desk.keyboard.type("RM-2222-2222-1A");
  await desk.keyboard.press("Enter");
  const results = desk.getByRole("list", { name: "Scan results, newest first" }).getByRole("listitem");
  await expect(results).toHaveCount(3);
  await expect(results.nth(0)).toContainText("No record coming to your practice");
  await expect(results.nth(1)).toContainText(`${reference} was already received`);
  await expect(results.nth(2)).toContainText(`${reference} received from The Densham Surgery (A81001): SEACOLE, Mary`);
  await expect(desk.getByLabel("Barcode or movement reference")).toBeFocused();
  await expectNoAxeViolations(desk);

  // Both practices see the whole timeline.
  for (const [p, path] of [[desk, `/practice/movements/${reference}`], [page, `/practice/movements/${reference}`]] as const) {
    await p.goto(path);
    const timeline = p.getByRole("list", { name: "Tracking history, oldest first" });
    for (const step of ["Movement created", "Label printed", "Ready for collection", "Collected by courier", "Arrived at hub", "Out for delivery", "Delivered", "Receipt confirmed"]) {
      await expect(timeline.getByText(step, { exact: true }).first()).toBeVisible();
    }
    await expect(p.getByText("Received", { exact: true }).first()).toBeVisible();
  }

  // B reports that the record inside is another patient's; PCSE sees it.
  await desk.getByRole("link", { name: "Report a problem with this record" }).click();
  await desk.getByLabel("Wrong patient").check();
  await desk.getByLabel("NHS number on the record you received").fill("943 476 5919");
  await expectNoAxeViolations(desk);
  await desk.getByRole("button", { name: "Report the problem" }).click();
  await expect(desk.getByRole("status").filter({ hasText: "Problem reported" })).toBeVisible();
  await receiverContext.close();

  await signIn(page.context(), baseURL!, "caseworker");
  await page.goto("/pcse/attention?reason=PROBLEM_REPORTED");
  await expect(page.getByRole("link", { name: reference })).toBeVisible();
  await page.getByRole("link", { name: reference }).click();
  // The report itself, and the case it opened for PCSE to put both records right.
  await expect(page.getByText("Wrong patient's record", { exact: true })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /CS-[0-9A-Z]{4}-[0-9A-Z]{4}/ }).filter({ hasText: "Wrong patient's" })).toBeVisible();
  await expect(page.getByText("NHS number on the record received: 943 476 5919")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("bulk printing for many records shows progress and produces one PDF", async ({ page, baseURL }) => {
  await signIn(page.context(), baseURL!, "practiceStaffB");
  await page.goto("/practice/outgoing");
  const pending = page.getByText(/records? still needs? labels/);
  await expect(pending).toBeVisible();
  const count = Number((await pending.locator("strong").textContent())!.replace(/,/g, ""));
  await page.getByRole("button", { name: "Print all their labels (A4)" }).click();
  await expect(page.getByRole("status").getByText(/Labels ready: \d+ labels for \d+ records/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: "Open the labels PDF" })).toBeVisible();
  await expect(page.locator("#label-progress")).toHaveAttribute("value", String(count));
  // The list shows the new state at once, without a reload (issue 13): nothing left needing labels, and the records
  // now "Label printed".
  await expect(page.getByText(/records? still needs? labels/)).toHaveCount(0);
  await page.getByRole("status").getByText(/Labels ready/).waitFor();
  await expect(page.getByRole("table", { name: /Outgoing records/ }).getByText("Requested", { exact: true })).toHaveCount(0);
});
