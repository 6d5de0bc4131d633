"use client";
// A claim to NHS England from one of the practice's signed evidence packs.
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action-result";
import { submitClaimAction } from "@/lib/claims/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

export function SubmitClaimForm({ packs }: { packs: { reference: string; label: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submitClaimAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [...(state.formError ? [{ field: "pack", message: state.formError }] : []), ...["pack", "summary"].filter((f) => err(f)).map((f) => ({ field: f, message: err(f)! }))];
  return (
    <form action={action} noValidate className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <Field id="pack" label="Evidence pack" hint="The claim is for the pack's total cost" error={err("pack")}>
        <select id="pack" name="pack" defaultValue={state.values?.pack ?? packs[0]?.reference} aria-describedby={describedBy("pack", { hint: true, error: err("pack") })} className={inputClass(err("pack"))}>
          {packs.map((p) => (
            <option key={p.reference} value={p.reference}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="summary" label="What the claim is for" hint="The failures that caused the work, in a few sentences. No patient's details." error={err("summary")}>
        <textarea id="summary" name="summary" rows={4} maxLength={1000} defaultValue={state.values?.summary ?? ""} aria-describedby={describedBy("summary", { hint: true, error: err("summary") })} className={`${inputClass(err("summary"))} w-full`} />
      </Field>
      <Button type="submit" disabled={pending}>
        Submit the claim to NHS England
      </Button>
    </form>
  );
}
