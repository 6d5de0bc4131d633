import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { SignInForm } from "@/components/auth/SignInForm";
import { getActor } from "@/lib/auth/session";
import { homeFor } from "@/lib/auth/roles";
import { cis2Configured } from "@/lib/auth/options";
import { demoLoginEnabled } from "@/lib/auth/demo-login";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await getActor();
  if (actor) redirect(homeFor(actor.role));
  const params = await searchParams;
  return (
    <>
      <SiteHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8">
        <div className="max-w-xl">
          <h1>Sign in</h1>
          <SignInForm cis2={cis2Configured()} demo={demoLoginEnabled()} failed={Boolean(params.error)} />
        </div>
      </main>
    </>
  );
}
