"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/Field";

export function SignInForm({ cis2, demo, failed }: { cis2: boolean; demo: boolean; failed: boolean }) {
  const [error, setError] = useState<string | null>(failed ? "Sign-in failed. Check your email address and password" : null);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email address and password");
      return;
    }
    setPending(true);
    const result = await signIn("credentials", { email, password, redirect: false });
    setPending(false);
    if (!result || result.error) {
      setError(
        result?.error === "TooManyAttempts"
          ? "Too many failed attempts for this account. Wait 15 minutes, then try again"
          : result?.error === "TooManyAttemptsFromAddress"
            ? "Too many failed sign-in attempts from your network. Wait 15 minutes, then try again"
            : "Sign-in failed. Check your email address and password",
      );
      return;
    }
    // The home page redirects to the signed-in role's own area.
    router.replace("/");
    router.refresh();
  }

  return (
    <>
      <ErrorSummary errors={error ? [{ field: "email", message: error }] : []} />
      {cis2 ? (
        <div className="mb-8">
          <p className="mb-4">NHS staff sign in with their smartcard or NHS Care Identity.</p>
          <Button type="button" variant="secondary" onClick={() => signIn("cis2", { callbackUrl: "/" })}>
            Sign in with NHS Care Identity (CIS2)
          </Button>
        </div>
      ) : null}
      {demo ? (
        <form onSubmit={onSubmit} noValidate className="border border-nhs-grey-4 bg-white p-6">
          <h2>Demo and test accounts</h2>
          <p className="mb-4 text-nhs-secondary">Only available in the demo and tests. The accounts are listed in the README.</p>
          <div className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`}>
            <label htmlFor="email" className="block font-bold">
              Email address
            </label>
            {error ? <ErrorMessage id="email-error">{error}</ErrorMessage> : null}
            <input id="email" name="email" type="email" autoComplete="username" aria-describedby={error ? "email-error" : undefined} className="mt-1 block w-full border-2 border-nhs-text p-2" />
          </div>
          <div className="mb-6">
            <label htmlFor="password" className="block font-bold">
              Password
            </label>
            <input id="password" name="password" type="password" autoComplete="current-password" className="mt-1 block w-full border-2 border-nhs-text p-2" />
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      ) : null}
      {!cis2 && !demo ? <p>Sign-in is not configured. Set the CIS2 environment variables described in the README.</p> : null}
    </>
  );
}
