import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { getMovement } from "@/lib/movements/queries";
import { movementCapabilities } from "@/lib/movements/capabilities";
import { orNotFound } from "@/lib/http/not-found";
import { BackLink } from "@/components/ui/BackLink";
import { ProblemReportForm } from "@/components/receipt/ProblemReportForm";

export const metadata: Metadata = { title: "Report a problem with a record" };

export default async function Page({ params }: { params: Promise<{ reference: string }> }) {
  const actor = await requireAudience("practice");
  const { reference } = await params;
  const movement = await orNotFound(getMovement(db, actor, reference));
  if (!movementCapabilities(movement).reportProblem) notFound();
  return (
    <div className="max-w-3xl">
      <BackLink href={`/practice/movements/${movement.reference}`}>Back to {movement.reference}</BackLink>
      <h1>Report a problem with {movement.patientName}&apos;s record</h1>
      <p className="mb-6">
        Movement {movement.reference} from {movement.from.name} ({movement.from.odsCode}).
      </p>
      <ProblemReportForm reference={movement.reference} />
    </div>
  );
}
