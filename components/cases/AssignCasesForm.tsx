"use client";
// Assign the cases ticked in the queue (their checkboxes belong to this form by its id) to a caseworker. Supervisors
// choose anyone; a caseworker can only take cases, so the choice is themselves.
import { useActionState } from "react";
import { assignCasesAction } from "@/lib/cases/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary, type SummaryError } from "@/components/ui/ErrorSummary";
import { ErrorMessage, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

export function AssignCasesForm({ id, filters, people, firstReference }: { id: string; filters: Record<string, string>; people: { id: string; name: string }[]; firstReference: string | null }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(assignCasesAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const selectAnchor = firstReference ? `select-${firstReference}` : "assign-owner";
  const errors: SummaryError[] = [
    ...(state.formError ? [{ field: selectAnchor, message: state.formError }] : []),
    ...(err("references") ? [{ field: selectAnchor, message: err("references")! }] : []),
    ...(err("ownerId") ? [{ field: "assign-owner", message: err("ownerId")! }] : []),
  ];
  return (
    <form id={id} action={action} noValidate className="mb-6 border-l-4 border-nhs-blue bg-white p-4">
      <ErrorSummary errors={errors} id="assign-errors" />
      {Object.entries(filters).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <h2 className="text-nhs-s">Assign the cases you select</h2>
      <div className="flex flex-wrap items-end gap-4">
        <div className={`min-w-0 max-w-full ${err("ownerId") ? "border-l-4 border-nhs-red pl-4" : ""}`}>
          <label htmlFor="assign-owner" className="block font-bold">
            Assign to
          </label>
          {err("ownerId") ? <ErrorMessage id="assign-owner-error">{err("ownerId")}</ErrorMessage> : null}
          <select id="assign-owner" name="ownerId" defaultValue={people.length === 1 ? people[0].id : ""} aria-describedby={err("ownerId") ? "assign-owner-error" : undefined} className={`${inputClass(err("ownerId"))} w-full max-w-full`}>
            {people.length > 1 ? <option value="">Choose a caseworker</option> : null}
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Assign the selected cases
        </Button>
      </div>
    </form>
  );
}
