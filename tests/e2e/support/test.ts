// Every end-to-end test runs with this fixture: it records the URL of every request the browser makes (in the
// test's own context and in any context the test opens) and, when the test ends, fails it if any URL holds an
// NHS number of the test database, unspaced, spaced or hyphenated (issue 7: no NHS number in a URL, where it
// would reach browser history, proxy and access logs and Referer headers).
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";
import { query } from "./db";

export { expect };

/** Every NHS number the portal holds: patients' and those written on wrong-patient reports. */
export async function nhsNumbersInDatabase(): Promise<string[]> {
  const rows = await query<{ n: string }>(
    `SELECT "nhsNumber" AS n FROM "Patient" UNION SELECT "receivedNhsNumber" FROM "ProblemReport" WHERE "receivedNhsNumber" IS NOT NULL`,
  );
  return rows.map((r) => r.n.trim());
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, " "));
  } catch {
    return url;
  }
}

/** The URLs that hold one of the NHS numbers, in any of the ways people write one. */
export function urlsWithNhsNumbers(urls: readonly string[], numbers: readonly string[]): string[] {
  const forms = numbers.flatMap((n) => [n, `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`]);
  return [...new Set(urls)].filter((url) => {
    const texts = [url, decoded(url)];
    return forms.some((f) => texts.some((t) => t.includes(f)));
  });
}

export const test = base.extend<{ requestUrls: string[] }>({
  requestUrls: [
    // `run` is Playwright's fixture callback (named so the React hooks lint rule does not mistake it for `use`).
    async ({ context, browser }, run) => {
      const urls: string[] = [];
      const watch = (c: BrowserContext) => c.on("request", (r) => urls.push(r.url()));
      watch(context);
      const original = browser.newContext.bind(browser);
      (browser as Browser).newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const c = await original(...args);
        watch(c);
        return c;
      };
      try {
        await run(urls);
      } finally {
        browser.newContext = original;
      }
      const leaks = urlsWithNhsNumbers(urls, await nhsNumbersInDatabase());
      expect(leaks, `${urls.length} request URLs checked: none may hold an NHS number`).toEqual([]);
    },
    { auto: true },
  ],
});
