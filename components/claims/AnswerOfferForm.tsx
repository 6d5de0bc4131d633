"use client";
// The practice manager answers NHS England's offer: accept (after confirming the warning) or reject (saying why).
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action-result";
import { answerClaimOfferAction } from "@/lib/claims/actions";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

export function AnswerOfferForm({ reference, offer, warning }: { reference: string; offer: string; warning: string }) {
  const [accept, acceptAction, accepting] = useActionState<ActionState, FormData>(answerClaimOfferAction, { status: "idle" });
  const [reject, rejectAction, rejecting] = useActionState<ActionState, FormData>(answerClaimOfferAction, { status: "idle" });
  const acceptError = accept.formError ?? accept.fieldErrors?.confirmWarning?.[0] ?? accept.fieldErrors?.action?.[0];
  const rejectNote = reject.fieldErrors?.note?.[0];
  const rejectError = reject.formError ?? reject.fieldErrors?.action?.[0];
  return (
    <div className="grid gap-8 md:grid-cols-2">
      <form action={acceptAction} noValidate className="border-l-8 border-nhs-warm-yellow bg-white p-4">
        <input type="hidden" name="action" value="acceptOffer" />
        <input type="hidden" name="reference" value={reference} />
        <h3 className="text-nhs-s">Accept the offer of {offer}</h3>
        <div className="mb-4" role="note">
          <strong className="block">Important</strong>
          {warning}
        </div>
        <div className={`mb-4 ${acceptError ? "border-l-4 border-nhs-red pl-4" : ""}`}>
          {acceptError ? <ErrorMessage id="confirmWarning-error">{acceptError}</ErrorMessage> : null}
          <div className="flex items-start gap-3">
            <input type="checkbox" id="confirmWarning" name="confirmWarning" value="yes" aria-describedby={acceptError ? "confirmWarning-error" : undefined} className="mt-1 h-6 w-6 accent-nhs-blue" />
            <label htmlFor="confirmWarning">I understand that accepting may bar the practice from further claims for this work</label>
          </div>
        </div>
        <Button type="submit" disabled={accepting}>
          Accept the offer
        </Button>
      </form>
      <form action={rejectAction} noValidate className="bg-white p-4">
        <input type="hidden" name="action" value="rejectOffer" />
        <input type="hidden" name="reference" value={reference} />
        <h3 className="text-nhs-s">Reject the offer</h3>
        {rejectError ? (
          <p role="alert" className="font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {rejectError}
          </p>
        ) : null}
        <Field id="rejectNote" label="Why" hint="NHS England sees this" error={rejectNote}>
          <textarea id="rejectNote" name="note" rows={3} maxLength={1000} defaultValue={reject.values?.note ?? ""} aria-describedby={describedBy("rejectNote", { hint: true, error: rejectNote })} className={`${inputClass(rejectNote)} w-full`} />
        </Field>
        <Button type="submit" variant="reverse" disabled={rejecting}>
          Reject the offer
        </Button>
      </form>
    </div>
  );
}
