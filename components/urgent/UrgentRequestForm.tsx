"use client";
// Request a record urgently. Each basis's extra question is revealed under it by CSS alone (`:has(:checked)`), so the
// form works the same without JavaScript; the action passes on only the chosen basis's answers.
import { useActionState } from "react";
import { createUrgentRequestAction } from "@/lib/urgent/actions";
import type { ActionState } from "@/lib/http/action-result";
import { URGENT_BASES, URGENT_BASIS_HINTS, URGENT_BASIS_LABELS } from "@/lib/urgent/schemas";
import { ErrorSummary, type SummaryError } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { DateInput } from "@/components/ui/DateInput";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";
import { OrganisationTypeahead } from "@/components/movements/OrganisationTypeahead";

// The radios' ids use hyphens: Tailwind reads an underscore in an arbitrary value (the reveal classes below) as a space.
const basisId = (basis: string) => `basis-${basis.replace(/_/g, "-")}`;

const FIELD_ORDER: { key: string; anchor: string }[] = [
  { key: "nhsNumber", anchor: "nhsNumber" },
  { key: "givenName", anchor: "givenName" },
  { key: "familyName", anchor: "familyName" },
  { key: "dateOfBirth", anchor: "dateOfBirthDay" },
  { key: "basis", anchor: basisId(URGENT_BASES[0]) },
  { key: "extended", anchor: "extended" },
  { key: "recentEntriesOnly", anchor: "recentEntriesOnly" },
  { key: "dateGiven", anchor: "dateGivenDay" },
  { key: "receivedOn", anchor: "receivedOnDay" },
  { key: "holder", anchor: "holder-PRACTICE" },
  { key: "holderOdsCode", anchor: "holderOdsCode" },
  { key: "note", anchor: "note" },
];

const parts = (v: Record<string, string>, prefix: string) => ({ day: v[`${prefix}Day`], month: v[`${prefix}Month`], year: v[`${prefix}Year`] });

export function UrgentRequestForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createUrgentRequestAction, { status: "idle" });
  const v = state.values ?? {};
  const err = (key: string) => state.fieldErrors?.[key]?.[0];
  const known = new Set(FIELD_ORDER.map((f) => f.key));
  const summary: SummaryError[] = [
    ...(state.formError ? [{ field: "nhsNumber", message: state.formError }] : []),
    ...Object.entries(state.fieldErrors ?? {})
      .filter(([k]) => !known.has(k))
      .map(([, m]) => ({ field: "nhsNumber", message: m[0] })),
    ...FIELD_ORDER.flatMap(({ key, anchor }) => (err(key) ? [{ field: anchor, message: err(key)! }] : [])),
  ];
  return (
    <form action={action} noValidate key={JSON.stringify(v)} className="max-w-3xl">
      <ErrorSummary errors={summary} />
      <p className="mb-6">The holder sees your request with its countdown at once, and is reminded at half and three quarters of the time. You will be able to follow it here.</p>

      <h2>Patient</h2>
      <p className="mb-4">As your practice has recorded them.</p>
      <Field id="nhsNumber" label="NHS number" hint="10 digits, for example 943 476 5919" error={err("nhsNumber")}>
        <input id="nhsNumber" name="nhsNumber" inputMode="numeric" autoComplete="off" spellCheck={false} maxLength={14} defaultValue={v.nhsNumber} aria-describedby={describedBy("nhsNumber", { hint: true, error: err("nhsNumber") })} aria-invalid={err("nhsNumber") ? true : undefined} className={`${inputClass(err("nhsNumber"))} w-48`} />
      </Field>
      <Field id="givenName" label="Given name" error={err("givenName")}>
        <input id="givenName" name="givenName" autoComplete="off" maxLength={100} defaultValue={v.givenName} aria-describedby={describedBy("givenName", { error: err("givenName") })} aria-invalid={err("givenName") ? true : undefined} className={`${inputClass(err("givenName"))} w-full max-w-md`} />
      </Field>
      <Field id="familyName" label="Family name" error={err("familyName")}>
        <input id="familyName" name="familyName" autoComplete="off" maxLength={100} defaultValue={v.familyName} aria-describedby={describedBy("familyName", { error: err("familyName") })} aria-invalid={err("familyName") ? true : undefined} className={`${inputClass(err("familyName"))} w-full max-w-md`} />
      </Field>
      <DateInput prefix="dateOfBirth" legend="Date of birth" hint="For example, 31 3 1980" error={err("dateOfBirth")} values={parts(v, "dateOfBirth")} />

      <h2>Why you need the record</h2>
      <fieldset className={`group mb-6 ${err("basis") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={err("basis") ? "basis-error" : undefined}>
        <legend className="font-bold">What is the request for?</legend>
        {err("basis") ? <ErrorMessage id="basis-error">{err("basis")}</ErrorMessage> : null}
        <div className="mt-2 space-y-4">
          {URGENT_BASES.map((basis) => (
            <Choice key={basis} type="radio" id={basisId(basis)} name="basis" value={basis} defaultChecked={v.basis === basis} label={URGENT_BASIS_LABELS[basis]} hint={URGENT_BASIS_HINTS[basis]} />
          ))}
        </div>
        {/* Revealed under the chosen basis by CSS, so they work without JavaScript too. */}
        <div className="mt-4 hidden border-l-4 border-nhs-grey-3 pl-4 group-has-[#basis-SUBJECT-ACCESS-REQUEST:checked]:block">
          <Choice type="checkbox" id="extended" name="extended" defaultChecked={v.extended === "on"} label="You told the requester, within the first month, that you are extending the deadline by two months" />
        </div>
        <div className="mt-4 hidden border-l-4 border-nhs-grey-3 pl-4 group-has-[#basis-ACCESS-TO-HEALTH-RECORDS:checked]:block">
          <Choice type="checkbox" id="recentEntriesOnly" name="recentEntriesOnly" defaultChecked={v.recentEntriesOnly === "on"} label="Every entry in the record was made in the 40 days before the application (21 days, not 40)" />
        </div>
        <div className="mt-4 hidden border-l-4 border-nhs-grey-3 pl-4 group-has-[#basis-CORONER:checked]:block group-has-[#basis-COURT:checked]:block">
          <DateInput prefix="dateGiven" legend="The date the coroner's notice or court order gives" error={err("dateGiven")} values={parts(v, "dateGiven")} />
        </div>
      </fieldset>
      <DateInput
        prefix="receivedOn"
        legend="When did your practice receive the request?"
        hint="For a subject access request, the date you received it (or the ID or clarification you asked for). For clinical need, the date the clinician asked."
        error={err("receivedOn")}
        values={parts(v, "receivedOn")}
      />

      <h2>Who holds the record</h2>
      <fieldset className={`group mb-6 ${err("holder") || err("holderOdsCode") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={err("holder") ? "holder-error" : undefined}>
        <legend className="font-bold">Where is the record now?</legend>
        {err("holder") ? <ErrorMessage id="holder-error">{err("holder")}</ErrorMessage> : null}
        <div className="mt-2 space-y-4">
          <Choice type="radio" id="holder-PRACTICE" name="holder" value="PRACTICE" defaultChecked={v.holder === "PRACTICE"} label="The patient's previous practice" />
          <div className="hidden border-l-4 border-nhs-grey-3 pl-4 group-has-[#holder-PRACTICE:checked]:block">
            <label htmlFor="holderOdsCode" className="block font-bold">
              The practice&apos;s ODS code or name
            </label>
            <div id="holderOdsCode-hint" className="text-nhs-secondary">
              For example A81001. Type 2 or more characters to search.
            </div>
            {err("holderOdsCode") ? <ErrorMessage id="holderOdsCode-error">{err("holderOdsCode")}</ErrorMessage> : null}
            <OrganisationTypeahead id="holderOdsCode" name="holderOdsCode" defaultValue={v.holderOdsCode} error={err("holderOdsCode")} describedBy={describedBy("holderOdsCode", { hint: true, error: err("holderOdsCode") })} label="Asking" />
          </div>
          <Choice type="radio" id="holder-STORE" name="holder" value="STORE" defaultChecked={v.holder === "STORE"} label="PCSE's records store" hint="For a patient who was deducted (died, embarked, left) or whose practice closed" />
        </div>
      </fieldset>
      <Field id="note" label="Anything the holder should know (optional)" hint="No clinical details." error={err("note")}>
        <textarea id="note" name="note" rows={3} maxLength={1000} defaultValue={v.note} aria-describedby={describedBy("note", { hint: true, error: err("note") })} className={`${inputClass(err("note"))} w-full max-w-xl`} />
      </Field>
      <Button type="submit" disabled={pending}>
        Send the urgent request
      </Button>
    </form>
  );
}
