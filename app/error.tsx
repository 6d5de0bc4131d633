"use client";
import { SiteHeader } from "@/components/layout/SiteHeader";

export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return (
    <>
      <SiteHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8">
        <h1>Sorry, there is a problem with the service</h1>
        <p className="mb-4">Try again later. Nothing you were doing has been lost if you saw a confirmation.</p>
        {error.digest ? <p>Quote reference {error.digest} to the service desk.</p> : null}
      </main>
    </>
  );
}
