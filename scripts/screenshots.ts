// `npm run screenshots`: desktop and mobile screenshots of every role's pages from a running portal
// (BASE_URL, default http://localhost:3000, e.g. `npm run demo` in another terminal). Written to screenshots/.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { ACCOUNTS, signIn, type AccountName } from "../tests/e2e/support/auth";
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromium } from "../tests/e2e/support/chromium";

const baseURL = process.env.BASE_URL ?? "http://localhost:3000";
const out = path.resolve(process.env.SCREENSHOT_DIR ?? "screenshots");

// `search`: typed into the page's search form and submitted (search terms are posted, never put in a URL).
const PAGES: { account: AccountName | null; name: string; path: string | ((base: string, ctx: { firstReference: string | null }) => string); search?: string }[] = [
  { account: null, name: "sign-in", path: "/sign-in" },
  { account: "practiceStaffA", name: "practice-overview", path: "/practice" },
  { account: "practiceStaffA", name: "practice-send", path: "/practice/send" },
  { account: "practiceStaffA", name: "practice-outgoing", path: "/practice/outgoing" },
  { account: "practiceStaffA", name: "practice-incoming", path: "/practice/incoming?status=all" },
  { account: "practiceStaffA", name: "practice-movement", path: (_b, c) => `/practice/movements/${c.firstReference}` },
  { account: "practiceStaffA", name: "practice-movement-labelled", path: "/practice/outgoing?status=all&sort=status:asc" },
  { account: "practiceStaffA", name: "practice-collections", path: "/practice/collections" },
  { account: "practiceStaffA", name: "practice-book-collection", path: "/practice/collections/new" },
  { account: "practiceStaffB", name: "practice-receive", path: "/practice/receive" },
  { account: "practiceStaffB", name: "practice-incoming-b", path: "/practice/incoming" },
  { account: "caseworker", name: "pcse-search", path: "/pcse", search: "A81001" },
  { account: "caseworker", name: "pcse-movement", path: (_b, c) => `/pcse/movements/${c.firstReference}` },
  { account: "caseworker", name: "pcse-attention", path: "/pcse/attention" },
  { account: "caseworker", name: "pcse-backlog", path: "/pcse/backlog" },
  { account: "commissioner", name: "commissioner-overview", path: "/commissioner" },
  { account: "regionalCommissioner", name: "commissioner-region", path: "/commissioner" },
  { account: "admin", name: "admin-audit", path: "/admin" },
  { account: "practiceStaffA", name: "practice-workload-log", path: "/practice/workload/entries" },
  { account: "practiceManagerA", name: "practice-workload", path: "/practice/workload" },
  { account: "practiceManagerA", name: "practice-workload-rates", path: "/practice/workload/rates" },
  { account: "practiceManagerA", name: "practice-claims", path: "/practice/claims" },
  { account: "commissioner", name: "commissioner-claims", path: "/commissioner/claims?status=all" },
  { account: "admin", name: "admin-workload-tasks", path: "/admin/workload-tasks" },
];

async function main() {
  assertChromium();
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const shared = { firstReference: null as string | null };
  for (const viewport of [
    { label: "desktop", width: 1280, height: 900 },
    { label: "mobile", width: 390, height: 844 },
  ]) {
    for (const account of [null, ...new Set(PAGES.map((p) => p.account).filter(Boolean))] as (AccountName | null)[]) {
      const context = await browser.newContext({ viewport });
      if (account) await signIn(context, baseURL, account);
      const page = await context.newPage();
      for (const p of PAGES.filter((x) => x.account === account)) {
        if (!shared.firstReference && account === "practiceStaffA") {
          await page.goto(`${baseURL}/practice/outgoing?status=all`);
          shared.firstReference = (await page.locator("tbody tr a").first().textContent())?.trim() ?? null;
        }
        const url = typeof p.path === "string" ? p.path : p.path(baseURL, shared);
        await page.goto(`${baseURL}${url}`);
        if (p.search) {
          await page.getByLabel("Reference, NHS number or ODS code").fill(p.search);
          await Promise.all([page.waitForURL(/\?s=/), page.getByRole("button", { name: "Search" }).click()]);
        }
        const file = path.join(out, `${viewport.label}-${p.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${file}  ${ACCOUNTS[account as AccountName] ?? "signed out"}  ${url}`);
      }
      await context.close();
    }
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
