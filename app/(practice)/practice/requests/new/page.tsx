import type { Metadata } from "next";
import { requireAudience } from "@/lib/auth/session";
import { BackLink } from "@/components/ui/BackLink";
import { UrgentRequestForm } from "@/components/urgent/UrgentRequestForm";

export const metadata: Metadata = { title: "Request a record urgently" };

export default async function Page() {
  await requireAudience("practice");
  return (
    <>
      <BackLink href="/practice/requests">Back to urgent requests</BackLink>
      <h1>Request a record urgently</h1>
      <UrgentRequestForm />
    </>
  );
}
