import type { MovementDetail } from "@/lib/movements/queries";
import { EVENT_LABELS, SOURCE_LABELS } from "@/lib/movements/labels";
import { formatDateTime } from "@/lib/format";

export function MovementTimeline({ events }: { events: MovementDetail["events"] }) {
  if (events.length === 0) return <p>No events yet.</p>;
  return (
    <ol className="relative ml-3 border-l-4 border-nhs-blue" aria-label="Tracking history, oldest first">
      {events.map((e, i) => (
        <li key={i} className="mb-6 ml-6">
          <span className="absolute -left-[0.7rem] mt-1.5 h-4 w-4 rounded-full border-4 border-nhs-blue bg-white" aria-hidden="true" />
          <p className="font-bold">{EVENT_LABELS[e.type]}</p>
          <p className="text-nhs-small">
            <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
            {e.location ? ` · ${e.location}` : ""} · {SOURCE_LABELS[e.source]}
          </p>
          {e.signedBy ? <p className="text-nhs-small">Signed for by {e.signedBy}</p> : null}
          {e.note ? <p className="text-nhs-small">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
