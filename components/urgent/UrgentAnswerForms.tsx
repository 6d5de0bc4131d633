"use client";
// The holder answers an urgent request (acknowledge, send the record) and the requester may cancel it. Which forms
// show is the request's own answer (canAcknowledge, canSend, canCancel); the server checks again.
import { useActionState } from "react";
import { answerStoreUrgentRequestAction, answerUrgentRequestAction } from "@/lib/urgent/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary, type SummaryError } from "@/components/ui/ErrorSummary";
import { ErrorMessage, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";

type Kind = "acknowledge" | "send" | "cancel";

const FORMS: Record<Kind, { heading: string; intro: string; button: string; variant: "primary" | "secondary" | "reverse"; noteLabel: string; noteRequired: boolean }> = {
  send: {
    heading: "Send the record",
    intro: "This creates an urgent record movement to the requesting practice, tracked and due under the service-level policy's urgent target like any urgent movement (the request keeps its own dates). Print its labels from the movement's page and hand it to the courier.",
    button: "Send the record now",
    variant: "primary",
    noteLabel: "Note for the requester (optional)",
    noteRequired: false,
  },
  acknowledge: {
    heading: "Acknowledge the request",
    intro: "Tell the requesting practice you have the record and are getting it ready.",
    button: "Acknowledge the request",
    variant: "secondary",
    noteLabel: "Note for the requester (optional)",
    noteRequired: false,
  },
  cancel: {
    heading: "Cancel the request",
    intro: "Only while the record has not been sent.",
    button: "Cancel the request",
    variant: "reverse",
    noteLabel: "Why are you cancelling?",
    noteRequired: true,
  },
};

function AnswerForm({ kind, reference, side }: { kind: Kind; reference: string; side: "practice" | "pcse" }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(side === "pcse" ? answerStoreUrgentRequestAction : answerUrgentRequestAction, { status: "idle" });
  const f = FORMS[kind];
  const v = state.values ?? {};
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const first = kind === "send" ? `${kind}-bagCount` : `${kind}-note`;
  const errors: SummaryError[] = [
    ...(state.formError ? [{ field: first, message: state.formError }] : []),
    ...Object.entries(state.fieldErrors ?? {})
      .filter(([k]) => k !== "note" && k !== "bagCount")
      .map(([, m]) => ({ field: first, message: m[0] })),
    ...(err("bagCount") ? [{ field: `${kind}-bagCount`, message: err("bagCount")! }] : []),
    ...(err("note") ? [{ field: `${kind}-note`, message: err("note")! }] : []),
  ];
  return (
    <section aria-labelledby={`${kind}-heading`} className="mb-6 border-l-4 border-nhs-blue bg-white p-4">
      <h3 id={`${kind}-heading`}>{f.heading}</h3>
      <form action={action} noValidate key={JSON.stringify(v)}>
        <ErrorSummary errors={errors} id={`${kind}-errors`} />
        <input type="hidden" name="reference" value={reference} />
        <input type="hidden" name="action" value={kind} />
        <p className="mb-4">{f.intro}</p>
        {kind === "send" ? (
          <div className={`mb-4 ${err("bagCount") ? "border-l-4 border-nhs-red pl-4" : ""}`}>
            <label htmlFor="send-bagCount" className="block font-bold">
              Number of bags
            </label>
            {err("bagCount") ? <ErrorMessage id="send-bagCount-error">{err("bagCount")}</ErrorMessage> : null}
            <input id="send-bagCount" name="bagCount" inputMode="numeric" maxLength={2} defaultValue={v.bagCount ?? "1"} aria-describedby={describedBy("send-bagCount", { error: err("bagCount") })} className={`${inputClass(err("bagCount"))} w-20`} />
          </div>
        ) : null}
        <div className={`mb-4 ${err("note") ? "border-l-4 border-nhs-red pl-4" : ""}`}>
          <label htmlFor={`${kind}-note`} className="block font-bold">
            {f.noteLabel}
          </label>
          {err("note") ? <ErrorMessage id={`${kind}-note-error`}>{err("note")}</ErrorMessage> : null}
          <textarea id={`${kind}-note`} name="note" rows={2} maxLength={500} defaultValue={v.note} aria-describedby={describedBy(`${kind}-note`, { error: err("note") })} className={`${inputClass(err("note"))} w-full max-w-xl`} />
        </div>
        <Button type="submit" variant={f.variant} disabled={pending}>
          {f.button}
        </Button>
      </form>
    </section>
  );
}

export function UrgentAnswerForms({ reference, side, canAcknowledge, canSend, canCancel }: { reference: string; side: "practice" | "pcse"; canAcknowledge: boolean; canSend: boolean; canCancel: boolean }) {
  if (!canAcknowledge && !canSend && !canCancel) return null;
  return (
    <section aria-labelledby="answer-heading" className="mb-8">
      <h2 id="answer-heading">{canCancel ? "Your request" : "Answer the request"}</h2>
      {canSend ? <AnswerForm kind="send" reference={reference} side={side} /> : null}
      {canAcknowledge ? <AnswerForm kind="acknowledge" reference={reference} side={side} /> : null}
      {canCancel ? <AnswerForm kind="cancel" reference={reference} side={side} /> : null}
    </section>
  );
}
