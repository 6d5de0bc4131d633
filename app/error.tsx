"use client";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { ErrorContent } from "@/components/layout/ErrorContent";

// An error outside any audience's pages (or in an audience's layout itself): the page has no header or <main> yet.
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return (
    <>
      <SiteHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <ErrorContent digest={error.digest} />
      </main>
    </>
  );
}
