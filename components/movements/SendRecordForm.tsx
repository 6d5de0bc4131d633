"use client";
import { useActionState } from "react";
import { sendRecordAction, type SendRecordState } from "@/lib/movements/actions";
import { PRACTICE_PURPOSES, PURPOSE_GROUPS } from "@/lib/movements/rules";
import { Choice } from "@/components/ui/Choice";
import { KIND_LABELS } from "@/lib/movements/labels";
import type { OrganisationKind } from "@/lib/db/generated/enums";
import { ErrorSummary, type SummaryError } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { OrganisationTypeahead } from "@/components/movements/OrganisationTypeahead";

type Site = { id: string; odsCode: string; name: string; kind: OrganisationKind };

/** Field order on the page, so the error summary lists problems top to bottom; the anchor is the first control. */
const FIELD_ORDER: { key: string; anchor: string }[] = [
  { key: "nhsNumber", anchor: "nhsNumber" },
  { key: "givenName", anchor: "givenName" },
  { key: "familyName", anchor: "familyName" },
  { key: "dateOfBirth", anchor: "dobDay" },
  { key: "purpose", anchor: `purpose-${PRACTICE_PURPOSES[0].value.replace("/", "-")}` },
  { key: "fromOrganisationId", anchor: "fromOrganisationId" },
  { key: "destinationOdsCode", anchor: "destinationOdsCode" },
  { key: "priority", anchor: "priority-ROUTINE" },
  { key: "bagCount", anchor: "bagCount" },
  { key: "notes", anchor: "notes" },
];

export function SendRecordForm({ sites }: { sites: Site[] }) {
  const [state, formAction, pending] = useActionState<SendRecordState, FormData>(sendRecordAction, { status: "idle" });
  const v = state.values ?? {};
  const err = (key: string) => state.fieldErrors?.[key]?.[0];
  const summary: SummaryError[] = [
    ...(state.formError ? [{ field: "nhsNumber", message: state.formError }] : []),
    ...FIELD_ORDER.flatMap(({ key, anchor }) => (err(key) ? [{ field: anchor, message: err(key)! }] : [])),
  ];
  const dobError = err("dateOfBirth");

  return (
    <form action={formAction} noValidate key={JSON.stringify(v)} aria-describedby="send-intro">
      <ErrorSummary errors={summary} />
      <p id="send-intro" className="mb-6">
        Tell us whose record is moving and where it is going. You get a reference and a due date straight away.
      </p>

      <h2>Patient</h2>
      <Field id="nhsNumber" label="NHS number" hint="10 digits, for example 943 476 5919" error={err("nhsNumber")}>
        <input
          id="nhsNumber"
          name="nhsNumber"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          defaultValue={v.nhsNumber}
          maxLength={14}
          aria-describedby={describedBy("nhsNumber", { hint: true, error: err("nhsNumber") })}
          aria-invalid={err("nhsNumber") ? true : undefined}
          className={`${inputClass(err("nhsNumber"))} w-48`}
          onBlur={(e) => {
            const digits = e.target.value.replace(/[\s-]/g, "");
            if (/^\d{10}$/.test(digits)) e.target.value = `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
          }}
        />
      </Field>
      <Field id="givenName" label="Given name" error={err("givenName")}>
        <input id="givenName" name="givenName" autoComplete="off" defaultValue={v.givenName} maxLength={100} aria-describedby={describedBy("givenName", { error: err("givenName") })} aria-invalid={err("givenName") ? true : undefined} className={`${inputClass(err("givenName"))} w-full max-w-md`} />
      </Field>
      <Field id="familyName" label="Family name" error={err("familyName")}>
        <input id="familyName" name="familyName" autoComplete="off" defaultValue={v.familyName} maxLength={100} aria-describedby={describedBy("familyName", { error: err("familyName") })} aria-invalid={err("familyName") ? true : undefined} className={`${inputClass(err("familyName"))} w-full max-w-md`} />
      </Field>

      <fieldset className={`mb-6 ${dobError ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={["dob-hint", dobError ? "dob-error" : null].filter(Boolean).join(" ")} role="group">
        <legend className="font-bold">Date of birth</legend>
        <div id="dob-hint" className="text-nhs-secondary">
          For example, 27 3 1961
        </div>
        {dobError ? <ErrorMessage id="dob-error">{dobError}</ErrorMessage> : null}
        <div className="mt-1 flex gap-4">
          {(
            [
              ["dobDay", "Day", 2, "w-16"],
              ["dobMonth", "Month", 2, "w-16"],
              ["dobYear", "Year", 4, "w-24"],
            ] as const
          ).map(([fieldName, label, max, width]) => (
            <div key={fieldName}>
              <label htmlFor={fieldName} className="block">
                {label}
              </label>
              <input id={fieldName} name={fieldName} inputMode="numeric" maxLength={max} defaultValue={v[fieldName]} aria-invalid={dobError ? true : undefined} className={`${inputClass(dobError)} ${width}`} />
            </div>
          ))}
        </div>
      </fieldset>

      <h2>Movement</h2>
      <fieldset className={`mb-6 ${err("purpose") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={["purpose-hint", err("purpose") ? "purpose-error" : null].filter(Boolean).join(" ")}>
        <legend className="font-bold">Why is the record moving?</legend>
        <div id="purpose-hint" className="text-nhs-secondary">
          Choose where the record is going and why. To ask another practice for a record urgently, use a request instead.
        </div>
        {err("purpose") ? <ErrorMessage id="purpose-error">{err("purpose")}</ErrorMessage> : null}
        {PURPOSE_GROUPS.map((g) => (
          <div key={g.id} role="group" aria-labelledby={`purpose-group-${g.id}`} className="mt-4">
            <p id={`purpose-group-${g.id}`} className="mb-2 border-b border-nhs-grey-4 font-bold">
              {g.heading}
            </p>
            <div className="space-y-2">
              {g.purposes.map((p) => (
                <Choice key={p.value} type="radio" id={`purpose-${p.value.replace("/", "-")}`} name="purpose" value={p.value} defaultChecked={v.purpose === p.value} label={p.label} hint={p.hint} />
              ))}
            </div>
          </div>
        ))}
      </fieldset>

      {sites.length > 1 ? (
        <Field id="fromOrganisationId" label="Sending site" hint="Where the paper record is now" error={err("fromOrganisationId")}>
          <select id="fromOrganisationId" name="fromOrganisationId" defaultValue={v.fromOrganisationId ?? sites[0].id} aria-describedby={describedBy("fromOrganisationId", { hint: true, error: err("fromOrganisationId") })} className={inputClass(err("fromOrganisationId"))}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.odsCode}) — {KIND_LABELS[s.kind]}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <input type="hidden" name="fromOrganisationId" value={sites[0]?.id ?? ""} />
      )}

      <Field id="destinationOdsCode" label="Destination" hint="Type an ODS code, a name or a postcode, then choose from the list" error={err("destinationOdsCode")}>
        <OrganisationTypeahead
          id="destinationOdsCode"
          name="destinationOdsCode"
          defaultValue={v.destinationOdsCode}
          initialChosen={state.destination ?? undefined}
          error={err("destinationOdsCode")}
          describedBy={describedBy("destinationOdsCode", { hint: true, error: err("destinationOdsCode") })}
        />
      </Field>

      <fieldset className={`mb-6 ${err("priority") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={["priority-hint", err("priority") ? "priority-error" : null].filter(Boolean).join(" ")}>
        <legend className="font-bold">Priority</legend>
        <div id="priority-hint" className="text-nhs-secondary">
          The due date comes from the service-level policy for the priority you choose.
        </div>
        {err("priority") ? <ErrorMessage id="priority-error">{err("priority")}</ErrorMessage> : null}
        <div className="mt-2 flex flex-wrap gap-x-8 gap-y-2">
          {(["ROUTINE", "URGENT"] as const).map((p) => (
            <Choice key={p} type="radio" id={`priority-${p}`} name="priority" value={p} defaultChecked={(v.priority ?? "ROUTINE") === p} label={p === "ROUTINE" ? "Routine" : "Urgent"} />
          ))}
        </div>
      </fieldset>

      <Field id="bagCount" label="Number of bags" hint="Large records may need more than one bag" error={err("bagCount")}>
        <input id="bagCount" name="bagCount" inputMode="numeric" defaultValue={v.bagCount ?? "1"} maxLength={2} aria-describedby={describedBy("bagCount", { hint: true, error: err("bagCount") })} aria-invalid={err("bagCount") ? true : undefined} className={`${inputClass(err("bagCount"))} w-20`} />
      </Field>

      <Field id="notes" label="Notes (optional)" hint="For the receiver or PCSE. Do not include clinical details." error={err("notes")}>
        <textarea id="notes" name="notes" rows={3} maxLength={500} defaultValue={v.notes} aria-describedby={describedBy("notes", { hint: true, error: err("notes") })} aria-invalid={err("notes") ? true : undefined} className={`${inputClass(err("notes"))} w-full max-w-xl`} />
      </Field>

      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send record"}
      </Button>
    </form>
  );
}
