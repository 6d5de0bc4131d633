import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { userFormOptions } from "@/lib/users/queries";
import { CreateUserForm } from "@/components/admin/UserForms";
import { BackLink } from "@/components/ui/BackLink";

export const metadata: Metadata = { title: "Create an account" };

export default async function Page() {
  const actor = await requireAudience("admin");
  const options = await userFormOptions(db, actor);
  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      <h1>Create a PCSE or commissioner account</h1>
      <p className="mb-6 max-w-2xl">They sign in with their NHS smartcard (CIS2). Their CIS2 role then decides what they can do each time they sign in.</p>
      <CreateUserForm options={options} />
    </>
  );
}
