// End-to-end tests in Debian's Chromium against a production build started by `npm test` (scripts/test.ts),
// which sets BASE_URL and DATABASE_URL. Playwright's own browser download is never used.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./tests/e2e/support/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // The JSON result is what `npm test` reads to decide whether the suite passed (scripts/lib/test-results.ts).
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_FILE ?? ".data/test-results/e2e.json" }]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://localhost:3000",
    browserName: "chromium",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
