import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { getMovement } from "@/lib/movements/queries";
import { casesForMovement } from "@/lib/cases/queries";
import { orNotFound } from "@/lib/http/not-found";
import { MovementDetailView, changeNotice } from "@/components/movements/MovementDetailView";
import { BackLink } from "@/components/ui/BackLink";
import { pendingSuggestions } from "@/lib/workload/queries";
import { WorkloadSuggestions } from "@/components/workload/WorkloadSuggestions";

export const metadata: Metadata = { title: "Record movement" };

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("practice");
  const { reference } = await params;
  const movement = await orNotFound(getMovement(db, actor, reference));
  const [cases, suggestions] = await Promise.all([casesForMovement(db, actor, movement.reference), pendingSuggestions(db, actor)]);
  const query = await searchParams;
  const notice = query.sent === "1" ? "sent" : query.received === "1" ? "received" : query.reported === "1" ? "reported" : changeNotice(query.changed);
  return (
    <>
      <BackLink href={movement.viewerSide === "receiver" ? "/practice/incoming" : "/practice/outgoing"}>Back to {movement.viewerSide === "receiver" ? "incoming" : "outgoing"} records</BackLink>
      <WorkloadSuggestions data={suggestions} />
      <MovementDetailView movement={movement} notice={notice} cases={cases} />
    </>
  );
}
