"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action-result";
import { withdrawWorkloadEntryAction } from "@/lib/workload/actions";
import { Button } from "@/components/ui/Button";

/** Withdraw an entry made in error: kept with its history, left out of totals and packs. */
export function WithdrawEntryForm({ entryId }: { entryId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(withdrawWorkloadEntryAction, { status: "idle" });
  const message = state.formError ?? state.fieldErrors?.form?.[0];
  return (
    <form action={action} className="mt-6">
      <input type="hidden" name="entryId" value={entryId} />
      {message ? (
        <p role="alert" className="font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {message}
        </p>
      ) : null}
      <Button type="submit" variant="reverse" disabled={pending}>
        Withdraw this entry
      </Button>
    </form>
  );
}
