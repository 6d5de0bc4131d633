"use client";
// The practice manager makes and signs an evidence pack: the period, what it covers, and the declaration.
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/http/action-result";
import type { EvidenceScope } from "@/lib/db/generated/enums";
import { createEvidencePackAction } from "@/lib/workload/actions";
import { SCOPE_LABELS } from "@/lib/workload/schemas";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { DateInput } from "@/components/ui/DateInput";
import { Button } from "@/components/ui/Button";

export function EvidencePackForm({ declaration, name, from, to, incidents }: { declaration: string; name: string; from: string; to: string; incidents: { reference: string; title: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createEvidencePackAction, { status: "idle" });
  const v = state.values;
  const [scope, setScope] = useState(v?.scope ?? "SERVICE_FAILURES");
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [
    ...(state.formError ? [{ field: "fromDay", message: state.formError }] : []),
    ...(err("from") ? [{ field: "fromDay", message: err("from")! }] : []),
    ...(err("to") ? [{ field: "toDay", message: err("to")! }] : []),
    ...(err("scope") ? [{ field: "scope-SERVICE_FAILURES", message: err("scope")! }] : []),
    ...(err("caseReference") ? [{ field: "caseReference", message: err("caseReference")! }] : []),
    ...(err("incidentReference") ? [{ field: "incidentReference", message: err("incidentReference")! }] : []),
    ...(err("declarationName") ? [{ field: "declarationName", message: err("declarationName")! }] : []),
    ...(err("declarationRole") ? [{ field: "declarationRole", message: err("declarationRole")! }] : []),
    ...(err("declare") ? [{ field: "declare", message: err("declare")! }] : []),
  ];
  const dateOf = (prefix: string, iso: string) => ({ day: v?.[`${prefix}Day`] ?? iso.slice(8), month: v?.[`${prefix}Month`] ?? iso.slice(5, 7), year: v?.[`${prefix}Year`] ?? iso.slice(0, 4) });
  const choices: EvidenceScope[] = ["SERVICE_FAILURES", "ALL", "CASE", ...(incidents.length ? (["INCIDENT"] as const) : [])];
  const scopes = choices.map((s) => ({ value: s, label: SCOPE_LABELS[s] }));
  return (
    <form action={action} noValidate className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <DateInput prefix="from" legend="From" error={err("from")} values={dateOf("from", from)} />
      <DateInput prefix="to" legend="To" hint="Today or earlier" error={err("to")} values={dateOf("to", to)} />
      <div className={`mb-6 ${err("scope") ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        <fieldset aria-describedby={err("scope") ? "scope-error" : undefined}>
          <legend className="font-bold">What the pack covers</legend>
          {err("scope") ? <ErrorMessage id="scope-error">{err("scope")}</ErrorMessage> : null}
          <div className="mt-2 space-y-2">
            {scopes.map((s) => (
              <div key={s.value} className="flex items-start gap-3">
                <input type="radio" id={`scope-${s.value}`} name="scope" value={s.value} checked={scope === s.value} onChange={() => setScope(s.value)} className="mt-1 h-6 w-6 accent-nhs-blue" />
                <label htmlFor={`scope-${s.value}`}>{s.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {scope === "CASE" ? (
        <Field id="caseReference" label="Case reference" hint="Like CS-7Q4K-2M9D" error={err("caseReference")}>
          <input id="caseReference" name="caseReference" autoComplete="off" maxLength={20} defaultValue={v?.caseReference ?? ""} aria-describedby={describedBy("caseReference", { hint: true, error: err("caseReference") })} className={`${inputClass(err("caseReference"))} w-56 uppercase`} />
        </Field>
      ) : null}
      {scope === "INCIDENT" ? (
        <Field id="incidentReference" label="Incident" error={err("incidentReference")}>
          <select id="incidentReference" name="incidentReference" defaultValue={v?.incidentReference ?? incidents[0]?.reference} aria-describedby={describedBy("incidentReference", { error: err("incidentReference") })} className={inputClass(err("incidentReference"))}>
            {incidents.map((i) => (
              <option key={i.reference} value={i.reference}>
                {i.reference}: {i.title}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <h3 className="text-nhs-s">Declaration</h3>
      <blockquote className="mb-4 border-l-4 border-nhs-grey-3 bg-white p-4">{declaration}</blockquote>
      <Field id="declarationName" label="Your full name" error={err("declarationName")}>
        <input id="declarationName" name="declarationName" autoComplete="name" maxLength={200} defaultValue={v?.declarationName ?? name} aria-describedby={describedBy("declarationName", { error: err("declarationName") })} className={`${inputClass(err("declarationName"))} w-full max-w-md`} />
      </Field>
      <Field id="declarationRole" label="Your role" error={err("declarationRole")}>
        <input id="declarationRole" name="declarationRole" autoComplete="organization-title" maxLength={100} defaultValue={v?.declarationRole ?? "Practice manager"} aria-describedby={describedBy("declarationRole", { error: err("declarationRole") })} className={`${inputClass(err("declarationRole"))} w-full max-w-md`} />
      </Field>
      <div className={`mb-6 ${err("declare") ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        {err("declare") ? <ErrorMessage id="declare-error">{err("declare")}</ErrorMessage> : null}
        <div className="flex items-start gap-3">
          <input type="checkbox" id="declare" name="declare" value="yes" aria-describedby={err("declare") ? "declare-error" : undefined} className="mt-1 h-6 w-6 accent-nhs-blue" />
          <label htmlFor="declare">I make this declaration, signed today in the portal</label>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        Sign and make the evidence pack
      </Button>
    </form>
  );
}
