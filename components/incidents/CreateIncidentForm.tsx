"use client";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { createIncidentAction } from "@/lib/incidents/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { INCIDENT_CATEGORY_LABELS } from "@/lib/incidents/rules";
import { PAYMENT_SCHEME_LABELS } from "@/lib/incidents/payment";

const FIELDS = ["title", "category", "responsibleOrganisation", "discoveredOn", "reviewsDueDate", "paymentScheme", "flatAmount", "perItemAmount"] as const;

export function CreateIncidentForm({ bandsText }: { bandsText: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createIncidentAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  // Submitted through the action by hand: React resets a form after its action, which would uncheck the radio
  // buttons this form controls while their state (and the fields they reveal) stayed. Without JavaScript the form
  // posts to the same action.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const [scheme, setScheme] = useState(state.values?.paymentScheme ?? "BANDED");
  const errors = [...(state.formError ? [{ field: "title", message: state.formError }] : []), ...FIELDS.flatMap((f) => (err(f) ? [{ field: f === "category" || f === "paymentScheme" ? `${f}-${f === "category" ? "RECORDS_ARCHIVED_IN_ERROR" : "NONE"}` : f, message: err(f)! }] : []))];
  const v = (k: string, d = "") => state.values?.[k] ?? d;
  return (
    <form action={action} onSubmit={submit} noValidate className="max-w-2xl">
      <ErrorSummary errors={errors} />
      <Field id="title" label="Title" hint="What happened, in a few words (no patient details)" error={err("title")}>
        <input id="title" name="title" defaultValue={v("title")} maxLength={200} aria-describedby={describedBy("title", { hint: true, error: err("title") })} className={`${inputClass(err("title"))} w-full`} />
      </Field>
      <fieldset className={`mb-6 ${err("category") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={err("category") ? "category-error" : undefined}>
        <legend className="font-bold">Kind of incident</legend>
        {err("category") ? <ErrorMessage id="category-error">{err("category")}</ErrorMessage> : null}
        {Object.entries(INCIDENT_CATEGORY_LABELS).map(([value, label]) => (
          <div key={value} className="mt-2 flex items-center gap-3">
            <input type="radio" id={`category-${value}`} name="category" value={value} defaultChecked={v("category", "RECORDS_ARCHIVED_IN_ERROR") === value} className="h-6 w-6 accent-nhs-blue" />
            <label htmlFor={`category-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <Field id="responsibleOrganisation" label="Organisation responsible" hint="For example the storage contractor that held the records" error={err("responsibleOrganisation")}>
        <input id="responsibleOrganisation" name="responsibleOrganisation" defaultValue={v("responsibleOrganisation")} maxLength={200} aria-describedby={describedBy("responsibleOrganisation", { hint: true, error: err("responsibleOrganisation") })} className={`${inputClass(err("responsibleOrganisation"))} w-full`} />
      </Field>
      <Field id="discoveredOn" label="Date discovered" error={err("discoveredOn")}>
        <input id="discoveredOn" name="discoveredOn" type="date" defaultValue={v("discoveredOn")} aria-describedby={describedBy("discoveredOn", { error: err("discoveredOn") })} className={inputClass(err("discoveredOn"))} />
      </Field>
      <Field id="reviewsDueDate" label="Reviews due by" hint="The date practices must sign their returns by" error={err("reviewsDueDate")}>
        <input id="reviewsDueDate" name="reviewsDueDate" type="date" defaultValue={v("reviewsDueDate")} aria-describedby={describedBy("reviewsDueDate", { hint: true, error: err("reviewsDueDate") })} className={inputClass(err("reviewsDueDate"))} />
      </Field>
      <fieldset className={`mb-6 ${err("paymentScheme") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby="paymentScheme-hint">
        <legend className="font-bold">How practices are paid for their reviews</legend>
        <p id="paymentScheme-hint" className="text-nhs-secondary">Paid when the practice manager signs the practice&apos;s return.</p>
        {err("paymentScheme") ? <ErrorMessage id="paymentScheme-error">{err("paymentScheme")}</ErrorMessage> : null}
        {Object.entries(PAYMENT_SCHEME_LABELS).map(([value, label]) => (
          <div key={value} className="mt-2">
            <div className="flex items-center gap-3">
              <input type="radio" id={`paymentScheme-${value}`} name="paymentScheme" value={value} checked={scheme === value} onChange={() => setScheme(value)} className="h-6 w-6 accent-nhs-blue" />
              <label htmlFor={`paymentScheme-${value}`}>{label}</label>
            </div>
            {value === "BANDED" && scheme === "BANDED" ? <p className="ml-9 text-nhs-secondary">{bandsText}</p> : null}
            {value === "FLAT_PER_PRACTICE" && scheme === value ? (
              <div className="ml-9 mt-2">
                <Field id="flatAmount" label="Amount per practice (£)" error={err("flatAmount")}>
                  <input id="flatAmount" name="flatAmount" inputMode="decimal" defaultValue={v("flatAmount")} aria-describedby={describedBy("flatAmount", { error: err("flatAmount") })} className={`${inputClass(err("flatAmount"))} w-32`} />
                </Field>
              </div>
            ) : null}
            {value === "PER_ITEM" && scheme === value ? (
              <div className="ml-9 mt-2">
                <Field id="perItemAmount" label="Amount per patient (£)" error={err("perItemAmount")}>
                  <input id="perItemAmount" name="perItemAmount" inputMode="decimal" defaultValue={v("perItemAmount")} aria-describedby={describedBy("perItemAmount", { error: err("perItemAmount") })} className={`${inputClass(err("perItemAmount"))} w-32`} />
                </Field>
              </div>
            ) : null}
          </div>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>Create incident</Button>
    </form>
  );
}
