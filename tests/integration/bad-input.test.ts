// Issue 7, item 7: random bodies sent to EVERY server action (each export of lib/**/actions.ts) and EVERY route
// handler (each method of app/api/**/route.ts), found on the file system, never produce a 5xx or an unexpected
// error, and write nothing. The requests are real ones as far as the portal can tell: run in Next's request scope
// (tests/fixtures/next-request-scope.ts) with a real session cookie (a next-auth JWT naming a real session row)
// for a signed-out caller, a practice user or a PCSE user; the database is real.
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { startSession } from "@/lib/auth/sessions";
import { createOrganisation, createUser } from "../fixtures/factories";
import { testDb } from "./setup";
import { ACTION_FILES, HTTP_METHODS, ROOT, ROUTE_FILES } from "../fixtures/endpoints";
import { inRequestScope } from "../fixtures/next-request-scope";

const SECRET = "integration-bad-input-secret";
process.env.NEXTAUTH_SECRET = SECRET;
process.env.NEXTAUTH_URL ??= "http://localhost:3000";

// Cache invalidation needs Next's incremental cache; there is none outside a server.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const METHODS = HTTP_METHODS;

/** Tables a refused or bad request must not change (the audit trail, rate-limit counters and the caller's own
 * saved searches are expected to change: a random text is a valid search). */
async function domainCounts() {
  const [movements, patients, events, labels, collections, items, problems, sessions, users, latest, workload, packs, claims] = await Promise.all([
    testDb.recordMovement.count(),
    testDb.patient.count(),
    testDb.trackingEvent.count(),
    testDb.courierLabel.count(),
    testDb.collection.count(),
    testDb.collectionItem.count(),
    testDb.problemReport.count(),
    testDb.userSession.count(),
    testDb.user.count(),
    testDb.recordMovement.aggregate({ _max: { updatedAt: true } }),
    testDb.workloadEntry.count(),
    testDb.evidencePack.count(),
    testDb.claim.count(),
  ]);
  return { movements, patients, events, labels, collections, items, problems, sessions, users, latestChange: latest._max.updatedAt?.toISOString() ?? null, workload, packs, claims };
}

const FIELD_NAMES = ["nhsNumber", "givenName", "familyName", "dobDay", "dobMonth", "dobYear", "purpose", "fromOrganisationId", "destinationOdsCode", "priority", "bagCount", "notes", "reference", "references", "kind", "receivedNhsNumber", "note", "barcode", "reason", "siteId", "collectionDate", "q", "list", "status", "sort", "$ACTION_ID_x"];
const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("\u0000", "A\u0000B", "%00", "9434765919", "RM-2222-2222", "CL-2222-2222", "x".repeat(5000), "<script>", "outgoing", "all"));
const formDataArb = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string()), text), { maxLength: 12 }).map((entries) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
});
const argumentArb = fc.oneof(formDataArb, fc.anything(), text);

type Caller = "nobody" | "practice" | "pcse";

describe("bad input to every server action and route handler (property)", () => {
  const cookies: Record<Caller, string> = { nobody: "", practice: "", pcse: "" };
  let before: Awaited<ReturnType<typeof domainCounts>>;

  beforeAll(async () => {
    const org = await createOrganisation(testDb);
    const practice = await createUser(testDb, "PRACTICE_STAFF", { organisationId: org.id });
    const pcse = await createUser(testDb, "PCSE_CASEWORKER");
    for (const [caller, user] of [["practice", practice], ["pcse", pcse]] as const) {
      const sid = await startSession(testDb, user.id);
      cookies[caller] = `next-auth.session-token=${await encode({ token: { sub: user.id, sid }, secret: SECRET })}`;
    }
    before = await domainCounts();
  });

  it("finds the actions and route handlers on the file system", () => {
    expect(ACTION_FILES.length).toBeGreaterThanOrEqual(4);
    expect(ROUTE_FILES.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of ACTION_FILES) {
    const name = path.relative(ROOT, file);
    it(`every export of ${name} answers random arguments without an unexpected error`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === "function") as [string, (...args: unknown[]) => Promise<unknown>][];
      expect(actions.length).toBeGreaterThan(0);
      for (const [exportName, action] of actions) {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom<Caller>("nobody", "practice", "pcse"), fc.array(argumentArb, { maxLength: 3 }), async (caller, args) => {
            const request = new Request("http://localhost:3000/", { method: "POST", headers: cookies[caller] ? { cookie: cookies[caller] } : {} });
            const outcome = await inRequestScope(request, () => action(...args)).then(
              (value) => ({ value }),
              (error: unknown) => ({ error }),
            );
            if ("error" in outcome) {
              // The only exception an action may throw is Next's redirect (a successful navigation).
              expect(String((outcome.error as { digest?: unknown })?.digest ?? outcome.error), `${exportName} threw`).toMatch(/^NEXT_REDIRECT/);
              expect(String((outcome.error as { digest: string }).digest)).not.toMatch(/problem=failed/);
            } else {
              expect(JSON.stringify(outcome.value ?? null), `${exportName} answered with an unexpected error`).not.toContain("Something went wrong");
            }
          }),
          { numRuns: 40 },
        );
      }
    });
  }

  for (const file of ROUTE_FILES) {
    const route = "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
    const paramNames = [...route.matchAll(/\[(\.\.\.)?(\w+)\]/g)].map((m) => ({ name: m[2], catchAll: Boolean(m[1]) }));
    it(`every method of ${route} answers random requests with less than 500`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length).toBeGreaterThan(0);
      for (const method of methods) {
        const handler = mod[method] as (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
        const requestArb = fc.record({
          caller: fc.constantFrom<Caller>("nobody", "practice", "pcse"),
          query: fc.array(fc.tuple(fc.oneof(fc.constantFrom("q", "callbackUrl", "reason", "page", "s"), fc.string()), text), { maxLength: 4 }),
          params: fc.array(text, { minLength: paramNames.length, maxLength: paramNames.length }),
          catchAll: fc.array(fc.oneof(fc.constantFrom("session", "csrf", "providers", "signin", "signout", "callback", "credentials", "cis2", "error"), text), { minLength: 1, maxLength: 3 }),
          contentType: fc.constantFrom("application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""),
          body: fc.oneof(text, fc.json(), fc.dictionary(fc.constantFrom("references", "format", "email", "password", "csrfToken", "callbackUrl", "json"), text).map((d) => new URLSearchParams(d).toString())),
          fetchSite: fc.constantFrom("same-origin", "cross-site", ""),
        });
        await fc.assert(
          fc.asyncProperty(requestArb, async (r) => {
            const url = new URL(`http://localhost:3000${route.replace(/\[(\.\.\.)?\w+\]/g, "x")}`);
            for (const [k, v] of r.query) url.searchParams.append(k, v);
            const headers: Record<string, string> = {};
            if (cookies[r.caller]) headers.cookie = cookies[r.caller];
            if (r.contentType) headers["content-type"] = r.contentType;
            if (r.fetchSite) headers["sec-fetch-site"] = r.fetchSite;
            const request = new NextRequest(url, { method, headers, ...(method === "GET" ? {} : { body: r.body }) });
            const params = Object.fromEntries(paramNames.map((p, i) => [p.name, p.catchAll ? r.catchAll : r.params[i]]));
            const response = await inRequestScope(request, () => handler(request, { params: Promise.resolve(params) }));
            expect(response.status, `${method} ${route} ${JSON.stringify(r).slice(0, 300)}`).toBeLessThan(500);
          }),
          { numRuns: 40 },
        );
      }
    });
  }

  // Cases the random search found once and may not find again: kept as examples.
  it("next-auth's endpoints answer odd paths with less than 500 (credentials callback by GET, non-ASCII segments)", async () => {
    const mod = (await import(path.join(ROOT, "app/api/auth/[...nextauth]/route.ts"))) as Record<string, (r: NextRequest, c: { params: Promise<Record<string, string[]>> }) => Promise<Response>>;
    for (const [method, nextauth] of [["GET", ["callback", "credentials"]], ["GET", ["callback", "credentials", "session"]], ["GET", ["error", "\u0100", "session"]], ["POST", ["signin", "\u00e9"]]] as const) {
      const request = new NextRequest(`http://localhost:3000/api/auth/${nextauth.map(encodeURIComponent).join("/")}`, { method, headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" }, ...(method === "GET" ? {} : { body: "" }) });
      const response = await inRequestScope(request, () => mod[method](request, { params: Promise.resolve({ nextauth: [...nextauth] }) }));
      expect(response.status, `${method} ${nextauth.join("/")}`).toBeLessThan(500);
    }
  });

  it("a query key an object's prototype has (constructor, toString, __proto__) is bad input, not a 500 (found by the search above)", async () => {
    const mod = (await import(path.join(ROOT, "app/api/audit/export/route.ts"))) as { GET: (r: NextRequest, c: { params: Promise<Record<string, string>> }) => Promise<Response> };
    for (const caller of ["nobody", "practice", "pcse"] as const) {
      for (const key of ["constructor", "toString", "valueOf", "__proto__", "hasOwnProperty"]) {
        const url = new URL("http://localhost:3000/api/audit/export");
        url.searchParams.append(key, "a");
        url.searchParams.append(key, "b");
        const request = new NextRequest(url, { method: "GET", headers: cookies[caller] ? { cookie: cookies[caller] } : {} });
        const response = await inRequestScope(request, () => mod.GET(request, { params: Promise.resolve({}) }));
        expect(response.status, `${caller} ?${key}=`).toBeLessThan(500);
      }
    }
  });

  it("wrote nothing: no movement, patient, event, label, collection, problem, session, user, workload entry, evidence pack or claim", async () => {
    expect(await domainCounts()).toEqual(before);
  });
});
