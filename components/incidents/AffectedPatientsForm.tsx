"use client";
// The practice's affected patients, high priority first. Patients not yet reviewed can be ticked and recorded as
// "no harm" together by a clinician, with a confirmation; each row links to that patient's own review.
import Link from "next/link";
import { startTransition, useActionState, type FormEvent } from "react";
import { recordNoHarmReviewsAction } from "@/lib/incidents/actions";
import type { ActionState } from "@/lib/http/action-result";
import type { AffectedPatient } from "@/lib/incidents/queries";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { CLINICAL_ROLES, HARM_LEVEL_LABELS, HARM_OUTCOME_LABELS, REVIEWER_ROLE_LABELS, delayText } from "@/lib/incidents/rules";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate } from "@/lib/format";

export function AffectedPatientsForm({ reference, patients, canEdit }: { reference: string; patients: AffectedPatient[]; canEdit: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(recordNoHarmReviewsAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  // Submitted through the action by hand: React resets a form after its action, which would untick every patient
  // when, say, the confirmation was missing. Without JavaScript the form posts to the same action.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const first = patients.find((p) => !p.outcome);
  const errors = [
    ...(state.formError ? [{ field: first ? `item-${first.itemId}` : "reviewerRole", message: state.formError }] : []),
    ...(err("itemIds") ? [{ field: first ? `item-${first.itemId}` : "reviewerRole", message: err("itemIds")! }] : []),
    ...(["reviewerRole", "minutesSpent", "confirm"] as const).flatMap((f) => (err(f) ? [{ field: f, message: err(f)! }] : [])),
  ];
  const selectable = canEdit && patients.some((p) => !p.outcome);
  return (
    <form action={action} onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="reference" value={reference} />
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="patients-caption">
        <table className="w-full border-collapse bg-white text-left">
          <caption id="patients-caption" className="mb-2 text-left text-nhs-s font-bold">Affected patients, high priority first</caption>
          <thead>
            <tr className="border-b-2 border-nhs-grey-3">
              {selectable ? <th scope="col" className="p-2"><span className="sr-only">Select for no harm</span></th> : null}
              <th scope="col" className="p-2">Patient</th>
              <th scope="col" className="p-2">Priority</th>
              <th scope="col" className="p-2">Held from</th>
              <th scope="col" className="p-2">Released</th>
              <th scope="col" className="p-2">Delay</th>
              <th scope="col" className="p-2">Review</th>
            </tr>
          </thead>
          <tbody>
            {patients.map((p) => (
              <tr key={p.itemId} className="border-b border-nhs-grey-4">
                {selectable ? (
                  <td className="p-2">
                    {!p.outcome ? <input type="checkbox" id={`item-${p.itemId}`} name="itemIds" value={p.itemId} aria-label={`Select ${formatNhsNumber(p.nhsNumber)} for no harm`} className="h-6 w-6 accent-nhs-blue" /> : null}
                  </td>
                ) : null}
                <td className="p-2">
                  <Link href={`/practice/incidents/${reference}/patients/${p.itemId}`} className="font-bold">
                    {formatNhsNumber(p.nhsNumber)}
                  </Link>
                  {p.name ? <span className="block">{p.name}</span> : null}
                </td>
                <td className="p-2">{p.priority === "HIGH" ? <strong className="text-nhs-red">High</strong> : "Low"}</td>
                <td className="p-2 whitespace-nowrap">{formatCalendarDate(p.heldFrom)}</td>
                <td className="p-2 whitespace-nowrap">{p.releasedOn ? formatCalendarDate(p.releasedOn) : "Still held"}</td>
                <td className="p-2 whitespace-nowrap">{delayText(p.delayDays)}</td>
                <td className="p-2">{p.outcome ? `${HARM_OUTCOME_LABELS[p.outcome]}${p.harmLevel ? ` (${HARM_LEVEL_LABELS[p.harmLevel].toLowerCase()})` : ""}` : "Not reviewed"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selectable ? (
        <fieldset className="mt-8 border-t-2 border-nhs-grey-4 pt-6">
          <legend className="text-nhs-m font-bold">Record no harm for the patients ticked</legend>
          <p className="mb-4">For a clinician who has reviewed each ticked patient and found no harm. Patients already reviewed are left as they are.</p>
          <Field id="reviewerRole" label="Reviewing clinician's role" error={err("reviewerRole")}>
            <select id="reviewerRole" name="reviewerRole" defaultValue={state.values?.reviewerRole ?? "GP"} aria-describedby={describedBy("reviewerRole", { error: err("reviewerRole") })} className={inputClass(err("reviewerRole"))}>
              {CLINICAL_ROLES.map((r) => (
                <option key={r} value={r}>{REVIEWER_ROLE_LABELS[r]}</option>
              ))}
            </select>
          </Field>
          <Field id="minutesSpent" label="Total minutes spent on these reviews" hint="Shared between the patients ticked" error={err("minutesSpent")}>
            <input id="minutesSpent" name="minutesSpent" inputMode="numeric" maxLength={5} defaultValue={state.values?.minutesSpent ?? ""} aria-describedby={describedBy("minutesSpent", { hint: true, error: err("minutesSpent") })} className={`${inputClass(err("minutesSpent"))} w-28`} />
          </Field>
          <div className={`mb-6 ${err("confirm") ? "border-l-4 border-nhs-red pl-4" : ""}`}>
            {err("confirm") ? <ErrorMessage id="confirm-error">{err("confirm")}</ErrorMessage> : null}
            <div className="flex items-start gap-3">
              <input type="checkbox" id="confirm" name="confirm" value="on" aria-describedby={err("confirm") ? "confirm-error" : undefined} className="mt-1 h-6 w-6 shrink-0 accent-nhs-blue" />
              <label htmlFor="confirm">I am a clinician, I have reviewed each ticked patient&apos;s record, and none came to harm from the delay</label>
            </div>
          </div>
          <Button type="submit" disabled={pending}>Record no harm</Button>
        </fieldset>
      ) : null}
    </form>
  );
}
