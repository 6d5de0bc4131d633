"use client";
// The administrator's organisation forms: add or correct a branch surgery, mark an organisation closed or open again.
import { useActionState } from "react";
import { saveBranchSurgeryAction, setOrganisationClosedAction } from "@/lib/organisations/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

type Branch = { odsCode: string; name: string; addressLines: string[]; postcode: string | null; parentOdsCode: string };

const FIELDS = ["odsCode", "name", "address", "postcode", "parentOdsCode"] as const;

export function BranchSurgeryForm({ branch, parentOdsCode }: { branch?: Branch; parentOdsCode?: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveBranchSurgeryAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const v = state.values ?? {};
  const errors = [...(state.formError ? [{ field: "odsCode", message: state.formError }] : []), ...FIELDS.flatMap((k) => (err(k) ? [{ field: k, message: err(k)! }] : []))];
  const value = (k: (typeof FIELDS)[number], fallback?: string | null) => v[k] ?? fallback ?? "";
  return (
    <form action={action} noValidate className="max-w-2xl" key={JSON.stringify(v)}>
      <ErrorSummary errors={errors} />
      {branch ? <input type="hidden" name="branchOdsCode" value={branch.odsCode} /> : null}
      <Field id="odsCode" label="Code" hint="The ODS code if it has one; otherwise the practice's code with B1, B2... (the ODS practice extract lists no branch surgeries)" error={err("odsCode")}>
        <input id="odsCode" name="odsCode" maxLength={10} defaultValue={value("odsCode", branch?.odsCode)} autoComplete="off" spellCheck={false} aria-describedby={describedBy("odsCode", { hint: true, error: err("odsCode") })} className={`${inputClass(err("odsCode"))} w-40`} />
      </Field>
      <Field id="name" label="Name" error={err("name")}>
        <input id="name" name="name" maxLength={200} defaultValue={value("name", branch?.name)} autoComplete="off" aria-describedby={describedBy("name", { error: err("name") })} className={`${inputClass(err("name"))} w-full`} />
      </Field>
      <Field id="address" label="Address" hint="One line per line, without the postcode: it goes on the courier's labels" error={err("address")}>
        <textarea id="address" name="address" rows={4} defaultValue={value("address", branch?.addressLines.join("\n"))} aria-describedby={describedBy("address", { hint: true, error: err("address") })} className={`${inputClass(err("address"))} w-full`} />
      </Field>
      <Field id="postcode" label="Postcode" error={err("postcode")}>
        <input id="postcode" name="postcode" maxLength={10} defaultValue={value("postcode", branch?.postcode)} autoComplete="off" aria-describedby={describedBy("postcode", { error: err("postcode") })} className={`${inputClass(err("postcode"))} w-40`} />
      </Field>
      <Field id="parentOdsCode" label="Main practice's ODS code" hint="The GP practice the branch belongs to: its staff work for that practice" error={err("parentOdsCode")}>
        <input id="parentOdsCode" name="parentOdsCode" maxLength={10} defaultValue={value("parentOdsCode", branch?.parentOdsCode ?? parentOdsCode)} autoComplete="off" spellCheck={false} aria-describedby={describedBy("parentOdsCode", { hint: true, error: err("parentOdsCode") })} className={`${inputClass(err("parentOdsCode"))} w-40`} />
      </Field>
      <Button type="submit" disabled={pending}>
        {branch ? "Save the corrections" : "Add the branch surgery"}
      </Button>
    </form>
  );
}

export function CloseOrganisationForm({ odsCode, closed, name }: { odsCode: string; closed: boolean; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setOrganisationClosedAction, { status: "idle" });
  const problem = state.formError ?? Object.values(state.fieldErrors ?? {})[0]?.[0];
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={problem ? [{ field: "close-button", message: problem }] : []} />
      <input type="hidden" name="odsCode" value={odsCode} />
      <input type="hidden" name="closed" value={closed ? "false" : "true"} />
      <Button id="close-button" type="submit" disabled={pending} variant={closed ? "secondary" : "warning"}>
        {closed ? `Mark ${name} open again` : `Mark ${name} closed`}
      </Button>
    </form>
  );
}
