"use client";
// A practice raises a case: about one of its record movements (not arrived, label, collection, cross-border), or a
// failure in one of PCSE's other services with the fields that area needs. Each choice's questions are revealed
// under it by CSS alone (`:has(:checked)`), so the form works the same without JavaScript; the server reads only
// the chosen kind's fields (lib/cases/commands.ts, raiseCase).
import { useActionState } from "react";
import { raiseCaseAction } from "@/lib/cases/actions";
import type { ActionState } from "@/lib/http/action-result";
import { CASE_KIND_LABELS } from "@/lib/cases/kinds";
import { PRACTICE_MOVEMENT_CASE_KINDS, PRACTICE_SERVICE_CASE_KINDS } from "@/lib/cases/schemas";
import { SERVICE_AREA_FORM, type ServiceArea, type ServiceAreaField } from "@/lib/cases/service-area-form";
import { ErrorSummary, type SummaryError } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { DateInput } from "@/components/ui/DateInput";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

const MOVEMENT_HINTS: Record<(typeof PRACTICE_MOVEMENT_CASE_KINDS)[number], string> = {
  RECORD_NOT_RECEIVED: "A record your practice expects has not arrived, at any stage: before collection, in transit, or after the courier says it was delivered",
  LABEL_PROBLEM: "A courier label for a record you are sending did not come, or is wrong",
  COLLECTION_MISSED: "The courier did not collect a record on the day you booked",
  CROSS_BORDER_DELAY: "A record going to or coming from Wales, Scotland or Northern Ireland is late",
};

const SERVICE_HINTS: Record<ServiceArea, string> = {
  SERVICE_REGISTRATIONS: "Patient registrations not processed, or processed wrongly",
  SERVICE_PERFORMERS_LIST: "An application to the performers list",
  SERVICE_SUPPLIES: "An order of supplies (forms, envelopes, prescription pads)",
  SERVICE_PAYMENTS: "A payment to the practice that is wrong or missing",
  SERVICE_PENSIONS: "A pension form PCSE has not acted on",
  SERVICE_COMMUNICATIONS: "Correspondence misdirected, delayed or not received",
};

// Literal class names (Tailwind finds them in this file): each choice's questions show when it is checked. The
// radios' ids use hyphens: Tailwind reads an underscore in an arbitrary value as a space, which breaks the selector.
const idOf = (kind: string) => `kind-${kind.replace(/_/g, "-")}`;
const MOVEMENT_REVEAL =
  "hidden group-has-[#kind-RECORD-NOT-RECEIVED:checked]:block group-has-[#kind-LABEL-PROBLEM:checked]:block group-has-[#kind-COLLECTION-MISSED:checked]:block group-has-[#kind-CROSS-BORDER-DELAY:checked]:block";
const AREA_REVEAL: Record<ServiceArea, string> = {
  SERVICE_REGISTRATIONS: "hidden group-has-[#kind-SERVICE-REGISTRATIONS:checked]:block",
  SERVICE_PERFORMERS_LIST: "hidden group-has-[#kind-SERVICE-PERFORMERS-LIST:checked]:block",
  SERVICE_SUPPLIES: "hidden group-has-[#kind-SERVICE-SUPPLIES:checked]:block",
  SERVICE_PAYMENTS: "hidden group-has-[#kind-SERVICE-PAYMENTS:checked]:block",
  SERVICE_PENSIONS: "hidden group-has-[#kind-SERVICE-PENSIONS:checked]:block",
  SERVICE_COMMUNICATIONS: "hidden group-has-[#kind-SERVICE-COMMUNICATIONS:checked]:block",
};

const anchorOf = (f: ServiceAreaField) => (f.control === "radios" ? `${f.name}-${f.options[0][0]}` : f.control === "date" ? `${f.name}Day` : f.name);

function AreaField({ f, values, error }: { f: ServiceAreaField; values: Record<string, string>; error?: string }) {
  if (f.control === "radios") {
    return (
      <fieldset className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={error ? `${f.name}-error` : undefined}>
        <legend className="font-bold">{f.label}</legend>
        {error ? <ErrorMessage id={`${f.name}-error`}>{error}</ErrorMessage> : null}
        <div className="mt-2 space-y-3">
          {f.options.map(([value, label]) => (
            <Choice key={value} type="radio" id={`${f.name}-${value}`} name={f.name} value={value} defaultChecked={values[f.name] === value} label={label} />
          ))}
        </div>
      </fieldset>
    );
  }
  if (f.control === "date") {
    return <DateInput prefix={f.name} legend={f.label} hint={f.hint} error={error} values={{ day: values[`${f.name}Day`], month: values[`${f.name}Month`], year: values[`${f.name}Year`] }} />;
  }
  const label = f.optional ? `${f.label} (optional)` : f.label;
  const describe = describedBy(f.name, { hint: Boolean(f.hint), error });
  return (
    <Field id={f.name} label={label} hint={f.hint} error={error}>
      {f.control === "textarea" ? (
        <textarea id={f.name} name={f.name} rows={3} maxLength={300} defaultValue={values[f.name]} aria-describedby={describe} aria-invalid={error ? true : undefined} className={`${inputClass(error)} ${f.width}`} />
      ) : (
        <input
          id={f.name}
          name={f.name}
          inputMode={f.control === "number" ? "numeric" : f.control === "money" ? "decimal" : undefined}
          maxLength={f.control === "number" ? 6 : 40}
          autoComplete="off"
          defaultValue={values[f.name]}
          aria-describedby={describe}
          aria-invalid={error ? true : undefined}
          className={`${inputClass(error)} max-w-full ${f.width}`}
        />
      )}
    </Field>
  );
}

export function RaiseCaseForm({ kind, reference }: { kind?: string; reference?: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(raiseCaseAction, { status: "idle" });
  const v: Record<string, string> = state.values ?? { ...(kind ? { kind } : {}), ...(reference ? { reference } : {}) };
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const areaFields = Object.values(SERVICE_AREA_FORM).flat();
  const order: { key: string; anchor: string }[] = [
    { key: "kind", anchor: idOf(PRACTICE_MOVEMENT_CASE_KINDS[0]) },
    { key: "reference", anchor: "reference" },
    ...areaFields.map((f) => ({ key: f.name, anchor: anchorOf(f) })),
    { key: "summary", anchor: "summary" },
  ];
  const known = new Set(order.map((o) => o.key));
  const errors: SummaryError[] = [
    ...(state.formError ? [{ field: order[0].anchor, message: state.formError }] : []),
    ...Object.entries(state.fieldErrors ?? {})
      .filter(([k]) => !known.has(k))
      .map(([, m]) => ({ field: order[0].anchor, message: m[0] })),
    ...order.flatMap(({ key, anchor }) => (err(key) ? [{ field: anchor, message: err(key)! }] : [])),
  ];
  const radio = (value: string, hint: string) => (
    <Choice key={value} type="radio" id={idOf(value)} name="kind" value={value} defaultChecked={v.kind === value} label={CASE_KIND_LABELS[value as keyof typeof CASE_KIND_LABELS]} hint={hint} />
  );
  return (
    <form action={action} noValidate key={JSON.stringify(v)} className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <fieldset className={`group mb-6 ${err("kind") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={err("kind") ? "kind-error" : undefined}>
        <legend className="text-nhs-m font-bold">What is the problem?</legend>
        {err("kind") ? <ErrorMessage id="kind-error">{err("kind")}</ErrorMessage> : null}
        <p className="mt-2 mb-2 font-bold">About a record your practice sent or is expecting</p>
        <div className="space-y-4">{PRACTICE_MOVEMENT_CASE_KINDS.map((k) => radio(k, MOVEMENT_HINTS[k]))}</div>
        <div className={`mt-4 border-l-4 border-nhs-grey-3 pl-4 ${MOVEMENT_REVEAL}`}>
          <Field id="reference" label="The record movement's reference" hint="Printed on the label and shown in your lists, like RM-7Q4K-2M9D" error={err("reference")}>
            <input
              id="reference"
              name="reference"
              autoComplete="off"
              spellCheck={false}
              maxLength={20}
              defaultValue={v.reference}
              aria-describedby={describedBy("reference", { hint: true, error: err("reference") })}
              aria-invalid={err("reference") ? true : undefined}
              className={`${inputClass(err("reference"))} w-full max-w-[16rem] uppercase`}
            />
          </Field>
        </div>
        <p className="mt-6 mb-2 font-bold">About another PCSE service</p>
        <div className="space-y-4">
          {PRACTICE_SERVICE_CASE_KINDS.map((k) => (
            <div key={k}>
              {radio(k, SERVICE_HINTS[k])}
              <div className={`mt-4 border-l-4 border-nhs-grey-3 pl-4 ${AREA_REVEAL[k]}`}>
                {SERVICE_AREA_FORM[k].map((f) => (
                  <AreaField key={f.name} f={f} values={v} error={err(f.name)} />
                ))}
              </div>
            </div>
          ))}
        </div>
        <p className="mt-6 text-nhs-secondary">
          A record that arrived incomplete, damaged or with another patient&apos;s notes: report it from the record&apos;s own page (Incoming, then the record).
        </p>
      </fieldset>
      <Field id="summary" label="What has happened?" hint="PCSE and the practices on the case will read this. Do not include the patient's name or NHS number, or clinical details: PCSE sees the record's details on the case." error={err("summary")}>
        <textarea id="summary" name="summary" rows={4} maxLength={300} defaultValue={v.summary} aria-describedby={describedBy("summary", { hint: true, error: err("summary") })} aria-invalid={err("summary") ? true : undefined} className={`${inputClass(err("summary"))} w-full max-w-xl`} />
      </Field>
      <Button type="submit" disabled={pending}>
        Raise the case
      </Button>
    </form>
  );
}
