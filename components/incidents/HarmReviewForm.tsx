"use client";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { recordHarmReviewAction } from "@/lib/incidents/actions";
import type { ActionState } from "@/lib/http/action-result";
import type { ReviewView } from "@/lib/incidents/queries";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { HARM_LEVEL_LABELS, HARM_OUTCOME_LABELS, REVIEWER_ROLE_LABELS } from "@/lib/incidents/rules";

const ORDER = ["outcome", "harmLevel", "harmDescription", "patientInformed", "patientInformedOn", "actionsTaken", "reviewerRole", "minutesSpent"] as const;
const FIRST_OPTION: Record<string, string> = { outcome: "outcome-NO_HARM", harmLevel: "harmLevel-LOW", patientInformed: "patientInformed-yes", reviewerRole: "reviewerRole" };

function Radios({ name, legend, hint, options, value, onChange, error }: { name: string; legend: string; hint?: string; options: [string, string][]; value: string; onChange?: (v: string) => void; error?: string }) {
  return (
    <fieldset className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={[hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined}>
      <legend className="font-bold">{legend}</legend>
      {hint ? <p id={`${name}-hint`} className="text-nhs-secondary">{hint}</p> : null}
      {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
      {options.map(([v, label]) => (
        <div key={v} className="mt-2 flex items-center gap-3">
          <input type="radio" id={`${name}-${v}`} name={name} value={v} checked={value === v} onChange={() => onChange?.(v)} className="h-6 w-6 accent-nhs-blue" />
          <label htmlFor={`${name}-${v}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function HarmReviewForm({ reference, itemId, review }: { reference: string; itemId: string; review: ReviewView | null }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(recordHarmReviewAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  // Submitted through the action by hand: React resets a form after its action, which would uncheck the radio
  // buttons this form controls while their state (and the fields they reveal) stayed. Without JavaScript the form
  // posts to the same action.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const v = (k: string, d: string) => state.values?.[k] ?? d;
  const [outcome, setOutcome] = useState(v("outcome", review?.outcome ?? ""));
  const [level, setLevel] = useState(v("harmLevel", review?.harmLevel ?? ""));
  const [informed, setInformed] = useState(v("patientInformed", review ? (review.patientInformed ? "yes" : "no") : "no"));
  const errors = [...(state.formError ? [{ field: "outcome-NO_HARM", message: state.formError }] : []), ...ORDER.flatMap((f) => (err(f) ? [{ field: FIRST_OPTION[f] ?? f, message: err(f)! }] : [])), ...(err("form") && !state.formError ? [{ field: "outcome-NO_HARM", message: err("form")! }] : [])];
  return (
    <form action={action} onSubmit={submit} noValidate className="max-w-2xl">
      <ErrorSummary errors={errors} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="itemId" value={itemId} />
      <Radios name="outcome" legend="Outcome of the review" options={Object.entries(HARM_OUTCOME_LABELS)} value={outcome} onChange={setOutcome} error={err("outcome")} hint="Anything other than no harm must be recorded by a clinician." />
      {outcome === "HARM_IDENTIFIED" ? (
        <>
          <Radios name="harmLevel" legend="Level of harm" hint="As in the NHS's patient safety reporting (LFPSE)." options={Object.entries(HARM_LEVEL_LABELS)} value={level} onChange={setLevel} error={err("harmLevel")} />
        </>
      ) : (
        <input type="hidden" name="harmLevel" value="" />
      )}
      {outcome && outcome !== "NO_HARM" ? (
        <Field id="harmDescription" label="What harm was found, or might have been" hint="Seen only by your practice and PCSE" error={err("harmDescription")}>
          <textarea id="harmDescription" name="harmDescription" rows={4} maxLength={2000} defaultValue={v("harmDescription", review?.harmDescription ?? "")} aria-describedby={describedBy("harmDescription", { hint: true, error: err("harmDescription") })} className={`${inputClass(err("harmDescription"))} w-full`} />
        </Field>
      ) : null}
      <Radios name="patientInformed" legend="Has the patient been told? (duty of candour)" hint="Required before the return is signed when harm is moderate, severe or death (the family, after a death)." options={[["yes", "Yes"], ["no", "Not yet, or not needed"]]} value={informed} onChange={setInformed} error={err("patientInformed")} />
      {informed === "yes" ? (
        <Field id="patientInformedOn" label="Date the patient was told" error={err("patientInformedOn")}>
          <input id="patientInformedOn" name="patientInformedOn" type="date" defaultValue={v("patientInformedOn", review?.patientInformedOn ?? "")} aria-describedby={describedBy("patientInformedOn", { error: err("patientInformedOn") })} className={inputClass(err("patientInformedOn"))} />
        </Field>
      ) : null}
      <Field id="actionsTaken" label="Actions taken (optional)" hint="For example a recall, a referral, a report to NHS England. Seen only by your practice and PCSE" error={err("actionsTaken")}>
        <textarea id="actionsTaken" name="actionsTaken" rows={3} maxLength={2000} defaultValue={v("actionsTaken", review?.actionsTaken ?? "")} aria-describedby={describedBy("actionsTaken", { hint: true, error: err("actionsTaken") })} className={`${inputClass(err("actionsTaken"))} w-full`} />
      </Field>
      <Field id="reviewerRole" label="Reviewer's role" error={err("reviewerRole")}>
        <select id="reviewerRole" name="reviewerRole" defaultValue={v("reviewerRole", review?.reviewerRole ?? "GP")} aria-describedby={describedBy("reviewerRole", { error: err("reviewerRole") })} className={inputClass(err("reviewerRole"))}>
          {Object.entries(REVIEWER_ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </Field>
      <Field id="minutesSpent" label="Minutes spent on this review" hint="Recorded as your practice's workload for this incident" error={err("minutesSpent")}>
        <input id="minutesSpent" name="minutesSpent" inputMode="numeric" maxLength={3} defaultValue={v("minutesSpent", review ? String(review.minutesSpent) : "")} aria-describedby={describedBy("minutesSpent", { hint: true, error: err("minutesSpent") })} className={`${inputClass(err("minutesSpent"))} w-24`} />
      </Field>
      <Button type="submit" disabled={pending}>{review ? "Save changes to the review" : "Save review"}</Button>
    </form>
  );
}
