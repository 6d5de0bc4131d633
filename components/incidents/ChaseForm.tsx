"use client";
import { useActionState } from "react";
import { chasePracticesAction } from "@/lib/incidents/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Button } from "@/components/ui/Button";

/** Chase every practice that has not started (one button), with a count so the supervisor knows what it sends. */
export function ChaseForm({ reference, notStarted }: { reference: string; notStarted: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(chasePracticesAction, { status: "idle" });
  const errors = [...(state.formError ? [{ field: "chase", message: state.formError }] : []), ...Object.values(state.fieldErrors ?? {}).flat().map((m) => ({ field: "chase", message: m }))];
  return (
    <form action={action} className="mb-6">
      <ErrorSummary errors={errors} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="scope" value="not-started" />
      <Button id="chase" type="submit" variant="secondary" disabled={pending || notStarted === 0}>
        Chase the {notStarted.toLocaleString("en-GB")} {notStarted === 1 ? "practice" : "practices"} not started
      </Button>
    </form>
  );
}
