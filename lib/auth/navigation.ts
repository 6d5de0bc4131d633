// Navigation per audience. Pure.
import type { Audience } from "@/lib/auth/roles";
import type { Permission } from "@/lib/auth/permissions";

/** `permission`: shown only to roles that have it (the page checks again). */
export const NAVIGATION: Record<Audience, { href: string; label: string; permission?: Permission }[]> = {
  practice: [
    { href: "/practice", label: "Overview" },
    { href: "/practice/send", label: "Send a record" },
    { href: "/practice/outgoing", label: "Outgoing" },
    { href: "/practice/incoming", label: "Incoming" },
    { href: "/practice/receive", label: "Receive records" },
    { href: "/practice/collections", label: "Collections" },
    { href: "/practice/cases", label: "Cases" },
    { href: "/practice/requests", label: "Urgent requests" },
    { href: "/practice/incidents", label: "Incidents" },
    { href: "/practice/workload", label: "Workload", permission: "workload:manage" },
    { href: "/practice/workload/entries", label: "Workload log" },
    { href: "/practice/claims", label: "Claims", permission: "workload:manage" },
  ],
  pcse: [
    { href: "/pcse", label: "Search" },
    { href: "/pcse/cases", label: "Cases" },
    { href: "/pcse/requests", label: "Urgent requests" },
    { href: "/pcse/team", label: "Team", permission: "case:supervise" },
    { href: "/pcse/attention", label: "Needs attention" },
    { href: "/pcse/overdue", label: "Overdue" },
    { href: "/pcse/backlog", label: "Collection backlog" },
    { href: "/pcse/incidents", label: "Incidents" },
  ],
  nhse: [
    { href: "/commissioner", label: "Service performance" },
    { href: "/commissioner/incidents", label: "Incidents" },
    { href: "/commissioner/claims", label: "Claims" },
    { href: "/commissioner/credits", label: "Service credits" },
  ],
  admin: [
    { href: "/admin", label: "Audit trail" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/organisations", label: "Organisations" },
    { href: "/admin/service-levels", label: "Service levels" },
    { href: "/admin/calendar", label: "Bank holidays" },
    { href: "/admin/jobs", label: "Jobs" },
    { href: "/admin/outbox", label: "Outbox" },
    { href: "/admin/workload-tasks", label: "Workload tasks" },
  ],
};

/**
 * Which navigation item the page at `pathname` belongs to (for aria-current="page"): the longest href that is the
 * path or a folder above it, except that an audience's home (e.g. /practice) counts only for itself.
 */
export function currentNavHref(items: readonly { href: string }[], pathname: string): string | null {
  const homes = new Set(items.slice(0, 1).map((i) => i.href));
  let best: string | null = null;
  for (const { href } of items) {
    const matches = pathname === href || (!homes.has(href) && pathname.startsWith(`${href}/`));
    if (matches && (!best || href.length > best.length)) best = href;
  }
  return best;
}
