"use client";
import { useActionState } from "react";
import { receiveMovementAction } from "@/lib/receipt/actions";
import type { ActionState } from "@/lib/http/action-result";

export function ConfirmReceivedButton({ reference, compact = false }: { reference: string; compact?: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(receiveMovementAction, { status: "idle" });
  return (
    <form action={action}>
      <input type="hidden" name="reference" value={reference} />
      <button type="submit" disabled={pending} className={`rounded bg-nhs-green font-bold text-white shadow-[0_4px_0_#00401e] ${compact ? "px-2 py-1 text-nhs-small" : "px-4 py-2"}`}>
        {compact ? (
          <>
            Confirm received<span className="sr-only"> {reference}</span>
          </>
        ) : (
          "Confirm the record has arrived"
        )}
      </button>
      {state.formError ? (
        <p role="alert" className="mt-2 font-bold text-nhs-red">
          {state.formError}
        </p>
      ) : null}
    </form>
  );
}
