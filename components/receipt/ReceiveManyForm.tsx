"use client";
// The incoming list's bulk receipt: tick the records that have arrived (the checkboxes in the table belong to this
// form), then one button. The answer lists what was confirmed and what was not, and why (the lifecycle's receipt
// rule: a record the courier has not collected yet is confirmed from its own page, saying how it arrived).
import { useActionState, useRef, useState } from "react";
import { receiveManyAction, type ReceiveManyState } from "@/lib/receipt/actions";
import { Button } from "@/components/ui/Button";
import { ErrorTitle } from "@/components/ui/ErrorTitle";

export const RECEIVE_MANY_FORM = "receive-many";

/** `receivable`: the references on the page the courier has delivered or carried, which "Select all" ticks. */
export function ReceiveManyForm({ receivable, awaiting }: { receivable: string[]; awaiting: number }) {
  const [state, action, pending] = useActionState<ReceiveManyState, FormData>(receiveManyAction, { status: "idle" });
  const [nothingChosen, setNothingChosen] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][form="${RECEIVE_MANY_FORM}"]`)];
  const r = state.result;
  const problem = nothingChosen ? "Select the records that have arrived" : (state.fieldErrors?.references?.[0] ?? state.formError);
  return (
    <div className="mb-6 border border-nhs-grey-4 bg-white p-4">
      <h2 className="text-nhs-s">Confirm records that have arrived</h2>
      <p className="mb-3">
        {awaiting
          ? "Tick each record that is in your hands, then confirm them all at once. Check the name and NHS number against the record itself."
          : "No record on this page is waiting for you to confirm it."}
      </p>
      <form
        hidden={!awaiting}
        id={RECEIVE_MANY_FORM}
        ref={form}
        action={action}
        onSubmit={(event) => {
          // Said at once, without a round trip; the server refuses an empty selection too.
          const none = !boxes().some((b) => b.checked);
          setNothingChosen(none);
          if (none) event.preventDefault();
        }}
        className="flex flex-wrap items-center gap-3"
      >
        {receivable.length > 0 ? (
          <Button
            type="button"
            variant="reverse"
            className="border border-nhs-grey-3"
            onClick={() => {
              for (const b of boxes()) if (receivable.includes(b.value)) b.checked = true;
              setNothingChosen(false);
            }}
          >
            Select the {receivable.length} the courier has brought
          </Button>
        ) : null}
        <Button type="submit" disabled={pending}>
          Confirm the selected records as received
        </Button>
      </form>
      <div role="status" aria-live="polite" className="mt-3">
        {problem ? (
          <p className="font-bold text-nhs-red">
            <ErrorTitle />
            {problem}.
          </p>
        ) : null}
        {r && r.received.length ? (
          <div className="border-l-4 border-nhs-green pl-3">
            <p className="font-bold">
              Confirmed as received: {r.received.length} {r.received.length === 1 ? "record" : "records"}.
            </p>
            <ul className="list-disc pl-6">
              {r.received.map((x) => (
                <li key={x.reference}>
                  {x.reference}, {x.patientName}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {r && r.already.length ? <p className="mt-2">Already received: {r.already.join(", ")}.</p> : null}
        {r && r.refused.length ? (
          <div className="mt-2 border-l-4 border-nhs-red pl-3">
            <p className="font-bold">Not confirmed: {r.refused.length} {r.refused.length === 1 ? "record" : "records"}.</p>
            <ul className="list-disc pl-6">
              {r.refused.map((x) => (
                <li key={x.reference}>
                  {x.reference}: {x.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}
