// Searching the way a user does: the search term is posted, never put into a URL (issue 7).
import type { Page } from "@playwright/test";

export async function searchPracticeList(page: Page, list: "outgoing" | "incoming", q: string, status = "all") {
  await page.goto(`/practice/${list}`);
  await page.getByLabel("Search", { exact: true }).fill(q);
  await page.getByLabel("Status").selectOption(status);
  await Promise.all([page.waitForURL(/\?(.*&)?s=[0-9a-f-]{36}/), page.getByRole("button", { name: "Apply filters" }).click()]);
}

/** PCSE's search: the results (`/pcse?s=<id>`), or the one movement found, which opens at once. */
export async function searchPcse(page: Page, q: string) {
  await page.goto("/pcse");
  await page.getByLabel("Reference, NHS number or ODS code").fill(q);
  await Promise.all([page.waitForURL(/\/pcse(\?s=[0-9a-f-]{36}|\/movements\/RM-[A-Z0-9]{4}-[A-Z0-9]{4})$/), page.getByRole("button", { name: "Search" }).click()]);
}
