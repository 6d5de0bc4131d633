// Every page of every audience, for the accessibility sweep and the role matrix.
import type { AccountName } from "./support/auth";

export type PageCase = { path: string; account: AccountName; name: string };

export const AUDIENCE_PAGES: { audience: "practice" | "pcse" | "nhse" | "admin"; account: AccountName; paths: string[] }[] = [
  { audience: "practice", account: "practiceStaffA", paths: ["/practice", "/practice/send", "/practice/outgoing", "/practice/incoming", "/practice/outgoing?status=all&sort=due:asc&page=2", "/practice/receive", "/practice/collections", "/practice/collections/new", "/practice/incidents", "/practice/incidents/IN-7Q4K-2M9D"] },
  { audience: "pcse", account: "caseworker", paths: ["/pcse", "/pcse/attention", "/pcse/overdue", "/pcse/overdue?clock=END_TO_END&region=Y63", "/pcse/backlog", "/pcse/incidents", "/pcse/incidents/IN-7Q4K-2M9D", "/pcse/incidents/IN-7Q4K-2M9D/import"] },
  { audience: "nhse", account: "commissioner", paths: ["/commissioner", "/commissioner/incidents"] },
  { audience: "admin", account: "admin", paths: ["/admin", "/admin?action=VIEW_MOVEMENT", "/admin/service-levels", "/admin/service-levels/new", "/admin/service-levels/1", "/admin/calendar", "/admin/jobs"] },
];

export const HOME: Record<string, string> = { practice: "/practice", pcse: "/pcse", nhse: "/commissioner", admin: "/admin" };
