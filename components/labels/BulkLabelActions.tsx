"use client";
// Bulk work on outgoing records: print labels for the selected rows (or for every record still needing labels: the
// day's deductions) and mark selected rows ready for collection. Large batches are prepared in chunks of 100 with a
// progress bar, then rendered into one PDF. When the PDF is made, or records are marked ready, the list refreshes
// so it shows their new status at once. Without JavaScript, printing is a plain form post (the PDF opens in a new
// tab) and "mark ready" a plain server action.
import { useActionState, useState } from "react";
import { markReadyAction, type ReadyState } from "@/lib/collections/actions";
import { openPdfTab, usePrintLabels } from "@/components/labels/print-labels";
import { ErrorTitle } from "@/components/ui/ErrorTitle";

const NOTHING_SELECTED = "Select at least one record in the list first";

export function BulkLabelActions({ pendingCount }: { pendingCount: number }) {
  const { progress, print, setProgress } = usePrintLabels();
  const [readyState, readyAction, readyPending] = useActionState<ReadyState, FormData>(markReadyAction, { status: "idle" });
  const [nothingSelected, setNothingSelected] = useState<null | "print" | "ready">(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const references = new FormData(event.currentTarget).getAll("references").map(String);
    const isPrint = submitter?.name === "format";
    if (references.length === 0) {
      // Nothing ticked: say so at once (the server would refuse it too).
      event.preventDefault();
      setNothingSelected(isPrint ? "print" : "ready");
      return;
    }
    setNothingSelected(null);
    if (!isPrint) return; // "mark ready" goes to its server action
    event.preventDefault();
    setProgress(null);
    void print(references, submitter!.value, references.length <= 50 ? openPdfTab() : null);
  }

  async function printAllPending(format: string) {
    setNothingSelected(null);
    const response = await fetch("/api/labels/pending");
    if (!response.ok) return;
    const { references } = (await response.json()) as { references: string[] };
    await print(references, format, null);
  }

  const r = readyState.result;
  const readyProblem = readyState.fieldErrors?.references?.[0] ?? readyState.formError;
  return (
    <div className="mb-6 border border-nhs-grey-4 bg-white p-4">
      <h2 className="text-nhs-s">Labels and collection</h2>
      {pendingCount > 0 ? (
        <p className="mb-4 flex flex-wrap items-center gap-3">
          <span>
            <strong>{pendingCount.toLocaleString("en-GB")}</strong> {pendingCount === 1 ? "record still needs" : "records still need"} labels.
          </span>
          <button type="button" onClick={() => void printAllPending("a4")} className="rounded bg-nhs-blue px-3 py-1.5 font-bold text-white shadow-[0_4px_0_#003087]">
            Print all their labels (A4)
          </button>
          <button type="button" onClick={() => void printAllPending("thermal")} className="rounded border border-nhs-grey-3 bg-white px-3 py-1.5 font-bold text-nhs-text shadow-[0_4px_0_#4c6272]">
            Print all (thermal)
          </button>
        </p>
      ) : null}
      <form id="bulk" method="post" action="/api/labels/pdf" target="_blank" onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
        <span>Selected records:</span>
        <button type="submit" name="format" value="a4" className="rounded bg-nhs-blue px-3 py-1.5 font-bold text-white shadow-[0_4px_0_#003087]">
          Print labels (A4)<span className="sr-only"> for the selected records</span>
        </button>
        <button type="submit" name="format" value="thermal" className="rounded border border-nhs-grey-3 bg-white px-3 py-1.5 font-bold text-nhs-text shadow-[0_4px_0_#4c6272]">
          Print labels (thermal)<span className="sr-only"> for the selected records</span>
        </button>
        <button type="submit" formAction={readyAction} formTarget="_self" disabled={readyPending} className="rounded bg-nhs-green px-3 py-1.5 font-bold text-white shadow-[0_4px_0_#00401e]">
          Mark ready for collection<span className="sr-only"> (the selected records)</span>
        </button>
      </form>
      <div aria-live="polite" role="status" className="mt-3">
        {nothingSelected ? (
          <p className="font-bold text-nhs-red">
            <ErrorTitle />
            {NOTHING_SELECTED} to {nothingSelected === "print" ? "print their labels" : "mark them ready for collection"}.
          </p>
        ) : null}
        {progress ? (
          <div>
            <label htmlFor="label-progress" className="block font-bold">
              {progress.phase === "preparing"
                ? `Preparing labels: ${progress.done} of ${progress.total} records`
                : progress.phase === "rendering"
                  ? "Making the PDF…"
                  : progress.phase === "done"
                    ? `Labels ready: ${progress.count} labels for ${progress.total} records${progress.opened ? " (the PDF opened in a new tab)" : ""}`
                    : "Printing failed"}
            </label>
            <progress id="label-progress" max={progress.total} value={progress.done} className="mt-1 h-4 w-full max-w-xl" />
            {progress.url ? (
              <p className="mt-2">
                <a href={progress.url} target="_blank" rel="noopener" download={`labels-${progress.count}.pdf`} className="font-bold">
                  Open the labels PDF
                </a>
              </p>
            ) : null}
            {progress.message ? <p className="mt-2 font-bold text-nhs-red">{progress.message}</p> : null}
          </div>
        ) : null}
        {!nothingSelected && r && r.ready.length ? <p>Ready for collection: {r.ready.length} {r.ready.length === 1 ? "record" : "records"} ({r.ready.join(", ")}).</p> : null}
        {!nothingSelected && r && r.already.length ? <p>Already ready: {r.already.join(", ")}.</p> : null}
        {!nothingSelected && r && r.problems.length ? <p className="font-bold text-nhs-red">Not marked: {r.problems.map((p) => `${p.reference} (${p.reason})`).join("; ")}.</p> : null}
        {!nothingSelected && readyProblem ? (
          <p className="font-bold text-nhs-red">
            <ErrorTitle />
            {readyProblem}
          </p>
        ) : null}
      </div>
    </div>
  );
}
