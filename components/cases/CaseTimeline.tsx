import type { CaseTimelineEntry } from "@/lib/cases/queries";
import { describeCaseEvent } from "@/lib/cases/labels";
import { formatDateTime } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";

/**
 * A case's timeline, oldest first. PCSE sees every entry, its internal ones marked "Internal"; a practice gets only
 * the shared ones from lib/cases/queries.ts (what PCSE has done), so nothing here decides what a practice may see.
 */
export function CaseTimeline({ entries, names = {}, label = "Case timeline, oldest first" }: { entries: CaseTimelineEntry[]; names?: Record<string, string>; label?: string }) {
  if (entries.length === 0) return <p>Nothing has happened yet.</p>;
  const nameMap = new Map(Object.entries(names));
  return (
    <ol className="relative ml-3 border-l-4 border-nhs-blue" aria-label={label}>
      {entries.map((e, i) => (
        <li key={i} className={`mb-6 ml-6 ${e.visibility === "INTERNAL" ? "border-l-4 border-nhs-warm-yellow bg-white p-3" : ""}`}>
          <span className="absolute -left-[0.7rem] mt-1.5 h-4 w-4 rounded-full border-4 border-nhs-blue bg-white" aria-hidden="true" />
          <p className="font-bold">
            {e.visibility === "INTERNAL" ? (
              <>
                <Tag tone="yellow">Internal</Tag>{" "}
              </>
            ) : null}
            {describeCaseEvent(e, nameMap)}
          </p>
          <p className="text-nhs-small">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {e.actor}
          </p>
          {e.note ? <p className="whitespace-pre-line break-words">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
