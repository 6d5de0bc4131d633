import Link from "next/link";
import { SignOutButton } from "@/components/layout/SignOutButton";

export type NavItem = { href: string; label: string };

export function SiteHeader({ nav, user }: { nav: NavItem[]; user?: { name: string; detail: string } }) {
  return (
    <header className="bg-nhs-blue text-white" role="banner">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <Link href="/" className="flex items-center gap-3 text-white no-underline visited:text-white hover:text-white hover:underline">
          <span className="bg-white px-2 py-0.5 text-2xl font-bold italic tracking-tight text-nhs-blue" aria-hidden="true">
            NHS
          </span>
          <span className="text-nhs-s font-bold">Records movement portal</span>
          <span className="sr-only"> home page</span>
        </Link>
        {user ? (
          <div className="flex flex-wrap items-center gap-4 text-nhs-small">
            <p>
              <span className="font-bold">{user.name}</span>
              <span className="block">{user.detail}</span>
            </p>
            <SignOutButton />
          </div>
        ) : null}
      </div>
      {nav.length > 0 ? (
        <nav aria-label="Primary" className="border-t border-white/30 bg-nhs-blue">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-1 px-4 py-2">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="font-bold text-white visited:text-white hover:text-white">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
