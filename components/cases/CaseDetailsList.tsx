import { SERVICE_AREA_FIELD_LABELS } from "@/lib/cases/schemas";
import { formatCalendarDate } from "@/lib/format";
import { SERVICE_AREA_OPTION_LABELS } from "@/lib/cases/service-area-form";

function shown(key: string, value: unknown): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatCalendarDate(value);
  if (typeof value === "string") return SERVICE_AREA_OPTION_LABELS[key]?.[value] ?? value;
  if (value === null || value === undefined) return "Not given";
  return String(value);
}

/** What a practice told PCSE about a failure in one of its other services (the area's fields). */
export function CaseDetailsList({ details }: { details: Record<string, unknown> | null }) {
  const entries = Object.entries(details ?? {}).filter(([key]) => key in SERVICE_AREA_FIELD_LABELS);
  if (entries.length === 0) return null;
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-bold">{SERVICE_AREA_FIELD_LABELS[key]}</dt>
          <dd className="mb-2 sm:mb-0">{shown(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
