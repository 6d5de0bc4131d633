"use client";
import { useActionState } from "react";
import { markReadyAction, type ReadyState } from "@/lib/collections/actions";

/** Marks one or more movements ready for collection; reports what could not be marked and why. */
export function MarkReadyButton({ references, label = "Mark ready for collection" }: { references: string[]; label?: string }) {
  const [state, action, pending] = useActionState<ReadyState, FormData>(markReadyAction, { status: "idle" });
  const r = state.result;
  return (
    <form action={action}>
      {references.map((ref) => (
        <input key={ref} type="hidden" name="references" value={ref} />
      ))}
      <button type="submit" disabled={pending} className="rounded bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e]">
        {label}
      </button>
      <div role="status" aria-live="polite">
        {r && r.ready.length ? <p className="mt-2">Ready for collection: {r.ready.join(", ")}.</p> : null}
        {r && r.problems.length ? <p className="mt-2 font-bold text-nhs-red">Not marked: {r.problems.map((p) => `${p.reference} (${p.reason})`).join("; ")}.</p> : null}
        {state.formError ? <p className="mt-2 font-bold text-nhs-red">{state.formError}</p> : null}
      </div>
    </form>
  );
}
