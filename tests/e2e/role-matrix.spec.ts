// Every role against every page and route: allowed, or refused (redirected to its own area, 401/404).
import { expect, test } from "./support/test";
import { searchPracticeList } from "./support/search";
import type { APIRequestContext } from "@playwright/test";
import { ACCOUNTS, signIn, signInRequest, type AccountName } from "./support/auth";
import { foreignReference, query, referenceSentBy } from "./support/db";
import { allServerActions, expectedActionNames, multipart } from "./support/server-actions";
import { ROUTE_FILES, pageRoutes, routeMethods, routePattern } from "../fixtures/endpoints";
import { generateReference } from "@/lib/movements/reference";
import { AUDIENCE_PAGES, HOME } from "./pages";

/** The demo incident (lib/demo/seed-incidents.ts), with patients at practice A. */
const DEMO_INCIDENT = "IN-7Q4K-2M9D";

const ROLE_ACCOUNTS: { account: AccountName; audience: string }[] = [
  { account: "practiceStaffA", audience: "practice" },
  { account: "practiceManagerA", audience: "practice" },
  { account: "caseworker", audience: "pcse" },
  { account: "supervisor", audience: "pcse" },
  { account: "commissioner", audience: "nhse" },
  { account: "admin", audience: "admin" },
];

// Pages by role are checked over HTTP (the audience check is the layout's redirect, a 307 before anything streams):
// a browser adds nothing to "allowed or sent home" but minutes of rendering. The browser-level checks of the pages
// themselves are axe, keyboard and reflow (every page, tests/e2e/pages.ts) and the journeys.
async function pageAs(request: APIRequestContext, path: string) {
  const response = await request.get(path, { maxRedirects: 0 });
  const location = response.headers()["location"];
  return { status: response.status(), location: location ? new URL(location, "http://x").pathname : null };
}

test("signed out: every page sends you to sign-in; APIs answer 401", async ({ request }) => {
  for (const group of AUDIENCE_PAGES) {
    for (const path of group.paths) {
      const { status, location } = await pageAs(request, path);
      expect([status, location], path).toEqual([307, "/sign-in"]);
    }
  }
  expect((await request.get("/api/organisations?q=A81")).status()).toBe(401);
  expect((await request.get("/api/health")).status()).toBe(200);
});

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

// ---------------------------------------------------------------------------------------------------------
// Everything there is, found on the file system and in the build (issue 7, item 11): every page, every route
// handler and every server action must be in these matrices, and each role gets what the matrix says.
// ---------------------------------------------------------------------------------------------------------

type Audience = "practice" | "pcse" | "nhse" | "admin";

/**
 * Each page's audience ("any" for pages that are not an audience's: sign-in and the home redirect). "pcse:supervisor":
 * PCSE's pages for supervisors only (a caseworker gets "not found", everyone else is sent home). "practice-manager":
 * the practice audience's managers only (other practice staff are sent elsewhere in /practice, everyone else home).
 */
const PAGE_MATRIX: Record<string, Audience | "pcse:supervisor" | "practice-manager" | "any"> = {
  "/": "any",
  "/sign-in": "any",
  "/admin": "admin",
  "/admin/calendar": "admin",
  "/admin/jobs": "admin",
  "/admin/service-levels": "admin",
  "/admin/service-levels/[version]": "admin",
  "/admin/service-levels/new": "admin",
  "/admin/outbox": "admin",
  "/admin/users": "admin",
  "/admin/users/new": "admin",
  "/admin/users/[id]": "admin",
  "/admin/organisations": "admin",
  "/admin/organisations/new": "admin",
  "/admin/organisations/[odsCode]": "admin",
  "/commissioner": "nhse",
  "/commissioner/incidents": "nhse",
  "/commissioner/regions/[code]": "nhse",
  "/commissioner/icbs/[code]": "nhse",
  "/commissioner/practices/[ods]": "nhse",
  "/commissioner/credits": "nhse",
  "/pcse/incidents": "pcse",
  "/pcse/incidents/[reference]": "pcse",
  "/pcse/incidents/[reference]/import": "pcse",
  "/practice/incidents": "practice",
  "/practice/incidents/[reference]": "practice",
  "/practice/incidents/[reference]/patients/[item]": "practice",
  "/admin/workload-tasks": "admin",
  "/commissioner/claims": "nhse",
  "/commissioner/claims/[reference]": "nhse",
  "/pcse": "pcse",
  "/pcse/attention": "pcse",
  "/pcse/backlog": "pcse",
  "/pcse/overdue": "pcse",
  "/pcse/movements/[reference]": "pcse",
  "/pcse/cases": "pcse",
  "/pcse/cases/[reference]": "pcse",
  "/pcse/requests": "pcse",
  "/pcse/requests/[reference]": "pcse",
  "/pcse/team": "pcse:supervisor",
  "/practice": "practice",
  "/practice/collections": "practice",
  "/practice/collections/[reference]": "practice",
  "/practice/collections/new": "practice",
  "/practice/incoming": "practice",
  "/practice/movements/[reference]": "practice",
  "/practice/movements/[reference]/problem": "practice",
  "/practice/outgoing": "practice",
  "/practice/receive": "practice",
  "/practice/send": "practice",
  "/practice/cases": "practice",
  "/practice/cases/new": "practice",
  "/practice/cases/[reference]": "practice",
  "/practice/requests": "practice",
  "/practice/requests/new": "practice",
  "/practice/requests/[reference]": "practice",
  "/practice/workload": "practice-manager",
  "/practice/workload/entries": "practice",
  "/practice/workload/entries/[id]": "practice",
  "/practice/workload/rates": "practice-manager",
  "/practice/claims": "practice-manager",
  "/practice/claims/[reference]": "practice-manager",
};

//                                               staffA managerA casework superv commiss admin
const ROUTE_MATRIX: Record<string, ("ok" | "no")[] | "public"> = {
  "GET /api/auth/[...nextauth]":                   "public",
  "POST /api/auth/[...nextauth]":                  "public",
  "GET /api/health":                               "public",
  "GET /api/courier/v1/openapi.json":              "public",
  "POST /api/courier/v1/events":                   "public",
  "GET /api/organisations":                        ["ok", "ok", "ok", "ok", "ok", "ok"],
  "GET /api/session":                              ["ok", "ok", "ok", "ok", "ok", "ok"],
  "POST /api/session":                             ["ok", "ok", "ok", "ok", "ok", "ok"],
  "GET /api/labels/pending":                       ["ok", "ok", "no", "no", "no", "no"],
  "POST /api/labels/prepare":                      ["ok", "ok", "ok", "ok", "no", "no"],
  "POST /api/labels/pdf":                          ["ok", "ok", "ok", "ok", "no", "no"],
  "GET /api/collections/[reference]/manifest":     ["ok", "ok", "no", "no", "no", "no"],
  "GET /api/audit/export":                         ["no", "no", "no", "no", "no", "ok"],
  "GET /api/commissioner/export":                  ["no", "no", "no", "no", "ok", "no"],
  "GET /api/commissioner/credits/report":          ["no", "no", "no", "no", "ok", "no"],
  "POST /api/incidents/[reference]/import":        ["no", "no", "no", "ok", "no", "no"],
  "GET /api/incidents/[reference]/import":         ["no", "no", "no", "ok", "no", "no"],
  "GET /api/incidents/[reference]/rejected":       ["no", "no", "no", "ok", "no", "no"],
  "GET /api/workload/evidence":                    ["no", "ok", "no", "no", "no", "no"],
  "GET /api/claims/[reference]/evidence":          ["no", "ok", "no", "no", "ok", "no"],
};

//                                            staffA managerA casework superv commiss admin
const ACTION_MATRIX: Record<string, ("ok" | "no")[]> = {
  sendRecordAction:            ["ok", "ok", "no", "no", "no", "no"],
  searchMovementsAction:       ["no", "no", "ok", "ok", "no", "no"],
  filterMovementsAction:       ["ok", "ok", "no", "no", "no", "no"],
  voidAndReissueLabelAction:   ["ok", "ok", "ok", "ok", "no", "no"],
  markReadyAction:             ["ok", "ok", "no", "no", "no", "no"],
  bookCollectionAction:        ["ok", "ok", "no", "no", "no", "no"],
  receiveScanAction:           ["ok", "ok", "no", "no", "no", "no"],
  receiveMovementAction:       ["ok", "ok", "no", "no", "no", "no"],
  reportProblemAction:         ["ok", "ok", "no", "no", "no", "no"],
  receiveWithoutScansAction:   ["ok", "ok", "no", "no", "no", "no"],
  createPolicyVersionAction:   ["no", "no", "no", "no", "no", "ok"],
  addBankHolidayAction:        ["no", "no", "no", "no", "no", "ok"],
  runJobNowAction:             ["no", "no", "no", "no", "no", "ok"],
  raiseCaseAction:             ["ok", "ok", "no", "no", "no", "no"],
  replyToCaseAction:           ["ok", "ok", "no", "no", "no", "no"],
  completePracticeTaskAction:  ["ok", "ok", "no", "no", "no", "no"],
  actOnCaseAction:             ["no", "no", "ok", "ok", "no", "no"],
  takeNextCaseAction:          ["no", "no", "ok", "ok", "no", "no"],
  assignCasesAction:           ["no", "no", "ok", "ok", "no", "no"],
  createUrgentRequestAction:   ["ok", "ok", "no", "no", "no", "no"],
  answerUrgentRequestAction:   ["ok", "ok", "no", "no", "no", "no"],
  answerStoreUrgentRequestAction: ["no", "no", "ok", "ok", "no", "no"],
  receiveManyAction:           ["ok", "ok", "no", "no", "no", "no"],
  correctDestinationAction:    ["ok", "ok", "ok", "ok", "no", "no"],
  cancelMovementAction:        ["ok", "ok", "ok", "ok", "no", "no"],
  markNoPaperRecordAction:     ["ok", "ok", "ok", "ok", "no", "no"],
  markHeldAtPracticeAction:    ["ok", "ok", "ok", "ok", "no", "no"],
  filterAuditAction:           ["no", "no", "no", "no", "no", "ok"],
  createUserAction:            ["no", "no", "no", "no", "no", "ok"],
  changeUserRoleAction:        ["no", "no", "no", "no", "no", "ok"],
  setUserDisabledAction:       ["no", "no", "no", "no", "no", "ok"],
  saveBranchSurgeryAction:     ["no", "no", "no", "no", "no", "ok"],
  setOrganisationClosedAction: ["no", "no", "no", "no", "no", "ok"],
  createIncidentAction:        ["no", "no", "no", "ok", "no", "no"],
  chasePracticesAction:        ["no", "no", "no", "ok", "no", "no"],
  recordHarmReviewAction:      ["ok", "ok", "no", "no", "no", "no"],
  recordNoHarmReviewsAction:   ["ok", "ok", "no", "no", "no", "no"],
  signPracticeReturnAction:    ["no", "ok", "no", "no", "no", "no"],
  decideSuggestionAction:      ["ok", "ok", "no", "no", "no", "no"],
  logWorkloadAction:           ["ok", "ok", "no", "no", "no", "no"],
  editWorkloadEntryAction:     ["ok", "ok", "no", "no", "no", "no"],
  withdrawWorkloadEntryAction: ["ok", "ok", "no", "no", "no", "no"],
  setGradeRateAction:          ["no", "ok", "no", "no", "no", "no"],
  updateWorkloadTaskAction:    ["no", "no", "no", "no", "no", "ok"],
  createEvidencePackAction:    ["no", "ok", "no", "no", "no", "no"],
  submitClaimAction:           ["no", "ok", "no", "no", "no", "no"],
  answerClaimOfferAction:      ["no", "ok", "no", "no", "no", "no"],
  decideClaimAction:           ["no", "no", "no", "no", "ok", "no"],
  changeServiceCreditAction:   ["no", "no", "no", "no", "ok", "no"],
};

test("every page, route handler and server action is in the matrices", () => {
  const pages = pageRoutes();
  expect(pages.filter((p) => !(p in PAGE_MATRIX)), "pages missing from PAGE_MATRIX").toEqual([]);
  expect(Object.keys(PAGE_MATRIX).filter((p) => !pages.includes(p)), "PAGE_MATRIX entries that no longer exist").toEqual([]);
  const routes = ROUTE_FILES.flatMap((f) => routeMethods(f).map((m) => `${m} ${routePattern(f)}`));
  expect(routes.filter((r) => !(r in ROUTE_MATRIX)), "route handlers missing from ROUTE_MATRIX").toEqual([]);
  expect(Object.keys(ROUTE_MATRIX).filter((r) => !routes.includes(r)), "ROUTE_MATRIX entries that no longer exist").toEqual([]);
  const built = allServerActions().map((a) => a.name).sort();
  expect(built, "the build's server actions are lib/**/actions.ts's exports").toEqual(expectedActionNames());
  expect(built.filter((a) => !(a in ACTION_MATRIX)), "server actions missing from ACTION_MATRIX").toEqual([]);
  expect(Object.keys(ACTION_MATRIX).sort()).toEqual(built);
});

/** A path for each page pattern, naming records practice A (and PCSE) may open. */
async function samplePaths(): Promise<Record<string, string>> {
  const sent = await referenceSentBy(["A81001", "A81001B1"]);
  const [delivered] = await query<{ reference: string }>(
    `SELECT m.reference FROM "RecordMovement" m JOIN "Organisation" t ON t.id = m."toOrganisationId"
     WHERE t."odsCode" = 'A81001' AND m.status IN ('DELIVERED', 'RECEIVED') ORDER BY m."createdAt" LIMIT 1`,
  );
  const [user] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ACCOUNTS.practiceStaffA]);
  const collection = `CL-${generateReference().slice(3)}`;
  await query(
    `INSERT INTO "Collection" (id, reference, "organisationId", "collectionDate", "bagCount", status)
     SELECT gen_random_uuid(), $1, id, current_date, 1, 'BOOKED' FROM "Organisation" WHERE "odsCode" = 'A81001'`,
    [collection],
  );
  // The demo's workload: an entry practice A's staff member logged, and a claim of practice A's (lib/demo/seed-workload.ts).
  const [entry] = await query<{ id: string }>(`SELECT e.id FROM "WorkloadEntry" e JOIN "User" u ON u.id = e."createdById" WHERE u.email = 'staff.a81001@demo.records.test' ORDER BY e."createdAt" DESC LIMIT 1`);
  const [claim] = await query<{ reference: string }>(`SELECT c.reference FROM "Claim" c JOIN "Organisation" o ON o.id = c."organisationId" WHERE o."odsCode" = 'A81001' ORDER BY c."submittedAt" LIMIT 1`);
  // Demo cases and urgent requests (lib/demo/seed-cases.ts): one practice A raised, one it made.
  const [raised] = await query<{ reference: string }>(
    `SELECT c.reference FROM "Case" c JOIN "Organisation" o ON o.id = c."raisedByOrganisationId" WHERE o."odsCode" = 'A81001' ORDER BY c."openedAt" LIMIT 1`,
  );
  const [requested] = await query<{ reference: string }>(
    `SELECT u.reference FROM "UrgentRequest" u JOIN "Organisation" o ON o.id = u."requestingOrganisationId" WHERE o."odsCode" = 'A81001' ORDER BY u."createdAt" LIMIT 1`,
  );
  const [incidentItem] = await query<{ id: string }>(
    `SELECT i.id FROM "IncidentItem" i JOIN "Incident" n ON n.id = i."incidentId" JOIN "Organisation" o ON o.id = i."practiceId" WHERE n.reference = $1 AND o."odsCode" = 'A81001' ORDER BY i."rowNumber" LIMIT 1`,
    [DEMO_INCIDENT],
  );
  return {
    "/practice/workload/entries/[id]": `/practice/workload/entries/${entry.id}`,
    "/practice/claims/[reference]": `/practice/claims/${claim.reference}`,
    "/commissioner/claims/[reference]": `/commissioner/claims/${claim.reference}`,
    "/pcse/incidents/[reference]": `/pcse/incidents/${DEMO_INCIDENT}`,
    "/pcse/incidents/[reference]/import": `/pcse/incidents/${DEMO_INCIDENT}/import`,
    "/practice/incidents/[reference]": `/practice/incidents/${DEMO_INCIDENT}`,
    "/practice/incidents/[reference]/patients/[item]": `/practice/incidents/${DEMO_INCIDENT}/patients/${incidentItem.id}`,
    "/pcse/movements/[reference]": `/pcse/movements/${sent}`,
    "/pcse/cases/[reference]": `/pcse/cases/${raised.reference}`,
    "/pcse/requests/[reference]": `/pcse/requests/${requested.reference}`,
    "/practice/cases/[reference]": `/practice/cases/${raised.reference}`,
    "/practice/requests/[reference]": `/practice/requests/${requested.reference}`,
    "/admin/service-levels/[version]": "/admin/service-levels/1",
    "/admin/users/[id]": `/admin/users/${user.id}`,
    "/admin/organisations/[odsCode]": "/admin/organisations/A81001",
    // The demo practice A's region and ICB (ODS: Y63, QHM).
    "/commissioner/regions/[code]": "/commissioner/regions/Y63",
    "/commissioner/icbs/[code]": "/commissioner/icbs/QHM",
    "/commissioner/practices/[ods]": "/commissioner/practices/A81001",
    "/practice/collections/[reference]": `/practice/collections/${collection}`,
    "/practice/movements/[reference]": `/practice/movements/${sent}`,
    "/practice/movements/[reference]/problem": `/practice/movements/${delivered.reference}/problem`,
  };
}

test("every page by role over HTTP: its own audience's open, everyone else's send the user home", async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  const samples = await samplePaths();
  // Every page pattern (with a sample record where it names one) and every listed page with its filters.
  type Owner = Exclude<(typeof PAGE_MATRIX)[string], "any">;
  const visits: { path: string; owner: Owner; onlyFor?: AccountName }[] = [
    ...Object.entries(PAGE_MATRIX)
      .filter((entry): entry is [string, Owner] => entry[1] !== "any")
      .map(([pattern, owner]) => ({ path: samples[pattern] ?? pattern, owner })),
    ...AUDIENCE_PAGES.flatMap((g) => g.paths.map((path) => ({ path, owner: g.managerOnly ? ("practice-manager" as const) : g.audience, ...(g.onlyFor ? { onlyFor: g.onlyFor } : {}) }))),
  ];
  expect(visits.filter((v) => v.path.includes("[")), "a sample for every pattern naming a record").toEqual([]);
  for (const { account, audience } of ROLE_ACCOUNTS) {
    const request = await playwright.request.newContext({ baseURL });
    await signInRequest(request, baseURL!, ACCOUNTS[account]);
    for (const { path, owner, onlyFor } of visits) {
      const { status, location } = await pageAs(request, path);
      const supervisorsOnly = owner === "pcse:supervisor" || onlyFor === "supervisor";
      if (supervisorsOnly && audience === "pcse") {
        expect(status, `${account} ${path}`).toBe(account === "supervisor" ? 200 : 404);
      } else if (owner === "practice-manager" && audience === "practice" && account !== "practiceManagerA") {
        // Practice staff are sent to their own part of the practice audience.
        expect(status, `${account} must not stay on ${path}`).toBe(307);
        expect(location, `${account} must not stay on ${path}`).toMatch(/^\/practice(\/workload\/entries)?$/);
      } else if (owner === audience || (owner === "pcse:supervisor" && audience === "pcse") || (owner === "practice-manager" && audience === "practice")) {
        expect([status, location], `${account} ${path}`).toEqual([200, null]);
      } else {
        expect([status, location], `${account} must not stay on ${path}`).toEqual([307, HOME[audience]]);
      }
    }
    for (const path of ["/", "/sign-in"]) {
      expect(await pageAs(request, path), `${account} ${path}`).toEqual({ status: 307, location: HOME[audience] });
    }
    const typeahead = await request.get("/api/organisations?q=A81001");
    expect(typeahead.status()).toBe(200);
    const body = (await typeahead.json()) as { organisations: { odsCode: string }[] };
    expect(body.organisations[0].odsCode).toBe("A81001");
    await request.dispose();
  }
});

test("every route handler by role over HTTP: allowed, or 401/403/404; never a 5xx", async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  const samples = await samplePaths();
  const collection = samples["/practice/collections/[reference]"].split("/").pop()!;
  const claim = samples["/practice/claims/[reference]"].split("/").pop()!;
  const call = async (request: APIRequestContext, key: string) => {
    const [method, pattern] = key.split(" ");
    const sample = pattern.startsWith("/api/claims/") ? claim : pattern.startsWith("/api/incidents/") ? DEMO_INCIDENT : collection;
    const path = pattern.replace("[reference]", sample).replace("[...nextauth]", "session");
    const response =
      method === "GET"
        ? await request.get(`${path}?q=A81001`, { maxRedirects: 0 })
        : await request.post(path, { headers: { origin: baseURL!, "sec-fetch-site": "same-origin" }, data: { references: [] }, maxRedirects: 0 });
    expect(response.status(), key).toBeLessThan(500);
    return response.status();
  };
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const { account } of ROLE_ACCOUNTS) {
    const request = await playwright.request.newContext({ baseURL });
    await signInRequest(request, baseURL!, ACCOUNTS[account]);
    const column = ROLE_ACCOUNTS.findIndex((r) => r.account === account);
    for (const [key, expected] of Object.entries(ROUTE_MATRIX)) {
      const status = await call(request, key);
      if (expected === "public") {
        expect(status, `${key} answers ${account} as it answers anyone`).toBe(await call(anonymous, key));
      } else {
        expect([401, 403, 404].includes(status) ? "no" : "ok", `${account} ${key} (${status})`).toBe(expected[column]);
        expect(await call(anonymous, key), `${key} signed out`).toBe(401);
      }
    }
    await request.dispose();
  }
  await anonymous.dispose();
});

test("every server action by role over HTTP: refused with a message, or allowed (then refusing the empty form)", async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  const actions = allServerActions();
  // Two forms for arguments: useActionState's (state, form), a plain form's (form), a value action's (value).
  const body = multipart({ "0": JSON.stringify(["$K1", "$K1"]) });
  const outcome = async (request: APIRequestContext, name: string) => {
    const action = actions.find((a) => a.name === name)!;
    const response = await request.post(action.path, { headers: { "next-action": action.id, origin: baseURL!, "content-type": body.type }, data: body.data, maxRedirects: 0 });
    expect(response.status(), name).toBeLessThan(500);
    const text = `${response.headers()["x-action-redirect"] ?? ""} ${await response.text()}`;
    expect(text, name).not.toContain("Something went wrong");
    return /You do not have permission|Sign in to continue|problem=refused/.test(text) ? "no" : "ok";
  };
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const { account } of ROLE_ACCOUNTS) {
    const request = await playwright.request.newContext({ baseURL });
    await signInRequest(request, baseURL!, ACCOUNTS[account]);
    const column = ROLE_ACCOUNTS.findIndex((r) => r.account === account);
    for (const [name, expected] of Object.entries(ACTION_MATRIX)) {
      expect(await outcome(request, name), `${account} ${name}`).toBe(expected[column]);
      expect(await outcome(anonymous, name), `${name} signed out`).toBe("no");
    }
    await request.dispose();
  }
  await anonymous.dispose();
});
