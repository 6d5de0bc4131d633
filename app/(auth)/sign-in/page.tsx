import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { SignInForm } from "@/components/auth/SignInForm";
import { getActor } from "@/lib/auth/session";
import { homeFor } from "@/lib/auth/roles";
import { cis2Configured } from "@/lib/auth/options";
import { demoLoginEnabled } from "@/lib/auth/demo-login";
import { sessionPolicy } from "@/lib/auth/sessions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await getActor();
  if (actor) redirect(homeFor(actor.role));
  const params = await searchParams;
  return (
    <>
      <SiteHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <div className="max-w-xl">
          <h1>Sign in</h1>
          {params.signedOut === "idle" ? (
            <p role="status" className="mb-6 border-l-4 border-nhs-blue bg-white p-4">
              You were signed out because you had not used the portal for {Math.round(sessionPolicy().idleMs / 60_000)} minutes, or your session reached its time
              limit. Sign in again to continue.
            </p>
          ) : null}
          <SignInForm cis2={cis2Configured()} demo={demoLoginEnabled()} failed={Boolean(params.error)} />
        </div>
      </main>
    </>
  );
}
