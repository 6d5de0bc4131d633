"use client";
import { useActionState } from "react";
import { addBankHolidayAction } from "@/lib/service-levels/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { DateInput } from "@/components/ui/DateInput";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

export function BankHolidayForm({ divisions }: { divisions: { division: string; label: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addBankHolidayAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [
    ...(state.formError ? [{ field: "holidayDay", message: state.formError }] : []),
    ...(err("divisions") ? [{ field: `division-${divisions[0].division}`, message: err("divisions")! }] : []),
    ...(err("holidayDate") ? [{ field: "holidayDay", message: err("holidayDate")! }] : []),
    ...(err("title") ? [{ field: "title", message: err("title")! }] : []),
  ];
  return (
    <form action={action} noValidate className="max-w-2xl">
      <ErrorSummary errors={errors} />
      <div className={`mb-6 ${err("divisions") ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        <fieldset aria-describedby={err("divisions") ? "divisions-error" : undefined}>
          <legend className="font-bold">Where it applies</legend>
          {err("divisions") ? <ErrorMessage id="divisions-error">{err("divisions")}</ErrorMessage> : null}
          {divisions.map((d) => (
            <Choice key={d.division} className="mt-2" type="checkbox" id={`division-${d.division}`} name="divisions" value={d.division} label={d.label} />
          ))}
        </fieldset>
      </div>
      <DateInput prefix="holiday" legend="Date" hint="A weekday after today, for example 8 5 2028" error={err("holidayDate")} values={{ day: state.values?.holidayDay, month: state.values?.holidayMonth, year: state.values?.holidayYear }} />
      <Field id="title" label="Name" hint="As gov.uk names it, for example Coronation of the King" error={err("title")}>
        <input id="title" name="title" defaultValue={state.values?.title} aria-describedby={describedBy("title", { hint: true, error: err("title") })} className={`${inputClass(err("title"))} w-full`} />
      </Field>
      <Button type="submit" disabled={pending}>Add bank holiday</Button>
    </form>
  );
}
