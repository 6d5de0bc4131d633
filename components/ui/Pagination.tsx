import Link from "@/components/ui/Link";

/** Previous / next links that keep the current filters (all state lives in the URL). */
export function Pagination({ page, pageCount, total, basePath, params, noun }: { page: number; pageCount: number; total: number; basePath: string; params: Record<string, string>; noun: string }) {
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...params, page: String(p) }).toString()}`;
  return (
    <nav aria-label="Pagination" className="mt-6 flex flex-wrap items-center justify-between gap-4">
      <p className="text-nhs-small text-nhs-secondary">
        {total.toLocaleString("en-GB")} {noun}
        {pageCount > 1 ? ` — page ${page} of ${pageCount}` : ""}
      </p>
      <ul className="flex gap-6">
        {page > 1 ? (
          <li>
            <Link href={href(page - 1)} rel="prev">
              Previous<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
        {page < pageCount ? (
          <li>
            <Link href={href(page + 1)} rel="next">
              Next<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
