import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPracticeIncidents } from "@/lib/incidents/queries";
import { INCIDENT_CATEGORY_LABELS } from "@/lib/incidents/rules";
import { formatCalendarDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Incidents" };

export default async function Page() {
  const actor = await requireAudience("practice");
  const incidents = await listPracticeIncidents(db, actor);
  return (
    <>
      <h1>Incidents</h1>
      <p className="mb-6">Incidents that affected patients now registered with your practice. Review each patient for harm, then the practice manager signs your return.</p>
      {incidents.length === 0 ? (
        <p className="border-l-4 border-nhs-blue bg-white p-4">No incident affects your practice&apos;s patients.</p>
      ) : (
        <ul className="space-y-4">
          {incidents.map((i) => (
            <li key={i.reference} className="border-l-4 border-nhs-blue bg-white p-4">
              <h2 className="text-nhs-m">
                <Link href={`/practice/incidents/${i.reference}`}>{i.title}</Link>
              </h2>
              <p>
                {i.reference} · {INCIDENT_CATEGORY_LABELS[i.category]} · reviews due {formatCalendarDate(i.reviewsDueDate)}
              </p>
              <p>
                {formatNumber(i.items)} {i.items === 1 ? "patient" : "patients"} ({formatNumber(i.high)} high priority), {formatNumber(i.reviewed)} reviewed.{" "}
                {i.signed ? <strong>Return signed.</strong> : <strong>Return not signed yet.</strong>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
