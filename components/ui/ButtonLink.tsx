import Link from "next/link";
import type { AnchorHTMLAttributes, ComponentProps } from "react";

const VARIANTS = {
  primary: "bg-nhs-green text-white visited:text-white hover:text-white hover:bg-[#00662f] shadow-[0_4px_0_#00401e]",
  secondary: "bg-nhs-blue text-white visited:text-white hover:text-white hover:bg-[#004b93] shadow-[0_4px_0_#003087]",
  reverse: "bg-white text-nhs-text visited:text-nhs-text shadow-[0_4px_0_#4c6272]",
} as const;

const classes = (variant: keyof typeof VARIANTS, className: string) => `nhs-button mb-1 inline-block rounded px-4 py-2.5 font-bold no-underline ${VARIANTS[variant]} ${className}`;

/** A link that looks like an NHS button, with the NHS focus state (yellow with a dark bar: `a.nhs-button` in
 * app/globals.css, outside the utility layer so the button's own colours cannot hide it). */
export function ButtonLink({ variant = "primary", className = "", ...props }: ComponentProps<typeof Link> & { variant?: keyof typeof VARIANTS }) {
  return <Link className={classes(variant, className)} {...props} />;
}

/** The same, as a plain `<a>` for what is not a page of the portal (a PDF from a route handler): never prefetched. */
export function ButtonAnchor({ variant = "primary", className = "", ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { variant?: keyof typeof VARIANTS }) {
  return <a className={classes(variant, className)} {...props} />;
}
