// Every page of every audience (tests/e2e/pages.ts, plus one page of each kind that names a record, sign-in and
// "Page not found"), in one visit each at 1280 px:
//   - axe (WCAG 2.2 A and AA);
//   - keyboard only (on each page without a query string; a filtered or paged state of a list is the same template
//     and controls as the list itself, so it gets axe and the reflow check but is not tabbed through again), what axe
//     cannot see: Tab from the top reaches the skip link first, then every control in turn,
//     each one visible on screen and showing a focus indicator (its focused style differs from its unfocused one:
//     WCAG 2.4.7), and Tab comes back round (no trap);
// and again at 320 CSS pixels (1280 at 400% zoom, WCAG 1.4.10), with and without JavaScript: the page never scrolls
// sideways. One test per audience, run in parallel on both workers.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn, type AccountName } from "./support/auth";
import { query } from "./support/db";
import { expectNoAxeViolations } from "./support/axe";
import { AUDIENCE_PAGES, recordPages } from "./pages";

type Visit = { account: AccountName | null; path: string };

/** The sweeps: each audience's pages, then the record pages with sign-in and "Page not found". */
const sweepName = (g: (typeof AUDIENCE_PAGES)[number]) => `${g.audience}${g.onlyFor ? ` (${g.onlyFor} only)` : g.managerOnly ? " (managers)" : ""}`;
const SWEEPS = [...AUDIENCE_PAGES.map(sweepName), "records, sign-in and not found"];

async function pagesOf(sweep: string): Promise<Visit[]> {
  const group = AUDIENCE_PAGES.find((g) => sweepName(g) === sweep);
  if (group) return group.paths.map((path) => ({ account: group.account, path }));
  return [
    { account: null, path: "/sign-in" },
    { account: null, path: "/no-such-page" },
    ...(await recordPages(query)),
    { account: "practiceStaffA", path: "/practice/movements/RM-2222-2222" },
  ];
}

/** Visits each page with the right account (one context per account, signed in once). */
async function forEachPage(browser: Browser, baseURL: string, sweep: string, options: { viewport: { width: number; height: number }; javaScriptEnabled?: boolean }, check: (page: Page, visit: Visit) => Promise<void>) {
  const visits = await pagesOf(sweep);
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

type Stop = { label: string; visible: boolean; indicated: boolean };

/**
 * Tabs through the page from the top; returns what each stop looked like. Each stop is recorded by a focusin listener
 * in the page (its focused style at once, then where it is once scrolled into view as the browser scrolls a focused
 * element), so the Tab presses go in batches without a round trip each: a page of 150 controls takes a second, not ten.
 */
async function tabThrough(page: Page): Promise<{ stops: Stop[]; cameRound: boolean }> {
  // Every element's unfocused style, recorded before any focus (a focused style is compared with it). Then Tab starts
  // from the top of the page, as on arrival, even where a field took focus (the receiving desk's scan box): a
  // blurred element would stay the browser's starting point, so focus goes to a throwaway element first in the body.
  await page.evaluate((props) => {
    (document.activeElement as HTMLElement | null)?.blur();
    for (const el of document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, summary, [tabindex]")) {
      const style = getComputedStyle(el);
      el.dataset.unfocused = JSON.stringify(props.map((p) => style[p]));
    }
    const record = { stops: [] as { label: string; visible: boolean; indicated: boolean }[], wrapped: false, first: null as Element | null };
    (window as unknown as { __keyboardTest: typeof record }).__keyboardTest = record;
    document.addEventListener(
      "focusin",
      (event) => {
        const el = event.target as HTMLElement;
        if (el.id === "keyboard-test-start" || record.wrapped) return;
        if (el === record.first) {
          record.wrapped = true; // round again
          return;
        }
        record.first ??= el;
        const style = getComputedStyle(el);
        const now = JSON.stringify(props.map((p) => style[p]));
        el.scrollIntoView({ block: "nearest", inline: "nearest" });
        const rect = el.getBoundingClientRect();
        const visible = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight && rect.right > 0 && rect.left < window.innerWidth && style.visibility !== "hidden";
        const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent || el.getAttribute("aria-label") || (el as HTMLInputElement).name || "").trim().slice(0, 40)}"`;
        record.stops.push({ label, visible, indicated: el.dataset.unfocused !== undefined && el.dataset.unfocused !== now });
      },
      true,
    );
    const start = document.createElement("span");
    start.tabIndex = -1;
    start.id = "keyboard-test-start";
    document.body.prepend(start);
    start.focus();
  }, [...FOCUS_PROPERTIES]);
  await page.keyboard.press("Tab");
  await page.evaluate(() => document.getElementById("keyboard-test-start")?.remove());
  let cameRound = false;
  for (let pressed = 1; pressed < 400 && !cameRound; ) {
    for (let i = 0; i < 25; i++, pressed++) await page.keyboard.press("Tab");
    const state = await page.evaluate(() => {
      const record = (window as unknown as { __keyboardTest: { stops: unknown[]; wrapped: boolean } }).__keyboardTest;
      const active = document.activeElement;
      return { wrapped: record.wrapped, left: record.stops.length > 0 && (!active || active === document.body || active === document.documentElement) };
    });
    cameRound = state.wrapped || state.left; // round again, or past the last control with focus leaving the page: no trap
  }
  const stops = await page.evaluate(() => (window as unknown as { __keyboardTest: { stops: Stop[] } }).__keyboardTest.stops);
  return { stops, cameRound };
}

// Soft assertions for the keyboard and reflow: one run reports every page that fails, not only the first.
test.describe("every page: axe and keyboard alone at 1280 px, no sideways scrolling at 320 px", () => {
  test.describe.configure({ mode: "parallel" });

  for (const sweep of SWEEPS) {
    test(`${sweep}: axe, then the skip link first, every control visible and showing where focus is, no trap`, async ({ browser, baseURL }) => {
      test.setTimeout(900_000); // up to 17 pages, lists of 50 rows, axe and every Tab stop: 8 minutes on a busy 2-core machine
      const pages = await forEachPage(browser, baseURL!, sweep, { viewport: { width: 1280, height: 900 } }, async (page, visit) => {
        await expectNoAxeViolations(page);
        if (visit.path.includes("?")) return;
        const { stops, cameRound } = await tabThrough(page);
        expect.soft(stops.length, `${visit.path}: something to tab to`).toBeGreaterThan(1);
        expect.soft(stops[0]?.label, `${visit.path}: the first Tab`).toContain("Skip to main content");
        const hidden = stops.filter((s) => !s.visible).map((s) => s.label);
        expect.soft(hidden, `${visit.path}: focused but not on screen`).toEqual([]);
        const unmarked = stops.filter((s) => !s.indicated).map((s) => s.label);
        expect.soft(unmarked, `${visit.path}: focused without a visible focus indicator`).toEqual([]);
        expect.soft(cameRound, `${visit.path}: Tab must come back round (a trap, or more than 400 controls)`).toBe(true);
      });
      expect(pages).toBeGreaterThan(0);
    });

    test(`${sweep}: no sideways scrolling at 320 px, with and without JavaScript`, async ({ browser, baseURL }) => {
      test.setTimeout(600_000);
      await forEachPage(browser, baseURL!, sweep, { viewport: { width: 320, height: 640 } }, async (page, visit) => {
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
        expect.soft(widths.viewport).toBe(320);
        expect.soft(widths.scroll, `${visit.path} at 320 px: ${widths.scroll} px wide`).toBeLessThanOrEqual(320);
      });
      await forEachPage(browser, baseURL!, sweep, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false }, async (page, visit) => {
        // A record that does not exist (or is not the user's): Next.js sends an empty page for notFound() and renders
        // "Page not found" with JavaScript; server.ts gives it words and a way home without (no navigation).
        if ((await page.locator("h1").first().textContent()) === "Page not found") {
          await expect(page.getByRole("link", { name: "Go to your home page" })).toBeVisible();
        } else if (visit.account) {
          // Without JavaScript the header's navigation is a plain list (no Menu button).
          const nav = page.getByRole("navigation", { name: "Primary" });
          await expect(nav.getByRole("button", { name: "Menu" })).toHaveCount(0);
          await expect(nav.getByRole("link").first()).toBeVisible();
        }
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
        expect.soft(widths.scroll, `${visit.path} without JavaScript at 320 px: ${widths.scroll} px wide`).toBeLessThanOrEqual(320);
      });
    });
  }

  // A job's error and summary are written by the job, not by the page: a long constraint name or a summary of counts by
  // kind made /admin/jobs 345 px wide on a phone once. Runs like those, stamped as the two most recent runs of all
  // (so they head "Recent runs" and are the job's last run and failure whatever the worker ran before; the job's own
  // schedule, daily at 03:30, once made the last run a real one).
  test("/admin/jobs keeps a long error and a summary of counts within 320 px", async ({ browser, baseURL }) => {
    const error = 'PrismaClientKnownRequestError: duplicate key value violates unique constraint "PracticeMonthRollup_practiceId_month_key_and_a_long_suffix"';
    await query(
      `INSERT INTO "JobRun" (job, trigger, status, "startedAt", "finishedAt", "durationMs", summary, error, worker) VALUES
         ('job-history-cleanup', 'TEST', 'FAILED', now() + interval '1 minute', now() + interval '1 minute', 12, NULL, $1, 'e2e'),
         ('job-history-cleanup', 'TEST', 'SUCCEEDED', now() + interval '2 minutes', now() + interval '2 minutes', 12, $2::jsonb, NULL, 'e2e')`,
      [error, JSON.stringify({ deleted: 3, byKind: { MOVEMENT_RELEASE_TO_COLLECTION: 12, MOVEMENT_COLLECTION_TO_DELIVERY: 3, MOVEMENT_DELIVERY_TO_RECEIPT: 1 } })],
    );
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled });
      await signIn(context, baseURL!, "admin");
      const page = await context.newPage();
      await page.goto("/admin/jobs");
      const job = page.getByRole("region", { name: "Job history clean-up" });
      const recent = page.getByRole("table", { name: /most recent job runs/i });
      for (const place of [job, recent]) {
        await expect(place.getByText("PracticeMonthRollup_practiceId_month_key_and_a_long_suffix", { exact: false }).first()).toBeVisible();
        await expect(place.getByText(/byKind: \(MOVEMENT_/).first()).toBeVisible();
      }
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `JavaScript ${javaScriptEnabled ? "on" : "off"}`).toBeLessThanOrEqual(320);
      await context.close();
    }
  });

  test("the skip link moves focus to the main content", async ({ page }) => {
    await page.goto("/sign-in");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("every page is in a sweep", async () => {
    expect(new Set(SWEEPS).size, "each sweep named once").toBe(SWEEPS.length);
    const visits = (await Promise.all(SWEEPS.map(pagesOf))).flat();
    expect(visits.length).toBeGreaterThan(50);
    expect(new Set(visits.map((v) => v.path)).size).toBe(visits.length);
  });
});
