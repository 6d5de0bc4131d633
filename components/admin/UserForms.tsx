"use client";
// The administrator's user forms: create a PCSE or commissioner account, change a user's role or organisation,
// disable or enable a user. Errors as the NHS error summary and messages; the server checks everything again.
import { useActionState } from "react";
import { changeUserRoleAction, createUserAction, setUserDisabledAction } from "@/lib/users/actions";
import type { ActionState } from "@/lib/http/action-result";
import type { Role } from "@/lib/db/generated/enums";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

type Options = { pcseSites: { odsCode: string; name: string }[]; regions: { code: string; name: string }[] };

function useForm(action: (s: ActionState, f: FormData) => Promise<ActionState>) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  return { state, formAction, pending, err, v: state.values ?? {} };
}

function RegionSelect({ id, regions, value, error }: { id: string; regions: Options["regions"]; value?: string; error?: string }) {
  return (
    <Field id={id} label="Region (commissioners only)" hint="A regional commissioner sees their region's figures only" error={error}>
      <select id={id} name="regionCode" defaultValue={value ?? ""} aria-describedby={describedBy(id, { hint: true, error })} className={`${inputClass(error)} w-full`}>
        <option value="">National: all of England</option>
        {regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CreateUserForm({ options }: { options: Options }) {
  const { state, formAction, pending, err, v } = useForm(createUserAction);
  const errors = [
    ...(state.formError ? [{ field: "name", message: state.formError }] : []),
    ...(["name", "email", "role", "organisationOdsCode", "regionCode"] as const).flatMap((k) => (err(k) ? [{ field: k === "role" ? "role-PCSE_CASEWORKER" : k, message: err(k)! }] : [])),
  ];
  return (
    <form action={formAction} noValidate className="max-w-2xl" key={JSON.stringify(v)}>
      <ErrorSummary errors={errors} />
      <Field id="name" label="Full name" error={err("name")}>
        <input id="name" name="name" defaultValue={v.name} autoComplete="off" aria-describedby={describedBy("name", { error: err("name") })} className={`${inputClass(err("name"))} w-full`} />
      </Field>
      <Field id="email" label="Email address" hint="The address on their NHS smartcard identity (CIS2): their account becomes theirs when they first sign in with it" error={err("email")}>
        <input id="email" name="email" type="email" defaultValue={v.email} autoComplete="off" spellCheck={false} aria-describedby={describedBy("email", { hint: true, error: err("email") })} className={`${inputClass(err("email"))} w-full`} />
      </Field>
      <fieldset className={`mb-6 ${err("role") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={err("role") ? "role-error" : undefined}>
        <legend className="font-bold">Kind of account</legend>
        {err("role") ? <ErrorMessage id="role-error">{err("role")}</ErrorMessage> : null}
        <div className="mt-2 space-y-2">
          {(["PCSE_CASEWORKER", "PCSE_SUPERVISOR", "COMMISSIONER"] as const).map((r) => (
            <Choice key={r} type="radio" id={`role-${r}`} name="role" value={r} defaultChecked={v.role === r} label={ROLE_LABELS[r]} />
          ))}
        </div>
      </fieldset>
      <Field id="organisationOdsCode" label="PCSE site (PCSE accounts only)" error={err("organisationOdsCode")}>
        <select id="organisationOdsCode" name="organisationOdsCode" defaultValue={v.organisationOdsCode ?? options.pcseSites[0]?.odsCode} aria-describedby={describedBy("organisationOdsCode", { error: err("organisationOdsCode") })} className={`${inputClass(err("organisationOdsCode"))} w-full`}>
          {options.pcseSites.map((o) => (
            <option key={o.odsCode} value={o.odsCode}>
              {o.name} ({o.odsCode})
            </option>
          ))}
        </select>
      </Field>
      <RegionSelect id="regionCode" regions={options.regions} value={v.regionCode} error={err("regionCode")} />
      <Button type="submit" disabled={pending}>
        Create the account
      </Button>
    </form>
  );
}

export function ChangeRoleForm({ userId, role, organisationOdsCode, regionCode, options }: { userId: string; role: Role; organisationOdsCode: string | null; regionCode: string | null; options: Options }) {
  const { state, formAction, pending, err, v } = useForm(changeUserRoleAction);
  const errors = [
    ...(state.formError ? [{ field: "role", message: state.formError }] : []),
    ...(["role", "organisationOdsCode", "regionCode"] as const).flatMap((k) => (err(k) ? [{ field: k, message: err(k)! }] : [])),
  ];
  return (
    <form action={formAction} noValidate className="max-w-2xl" key={JSON.stringify(v)}>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="userId" value={userId} />
      <Field id="role" label="Role" error={err("role")}>
        <select id="role" name="role" defaultValue={v.role ?? role} aria-describedby={describedBy("role", { error: err("role") })} className={`${inputClass(err("role"))} w-full`}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="organisationOdsCode" label="Organisation's ODS code (practice and PCSE roles)" hint="A GP practice or branch surgery for practice roles; a PCSE office or store for PCSE roles" error={err("organisationOdsCode")}>
        <input
          id="organisationOdsCode"
          name="organisationOdsCode"
          defaultValue={v.organisationOdsCode ?? organisationOdsCode ?? ""}
          maxLength={10}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={describedBy("organisationOdsCode", { hint: true, error: err("organisationOdsCode") })}
          className={`${inputClass(err("organisationOdsCode"))} w-40`}
        />
      </Field>
      <RegionSelect id="regionCode" regions={options.regions} value={v.regionCode ?? regionCode ?? ""} error={err("regionCode")} />
      <Button type="submit" disabled={pending} variant="secondary">
        Save the role
      </Button>
    </form>
  );
}

export function DisableUserForm({ userId, disabled, name }: { userId: string; disabled: boolean; name: string }) {
  const { state, formAction, pending, err } = useForm(setUserDisabledAction);
  const problem = err("disabled") ?? state.formError;
  return (
    <form action={formAction} noValidate>
      <ErrorSummary errors={problem ? [{ field: "disable-button", message: problem }] : []} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <p className="mb-4">{disabled ? `${name} cannot sign in. Enabling lets them sign in again.` : `Disabling signs ${name} out everywhere at once and stops them signing in.`}</p>
      <Button id="disable-button" type="submit" disabled={pending} variant={disabled ? "primary" : "warning"}>
        {disabled ? "Enable this user" : "Disable this user"}
      </Button>
    </form>
  );
}
