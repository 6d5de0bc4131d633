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
    { href: "/practice/workload", label: "Workload", permission: "workload:manage" },
    { href: "/practice/workload/entries", label: "Workload log" },
    { href: "/practice/claims", label: "Claims", permission: "workload:manage" },
  ],
  pcse: [
    { href: "/pcse", label: "Find a movement" },
    { href: "/pcse/attention", label: "Needs attention" },
    { href: "/pcse/overdue", label: "Overdue" },
    { href: "/pcse/backlog", label: "Collection backlog" },
  ],
  nhse: [
    { href: "/commissioner", label: "Service overview" },
    { href: "/commissioner/claims", label: "Claims" },
  ],
  admin: [
    { href: "/admin", label: "Audit trail" },
    { href: "/admin/service-levels", label: "Service levels" },
    { href: "/admin/calendar", label: "Bank holidays" },
    { href: "/admin/jobs", label: "Jobs" },
    { href: "/admin/workload-tasks", label: "Workload tasks" },
  ],
};
