"use client";
import { useActionState } from "react";
import { bookCollectionAction } from "@/lib/collections/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

type Ready = { reference: string; bagCount: number; priority: string; destination: string };

export function BookCollectionForm({ siteId, dates, ready }: { siteId: string; dates: { value: string; label: string }[]; ready: Ready[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(bookCollectionAction, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = [
    ...(state.formError ? [{ field: "collectionDate", message: state.formError }] : []),
    ...(err("collectionDate") ? [{ field: "collectionDate", message: err("collectionDate")! }] : []),
    ...(err("references") ? [{ field: `ref-${ready[0]?.reference ?? ""}`, message: err("references")! }] : []),
    ...(err("bagCount") ? [{ field: "bagCount", message: err("bagCount")! }] : []),
    ...(err("siteId") ? [{ field: "collectionDate", message: err("siteId")! }] : []),
  ];
  const totalBags = ready.reduce((n, r) => n + r.bagCount, 0);
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="siteId" value={siteId} />
      <Field id="collectionDate" label="Collection date" hint="Working days only" error={err("collectionDate")}>
        <select id="collectionDate" name="collectionDate" defaultValue={state.values?.collectionDate ?? dates[0]?.value} aria-describedby={describedBy("collectionDate", { hint: true, error: err("collectionDate") })} className={inputClass(err("collectionDate"))}>
          {dates.map((d) => (
            <option key={d.value} value={d.value}>{d.label}</option>
          ))}
        </select>
      </Field>
      <fieldset className={`mb-6 ${err("references") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={err("references") ? "references-error" : undefined}>
        <legend className="font-bold">Records to collect ({ready.length} ready, {totalBags} bags)</legend>
        {err("references") ? <ErrorMessage id="references-error">{err("references")}</ErrorMessage> : null}
        <ul className="mt-2 space-y-2">
          {ready.map((r) => (
            <li key={r.reference}>
              <Choice
                type="checkbox"
                id={`ref-${r.reference}`}
                name="references"
                value={r.reference}
                defaultChecked
                label={
                  <>
                    <span className="font-bold">{r.reference}</span> to {r.destination}, {r.bagCount} {r.bagCount === 1 ? "bag" : "bags"}
                    {r.priority === "URGENT" ? <strong className="ml-2 text-nhs-red">Urgent</strong> : null}
                  </>
                }
              />
            </li>
          ))}
        </ul>
      </fieldset>
      <Field id="bagCount" label="Number of bags for the driver" hint="The total of the records chosen, unless you have packed them differently" error={err("bagCount")}>
        <input id="bagCount" name="bagCount" inputMode="numeric" maxLength={3} defaultValue={state.values?.bagCount ?? String(totalBags)} aria-describedby={describedBy("bagCount", { hint: true, error: err("bagCount") })} className={`${inputClass(err("bagCount"))} w-24`} />
      </Field>
      <Button type="submit" disabled={pending}>Book collection</Button>
    </form>
  );
}
