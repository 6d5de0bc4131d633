import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { referenceSentBy } from "./support/db";
import { AUDIENCE_PAGES } from "./pages";
import { searchPcse } from "./support/search";

test.describe("axe reports nothing (WCAG 2.2 A and AA)", () => {
  test("signed-out pages", async ({ page }) => {
    await page.goto("/sign-in");
    await expectNoAxeViolations(page);
    await page.goto("/this-page-does-not-exist");
    await expectNoAxeViolations(page);
  });

  for (const group of AUDIENCE_PAGES) {
    test(`${group.audience} pages${group.onlyFor ? ` (${group.onlyFor} only)` : group.managerOnly ? " (managers)" : ""}`, async ({ page, baseURL }) => {
      test.setTimeout(300_000); // 19 practice pages with axe each: over 150 s on a loaded 2-core machine
      await signIn(page.context(), baseURL!, group.account);
      for (const path of group.paths) {
        await page.goto(path);
        await expect(page.locator("main h1")).toBeVisible();
        await expectNoAxeViolations(page);
      }
    });
  }

  test("movement pages and the typeahead open", async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const reference = await referenceSentBy(["A81001", "A81001B1"]);
    await signIn(page.context(), baseURL!, "practiceStaffA");
    await page.goto(`/practice/movements/${reference}`);
    await expectNoAxeViolations(page);
    await page.goto("/practice/send");
    await page.getByLabel("Destination").fill("Densham");
    await expect(page.getByRole("listbox")).toBeVisible();
    await expectNoAxeViolations(page);
    await signIn(page.context(), baseURL!, "caseworker");
    await page.goto(`/pcse/movements/${reference}`);
    await expectNoAxeViolations(page);
    await searchPcse(page, "A81001");
    await expect(page.getByRole("heading", { name: /movements? found/ })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("mobile width", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await signIn(context, baseURL!, "practiceStaffA");
    const page = await context.newPage();
    for (const path of ["/practice", "/practice/outgoing", "/practice/send"]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    await context.close();
  });
});
