import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { sendingSites } from "@/lib/organisations/queries";
import { SendRecordForm } from "@/components/movements/SendRecordForm";
import { BackLink } from "@/components/ui/BackLink";

export const metadata: Metadata = { title: "Send a record" };

export default async function SendRecordPage() {
  const actor = await requireAudience("practice");
  const sites = await sendingSites(db, actor);
  return (
    <div className="max-w-3xl">
      <BackLink href="/practice">Back to overview</BackLink>
      <h1>Send a record</h1>
      <SendRecordForm sites={sites} />
    </div>
  );
}
