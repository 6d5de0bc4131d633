"use client";
// The header's navigation. Marks the page the user is on (aria-current="page", and visibly). On narrow screens,
// once JavaScript has run, the list folds behind a "Menu" button (aria-expanded); without JavaScript it is a plain
// list, always shown (progressive enhancement). `end` (the Sign out button) shares the Menu button's row on narrow
// screens, so the header stays compact on a phone.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useState, useSyncExternalStore, type ReactNode } from "react";
import { currentNavHref } from "@/lib/auth/navigation";

const noSubscription = () => () => {};

export type NavItem = { href: string; label: string };

export function PrimaryNav({ items, end }: { items: NavItem[]; end?: ReactNode }) {
  const pathname = usePathname();
  const current = currentNavHref(items, pathname);
  // False on the server and in the first render, true once hydrated: only then can the menu button work.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  // Open for one page only: moving to another page folds the menu again.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const listId = useId();
  return (
    <nav aria-label="Primary" className="border-t border-white/30 bg-nhs-blue">
      <div className="mx-auto max-w-6xl px-4">
        {enhanced || end ? (
          <div className="flex items-center justify-between gap-4 py-2 sm:hidden">
            {enhanced ? (
              <button
                type="button"
                aria-expanded={open}
                aria-controls={listId}
                onClick={() => setOpenOn(open ? null : pathname)}
                className="inline-flex items-center gap-2 rounded border-2 border-white px-3 py-1 font-bold text-white"
              >
                Menu
                <span aria-hidden="true" className="text-nhs-small">
                  {open ? "▲" : "▼"}
                </span>
              </button>
            ) : (
              <span />
            )}
            {end ? <div className="text-nhs-small">{end}</div> : null}
          </div>
        ) : null}
        <ul id={listId} className={`${enhanced && !open ? "hidden" : "flex"} flex-col gap-y-1 pb-2 sm:flex sm:flex-row sm:flex-wrap sm:gap-x-6 sm:py-2`}>
          {items.map((item) => {
            const here = item.href === current;
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={here ? "page" : undefined}
                  className={`inline-block py-1 font-bold text-white visited:text-white hover:text-white ${here ? "border-b-4 border-white" : ""}`}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
