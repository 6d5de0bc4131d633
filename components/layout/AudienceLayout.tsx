import type { ReactNode } from "react";
import { AudienceShell } from "@/components/layout/AudienceShell";
import { getSignedIn, requireAudience } from "@/lib/auth/session";
import { timeLeft } from "@/lib/auth/sessions";
import { NAVIGATION } from "@/lib/auth/navigation";
import { ROLE_LABELS, type Audience } from "@/lib/auth/roles";
import { can } from "@/lib/auth/permissions";

/** The guarding layout of a route group: convenience, not security (every query and action checks again). */
export async function AudienceLayout({ audience, children }: { audience: Audience; children: ReactNode }) {
  const actor = await requireAudience(audience);
  const session = (await getSignedIn())!.session;
  const detail = [ROLE_LABELS[actor.role], actor.organisationName ?? (actor.regionCode ? `Region ${actor.regionCode}` : null)].filter(Boolean).join(", ");
  return (
    <AudienceShell
      nav={NAVIGATION[audience].filter((item) => !item.permission || can(actor.role, item.permission)).map(({ href, label }) => ({ href, label }))}
      user={{ name: actor.name, detail }}
      session={timeLeft(session)}
    >
      {children}
    </AudienceShell>
  );
}
