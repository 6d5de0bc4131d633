import { SiteHeader } from "@/components/layout/SiteHeader";
import { NotFoundContent } from "@/components/layout/NotFoundContent";

// An address that matches no page: shown in the root layout alone, so it brings its own header and main. A page of an
// audience that calls notFound() is answered by that audience's not-found.tsx instead, inside the audience's layout
// (which already has the header and the one <main>).
export default function NotFound() {
  return (
    <>
      <SiteHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <NotFoundContent />
      </main>
    </>
  );
}
