import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { expectNoAxeViolations } from "./support/axe";
import { searchPcse } from "./support/search";

// axe on every page at 1280 px runs in the page sweeps (keyboard-and-reflow.spec.ts), one visit per page with the
// keyboard check. Here: states a plain visit does not reach, and phone widths.
test.describe("axe reports nothing (WCAG 2.2 A and AA)", () => {
  test("the typeahead open, and PCSE's search results", async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await signIn(page.context(), baseURL!, "practiceStaffA");
    await page.goto("/practice/send");
    await page.getByLabel("Destination").fill("Densham");
    await expect(page.getByRole("listbox")).toBeVisible();
    await expectNoAxeViolations(page);
    await signIn(page.context(), baseURL!, "caseworker");
    await searchPcse(page, "A81001");
    await expect(page.getByRole("heading", { name: /movements? found/ })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("mobile width", async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await signIn(context, baseURL!, "practiceStaffA");
    const page = await context.newPage();
    for (const path of ["/practice", "/practice/outgoing", "/practice/send"]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    await page.getByRole("button", { name: "Menu" }).click();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
