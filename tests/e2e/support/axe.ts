import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.2 A and AA, as the NHS service manual requires. Reports every violation with its nodes. */
export async function expectNoAxeViolations(page: Page) {
  // Next.js streams a page's metadata after its first bytes, so on a loaded machine axe could run before the <title>
  // arrived (document-title, in two fresh-clone runs). Wait for it: a page that never gets a title still fails here.
  await expect(page, `a title on ${page.url()}`).toHaveTitle(/\S/, { timeout: 10_000 });
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
