// Every page of every audience, for the accessibility sweep and the role matrix.
import type { AccountName } from "./support/auth";

export type PageCase = { path: string; account: AccountName; name: string };

/** `managerOnly`: pages of the practice audience for its managers; other practice staff are sent elsewhere in /practice. */
export const AUDIENCE_PAGES: { audience: "practice" | "pcse" | "nhse" | "admin"; account: AccountName; paths: string[]; managerOnly?: boolean }[] = [
  { audience: "practice", account: "practiceStaffA", paths: ["/practice", "/practice/send", "/practice/outgoing", "/practice/incoming", "/practice/outgoing?status=all&sort=due:asc&page=2", "/practice/receive", "/practice/collections", "/practice/collections/new", "/practice/workload/entries", "/practice/workload/entries?who=mine&month=2026-01"] },
  { audience: "practice", account: "practiceManagerA", managerOnly: true, paths: ["/practice/workload", "/practice/workload/rates", "/practice/claims"] },
  { audience: "pcse", account: "caseworker", paths: ["/pcse", "/pcse/attention", "/pcse/overdue", "/pcse/overdue?clock=END_TO_END&region=Y63", "/pcse/backlog"] },
  { audience: "nhse", account: "commissioner", paths: ["/commissioner", "/commissioner/claims", "/commissioner/claims?status=all"] },
  { audience: "admin", account: "admin", paths: ["/admin", "/admin?action=VIEW_MOVEMENT", "/admin/service-levels", "/admin/service-levels/new", "/admin/service-levels/1", "/admin/calendar", "/admin/jobs", "/admin/workload-tasks", "/admin/workload-tasks?edit=BAG_AND_LABEL"] },
];

export const HOME: Record<string, string> = { practice: "/practice", pcse: "/pcse", nhse: "/commissioner", admin: "/admin" };
