"use client";
// The form for a new policy version: every figure of the version it copies, editable, with the date it takes effect
// and what changed and why. Errors show against each figure and in the summary at the top (NHS pattern).
import { useActionState } from "react";
import { createPolicyVersionAction } from "@/lib/service-levels/actions";
import type { ActionState } from "@/lib/http/action-result";
import { fieldId, WAITING_LABELS, type FieldGroup, type FieldTable, type NumberField } from "@/lib/service-levels/form";
import { CASE_WAITING_STATUSES } from "@/lib/cases/kinds";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { DateInput } from "@/components/ui/DateInput";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

type Props = { copiedFrom: number; tables: FieldTable[]; groups: FieldGroup[]; pauses: { movementHeld: boolean; cases: string[] }; today: { day: string; month: string; year: string } };

function NumberInput({ field, state, compact }: { field: NumberField; state: ActionState; compact?: boolean }) {
  const id = fieldId(field.name);
  const error = state.fieldErrors?.[field.name]?.[0];
  return (
    <>
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <input
        id={id}
        name={field.name}
        inputMode="decimal"
        defaultValue={state.values?.[field.name] ?? String(field.value)}
        aria-label={compact ? field.label : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className={`${inputClass(error)} w-24`}
      />
    </>
  );
}

export function PolicyForm({ copiedFrom, tables, groups, pauses, today }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createPolicyVersionAction, { status: "idle" });
  const fieldErrors = state.fieldErrors ?? {};
  const errors = [
    ...(state.formError ? [{ field: "summary", message: state.formError }] : []),
    ...(fieldErrors.form ?? []).map((m) => ({ field: "summary", message: m })),
    ...(fieldErrors.effectiveFrom ?? []).map((m) => ({ field: "effectiveDay", message: m })),
    ...(fieldErrors.summary ?? []).map((m) => ({ field: "summary", message: m })),
    ...Object.entries(fieldErrors)
      .filter(([k]) => !["form", "effectiveFrom", "summary"].includes(k))
      .map(([k, v]) => ({ field: fieldId(k), message: v[0] })),
  ];
  const v = state.values;
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="pauses.posted" value="1" />
      <DateInput
        prefix="effective"
        legend="Date it takes effect"
        hint="Today or later. Movements sent from this date run under the new version; earlier ones keep theirs."
        error={fieldErrors.effectiveFrom?.[0]}
        values={{ day: v?.effectiveDay ?? today.day, month: v?.effectiveMonth ?? today.month, year: v?.effectiveYear ?? today.year }}
      />
      <Field id="summary" label="What changed and why" hint="For example: the new courier contract sets 10 working days from collection to delivery." error={fieldErrors.summary?.[0] ?? fieldErrors.form?.[0]}>
        <textarea id="summary" name="summary" rows={3} defaultValue={v?.summary} aria-describedby={describedBy("summary", { hint: true, error: fieldErrors.summary?.[0] ?? fieldErrors.form?.[0] })} className={`${inputClass(fieldErrors.summary?.[0])} w-full max-w-2xl`} />
      </Field>
      <p className="mb-6 text-nhs-secondary">Every figure below is copied from version {copiedFrom}. Change only what the new version changes.</p>
      {tables.map((t) => (
        <section key={t.title} className="mb-8" aria-labelledby={`t-${t.title.replace(/\W/g, "")}`}>
          <h2 id={`t-${t.title.replace(/\W/g, "")}`}>{t.title}</h2>
          {t.hint ? <p className="mb-2">{t.hint}</p> : null}
          <div className="max-w-full overflow-x-auto" tabIndex={0} role="region" aria-label={`${t.title}: figures`}>
            <table className="border-collapse bg-white text-left text-nhs-small">
              <caption className="sr-only">{t.title}, in working days</caption>
              <thead>
                <tr className="border-b-2 border-nhs-grey-3">
                  {t.columns.map((c) => (
                    <th key={c} scope="col" className="p-2">{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {t.rows.map((row) => (
                  <tr key={row.label} className="border-b border-nhs-grey-4 align-top">
                    <th scope="row" className="p-2 font-normal">{row.label}</th>
                    {row.fields.map((f) => (
                      <td key={f.name} className="p-2">
                        <NumberInput field={f} state={state} compact />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <section className="mb-8" aria-labelledby="pauses-heading">
        <h2 id="pauses-heading">What pauses a clock</h2>
        <fieldset className="mb-4">
          <legend className="font-bold">A movement&apos;s clocks pause while</legend>
          <Choice className="mt-2" type="checkbox" id="movementPauses-HELD_AT_PRACTICE" name="movementPauses.HELD_AT_PRACTICE" defaultChecked={pauses.movementHeld} label="the record is held at the practice" />
        </fieldset>
        <fieldset>
          <legend className="font-bold">A case&apos;s clocks pause while it is</legend>
          {CASE_WAITING_STATUSES.map((s) => (
            <Choice key={s} className="mt-2" type="checkbox" id={`casePauses-${s}`} name={`casePauses.${s}`} defaultChecked={pauses.cases.includes(s)} label={WAITING_LABELS[s].toLowerCase()} />
          ))}
        </fieldset>
      </section>
      {groups.map((g) => (
        <section key={g.title} className="mb-8" aria-labelledby={`g-${g.title.replace(/\W/g, "")}`}>
          <h2 id={`g-${g.title.replace(/\W/g, "")}`}>{g.title}</h2>
          {g.fields.map((f) => (
            <div key={f.name} className={`mb-4 ${fieldErrors[f.name] ? "border-l-4 border-nhs-red pl-4" : ""}`}>
              <label htmlFor={fieldId(f.name)} className="block font-bold">
                {f.label}
                {f.unit ? <span className="font-normal"> ({f.unit})</span> : null}
              </label>
              <NumberInput field={f} state={state} />
            </div>
          ))}
        </section>
      ))}
      <Button type="submit" disabled={pending}>
        Save as version {copiedFrom + 1}
      </Button>
    </form>
  );
}
