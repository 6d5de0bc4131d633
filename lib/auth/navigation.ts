// Navigation per audience. Pure.
import type { Audience } from "@/lib/auth/roles";

export const NAVIGATION: Record<Audience, { href: string; label: string }[]> = {
  practice: [
    { href: "/practice", label: "Overview" },
    { href: "/practice/send", label: "Send a record" },
    { href: "/practice/outgoing", label: "Outgoing" },
    { href: "/practice/incoming", label: "Incoming" },
    { href: "/practice/receive", label: "Receive records" },
    { href: "/practice/collections", label: "Collections" },
    { href: "/practice/incidents", label: "Incidents" },
  ],
  pcse: [
    { href: "/pcse", label: "Find a movement" },
    { href: "/pcse/attention", label: "Needs attention" },
    { href: "/pcse/overdue", label: "Overdue" },
    { href: "/pcse/backlog", label: "Collection backlog" },
    { href: "/pcse/incidents", label: "Incidents" },
  ],
  nhse: [
    { href: "/commissioner", label: "Service overview" },
    { href: "/commissioner/incidents", label: "Incidents" },
  ],
  admin: [
    { href: "/admin", label: "Audit trail" },
    { href: "/admin/service-levels", label: "Service levels" },
    { href: "/admin/calendar", label: "Bank holidays" },
    { href: "/admin/jobs", label: "Jobs" },
  ],
};
