import Link from "@/components/ui/Link";
import type { StaffGrade } from "@/lib/db/generated/enums";
import { SuggestionCard, type SuggestionCardData } from "@/components/workload/SuggestionCard";

/** The work the signed-in person's last actions imply, offered to log. Nothing when there is none. */
export function WorkloadSuggestions({ data }: { data: { suggestions: SuggestionCardData[]; total: number; defaultGrade: StaffGrade } | null }) {
  if (!data || data.suggestions.length === 0) return null;
  return (
    <section aria-labelledby="workload-suggestions" className="mb-8 border-l-8 border-nhs-blue bg-nhs-grey-5 p-4">
      <h2 id="workload-suggestions" className="text-nhs-m">
        Log the time this took
      </h2>
      <p className="mb-4">
        Suggested from what you did, with the usual minutes for each task (or the minutes you recorded, for a harm review). Accept it, change the minutes first, or dismiss it. The practice uses this log to claim the extra work
        the records service causes.
      </p>
      <ul className="space-y-3">
        {data.suggestions.map((s) => (
          <li key={s.id}>
            <SuggestionCard suggestion={s} defaultGrade={data.defaultGrade} />
          </li>
        ))}
      </ul>
      {data.total > data.suggestions.length ? (
        <p className="mt-3">
          {data.total - data.suggestions.length} more waiting: <Link href="/practice/workload/entries">see them all</Link>.
        </p>
      ) : null}
    </section>
  );
}
