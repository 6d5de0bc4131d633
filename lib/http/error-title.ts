// The NHS pattern for a page showing an error: its title starts "Error: ". Pages that a refused search or filter
// redirects back to (?problem=invalid|failed, from navigationAction's fallback) set it on the server, in their
// metadata: a title set in the browser after such a navigation is overwritten by the new page's own title.
import type { Metadata } from "next";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function hasProblem(problem: unknown): boolean {
  return problem === "invalid" || problem === "failed";
}

/** generateMetadata for a page titled `title` that shows ?problem= as an error. */
export function titleWithProblem(title: string) {
  return async ({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> => ({ title: hasProblem((await searchParams).problem) ? `Error: ${title}` : title });
}
