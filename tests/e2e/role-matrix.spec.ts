// Every role against every page and route: allowed, or refused (redirected to its own area, 401/404).
import { expect, test } from "./support/test";
import { searchPracticeList } from "./support/search";
import { ACCOUNTS, signIn, type AccountName } from "./support/auth";
import { foreignReference, referenceSentBy } from "./support/db";
import { AUDIENCE_PAGES, HOME } from "./pages";

const ROLE_ACCOUNTS: { account: AccountName; audience: string }[] = [
  { account: "practiceStaffA", audience: "practice" },
  { account: "practiceManagerA", audience: "practice" },
  { account: "caseworker", audience: "pcse" },
  { account: "supervisor", audience: "pcse" },
  { account: "commissioner", audience: "nhse" },
  { account: "admin", audience: "admin" },
];

test("signed out: every page sends you to sign-in; APIs answer 401", async ({ page, request }) => {
  for (const group of AUDIENCE_PAGES) {
    for (const path of group.paths) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in$/);
    }
  }
  expect((await request.get("/api/organisations?q=A81")).status()).toBe(401);
  expect((await request.get("/api/health")).status()).toBe(200);
});

for (const { account, audience } of ROLE_ACCOUNTS) {
  test(`${account}: own pages allowed, every other audience refused`, async ({ page, baseURL }) => {
    await signIn(page.context(), baseURL!, account);
    for (const group of AUDIENCE_PAGES) {
      for (const path of group.paths) {
        const response = await page.goto(path);
        if (group.audience === audience) {
          expect(response?.status(), `${account} ${path}`).toBe(200);
          await expect(page, path).toHaveURL(new RegExp(`${path.split("?")[0].replace(/\//g, "\\/")}`));
        } else {
          await expect(page, `${account} must not stay on ${path}`).toHaveURL(new RegExp(`${HOME[audience]}$`));
        }
      }
    }
    const typeahead = await page.context().request.get("/api/organisations?q=A81001");
    expect(typeahead.status()).toBe(200);
    const body = (await typeahead.json()) as { organisations: { odsCode: string }[] };
    expect(body.organisations[0].odsCode).toBe("A81001");
  });
}

test("a practice can never reach a movement outside its organisation tree, by page, search or id guessing", async ({ page, baseURL }) => {
  const foreign = await foreignReference();
  const own = await referenceSentBy(["A81001", "A81001B1"]);
  await signIn(page.context(), baseURL!, "practiceStaffB");
  const response = await page.goto(`/practice/movements/${foreign}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  // Made-up references look exactly the same.
  expect((await page.goto("/practice/movements/RM-2222-2222"))?.status()).toBe(404);
  // A's movement to a third practice is invisible to B, also through list searches.
  const [aToOther] = await (await import("./support/db")).query<{ reference: string }>(
    `SELECT m.reference FROM "RecordMovement" m JOIN "Organisation" f ON f.id = m."fromOrganisationId" JOIN "Organisation" t ON t.id = m."toOrganisationId"
     WHERE f."odsCode" = 'A81001' AND t."odsCode" <> 'F84003' LIMIT 1`,
  );
  expect((await page.goto(`/practice/movements/${aToOther.reference}`))?.status()).toBe(404);
  for (const list of ["outgoing", "incoming"] as const) {
    await searchPracticeList(page, list, foreign);
    await expect(page.getByText("No record movements match.")).toBeVisible();
  }
  // PCSE pages are not a way round: B is sent home.
  await page.goto(`/pcse/movements/${foreign}`);
  await expect(page).toHaveURL(/\/practice$/);
  // The practice's own movement is reachable for the sender.
  await signIn(page.context(), baseURL!, "practiceStaffA");
  expect((await page.goto(`/practice/movements/${own}`))?.status()).toBe(200);
  expect(ACCOUNTS.practiceStaffB).toContain("f84003");
});

test("commissioners and administrators cannot open a movement by URL", async ({ page, baseURL }) => {
  const reference = await foreignReference();
  for (const account of ["commissioner", "admin"] as const) {
    await signIn(page.context(), baseURL!, account);
    await page.goto(`/practice/movements/${reference}`);
    await expect(page).not.toHaveURL(/movements/);
    await page.goto(`/pcse/movements/${reference}`);
    await expect(page).not.toHaveURL(/movements/);
  }
});
