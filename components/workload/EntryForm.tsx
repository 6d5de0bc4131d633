"use client";
// Log work by hand, or correct an entry: the task (its usual minutes and their basis shown), the grade of who did it,
// the minutes, how many items, the date, the site, what caused it, a reference to link it to, and a note that stays
// in the practice.
import { useActionState, useState } from "react";
import type { StaffGrade, WorkloadCause } from "@/lib/db/generated/enums";
import type { ActionState } from "@/lib/http/action-result";
import { editWorkloadEntryAction, logWorkloadAction } from "@/lib/workload/actions";
import { CAUSE_LABELS, GRADE_LABELS, STAFF_GRADES, WORKLOAD_CAUSES } from "@/lib/workload/schemas";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { DateInput } from "@/components/ui/DateInput";
import { Button } from "@/components/ui/Button";

export type TaskChoice = { code: string; name: string; description: string; defaultMinutes: number; basis: string; defaultCause: WorkloadCause };

export type EntryValues = { entryId: string; taskCode: string; grade: StaffGrade; minutes: number; quantity: number; date: string; cause: WorkloadCause; siteId: string; reference: string | null; note: string | null; batch: boolean };

const FIELD_ORDER = ["taskCode", "grade", "minutes", "quantity", "date", "siteId", "cause", "reference", "note"];

export function EntryForm({ tasks, sites, defaultGrade, today, entry }: { tasks: TaskChoice[]; sites: { id: string; name: string; odsCode: string }[]; defaultGrade: StaffGrade; today: string; entry?: EntryValues }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(entry ? editWorkloadEntryAction : logWorkloadAction, { status: "idle" });
  const v = state.values;
  const [taskCode, setTaskCode] = useState(v?.taskCode ?? entry?.taskCode ?? tasks[0]?.code ?? "");
  const task = tasks.find((t) => t.code === taskCode);
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [
    ...(state.formError ? [{ field: "taskCode", message: state.formError }] : []),
    ...FIELD_ORDER.filter((f) => err(f)).map((f) => ({ field: f === "date" ? "dateDay" : f, message: err(f)! })),
  ];
  const date = (v?.dateYear ? `${v.dateYear}-${v.dateMonth}-${v.dateDay}` : entry?.date ?? today).split("-");
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={errors} />
      {entry ? <input type="hidden" name="entryId" value={entry.entryId} /> : null}
      {entry?.batch ? <input type="hidden" name="keepLinks" value="yes" /> : null}
      <Field id="taskCode" label="Task" hint={task ? `${task.description} Usually ${task.defaultMinutes} min each: ${task.basis}` : undefined} error={err("taskCode")}>
        <select id="taskCode" name="taskCode" value={taskCode} onChange={(e) => setTaskCode(e.target.value)} aria-describedby={describedBy("taskCode", { hint: Boolean(task), error: err("taskCode") })} className={inputClass(err("taskCode"))}>
          {tasks.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name} ({t.defaultMinutes} min)
            </option>
          ))}
        </select>
      </Field>
      <Field id="grade" label="Grade of who did the work" hint="A grade, never a name: the practice's rate for the grade costs the work" error={err("grade")}>
        <select id="grade" name="grade" defaultValue={v?.grade ?? entry?.grade ?? defaultGrade} aria-describedby={describedBy("grade", { hint: true, error: err("grade") })} className={inputClass(err("grade"))}>
          {STAFF_GRADES.map((g) => (
            <option key={g} value={g}>
              {GRADE_LABELS[g]}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex flex-wrap gap-6">
        <Field id="minutes" label="Minutes" hint="In all, for every item" error={err("minutes")}>
          <input id="minutes" name="minutes" inputMode="numeric" maxLength={5} defaultValue={v?.minutes ?? (entry ? String(entry.minutes) : task ? String(task.defaultMinutes) : "")} aria-describedby={describedBy("minutes", { hint: true, error: err("minutes") })} className={`${inputClass(err("minutes"))} w-28`} />
        </Field>
        <Field id="quantity" label="Items" hint="Records, bags or patients" error={err("quantity")}>
          <input id="quantity" name="quantity" inputMode="numeric" maxLength={4} defaultValue={v?.quantity ?? String(entry?.quantity ?? 1)} aria-describedby={describedBy("quantity", { hint: true, error: err("quantity") })} className={`${inputClass(err("quantity"))} w-24`} />
        </Field>
      </div>
      <DateInput prefix="date" legend="Date of the work" hint="For example, 23 11 2026" error={err("date")} values={{ day: date[2], month: date[1], year: date[0] }} />
      {sites.length > 1 ? (
        <Field id="siteId" label="Site" error={err("siteId")}>
          <select id="siteId" name="siteId" defaultValue={v?.siteId ?? entry?.siteId ?? sites[0].id} className={inputClass(err("siteId"))}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.odsCode})
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id="cause" label="What caused the work" error={err("cause")}>
        <select id="cause" name="cause" key={taskCode} defaultValue={v?.cause ?? entry?.cause ?? task?.defaultCause ?? "RECORDS_SERVICE"} className={inputClass(err("cause"))}>
          {WORKLOAD_CAUSES.map((c) => (
            <option key={c} value={c}>
              {CAUSE_LABELS[c]}
            </option>
          ))}
        </select>
      </Field>
      {entry?.batch ? (
        <p className="mb-6">This entry covers several records: its links stay as they are.</p>
      ) : (
        <Field id="reference" label="Reference (optional)" hint="The movement, collection, case or incident the work was for, like RM-7Q4K-2M9D, CL-7Q4K-2M9D, CS-7Q4K-2M9D or IN-7Q4K-2M9D. Never an NHS number." error={err("reference")}>
          <input id="reference" name="reference" autoComplete="off" maxLength={20} defaultValue={v?.reference ?? entry?.reference ?? ""} aria-describedby={describedBy("reference", { hint: true, error: err("reference") })} className={`${inputClass(err("reference"))} w-56 uppercase`} />
        </Field>
      )}
      <Field id="note" label="Note (optional)" hint="Stays in the practice: notes never go into an evidence pack. Do not write patients' details here." error={err("note")}>
        <textarea id="note" name="note" rows={2} maxLength={500} defaultValue={v?.note ?? entry?.note ?? ""} aria-describedby={describedBy("note", { hint: true, error: err("note") })} className={`${inputClass(err("note"))} w-full max-w-xl`} />
      </Field>
      <Button type="submit" disabled={pending}>
        {entry ? "Save the changes" : "Log the work"}
      </Button>
    </form>
  );
}
