import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { getMovement } from "@/lib/movements/queries";
import { casesForMovement } from "@/lib/cases/queries";
import { orNotFound } from "@/lib/http/not-found";
import { MovementDetailView, changeNotice } from "@/components/movements/MovementDetailView";
import { BackLink } from "@/components/ui/BackLink";

export const metadata: Metadata = { title: "Record movement" };

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("pcse");
  const { reference } = await params;
  const movement = await orNotFound(getMovement(db, actor, reference));
  const cases = await casesForMovement(db, actor, movement.reference);
  return (
    <>
      <BackLink href="/pcse">Back to search</BackLink>
      <MovementDetailView movement={movement} notice={changeNotice((await searchParams).changed)} cases={cases} />
    </>
  );
}
