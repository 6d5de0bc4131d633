import Link from "next/link";
import type { ComponentProps } from "react";

const VARIANTS = {
  primary: "bg-nhs-green text-white visited:text-white hover:text-white hover:bg-[#00662f] shadow-[0_4px_0_#00401e]",
  secondary: "bg-nhs-blue text-white visited:text-white hover:text-white hover:bg-[#004b93] shadow-[0_4px_0_#003087]",
  reverse: "bg-white text-nhs-text visited:text-nhs-text shadow-[0_4px_0_#4c6272]",
} as const;

/** A link that looks like an NHS button, with the NHS focus state (yellow with a dark bar) that utility classes
 * would otherwise hide. */
export function ButtonLink({ variant = "primary", className = "", ...props }: ComponentProps<typeof Link> & { variant?: keyof typeof VARIANTS }) {
  return (
    <Link
      className={`mb-1 inline-block rounded px-4 py-2.5 font-bold no-underline ${VARIANTS[variant]} focus-visible:bg-nhs-yellow focus-visible:text-nhs-text focus-visible:shadow-[0_4px_0_#212b32] focus-visible:outline-none ${className}`}
      {...props}
    />
  );
}
