// Every page of every audience, for the accessibility sweep and the role matrix.
import type { AccountName } from "./support/auth";
import { generateReference } from "@/lib/movements/reference";

export type PageCase = { path: string; account: AccountName; name: string };

export const AUDIENCE_PAGES: { audience: "practice" | "pcse" | "nhse" | "admin"; account: AccountName; paths: string[] }[] = [
  { audience: "practice", account: "practiceStaffA", paths: ["/practice", "/practice/send", "/practice/outgoing", "/practice/incoming", "/practice/outgoing?status=all&sort=due:asc&page=2", "/practice/receive", "/practice/collections", "/practice/collections/new"] },
  { audience: "pcse", account: "caseworker", paths: ["/pcse", "/pcse/attention", "/pcse/overdue", "/pcse/overdue?clock=END_TO_END&region=Y63", "/pcse/backlog"] },
  { audience: "nhse", account: "commissioner", paths: ["/commissioner"] },
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
    ],
  },
];

export const HOME: Record<string, string> = { practice: "/practice", pcse: "/pcse", nhse: "/commissioner", admin: "/admin" };

/**
 * Pages whose address names a record (a movement, a collection, a user): one of each, found in the test database, as
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
  return [
    { account: "practiceStaffA", path: `/practice/movements/${sent.reference}` },
    { account: "practiceStaffA", path: `/practice/movements/${delivered.reference}/problem` },
    { account: "practiceStaffA", path: `/practice/collections/${collection}` },
    { account: "caseworker", path: `/pcse/movements/${sent.reference}` },
    { account: "admin", path: `/admin/users/${user.id}` },
  ];
}
