"use client";
// PCSE's actions on a case: one form per action the case rules allow now (lib/cases/rules.ts, passed in by the page),
// each with its own fields and button. The server checks the action against the lifecycle and the policy again
// (lib/cases/commands.ts). Each form sits in a disclosure (open when it has errors), so the page stays readable.
import { useActionState } from "react";
import { actOnCaseAction } from "@/lib/cases/actions";
import type { ActionState } from "@/lib/http/action-result";
import type { ActionFormSpec, FieldSpec } from "@/lib/cases/action-forms";
import { ErrorSummary, type SummaryError } from "@/components/ui/ErrorSummary";
import { ErrorMessage, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

function anchor(action: string, f: FieldSpec): string {
  return f.kind === "radios" ? `${action}-${f.name}-${f.options[0][0]}` : `${action}-${f.name}`;
}

function FieldControl({ action, f, value, error }: { action: string; f: FieldSpec; value: string | undefined; error?: string }) {
  const id = `${action}-${f.name}`;
  const describe = describedBy(id, { hint: Boolean(f.hint), error });
  const hint = f.hint ? (
    <div id={`${id}-hint`} className="text-nhs-secondary">
      {f.hint}
    </div>
  ) : null;
  const errorLine = error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null;
  if (f.kind === "radios") {
    return (
      <fieldset className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={describe}>
        <legend className="font-bold">{f.label}</legend>
        {hint}
        {errorLine}
        <div className="mt-2 space-y-3">
          {f.options.map(([v, label]) => (
            <Choice key={v} type="radio" id={`${id}-${v}`} name={f.name} value={v} defaultChecked={(value ?? f.defaultValue) === v} label={label} />
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`}>
      <label htmlFor={id} className="block font-bold">
        {f.label}
      </label>
      {hint}
      {errorLine}
      {f.kind === "textarea" ? (
        <textarea id={id} name={f.name} rows={3} maxLength={f.maxLength} defaultValue={value} aria-describedby={describe} aria-invalid={error ? true : undefined} className={`${inputClass(error)} w-full max-w-xl`} />
      ) : f.kind === "select" ? (
        <select id={id} name={f.name} defaultValue={value ?? f.defaultValue ?? ""} aria-describedby={describe} aria-invalid={error ? true : undefined} className={`${inputClass(error)} max-w-full`}>
          <option value="">Choose</option>
          {f.options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={f.name}
          inputMode={f.kind === "number" ? "numeric" : undefined}
          maxLength={f.kind === "text" ? f.maxLength : 3}
          defaultValue={value ?? f.defaultValue}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={describe}
          aria-invalid={error ? true : undefined}
          className={`${inputClass(error)} ${f.kind === "number" ? "w-20" : (f.kind === "text" && f.width) || "w-full max-w-xl"}`}
        />
      )}
    </div>
  );
}

function ActionForm({ reference, spec }: { reference: string; spec: ActionFormSpec }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(actOnCaseAction, { status: "idle" });
  const v = state.values ?? {};
  const known = new Set(spec.fields.map((f) => f.name));
  const top = spec.fields[0] ? anchor(spec.action, spec.fields[0]) : `${spec.action}-submit`;
  const errors: SummaryError[] = [
    ...(state.formError ? [{ field: top, message: state.formError }] : []),
    // The case rules' refusals ("You cannot ... while the case is ...") and anything the form does not show.
    ...Object.entries(state.fieldErrors ?? {})
      .filter(([k]) => !known.has(k))
      .map(([, messages]) => ({ field: top, message: messages[0] })),
    ...spec.fields.flatMap((f) => (state.fieldErrors?.[f.name] ? [{ field: anchor(spec.action, f), message: state.fieldErrors[f.name][0] }] : [])),
  ];
  const form = (
    <form action={formAction} noValidate key={JSON.stringify(v)} className={spec.title ? "mt-4" : ""}>
      <ErrorSummary errors={errors} id={`${spec.action}-errors`} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="action" value={spec.action} />
      {spec.intro ? <p className="mb-4">{spec.intro}</p> : null}
      {spec.fields.map((f) => (
        <FieldControl key={f.name} action={spec.action} f={f} value={v[f.name]} error={state.fieldErrors?.[f.name]?.[0]} />
      ))}
      <Button type="submit" id={`${spec.action}-submit`} variant={spec.variant ?? "primary"} disabled={pending}>
        {spec.button}
      </Button>
    </form>
  );
  if (!spec.title) return <div className="mb-4">{form}</div>;
  return (
    <details className="mb-4 border border-nhs-grey-4 bg-white p-4" open={errors.length > 0 || undefined}>
      <summary className="cursor-pointer font-bold text-nhs-blue underline">{spec.title}</summary>
      {form}
    </details>
  );
}

/** Every form the page was given, in the order given. */
export function CaseActionForms({ reference, forms }: { reference: string; forms: ActionFormSpec[] }) {
  return (
    <>
      {forms.map((spec) => (
        <ActionForm key={spec.action} reference={reference} spec={spec} />
      ))}
    </>
  );
}
