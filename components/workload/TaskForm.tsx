"use client";
// An administrator changes a task's name, description, default minutes and the basis written beside them, its
// default cause, or retires it.
import { useActionState } from "react";
import type { WorkloadCause } from "@/lib/db/generated/enums";
import type { ActionState } from "@/lib/http/action-result";
import { updateWorkloadTaskAction } from "@/lib/workload/actions";
import { CAUSE_LABELS, WORKLOAD_CAUSES } from "@/lib/workload/schemas";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

export type TaskValues = { code: string; name: string; description: string; defaultMinutes: number; basis: string; defaultCause: WorkloadCause; active: boolean };

export function TaskForm({ task }: { task: TaskValues }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateWorkloadTaskAction, { status: "idle" });
  const v = state.values;
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [...(state.formError ? [{ field: "name", message: state.formError }] : []), ...["name", "description", "defaultMinutes", "basis", "defaultCause"].filter((f) => err(f)).map((f) => ({ field: f, message: err(f)! }))];
  return (
    <form action={action} noValidate className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <input type="hidden" name="code" value={task.code} />
      <Field id="name" label="Name" error={err("name")}>
        <input id="name" name="name" maxLength={100} defaultValue={v?.name ?? task.name} aria-describedby={describedBy("name", { error: err("name") })} className={`${inputClass(err("name"))} w-full`} />
      </Field>
      <Field id="description" label="What the task covers" error={err("description")}>
        <textarea id="description" name="description" rows={2} maxLength={300} defaultValue={v?.description ?? task.description} aria-describedby={describedBy("description", { error: err("description") })} className={`${inputClass(err("description"))} w-full`} />
      </Field>
      <Field id="defaultMinutes" label="Default minutes, per item" error={err("defaultMinutes")}>
        <input id="defaultMinutes" name="defaultMinutes" inputMode="numeric" maxLength={3} defaultValue={v?.defaultMinutes ?? String(task.defaultMinutes)} aria-describedby={describedBy("defaultMinutes", { error: err("defaultMinutes") })} className={`${inputClass(err("defaultMinutes"))} w-24`} />
      </Field>
      <Field id="basis" label="Basis of the default" hint="Where the figure comes from: a source, a timing, or that staff should enter the actual minutes. Shown beside the task wherever it is logged." error={err("basis")}>
        <textarea id="basis" name="basis" rows={3} maxLength={500} defaultValue={v?.basis ?? task.basis} aria-describedby={describedBy("basis", { hint: true, error: err("basis") })} className={`${inputClass(err("basis"))} w-full`} />
      </Field>
      <Field id="defaultCause" label="Cause suggested with the task" error={err("defaultCause")}>
        <select id="defaultCause" name="defaultCause" defaultValue={v?.defaultCause ?? task.defaultCause} className={inputClass(err("defaultCause"))}>
          {WORKLOAD_CAUSES.map((c) => (
            <option key={c} value={c}>
              {CAUSE_LABELS[c]}
            </option>
          ))}
        </select>
      </Field>
      <div className="mb-6 flex items-start gap-3">
        <input type="checkbox" id="active" name="active" defaultChecked={v ? v.active === "on" : task.active} className="mt-1 h-6 w-6 accent-nhs-blue" />
        <label htmlFor="active">In use (untick to retire the task: it is no longer offered or suggested; entries already logged keep it)</label>
      </div>
      <Button type="submit" disabled={pending}>
        Save the task
      </Button>
    </form>
  );
}
