// What axe cannot see (issue 13), on every page of every audience (tests/e2e/pages.ts, plus one page of each kind that
// names a record, sign-in and "Page not found"):
//   - keyboard only: Tab from the top reaches the skip link first, then every control in turn, each one visible on
//     screen and showing a focus indicator (its focused style differs from its unfocused one: WCAG 2.4.7), and Tab
//     comes back round (no trap);
//   - reflow at 320 CSS pixels (1280 at 400% zoom, WCAG 1.4.10): the page never scrolls sideways.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn, type AccountName } from "./support/auth";
import { query } from "./support/db";
import { AUDIENCE_PAGES, recordPages } from "./pages";

type Visit = { account: AccountName | null; path: string };

async function everyPage(): Promise<Visit[]> {
  return [
    { account: null, path: "/sign-in" },
    { account: null, path: "/no-such-page" },
    ...AUDIENCE_PAGES.flatMap((g) => g.paths.map((path) => ({ account: g.account, path }))),
    ...(await recordPages(query)),
    { account: "practiceStaffA", path: "/practice/movements/RM-2222-2222" },
  ];
}

/** Visits each page with the right account (one context per account, signed in once). */
async function forEachPage(browser: import("@playwright/test").Browser, baseURL: string, options: { viewport: { width: number; height: number }; javaScriptEnabled?: boolean }, check: (page: Page, visit: Visit) => Promise<void>) {
  const visits = await everyPage();
  const contexts = new Map<AccountName | null, BrowserContext>();
  try {
    for (const visit of visits) {
      let context = contexts.get(visit.account);
      if (!context) {
        context = await browser.newContext({ viewport: options.viewport, javaScriptEnabled: options.javaScriptEnabled ?? true });
        if (visit.account) await signIn(context, baseURL, visit.account);
        contexts.set(visit.account, context);
      }
      const page = await context.newPage();
      await page.goto(visit.path);
      await expect(page.locator("h1").first(), visit.path).toBeVisible();
      await check(page, visit);
      await page.close();
    }
  } finally {
    for (const c of contexts.values()) await c.close();
  }
  return visits.length;
}

const FOCUS_PROPERTIES = ["outlineStyle", "outlineWidth", "outlineColor", "boxShadow", "backgroundColor", "color", "textDecorationLine", "borderTopWidth"] as const;

/** Tabs through the page from the top; returns what each stop looked like. */
async function tabThrough(page: Page) {
  // Every element's unfocused style, recorded before any focus (a focused style is compared with it). Then Tab starts
  // from the top of the page, as on arrival, even where a field took focus (the receiving desk's scan box): a
  // blurred element would stay the browser's starting point, so focus goes to a throwaway element first in the body.
  await page.evaluate((props) => {
    (document.activeElement as HTMLElement | null)?.blur();
    for (const el of document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, summary, [tabindex]")) {
      const style = getComputedStyle(el);
      el.dataset.unfocused = JSON.stringify(props.map((p) => style[p]));
    }
    const start = document.createElement("span");
    start.tabIndex = -1;
    start.id = "keyboard-test-start";
    document.body.prepend(start);
    start.focus();
  }, [...FOCUS_PROPERTIES]);
  const stops: { label: string; visible: boolean; indicated: boolean; first: boolean }[] = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    if (i === 0) await page.evaluate(() => document.getElementById("keyboard-test-start")?.remove());
    const stop = await page.evaluate((props) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || el === document.documentElement) return null;
      const style = getComputedStyle(el);
      const now = JSON.stringify(props.map((p) => style[p]));
      const rect = el.getBoundingClientRect();
      const visible = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight && rect.right > 0 && rect.left < window.innerWidth && style.visibility !== "hidden";
      const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent || el.getAttribute("aria-label") || (el as HTMLInputElement).name || "").trim().slice(0, 40)}"`;
      const first = el.dataset.firstStop === "yes";
      if (!document.querySelector("[data-first-stop]")) el.dataset.firstStop = "yes";
      return { label, visible, indicated: el.dataset.unfocused !== undefined && el.dataset.unfocused !== now, first };
    }, [...FOCUS_PROPERTIES]);
    if (stop === null) {
      if (stops.length) break; // past the last control: focus left the page, no trap
      continue;
    }
    if (stop.first) break; // round again
    stops.push(stop);
  }
  return stops;
}

// Soft assertions: one run reports every page that fails, not only the first.
test.describe("every page by keyboard alone, and at 320 px", () => {
  test("keyboard only: the skip link first, then every control visible and showing where focus is; no trap", async ({ browser, baseURL }) => {
    test.setTimeout(600_000);
    const pages = await forEachPage(browser, baseURL!, { viewport: { width: 1280, height: 900 } }, async (page, visit) => {
      const stops = await tabThrough(page);
      expect.soft(stops.length, `${visit.path}: something to tab to`).toBeGreaterThan(1);
      expect.soft(stops[0]?.label, `${visit.path}: the first Tab`).toContain("Skip to main content");
      const hidden = stops.filter((s) => !s.visible).map((s) => s.label);
      expect.soft(hidden, `${visit.path}: focused but not on screen`).toEqual([]);
      const unmarked = stops.filter((s) => !s.indicated).map((s) => s.label);
      expect.soft(unmarked, `${visit.path}: focused without a visible focus indicator`).toEqual([]);
      expect.soft(stops.length, `${visit.path}: Tab must come back round`).toBeLessThan(400);
    });
    expect(pages).toBeGreaterThan(30);
  });

  test("the skip link moves focus to the main content", async ({ page }) => {
    await page.goto("/sign-in");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("reflow: no page scrolls sideways at 320 px (400% zoom)", async ({ browser, baseURL }) => {
    test.setTimeout(600_000);
    await forEachPage(browser, baseURL!, { viewport: { width: 320, height: 640 } }, async (page, visit) => {
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect.soft(widths.viewport).toBe(320);
      expect.soft(widths.scroll, `${visit.path} at 320 px: ${widths.scroll} px wide`).toBeLessThanOrEqual(320);
    });
  });

  test("without JavaScript the header's navigation is a plain list, and still no sideways scrolling", async ({ browser, baseURL }) => {
    test.setTimeout(300_000);
    await forEachPage(browser, baseURL!, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false }, async (page, visit) => {
      // A record that does not exist (or is not the user's): Next.js sends an empty page for notFound() and renders
      // "Page not found" with JavaScript; server.ts gives it words and a way home without (no navigation).
      if ((await page.locator("h1").first().textContent()) === "Page not found") {
        await expect(page.getByRole("link", { name: "Go to your home page" })).toBeVisible();
      } else if (visit.account) {
        const nav = page.getByRole("navigation", { name: "Primary" });
        await expect(nav.getByRole("button", { name: "Menu" })).toHaveCount(0);
        await expect(nav.getByRole("link").first()).toBeVisible();
      }
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect.soft(widths.scroll, `${visit.path} without JavaScript at 320 px: ${widths.scroll} px wide`).toBeLessThanOrEqual(320);
    });
  });
});
