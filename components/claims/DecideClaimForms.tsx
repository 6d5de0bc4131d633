"use client";
// A commissioner's next steps on a claim: start the review, make an offer, decline it, or mark an accepted offer paid.
// Only the steps the claim's status allows are offered (lib/claims/rules.ts); the server checks again.
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action-result";
import { decideClaimAction } from "@/lib/claims/actions";
import type { ClaimAction } from "@/lib/claims/rules";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

const STEPS: Partial<Record<ClaimAction, { title: string; button: string; amount?: { name: "offer" | "paid"; label: string }; note: { label: string; hint: string; required: boolean } }>> = {
  startReview: { title: "Start the review", button: "Start the review", note: { label: "Note (optional)", hint: "The practice sees it", required: false } },
  makeOffer: { title: "Make an offer", button: "Make the offer", amount: { name: "offer", label: "Amount offered, pounds" }, note: { label: "How the offer was reached", hint: "The practice sees it", required: true } },
  decline: { title: "Decline the claim", button: "Decline the claim", note: { label: "Why the claim is declined", hint: "The practice sees it", required: true } },
  markPaid: { title: "Mark as paid", button: "Mark as paid", amount: { name: "paid", label: "Amount paid, pounds" }, note: { label: "Payment reference (optional)", hint: "For example the remittance reference", required: false } },
};

function StepForm({ reference, action: step, amountDefault }: { reference: string; action: ClaimAction; amountDefault: string }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(decideClaimAction, { status: "idle" });
  const s = STEPS[step]!;
  const id = (k: string) => `${step}-${k}`;
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const top = state.formError ?? err("action");
  return (
    <form action={formAction} noValidate className="border border-nhs-grey-4 bg-white p-4">
      <input type="hidden" name="action" value={step} />
      <input type="hidden" name="reference" value={reference} />
      <h3 className="text-nhs-s">{s.title}</h3>
      {top ? (
        <p role="alert" className="font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {top}
        </p>
      ) : null}
      {s.amount ? (
        <Field id={id("amount")} label={s.amount.label} error={err(s.amount.name)}>
          <div className="flex items-center gap-1">
            <span aria-hidden="true">£</span>
            <input id={id("amount")} name={s.amount.name} inputMode="decimal" maxLength={12} defaultValue={state.values?.[s.amount.name] ?? amountDefault} aria-describedby={describedBy(id("amount"), { error: err(s.amount.name) })} className={`${inputClass(err(s.amount.name))} w-40`} />
          </div>
        </Field>
      ) : null}
      <Field id={id("note")} label={s.note.label} hint={s.note.hint} error={err("note")}>
        <textarea id={id("note")} name="note" rows={2} maxLength={1000} defaultValue={state.values?.note ?? ""} aria-describedby={describedBy(id("note"), { hint: true, error: err("note") })} className={`${inputClass(err("note"))} w-full`} />
      </Field>
      <Button type="submit" variant={step === "decline" ? "reverse" : "primary"} disabled={pending}>
        {s.button}
      </Button>
    </form>
  );
}

export function DecideClaimForms({ reference, actions, claimed, offer }: { reference: string; actions: ClaimAction[]; claimed: string; offer: string | null }) {
  const steps = actions.filter((a) => STEPS[a]);
  if (steps.length === 0) return <p>Nothing more to do: the claim is {offer ? "settled" : "closed"}.</p>;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {steps.map((a) => (
        <StepForm key={a} reference={reference} action={a} amountDefault={a === "makeOffer" ? claimed : a === "markPaid" ? (offer ?? "") : ""} />
      ))}
    </div>
  );
}
