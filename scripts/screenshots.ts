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
// `open`: then the first link in the page's table is followed (a page whose address holds an id).
const PAGES: { account: AccountName | null; name: string; path: string | ((base: string, ctx: { firstReference: string | null }) => string); search?: string; open?: boolean }[] = [
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
  { account: "practiceStaffA", name: "practice-cases", path: "/practice/cases?show=all" },
  { account: "practiceStaffA", name: "practice-case", path: "/practice/cases?show=all", open: true },
  { account: "practiceStaffA", name: "practice-raise-case", path: "/practice/cases/new?kind=SERVICE_PAYMENTS" },
  { account: "practiceStaffA", name: "practice-requests", path: "/practice/requests?show=all" },
  { account: "practiceStaffA", name: "practice-request-new", path: "/practice/requests/new" },
  { account: "practiceStaffB", name: "practice-overview-b", path: "/practice" },
  { account: "practiceStaffB", name: "practice-request-to-answer", path: "/practice/requests", open: true },
  { account: "caseworker", name: "pcse-search", path: "/pcse", search: "A81001" },
  { account: "caseworker", name: "pcse-movement", path: (_b, c) => `/pcse/movements/${c.firstReference}` },
  { account: "caseworker", name: "pcse-attention", path: "/pcse/attention" },
  { account: "caseworker", name: "pcse-backlog", path: "/pcse/backlog" },
  { account: "caseworker", name: "pcse-overdue", path: "/pcse/overdue" },
  { account: "caseworker", name: "pcse-cases", path: "/pcse/cases" },
  { account: "caseworker", name: "pcse-cases-breached", path: "/pcse/cases?due=breached" },
  { account: "caseworker", name: "pcse-case", path: "/pcse/cases?owner=me", open: true },
  { account: "caseworker", name: "pcse-requests", path: "/pcse/requests" },
  { account: "caseworker", name: "pcse-request", path: "/pcse/requests", open: true },
  { account: "supervisor", name: "pcse-team", path: "/pcse/team" },
  { account: "commissioner", name: "commissioner-overview", path: "/commissioner" },
  { account: "regionalCommissioner", name: "commissioner-region", path: "/commissioner" },
  { account: "admin", name: "admin-audit", path: "/admin" },
  { account: "admin", name: "admin-users", path: "/admin/users" },
  { account: "admin", name: "admin-user", path: "/admin/users?q=staff.a81001", open: true },
  { account: "admin", name: "admin-user-new", path: "/admin/users/new" },
  { account: "admin", name: "admin-organisations", path: "/admin/organisations" },
  { account: "admin", name: "admin-organisation", path: "/admin/organisations/A81001" },
  { account: "admin", name: "admin-organisation-new", path: "/admin/organisations/new?parent=A81001" },
  { account: "admin", name: "admin-service-levels", path: "/admin/service-levels" },
  { account: "admin", name: "admin-calendar", path: "/admin/calendar" },
  { account: "admin", name: "admin-jobs", path: "/admin/jobs" },
  { account: "admin", name: "admin-outbox", path: "/admin/outbox" },
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
        if (p.open) await Promise.all([page.waitForURL((u) => u.pathname !== new URL(`${baseURL}${url}`).pathname), page.locator("tbody a").first().click()]);
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
