import type { ReactNode } from "react";
import { AudienceShell } from "@/components/layout/AudienceShell";
import { requireAudience } from "@/lib/auth/session";
import { NAVIGATION } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";

// Guarding layout: convenience, not security (every query and action checks again).
export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requireAudience("practice");
  const detail = [ROLE_LABELS[actor.role], actor.organisationName ?? (actor.regionCode ? `Region ${actor.regionCode}` : null)].filter(Boolean).join(", ");
  return (
    <AudienceShell nav={NAVIGATION.practice} user={{ name: actor.name, detail }}>
      {children}
    </AudienceShell>
  );
}
