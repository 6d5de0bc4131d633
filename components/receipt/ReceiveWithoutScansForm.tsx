"use client";
import { useActionState } from "react";
import { receiveWithoutScansAction } from "@/lib/receipt/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

const WAYS = [
  { value: "BY_HAND", label: "Brought by hand (by the sending practice, a patient or a relative)" },
  { value: "OTHER_COURIER", label: "Another courier or post" },
  { value: "NO_SCANS", label: "The usual courier, but it was never scanned" },
];

/** For a record that reached the receiver before any courier scan: say how, and PCSE is told. */
export function ReceiveWithoutScansForm({ reference }: { reference: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(receiveWithoutScansAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [
    ...(state.formError ? [{ field: "how-BY_HAND", message: state.formError }] : []),
    ...(err("how") ? [{ field: "how-BY_HAND", message: err("how")! }] : []),
    ...(err("note") ? [{ field: "note", message: err("note")! }] : []),
  ];
  return (
    <details className="mb-2 w-full" open={errors.length > 0}>
      <summary className="cursor-pointer font-bold text-nhs-blue underline">It arrived without courier scans</summary>
      <form action={action} noValidate className="mt-4 max-w-2xl">
        <ErrorSummary errors={errors} />
        <p className="mb-4">The courier has not scanned this record yet. If it has reached you another way, confirm it here: PCSE is told, so they can account for it.</p>
        <input type="hidden" name="reference" value={reference} />
        <div className={`mb-6 ${err("how") ? "border-l-4 border-nhs-red pl-4" : ""}`}>
          <fieldset aria-describedby={err("how") ? "how-error" : undefined}>
            <legend className="font-bold">How did it arrive?</legend>
            {err("how") ? <ErrorMessage id="how-error">{err("how")}</ErrorMessage> : null}
            {WAYS.map((w) => (
              <Choice key={w.value} className="mt-2" type="radio" id={`how-${w.value}`} name="how" value={w.value} defaultChecked={state.values?.how === w.value} label={w.label} />
            ))}
          </fieldset>
        </div>
        <Field id="note" label="Who brought it, or what happened" error={err("note")}>
          <textarea id="note" name="note" rows={2} defaultValue={state.values?.note} aria-describedby={describedBy("note", { error: err("note") })} className={`${inputClass(err("note"))} w-full`} />
        </Field>
        <Button type="submit" disabled={pending}>Confirm it has arrived</Button>
      </form>
    </details>
  );
}
