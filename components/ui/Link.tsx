import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The portal's link: next/link without prefetching. Every page here is dynamic and answers for one user (the session
 * is checked and the database read on each), so Next's prefetch of every link scrolled into view sent a list of 50
 * records as 50 background page requests, repeated as the list scrolled, for pages the user mostly never opens: load
 * on the server for nothing (docs/decisions.md). Client-side navigation on click stays.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
