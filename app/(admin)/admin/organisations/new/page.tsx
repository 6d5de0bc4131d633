import type { Metadata } from "next";
import { requireAudience } from "@/lib/auth/session";
import { BranchSurgeryForm } from "@/components/admin/OrganisationForms";
import { BackLink } from "@/components/ui/BackLink";

export const metadata: Metadata = { title: "Add a branch surgery" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAudience("admin");
  const { parent } = await searchParams;
  const parentOdsCode = typeof parent === "string" && /^[A-Za-z0-9]{3,10}$/.test(parent) ? parent.toUpperCase() : undefined;
  return (
    <>
      <BackLink href={parentOdsCode ? `/admin/organisations/${parentOdsCode}` : "/admin/organisations"}>Back</BackLink>
      <h1>Add a branch surgery</h1>
      <p className="mb-6 max-w-2xl">Its staff then work for the main practice, and records can be sent from it and collected there.</p>
      <BranchSurgeryForm parentOdsCode={parentOdsCode} />
    </>
  );
}
