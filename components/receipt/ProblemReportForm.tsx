"use client";
import { useActionState, useState } from "react";
import { reportProblemAction } from "@/lib/receipt/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

const KINDS = [
  ["INCOMPLETE", "Incomplete", "Volumes or parts of the record are missing"],
  ["DAMAGED", "Damaged", "The record or bag is damaged"],
  ["WRONG_PATIENT", "Wrong patient", "The record is another patient's"],
] as const;

export function ProblemReportForm({ reference }: { reference: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(reportProblemAction, { status: "idle" });
  const v = state.values ?? {};
  const [kind, setKind] = useState(v.kind ?? "");
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [
    ...(state.formError ? [{ field: "kind-INCOMPLETE", message: state.formError }] : []),
    ...(err("kind") ? [{ field: "kind-INCOMPLETE", message: err("kind")! }] : []),
    ...(err("receivedNhsNumber") ? [{ field: "receivedNhsNumber", message: err("receivedNhsNumber")! }] : []),
    ...(err("note") ? [{ field: "note", message: err("note")! }] : []),
  ];
  return (
    <form action={action} noValidate key={JSON.stringify(v)}>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="reference" value={reference} />
      <fieldset className={`mb-6 ${err("kind") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={err("kind") ? "kind-error" : undefined}>
        <legend className="font-bold text-nhs-m">What is wrong with the record?</legend>
        {err("kind") ? <ErrorMessage id="kind-error">{err("kind")}</ErrorMessage> : null}
        <div className="mt-2 space-y-3">
          {KINDS.map(([value, label, hint]) => (
            <Choice key={value} type="radio" id={`kind-${value}`} name="kind" value={value} defaultChecked={v.kind === value} onChange={() => setKind(value)} label={label} hint={hint} />
          ))}
        </div>
      </fieldset>
      {kind === "WRONG_PATIENT" || v.kind === "WRONG_PATIENT" ? (
        <Field id="receivedNhsNumber" label="NHS number on the record you received" hint="So PCSE can find where this record should have gone" error={err("receivedNhsNumber")}>
          <input id="receivedNhsNumber" name="receivedNhsNumber" inputMode="numeric" maxLength={14} defaultValue={v.receivedNhsNumber} aria-describedby={describedBy("receivedNhsNumber", { hint: true, error: err("receivedNhsNumber") })} className={`${inputClass(err("receivedNhsNumber"))} w-48`} />
        </Field>
      ) : null}
      <Field id="note" label="Describe the problem (optional)" hint="Do not include clinical details" error={err("note")}>
        <textarea id="note" name="note" rows={4} maxLength={1000} defaultValue={v.note} aria-describedby={describedBy("note", { hint: true, error: err("note") })} className={`${inputClass(err("note"))} w-full max-w-xl`} />
      </Field>
      <Button type="submit" disabled={pending}>
        Report the problem
      </Button>
    </form>
  );
}
