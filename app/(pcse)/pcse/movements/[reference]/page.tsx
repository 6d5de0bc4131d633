import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { getMovement } from "@/lib/movements/queries";
import { casesForMovement } from "@/lib/cases/queries";
import { orNotFound } from "@/lib/http/not-found";
import { MovementDetailView } from "@/components/movements/MovementDetailView";
import { BackLink } from "@/components/ui/BackLink";

export const metadata: Metadata = { title: "Record movement" };

export default async function Page({ params }: { params: Promise<{ reference: string }> }) {
  const actor = await requireAudience("pcse");
  const { reference } = await params;
  const movement = await orNotFound(getMovement(db, actor, reference));
  const cases = await casesForMovement(db, actor, movement.reference);
  return (
    <>
      <BackLink href="/pcse">Back to search</BackLink>
      <MovementDetailView movement={movement} cases={cases} />
    </>
  );
}
