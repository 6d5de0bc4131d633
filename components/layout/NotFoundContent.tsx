import Link from "next/link";

/** What "Page not found" says, wherever it is shown (inside an audience's layout, or on its own). */
export function NotFoundContent() {
  return (
    <>
      <h1>Page not found</h1>
      <p className="mb-4">If you typed the web address or a reference, check it is correct.</p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </>
  );
}
