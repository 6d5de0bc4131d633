import Link from "@/components/ui/Link";

export function BackLink({ href, children = "Back" }: { href: string; children?: React.ReactNode }) {
  return (
    <Link href={href} className="mb-6 inline-block text-nhs-small">
      <span aria-hidden="true">‹ </span>
      {children}
    </Link>
  );
}
