"use client";
import { useActionState } from "react";
import { voidAndReissueLabelAction, type VoidLabelState } from "@/lib/labels/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage } from "@/components/ui/Field";
import { Choice } from "@/components/ui/Choice";

const REASONS = [
  ["LOST", "Lost"],
  ["DAMAGED", "Damaged"],
  ["WRONG", "Wrong (details or bag)"],
] as const;

export function VoidLabelForm({ liveBarcodes }: { liveBarcodes: string[] }) {
  const [state, action, pending] = useActionState<VoidLabelState, FormData>(voidAndReissueLabelAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [
    ...(state.formError ? [{ field: "void-barcode", message: state.formError }] : []),
    ...(err("barcode") ? [{ field: "void-barcode", message: err("barcode")! }] : []),
    ...(err("reason") ? [{ field: "void-reason-LOST", message: err("reason")! }] : []),
    ...(err("note") ? [{ field: "void-note", message: err("note")! }] : []),
  ];
  if (liveBarcodes.length === 0) return null;
  return (
    <details className="mt-4 border border-nhs-grey-4 bg-white p-4">
      <summary className="cursor-pointer font-bold text-nhs-blue underline">Void and reissue a label</summary>
      <form action={action} className="mt-4" noValidate>
        <ErrorSummary errors={errors} />
        {state.reissued ? (
          <p role="status" className="mb-4 border-l-4 border-nhs-green bg-white p-3">
            Label {state.voided} is void. The new label is <strong>{state.reissued}</strong>: print it and put it on the bag.
          </p>
        ) : null}
        <div className="mb-4">
          <label htmlFor="void-barcode" className="block font-bold">
            Label
          </label>
          <select id="void-barcode" name="barcode" className="mt-1 block max-w-full border-2 border-nhs-text bg-white p-2">
            {liveBarcodes.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="mb-4" aria-describedby={err("reason") ? "void-reason-error" : undefined}>
          <legend className="font-bold">Why is it being replaced?</legend>
          {err("reason") ? <ErrorMessage id="void-reason-error">{err("reason")}</ErrorMessage> : null}
          <div className="mt-2 flex flex-wrap gap-6">
            {REASONS.map(([value, text]) => (
              <Choice key={value} type="radio" id={`void-reason-${value}`} name="reason" value={value} label={text} />
            ))}
          </div>
        </fieldset>
        <div className="mb-4">
          <label htmlFor="void-note" className="block font-bold">
            Note (optional)
          </label>
          <input id="void-note" name="note" maxLength={500} className="mt-1 block w-full max-w-xl border-2 border-nhs-text p-2" />
        </div>
        <button type="submit" disabled={pending} className="rounded bg-nhs-red px-4 py-2 font-bold text-white shadow-[0_4px_0_#6b140e]">
          Void label and make a new one
        </button>
      </form>
    </details>
  );
}
