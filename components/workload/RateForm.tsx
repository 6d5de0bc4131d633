"use client";
// The practice manager sets a grade's rate from a date (on-costs included), with where the figure comes from.
import { useActionState } from "react";
import { setGradeRateAction, type RateState } from "@/lib/workload/actions";
import { GRADE_LABELS, STAFF_GRADES } from "@/lib/workload/schemas";
import type { StaffGrade } from "@/lib/db/generated/enums";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { DateInput } from "@/components/ui/DateInput";
import { Button } from "@/components/ui/Button";

export function RateForm({ today }: { today: string }) {
  const [state, action, pending] = useActionState<RateState, FormData>(setGradeRateAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [
    ...(state.formError ? [{ field: "grade", message: state.formError }] : []),
    ...["grade", "rate", "effective", "source"].filter((f) => err(f)).map((f) => ({ field: f === "effective" ? "effectiveDay" : f, message: err(f)! })),
  ];
  const v = state.status === "error" ? state.values : undefined;
  const [y, m, d] = today.split("-");
  return (
    <form action={action} noValidate className="max-w-3xl">
      <ErrorSummary errors={errors} />
      {state.saved ? (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4">
          <p className="font-bold">
            Rate saved for {GRADE_LABELS[state.saved.grade as StaffGrade] ?? state.saved.grade}.{" "}
            {state.saved.recosted === 0 ? "No logged work needed costing again." : `${state.saved.recosted.toLocaleString("en-GB")} ${state.saved.recosted === 1 ? "entry was" : "entries were"} costed again at it.`}
          </p>
        </div>
      ) : null}
      <Field id="grade" label="Grade" error={err("grade")}>
        <select id="grade" name="grade" defaultValue={v?.grade ?? "ADMINISTRATOR"} className={inputClass(err("grade"))}>
          {STAFF_GRADES.map((g) => (
            <option key={g} value={g}>
              {GRADE_LABELS[g]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="rate" label="Rate, pounds an hour" hint="Including employer's National Insurance and pension, like 18.40" error={err("rate")}>
        <div className="flex items-center gap-1">
          <span aria-hidden="true" className="text-nhs-m">
            £
          </span>
          <input id="rate" name="rate" inputMode="decimal" maxLength={9} defaultValue={v?.rate ?? ""} aria-describedby={describedBy("rate", { hint: true, error: err("rate") })} className={`${inputClass(err("rate"))} w-32`} />
        </div>
      </Field>
      <DateInput prefix="effective" legend="The date the rate starts" hint="Work on and after this date is costed at it, including work already logged (for a backdated pay award), unless it is in a signed evidence pack" error={err("effective")} values={{ day: v?.effectiveDay ?? d, month: v?.effectiveMonth ?? m, year: v?.effectiveYear ?? y }} />
      <Field id="source" label="Where the figure comes from" hint="For example: practice payroll 2026/27, salary plus employer's NI and pension, over contracted hours" error={err("source")}>
        <textarea id="source" name="source" rows={2} maxLength={600} defaultValue={v?.source ?? ""} aria-describedby={describedBy("source", { hint: true, error: err("source") })} className={`${inputClass(err("source"))} w-full`} />
      </Field>
      <Button type="submit" disabled={pending}>
        Save the rate
      </Button>
    </form>
  );
}
