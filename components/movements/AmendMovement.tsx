"use client";
// "Something wrong with this movement?": correct where it is going, cancel it, say there is no paper record, or keep
// the record at the practice for now. Only what the lifecycle allows the viewer in the movement's status is offered
// (lib/movements/lifecycle.ts, through the page's capabilities); the server checks again.
import { useActionState, type ReactNode } from "react";
import { cancelMovementAction, correctDestinationAction, markHeldAtPracticeAction, markNoPaperRecordAction } from "@/lib/movements/actions";
import type { ActionState } from "@/lib/http/action-result";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button } from "@/components/ui/Button";
import { OrganisationTypeahead } from "@/components/movements/OrganisationTypeahead";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

function AmendForm({
  id,
  summary,
  intro,
  action,
  reference,
  field,
  fieldLabel,
  fieldHint,
  optional,
  submit,
  danger,
  children,
}: {
  id: string;
  summary: string;
  intro: ReactNode;
  action: Action;
  reference: string;
  field: "reason" | "note";
  fieldLabel: string;
  fieldHint?: string;
  optional?: boolean;
  submit: string;
  danger?: boolean;
  children?: (state: ActionState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, { status: "idle" });
  const err = (k: string) => state.fieldErrors?.[k]?.[0];
  const textId = `${id}-${field}`;
  const errors = [
    ...(state.formError ? [{ field: textId, message: state.formError }] : []),
    ...(err("destinationOdsCode") ? [{ field: `${id}-destination`, message: err("destinationOdsCode")! }] : []),
    ...(err(field) ? [{ field: textId, message: err(field)! }] : []),
  ];
  return (
    <details className="border-b border-nhs-grey-4 py-3" open={errors.length > 0}>
      <summary className="cursor-pointer font-bold text-nhs-blue underline">{summary}</summary>
      <form action={formAction} noValidate className="mt-4 max-w-2xl" key={JSON.stringify(state.values ?? {})}>
        <ErrorSummary errors={errors} />
        <div className="mb-4">{intro}</div>
        <input type="hidden" name="reference" value={reference} />
        {children?.(state)}
        <Field id={textId} label={`${fieldLabel}${optional ? " (optional)" : ""}`} hint={fieldHint} error={err(field)}>
          <textarea
            id={textId}
            name={field}
            rows={2}
            maxLength={400}
            defaultValue={state.values?.[field]}
            aria-describedby={describedBy(textId, { hint: Boolean(fieldHint), error: err(field) })}
            aria-invalid={err(field) ? true : undefined}
            className={`${inputClass(err(field))} w-full`}
          />
        </Field>
        <Button type="submit" disabled={pending} variant={danger ? "warning" : "primary"}>
          {submit}
        </Button>
      </form>
    </details>
  );
}

export function AmendMovement({ reference, can, toName }: { reference: string; can: { correctDestination: boolean; cancel: boolean; markNoPaperRecord: boolean; markHeldAtPractice: boolean }; toName: string }) {
  if (!can.correctDestination && !can.cancel && !can.markNoPaperRecord && !can.markHeldAtPractice) return null;
  return (
    <section aria-labelledby="amend-heading" className="mb-8 border-l-4 border-nhs-grey-3 bg-white p-4">
      <h2 id="amend-heading" className="text-nhs-s">
        Something wrong with this movement?
      </h2>
      <p className="mb-2 text-nhs-small">Until the courier collects the record. Each change is recorded on the tracking history.</p>
      {can.correctDestination ? (
        <AmendForm
          id="correct"
          summary="It is going to the wrong place: correct the destination"
          intro={
            <p>
              It is addressed to <strong>{toName}</strong>. Choose where it should go. Its labels will be voided: print new ones, with the right address, and mark it ready again.
            </p>
          }
          action={correctDestinationAction}
          reference={reference}
          field="reason"
          fieldLabel="Why was the destination wrong?"
          fieldHint="For example: the patient registered at a different practice with a similar name"
          submit="Correct the destination"
        >
          {(state) => (
            <Field id="correct-destination" label="The right destination" hint="Type an ODS code, a name or a postcode, then choose from the list" error={state.fieldErrors?.destinationOdsCode?.[0]}>
              <OrganisationTypeahead
                id="correct-destination"
                name="destinationOdsCode"
                label="Correcting to"
                defaultValue={state.values?.destinationOdsCode}
                error={state.fieldErrors?.destinationOdsCode?.[0]}
                describedBy={describedBy("correct-destination", { hint: true, error: state.fieldErrors?.destinationOdsCode?.[0] })}
              />
            </Field>
          )}
        </AmendForm>
      ) : null}
      {can.markHeldAtPractice ? (
        <AmendForm
          id="held"
          summary="Keep the record at the practice for now"
          intro={<p>For example while you add notes or wait to hear from the patient. It leaves any booked collection; mark it ready for collection when it can go.</p>}
          action={markHeldAtPracticeAction}
          reference={reference}
          field="note"
          fieldLabel="Why is it staying?"
          optional
          submit="Keep the record at the practice"
        />
      ) : null}
      {can.markNoPaperRecord ? (
        <AmendForm
          id="no-paper"
          summary="There is no paper record to send"
          intro={<p>The patient&apos;s record is electronic only. Nothing will be collected, and the receiver sees that no record is coming.</p>}
          action={markNoPaperRecordAction}
          reference={reference}
          field="note"
          fieldLabel="Anything the receiver should know"
          optional
          submit="Confirm there is no paper record"
        />
      ) : null}
      {can.cancel ? (
        <AmendForm
          id="cancel"
          summary="Cancel this movement"
          intro={<p>If it was made in error: for example the patient came back, or it was sent twice. This cannot be undone; its labels are voided.</p>}
          action={cancelMovementAction}
          reference={reference}
          field="reason"
          fieldLabel="Why is it being cancelled?"
          submit="Cancel the movement"
          danger
        />
      ) : null}
    </section>
  );
}
