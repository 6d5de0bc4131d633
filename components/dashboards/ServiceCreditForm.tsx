"use client";
// Apply, dispute or waive one proposed (or disputed) service credit; a dispute or waiver needs a reason.
import { useActionState } from "react";
import { changeServiceCreditAction } from "@/lib/dashboards/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Button } from "@/components/ui/Button";

const LABELS = { APPLIED: "Apply it", DISPUTED: "Dispute it", WAIVED: "Waive it" } as const;

export function ServiceCreditForm({ creditId, month, title, next }: { creditId: string; month: string; title: string; next: ("APPLIED" | "DISPUTED" | "WAIVED")[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeServiceCreditAction, { status: "idle" });
  const id = `credit-${creditId.slice(0, 8)}`;
  const errors = [...(state.formError ? [{ field: `${id}-status`, message: state.formError }] : []), ...Object.entries(state.fieldErrors ?? {}).flatMap(([field, messages]) => (messages ?? []).map((m) => ({ field: `${id}-${field}`, message: m })))];
  return (
    <form action={action} className="mt-2">
      <ErrorSummary errors={errors} id={`${id}-errors`} />
      <input type="hidden" name="creditId" value={creditId} />
      <input type="hidden" name="month" value={month} />
      <fieldset className="mb-2">
        <legend className="font-bold">What to do with the credit for {title}</legend>
        <div id={`${id}-status`} className="flex flex-wrap gap-4">
          {next.map((s) => (
            <label key={s} className="flex min-h-10 items-center gap-2">
              <input type="radio" name="status" value={s} className="h-6 w-6" required /> {LABELS[s]}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${id}-note`} className="block font-bold">Reason (needed to dispute or waive)</label>
      <textarea id={`${id}-note`} name="note" rows={2} maxLength={1000} className="mb-2 block w-full max-w-xl border-2 border-nhs-text p-2" />
      <Button type="submit" variant="secondary" disabled={pending}>Save</Button>
    </form>
  );
}
