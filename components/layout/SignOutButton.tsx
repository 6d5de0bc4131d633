"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/sign-in" })}
      className="rounded border-2 border-white px-3 py-1 font-bold text-white hover:bg-white hover:text-nhs-blue"
    >
      Sign out
    </button>
  );
}
