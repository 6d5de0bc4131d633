"use client";
import { useActionState } from "react";
import { signPracticeReturnAction } from "@/lib/incidents/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

export function SignReturnForm({ reference, nilReturn, payment, items }: { reference: string; nilReturn: boolean; payment: string; items: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(signPracticeReturnAction, { status: "idle" });
  const messages = [...(state.formError ? [state.formError] : []), ...Object.entries(state.fieldErrors ?? {}).filter(([k]) => k !== "declaration").flatMap(([, m]) => m)];
  const declarationError = state.fieldErrors?.declaration?.[0];
  const errors = [...messages.map((m) => ({ field: "declaration", message: m })), ...(declarationError ? [{ field: "declaration", message: declarationError }] : [])];
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="reference" value={reference} />
      <div className={`mb-6 ${declarationError ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        {declarationError ? <ErrorMessage id="declaration-error">{declarationError}</ErrorMessage> : null}
        <div className="flex items-start gap-3">
          <input type="checkbox" id="declaration" name="declaration" value="on" aria-describedby={declarationError ? "declaration-error" : undefined} className="mt-1 h-6 w-6 shrink-0 accent-nhs-blue" />
          <label htmlFor="declaration">
            I confirm that each of the {items.toLocaleString("en-GB")} patients has been reviewed for harm{nilReturn ? " and none came to harm (a nil return)" : ", that patients who came to harm have been told where the duty of candour applies"}, and that this return is accurate. It may be audited.
          </label>
        </div>
      </div>
      <Button type="submit" disabled={pending}>Sign the return{payment ? ` (${payment})` : ""}</Button>
    </form>
  );
}
