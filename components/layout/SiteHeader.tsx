import Link from "next/link";
import { SignOutButton } from "@/components/layout/SignOutButton";
import { PrimaryNav, type NavItem } from "@/components/layout/PrimaryNav";

export type { NavItem };

/** The NHS header: the service name, who is signed in, and the audience's navigation (a menu on phones). */
export function SiteHeader({ nav, user }: { nav: NavItem[]; user?: { name: string; detail: string } }) {
  return (
    <header className="bg-nhs-blue text-white" role="banner">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:py-4">
        <Link href="/" className="flex min-w-0 items-center gap-3 text-white no-underline visited:text-white hover:text-white hover:underline">
          <span className="bg-white px-2 py-0.5 text-2xl font-bold italic tracking-tight text-nhs-blue" aria-hidden="true">
            NHS
          </span>
          <span className="text-nhs-small font-bold sm:text-nhs-s">Records movement portal</span>
          <span className="sr-only"> home page</span>
        </Link>
        {user ? (
          <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1 text-nhs-small">
            <p className="min-w-0">
              <span className="font-bold">{user.name}</span>
              <span className="block">{user.detail}</span>
            </p>
            {/* With navigation, on a phone Sign out sits beside the Menu button instead (one row less). */}
            <div className={nav.length > 0 ? "hidden sm:block" : undefined}>
              <SignOutButton />
            </div>
          </div>
        ) : null}
      </div>
      {nav.length > 0 ? <PrimaryNav items={nav} end={user ? <SignOutButton /> : undefined} /> : null}
    </header>
  );
}
