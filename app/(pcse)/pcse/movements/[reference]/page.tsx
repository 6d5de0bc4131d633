import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { getMovement } from "@/lib/movements/queries";
import { NotFoundError } from "@/lib/errors";
import { MovementDetailView } from "@/components/movements/MovementDetailView";
import { BackLink } from "@/components/ui/BackLink";

export const metadata: Metadata = { title: "Record movement" };

export default async function Page({ params }: { params: Promise<{ reference: string }> }) {
  const actor = await requireAudience("pcse");
  const { reference } = await params;
  const movement = await getMovement(db, actor, reference).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <BackLink href="/pcse">Back to search</BackLink>
      <MovementDetailView movement={movement} />
    </>
  );
}
