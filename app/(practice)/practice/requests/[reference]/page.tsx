import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/not-found";
import { getUrgentRequest } from "@/lib/urgent/queries";
import { BackLink } from "@/components/ui/BackLink";
import { UrgentRequestView } from "@/components/urgent/UrgentRequestView";

export const metadata: Metadata = { title: "Urgent request" };

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const { reference } = await params;
  const query = await searchParams;
  const r = await orNotFound(getUrgentRequest(db, actor, reference));
  const movement = typeof query.movement === "string" && /^RM-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(query.movement) ? query.movement : null;
  const notice = query.made === "1" ? "made" : typeof query.done === "string" ? query.done : null;
  return (
    <>
      <BackLink href="/practice/requests">Back to urgent requests</BackLink>
      <UrgentRequestView r={r} side="practice" notice={notice} movement={movement} />
    </>
  );
}
