// Every page of every audience, for the accessibility sweep and the role matrix.
import type { AccountName } from "./support/auth";

export type PageCase = { path: string; account: AccountName; name: string };

/** `onlyFor`: pages of the audience that only this account's role may open (others of the audience get "not found"). */
export const AUDIENCE_PAGES: { audience: "practice" | "pcse" | "nhse" | "admin"; account: AccountName; paths: string[]; onlyFor?: AccountName }[] = [
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
    ],
  },
  {
    audience: "pcse",
    account: "caseworker",
    paths: ["/pcse", "/pcse/attention", "/pcse/overdue", "/pcse/overdue?clock=END_TO_END&region=Y63", "/pcse/backlog", "/pcse/cases", "/pcse/cases?due=breached", "/pcse/cases?owner=none&kind=MISSING_RECORD&status=all", "/pcse/requests"],
  },
  { audience: "pcse", account: "supervisor", onlyFor: "supervisor", paths: ["/pcse/team"] },
  { audience: "nhse", account: "commissioner", paths: ["/commissioner"] },
  { audience: "admin", account: "admin", paths: ["/admin", "/admin?action=VIEW_MOVEMENT", "/admin/service-levels", "/admin/service-levels/new", "/admin/service-levels/1", "/admin/calendar", "/admin/jobs", "/admin/outbox", "/admin/outbox?status=LOGGED"] },
];

export const HOME: Record<string, string> = { practice: "/practice", pcse: "/pcse", nhse: "/commissioner", admin: "/admin" };
