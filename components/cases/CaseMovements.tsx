import Link from "next/link";
import type { CaseMovementView } from "@/lib/cases/queries";
import type { MovementStatus, TrackingEventType, TrackingSource } from "@/lib/db/generated/enums";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate } from "@/lib/format";
import { MOVEMENT_ROLE_LABELS } from "@/lib/cases/labels";
import { StatusTag } from "@/components/ui/StatusTag";
import { MovementTimeline } from "@/components/movements/MovementTimeline";

/** The record movements a case concerns, each with its patient (as its sender recorded them), route and timeline. */
export function CaseMovements({ movements, basePath }: { movements: CaseMovementView[]; basePath: "/pcse/movements" | "/practice/movements" }) {
  if (movements.length === 0) return null;
  return (
    <section aria-labelledby="case-movements-heading" className="mb-8">
      <h2 id="case-movements-heading">Record {movements.length === 1 ? "movement" : "movements"}</h2>
      <ul className="space-y-4">
        {movements.map((m) => (
          <li key={m.reference} className="border-l-4 border-nhs-blue bg-white p-4">
            <p className="text-nhs-small text-nhs-secondary">{MOVEMENT_ROLE_LABELS[m.role]}</p>
            <p className="mb-2 flex flex-wrap items-center gap-3">
              <Link href={`${basePath}/${m.reference}`} className="text-nhs-s font-bold">
                {m.reference}
              </Link>
              <StatusTag status={m.status as MovementStatus} />
            </p>
            <p>
              {m.patientName}, NHS number {formatNhsNumber(m.nhsNumber)}, born {formatCalendarDate(m.dateOfBirth)}
            </p>
            <p>
              From {m.from.name} ({m.from.odsCode}) to {m.to.name} ({m.to.odsCode})
            </p>
            <p className="text-nhs-small">
              {m.bagCount} {m.bagCount === 1 ? "bag" : "bags"}, due {formatCalendarDate(m.dueDate)}
            </p>
            <details className="mt-2">
              <summary className="cursor-pointer font-bold text-nhs-blue underline">Tracking history ({m.events.length})</summary>
              <div className="mt-4">
                <MovementTimeline events={m.events.map((e) => ({ ...e, type: e.type as TrackingEventType, source: e.source as TrackingSource, signedBy: null }))} />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
