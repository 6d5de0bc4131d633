"use client";
// What a practice can do on a case: answer PCSE's request to search (found it and sending it, or not here), complete
// a reconstitution or merge task, send PCSE a message, or withdraw a case it raised. Which forms show is the page's
// decision from the practice's own tasks and the case's state; the commands check again (lib/cases/commands.ts).
import { useActionState } from "react";
import { completePracticeTaskAction, replyToCaseAction } from "@/lib/cases/actions";
import type { ActionState } from "@/lib/http/action-result";
import { PRACTICE_REPLY_LABELS } from "@/lib/cases/labels";
import { ErrorSummary, type SummaryError } from "@/components/ui/ErrorSummary";
import { ErrorMessage, Field, describedBy, inputClass } from "@/components/ui/Field";
import { DateInput } from "@/components/ui/DateInput";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Choice";

function summaryOf(state: ActionState, order: { key: string; anchor: string }[]): SummaryError[] {
  const known = new Set(order.map((o) => o.key));
  return [
    ...(state.formError ? [{ field: order[0].anchor, message: state.formError }] : []),
    ...Object.entries(state.fieldErrors ?? {})
      .filter(([k]) => !known.has(k))
      .map(([, m]) => ({ field: order[0].anchor, message: m[0] })),
    ...order.flatMap(({ key, anchor }) => (state.fieldErrors?.[key] ? [{ field: anchor, message: state.fieldErrors[key][0] }] : [])),
  ];
}

function NoteField({ id, label, hint, value, error, rows = 3 }: { id: string; label: string; hint?: string; value?: string; error?: string; rows?: number }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea id={id} name="note" rows={rows} maxLength={2000} defaultValue={value} aria-describedby={describedBy(id, { hint: Boolean(hint), error })} aria-invalid={error ? true : undefined} className={`${inputClass(error)} w-full max-w-xl`} />
    </Field>
  );
}

/** PCSE asked the practice to search for the record: found it (and sending it), or not here. */
export function SearchAnswerForm({ reference }: { reference: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(replyToCaseAction, { status: "idle" });
  const v = state.values ?? {};
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = summaryOf(state, [
    { key: "reply", anchor: "search-reply-FOUND_SENDING" },
    { key: "note", anchor: "search-note" },
  ]);
  return (
    <form action={action} noValidate key={JSON.stringify(v)}>
      <ErrorSummary errors={errors} id="search-errors" />
      <input type="hidden" name="reference" value={reference} />
      <fieldset className={`mb-6 ${err("reply") ? "border-l-4 border-nhs-red pl-4" : ""}`} aria-describedby={err("reply") ? "search-reply-error" : undefined}>
        <legend className="font-bold">What did your search find?</legend>
        {err("reply") ? <ErrorMessage id="search-reply-error">{err("reply")}</ErrorMessage> : null}
        <div className="mt-2 space-y-3">
          {(["FOUND_SENDING", "SEARCHED_NOT_HERE"] as const).map((reply) => (
            <Choice key={reply} type="radio" id={`search-reply-${reply}`} name="reply" value={reply} defaultChecked={v.reply === reply} label={PRACTICE_REPLY_LABELS[reply]} />
          ))}
        </div>
      </fieldset>
      <NoteField id="search-note" label="Anything PCSE should know (optional)" hint="For example where it was, or where you looked. No clinical details." value={v.note} error={err("note")} />
      <Button type="submit" disabled={pending}>
        Send your answer to PCSE
      </Button>
    </form>
  );
}

/** A message to PCSE on the case (shared with the practices on it). */
export function MessageForm({ reference }: { reference: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(replyToCaseAction, { status: "idle" });
  const v = state.values ?? {};
  const errors = summaryOf(state, [{ key: "note", anchor: "message-note" }]);
  return (
    <form action={action} noValidate key={JSON.stringify(v)}>
      <ErrorSummary errors={errors} id="message-errors" />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="reply" value="INFORMATION" />
      <NoteField id="message-note" label="Your message" hint="PCSE and the other practice on the case can read it. No clinical details." value={v.note} error={state.fieldErrors?.note?.[0]} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Send the message
      </Button>
    </form>
  );
}

/** The practice that raised a case withdraws it (it resolves as withdrawn). */
export function WithdrawForm({ reference }: { reference: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(replyToCaseAction, { status: "idle" });
  const v = state.values ?? {};
  const errors = summaryOf(state, [
    { key: "note", anchor: "withdraw-note" },
    { key: "reply", anchor: "withdraw-note" },
  ]);
  return (
    <form action={action} noValidate key={JSON.stringify(v)}>
      <ErrorSummary errors={errors} id="withdraw-errors" />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="reply" value="WITHDRAW" />
      <NoteField id="withdraw-note" label="Why are you withdrawing it? (optional)" hint="For example: the record arrived after all." value={v.note} error={state.fieldErrors?.note?.[0]} rows={2} />
      <Button type="submit" variant="reverse" disabled={pending}>
        Withdraw the case
      </Button>
    </form>
  );
}

const TASK_FORMS = {
  RECONSTITUTE_RECORD: {
    intro: "The original record was not found in time and is treated as lost. Make a reconstituted record from what you hold (the electronic record, letters, results) and mark it clearly as reconstituted, with today's date.",
    date: "When was the reconstituted record made?",
    confirmName: "clearlyMarked",
    confirm: "The reconstituted record is clearly marked as reconstituted",
    button: "Record the reconstituted record",
  },
  MERGE_FOUND_RECORD: {
    intro: "The original record has been found. Merge it with the reconstituted record you made, so the patient has one record.",
    date: "When were the records merged?",
    confirmName: "merged",
    confirm: "The found record and the reconstituted one are now one record",
    button: "Record the merge",
  },
} as const;

/** A reconstitution or merge task PCSE set the practice, with what the practice must record. */
export function TaskForm({ taskId, kind }: { taskId: string; kind: keyof typeof TASK_FORMS }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(completePracticeTaskAction, { status: "idle" });
  const v = state.values ?? {};
  const t = TASK_FORMS[kind];
  const id = (s: string) => `${kind}-${s}`;
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const errors = summaryOf(state, [
    { key: "completedOn", anchor: "completedOnDay" },
    { key: t.confirmName, anchor: id("confirm") },
    { key: "note", anchor: id("note") },
    { key: "taskId", anchor: "completedOnDay" },
  ]);
  return (
    <form action={action} noValidate key={JSON.stringify(v)}>
      <ErrorSummary errors={errors} id={id("errors")} />
      <input type="hidden" name="taskId" value={taskId} />
      <input type="hidden" name="kind" value={kind} />
      <p className="mb-4">{t.intro}</p>
      <DateInput prefix="completedOn" legend={t.date} hint="For example, 27 11 2026" error={err("completedOn")} values={{ day: v.completedOnDay, month: v.completedOnMonth, year: v.completedOnYear }} />
      <div className={`mb-6 ${err(t.confirmName) ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        {err(t.confirmName) ? <ErrorMessage id={id("confirm-error")}>{err(t.confirmName)}</ErrorMessage> : null}
        <Choice type="checkbox" id={id("confirm")} name={t.confirmName} value="yes" defaultChecked={v[t.confirmName] === "yes"} aria-describedby={err(t.confirmName) ? id("confirm-error") : undefined} label={t.confirm} />
      </div>
      <NoteField id={id("note")} label="Note (optional)" value={v.note} error={err("note")} rows={2} />
      <Button type="submit" disabled={pending}>
        {t.button}
      </Button>
    </form>
  );
}
