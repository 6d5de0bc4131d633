// The commissioner dashboards in a real browser on the production build: the drill-down England → region → ICB →
// practice, sorting a league table on the server, a CSV export, and no patient identifier in any commissioner
// response of the run (every NHS number, name and date of birth of the test database is searched for).
import { expect, test, nhsNumbersInDatabase } from "./support/test";
import { signIn } from "./support/auth";
import { query } from "./support/db";

async function identifiers() {
  const numbers = await nhsNumbersInDatabase();
  const people = await query<{ family: string; given: string; dob: string }>(
    `SELECT DISTINCT "patientFamilyName" AS family, "patientGivenName" AS given, to_char("patientDateOfBirth", 'YYYY-MM-DD') AS dob FROM "RecordMovement"
     UNION SELECT DISTINCT "patientFamilyName", "patientGivenName", to_char("patientDateOfBirth", 'YYYY-MM-DD') FROM "UrgentRequest"`,
  );
  const dobForms = (d: string) => {
    const [y, m, day] = d.split("-");
    const month = new Date(`${d}T00:00:00Z`).toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
    return [d, `${day}/${m}/${y}`, `${Number(day)} ${month} ${y}`];
  };
  return {
    numbers,
    names: people.map((p) => `${p.family}, ${p.given}`).concat(people.map((p) => `${p.given} ${p.family}`)),
    dobs: [...new Set(people.flatMap((p) => dobForms(p.dob)))],
  };
}

test("drill down from England to a practice, sort a league table, export a view; no response carries a patient identifier", async ({ page, baseURL }) => {
  // Dashboards render in well under a second on a quiet machine; on the shared 2-core machine under other suites'
  // load, a navigation took over 5 s: each waits up to 60 s.
  test.setTimeout(300_000);
  const slow = { timeout: 60_000 };
  const bodies: { url: string; text: string }[] = [];
  page.on("response", async (response) => {
    try {
      bodies.push({ url: response.url(), text: await response.text() });
    } catch {
      /* redirects and aborted requests have no body */
    }
  });
  await signIn(page.context(), baseURL!, "commissioner");
  await page.goto("/commissioner");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service performance: England");
  await expect(page.getByText(/policy version \d+/).first()).toBeVisible();
  await expect(page.getByRole("table", { name: /^KPIs for England/ })).toBeVisible();

  // England → North East and Yorkshire → its ICB → the demo practice.
  await page.getByRole("table", { name: /^Regions, / }).getByRole("link", { name: /North East and Yorkshire/ }).click();
  await expect(page).toHaveURL(/\/commissioner\/regions\/Y63/, slow);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("North East and Yorkshire", slow);
  await expect(page.getByText(/counts of 1 to 7 are shown as \*/).first()).toBeVisible();
  await page.getByRole("table", { name: /^Integrated care boards, / }).getByRole("link", { name: /\(QHM\)/ }).click();
  await expect(page).toHaveURL(/\/commissioner\/icbs\/QHM/, slow);
  // Sort the practices by collection backlog, highest first: the server orders them (the URL says how).
  await page.getByLabel("Sort by", { exact: true }).selectOption("backlog");
  await page.getByLabel("Order", { exact: true }).selectOption("desc");
  await page.getByRole("button", { name: "Sort" }).click();
  await expect(page).toHaveURL(/sort=backlog/, slow);
  await expect(page.getByRole("table", { name: /sorted by collection backlog \(highest first\)/ })).toBeVisible(slow);
  await page.goto("/commissioner/practices/A81001");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("A81001");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "England" })).toBeVisible();
  // Each KPI's detail tables are on request: a link per table, and one for all of them.
  await expect(page.getByRole("heading", { name: /KPI 1: On-time delivery by band/ })).toHaveCount(0);
  await page.getByRole("link", { name: /KPI 1: On-time delivery by band/ }).click();
  await expect(page).toHaveURL(/detail=all#d-/, slow);
  await expect(page.getByRole("heading", { name: /KPI 1: On-time delivery by band/ })).toBeVisible(slow);
  await expect(page.getByRole("table", { name: /On-time delivery by band/ })).toBeVisible();

  // The practice view as CSV, with the disclosure rule said.
  const download = await page.request.get("/api/commissioner/export?view=practice&code=A81001");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("text/csv");
  const csv = await download.text();
  expect(csv.split("\n")[0]).toBe("section,code,name,month,measure,value,note");
  expect(csv).toContain("Disclosure control");
  bodies.push({ url: "export", text: csv });
  const national = await page.request.get("/api/commissioner/export?view=national");
  bodies.push({ url: "export national", text: await national.text() });

  await page.waitForLoadState("networkidle");
  const { numbers, names, dobs } = await identifiers();
  expect(numbers.length).toBeGreaterThan(100);
  const leaks: string[] = [];
  // The portal's answers: pages, their data and exports (the build's static JavaScript is the same for every user and
  // holds library constants such as 2000-01-01).
  for (const { url, text } of bodies.filter((b) => !b.url.includes("/_next/static/"))) {
    for (const n of numbers) if (text.includes(n)) leaks.push(`${url}: an NHS number`);
    for (const name of names) if (text.includes(name)) leaks.push(`${url}: a patient's name`);
    for (const d of dobs) if (text.includes(d)) leaks.push(`${url}: a date of birth ${d}`);
  }
  expect(leaks).toEqual([]);
});

test("a regional commissioner cannot open another region's units or export them", async ({ page, baseURL }) => {
  await signIn(page.context(), baseURL!, "regionalCommissioner");
  expect((await page.goto("/commissioner/icbs/QHM"))?.status()).toBe(200);
  expect((await page.goto("/commissioner/practices/F84003"))?.status()).toBe(404);
  expect((await page.request.get("/api/commissioner/export?view=practice&code=F84003")).status()).toBe(404);
});
