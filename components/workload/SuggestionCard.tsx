"use client";
// One suggested entry: accept as offered, change the minutes, grade or cause and accept, or dismiss, in one step.
// The card answers in place once decided.
import Link from "@/components/ui/Link";
import { useActionState } from "react";
import type { StaffGrade, WorkloadCause } from "@/lib/db/generated/enums";
import { decideSuggestionAction, type SuggestionState } from "@/lib/workload/actions";
import { CAUSE_LABELS, GRADE_LABELS, STAFF_GRADES, WORKLOAD_CAUSES, formatMinutes } from "@/lib/workload/schemas";
import { ErrorMessage, describedBy, inputClass } from "@/components/ui/Field";

export type SuggestionCardData = { id: string; summary: string; taskName: string; quantity: number; perItem: number; suggestedMinutes: number; recorded: boolean; grade: StaffGrade | null; cause: WorkloadCause; date: string };

export function SuggestionCard({ suggestion: s, defaultGrade }: { suggestion: SuggestionCardData; defaultGrade: StaffGrade }) {
  const [state, action, pending] = useActionState<SuggestionState, FormData>(decideSuggestionAction, { status: "idle" });
  const id = (name: string) => `${name}-${s.id}`;
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  if (state.done) {
    return (
      <div role="status" className="border-l-4 border-nhs-green bg-white p-3">
        {state.done === "accept" ? (
          <p>
            <strong>Logged:</strong> {s.taskName}, {formatMinutes(state.minutes ?? s.suggestedMinutes)}. <Link href="/practice/workload/entries">See your entries</Link>
          </p>
        ) : (
          <p>
            <strong>Dismissed:</strong> {s.summary}. It will not be suggested again.
          </p>
        )}
      </div>
    );
  }
  const formError = state.formError ?? state.fieldErrors?.form?.[0] ?? state.fieldErrors?.suggestionId?.[0];
  return (
    <form action={action} noValidate className="border border-nhs-grey-4 bg-white p-3" aria-labelledby={id("summary")}>
      <input type="hidden" name="suggestionId" value={s.id} />
      <p id={id("summary")} className="font-bold">
        {s.summary}
      </p>
      <p className="mb-2 text-nhs-small text-nhs-secondary">
        {s.taskName}
        {s.recorded ? `: ${formatMinutes(s.suggestedMinutes)}, the minutes recorded with ${s.quantity > 1 ? "the reviews" : "the review"}` : `${s.quantity > 1 ? `: ${s.quantity} × ${s.perItem} min` : ""} = ${formatMinutes(s.suggestedMinutes)} suggested`}
      </p>
      {formError ? (
        <p role="alert" className="font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {formError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-4">
        <div className={err("minutes") ? "border-l-4 border-nhs-red pl-2" : ""}>
          <label htmlFor={id("minutes")} className="block font-bold">
            Minutes
          </label>
          {err("minutes") ? <ErrorMessage id={`${id("minutes")}-error`}>{err("minutes")}</ErrorMessage> : null}
          <input id={id("minutes")} name="minutes" inputMode="numeric" maxLength={5} defaultValue={state.values?.minutes ?? String(s.suggestedMinutes)} aria-describedby={describedBy(id("minutes"), { error: err("minutes") })} className={`${inputClass(err("minutes"))} w-24`} />
        </div>
        <div className="min-w-0 max-w-full">
          <label htmlFor={id("grade")} className="block font-bold">
            Grade of who did it
          </label>
          <select id={id("grade")} name="grade" defaultValue={state.values?.grade ?? s.grade ?? defaultGrade} className={inputClass(err("grade"))}>
            {STAFF_GRADES.map((g) => (
              <option key={g} value={g}>
                {GRADE_LABELS[g]}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 max-w-full">
          <label htmlFor={id("cause")} className="block font-bold">
            Caused by
          </label>
          <select id={id("cause")} name="cause" defaultValue={state.values?.cause ?? s.cause} className={inputClass(err("cause"))}>
            {WORKLOAD_CAUSES.map((c) => (
              <option key={c} value={c}>
                {CAUSE_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-3">
          <button type="submit" name="decision" value="accept" disabled={pending} className="mb-1 rounded bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-60">
            Accept<span className="sr-only">: {s.summary}</span>
          </button>
          <button type="submit" name="decision" value="dismiss" disabled={pending} className="mb-1 rounded border border-nhs-grey-3 bg-white px-4 py-2 font-bold text-nhs-text shadow-[0_4px_0_#4c6272] disabled:opacity-60">
            Dismiss<span className="sr-only">: {s.summary}</span>
          </button>
        </div>
      </div>
    </form>
  );
}
