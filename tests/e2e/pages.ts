// Every page of every audience, for the accessibility sweep and the role matrix.
import type { AccountName } from "./support/auth";
import { generateReference } from "@/lib/movements/reference";

export type PageCase = { path: string; account: AccountName; name: string };

/**
 * `onlyFor`: pages of the audience that only this account's role may open (others of the audience get "not found").
 * `managerOnly`: pages of the practice audience for its managers; other practice staff are sent elsewhere in /practice.
 */
export const AUDIENCE_PAGES: { audience: "practice" | "pcse" | "nhse" | "admin"; account: AccountName; paths: string[]; onlyFor?: AccountName; managerOnly?: boolean }[] = [
  {
    audience: "practice",
    account: "practiceStaffA",
    paths: [
      "/practice",
      "/practice/send",
      "/practice/outgoing",
      "/practice/incoming",
      "/practice/outgoing?status=all&sort=due:asc&page=2",
      "/practice/receive",
      "/practice/collections",
      "/practice/collections/new",
      "/practice/cases",
      "/practice/cases?show=all",
      "/practice/cases/new",
      "/practice/cases/new?kind=SERVICE_REGISTRATIONS",
      "/practice/requests",
      "/practice/requests?show=all",
      "/practice/requests/new",
      "/practice/incidents",
      "/practice/incidents/IN-7Q4K-2M9D",
      "/practice/workload/entries",
      "/practice/workload/entries?who=mine&month=2026-01",
    ],
  },
  { audience: "practice", account: "practiceManagerA", managerOnly: true, paths: ["/practice/workload", "/practice/workload/rates", "/practice/claims"] },
  {
    audience: "pcse",
    account: "caseworker",
    paths: ["/pcse", "/pcse/attention", "/pcse/overdue", "/pcse/overdue?clock=END_TO_END&region=Y63", "/pcse/backlog", "/pcse/cases", "/pcse/cases?due=breached", "/pcse/cases?owner=none&kind=MISSING_RECORD&status=all", "/pcse/requests", "/pcse/incidents", "/pcse/incidents/IN-7Q4K-2M9D", "/pcse/incidents/IN-7Q4K-2M9D/import"],
  },
  { audience: "pcse", account: "supervisor", onlyFor: "supervisor", paths: ["/pcse/team"] },
  { audience: "nhse", account: "commissioner", paths: ["/commissioner", "/commissioner/incidents", "/commissioner/claims", "/commissioner/claims?status=all", "/commissioner/regions/Y63", "/commissioner/icbs/QHM", "/commissioner/practices/A81001", "/commissioner/practices/A81001?detail=all", "/commissioner/credits"] },
  {
    audience: "admin",
    account: "admin",
    paths: [
      "/admin",
      "/admin?action=VIEW_MOVEMENT",
      "/admin/service-levels",
      "/admin/service-levels/new",
      "/admin/service-levels/1",
      "/admin/calendar",
      "/admin/jobs",
      "/admin/users",
      "/admin/users?role=PRACTICE_STAFF",
      "/admin/users/new",
      "/admin/organisations",
      "/admin/organisations?q=densham",
      "/admin/organisations/new",
      "/admin/organisations/A81001",
      "/admin/organisations/A81001B1",
      "/admin/outbox",
      "/admin/outbox?status=LOGGED",
      "/admin/workload-tasks",
      "/admin/workload-tasks?edit=BAG_AND_LABEL",
    ],
  },
];

export const HOME: Record<string, string> = { practice: "/practice", pcse: "/pcse", nhse: "/commissioner", admin: "/admin" };

/**
 * Pages whose address names a record (a movement, a collection, a user, a case, an urgent request): one of each, found in the test database, as
 * [account, path]. With AUDIENCE_PAGES, every page of the portal.
 */
export async function recordPages(query: <T extends Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>): Promise<{ account: AccountName; path: string }[]> {
  const [sent] = await query<{ reference: string }>(
    `SELECT m.reference FROM "RecordMovement" m JOIN "Organisation" f ON f.id = m."fromOrganisationId" WHERE f."odsCode" IN ('A81001','A81001B1') ORDER BY m."createdAt" DESC LIMIT 1`,
  );
  const [delivered] = await query<{ reference: string }>(
    `SELECT m.reference FROM "RecordMovement" m JOIN "Organisation" t ON t.id = m."toOrganisationId" WHERE t."odsCode" = 'A81001' AND m.status IN ('DELIVERED', 'RECEIVED') ORDER BY m."createdAt" LIMIT 1`,
  );
  const [user] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'staff.a81001@demo.records.test'`);
  // The demo has no collections: book one (empty) for practice A.
  // A reference in the portal's alphabet (random letters and digits would include ones it never issues: a 404).
  const collection = `CL-${generateReference().slice(3)}`;
  await query(
    `INSERT INTO "Collection" (id, reference, "organisationId", "collectionDate", "bagCount", status)
     SELECT gen_random_uuid(), $1, id, current_date, 1, 'BOOKED' FROM "Organisation" WHERE "odsCode" = 'A81001'`,
    [collection],
  );
  // Demo cases and urgent requests (lib/demo/seed-cases.ts, seeded for the end-to-end tests): one practice A raised,
  // one it made; each opened by the practice and by PCSE.
  const [raised] = await query<{ reference: string }>(
    `SELECT c.reference FROM "Case" c JOIN "Organisation" o ON o.id = c."raisedByOrganisationId" WHERE o."odsCode" = 'A81001' ORDER BY c."openedAt" LIMIT 1`,
  );
  const [requested] = await query<{ reference: string }>(
    `SELECT u.reference FROM "UrgentRequest" u JOIN "Organisation" o ON o.id = u."requestingOrganisationId" WHERE o."odsCode" = 'A81001' ORDER BY u."createdAt" LIMIT 1`,
  );
  return [
    { account: "practiceStaffA", path: `/practice/cases/${raised.reference}` },
    { account: "practiceStaffA", path: `/practice/requests/${requested.reference}` },
    { account: "caseworker", path: `/pcse/cases/${raised.reference}` },
    { account: "caseworker", path: `/pcse/requests/${requested.reference}` },
    { account: "practiceStaffA", path: `/practice/movements/${sent.reference}` },
    { account: "practiceStaffA", path: `/practice/movements/${delivered.reference}/problem` },
    { account: "practiceStaffA", path: `/practice/collections/${collection}` },
    { account: "caseworker", path: `/pcse/movements/${sent.reference}` },
    { account: "admin", path: `/admin/users/${user.id}` },
  ];
}
