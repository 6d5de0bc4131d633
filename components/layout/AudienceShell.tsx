import type { ReactNode } from "react";
import { SiteHeader, type NavItem } from "@/components/layout/SiteHeader";
import { SessionTimeoutWarning, type SessionTimes } from "@/components/layout/SessionTimeoutWarning";

export function AudienceShell({ nav, user, session, children }: { nav: NavItem[]; user: { name: string; detail: string }; session?: SessionTimes; children: ReactNode }) {
  return (
    <>
      <SiteHeader nav={nav} user={user} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        {children}
      </main>
      <footer className="border-t-4 border-nhs-blue bg-nhs-grey-4 py-6 text-nhs-small" role="contentinfo">
        <div className="mx-auto max-w-6xl px-4">
          <p>Records movement portal. Patient information is for the care of patients only; every access is recorded.</p>
        </div>
      </footer>
      {session ? <SessionTimeoutWarning initial={session} /> : null}
    </>
  );
}
