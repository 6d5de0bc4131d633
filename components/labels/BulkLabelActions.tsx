"use client";
// Bulk work on outgoing records: print labels for the selected rows (or for every record still needing
// labels: the day's deductions) and mark selected rows ready for collection. Large batches are prepared in
// chunks of 100 with a progress bar, then rendered into one PDF.
import { useActionState, useState } from "react";
import { markReadyAction, type ReadyState } from "@/lib/collections/actions";

const CHUNK = 100;
const DIRECT_LIMIT = 50;

type Progress = { done: number; total: number; phase: "preparing" | "rendering" | "done" | "failed"; message?: string; url?: string; count?: number };

async function postJson(url: string, body: unknown) {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export function BulkLabelActions({ pendingCount }: { pendingCount: number }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [readyState, readyAction, readyPending] = useActionState<ReadyState, FormData>(markReadyAction, { status: "idle" });

  async function printMany(references: string[], format: string) {
    setProgress({ done: 0, total: references.length, phase: "preparing" });
    const problems: string[] = [];
    for (let i = 0; i < references.length; i += CHUNK) {
      const response = await postJson("/api/labels/prepare", { references: references.slice(i, i + CHUNK) });
      if (!response.ok) {
        setProgress({ done: i, total: references.length, phase: "failed", message: "Labels could not be prepared. Try again." });
        return;
      }
      const body = (await response.json()) as { problems: { reference: string; reason: string }[] };
      problems.push(...body.problems.map((p) => `${p.reference} (${p.reason})`));
      setProgress({ done: Math.min(i + CHUNK, references.length), total: references.length, phase: "preparing" });
    }
    setProgress({ done: references.length, total: references.length, phase: "rendering" });
    const pdf = await postJson("/api/labels/pdf", { references, format });
    if (!pdf.ok) {
      setProgress({ done: references.length, total: references.length, phase: "failed", message: await pdf.text() });
      return;
    }
    const count = Number(pdf.headers.get("x-label-count") ?? 0);
    const url = URL.createObjectURL(await pdf.blob());
    setProgress({ done: references.length, total: references.length, phase: "done", url, count, message: problems.length ? `Not printed: ${problems.join(", ")}` : undefined });
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (!submitter || submitter.name !== "format") return; // "mark ready" goes to its server action
    const references = new FormData(event.currentTarget).getAll("references").map(String);
    if (references.length <= DIRECT_LIMIT) return; // small: a plain post opens the PDF in a new tab
    event.preventDefault();
    void printMany(references, submitter.value);
  }

  async function printAllPending(format: string) {
    const response = await fetch("/api/labels/pending");
    if (!response.ok) return;
    const { references } = (await response.json()) as { references: string[] };
    await printMany(references, format);
  }

  const r = readyState.result;
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
        {progress ? (
          <div>
            <label htmlFor="label-progress" className="block font-bold">
              {progress.phase === "preparing" ? `Preparing labels: ${progress.done} of ${progress.total} records` : progress.phase === "rendering" ? "Making the PDF…" : progress.phase === "done" ? `Labels ready: ${progress.count} labels for ${progress.total} records` : "Printing failed"}
            </label>
            <progress id="label-progress" max={progress.total} value={progress.done} className="mt-1 h-4 w-full max-w-xl" />
            {progress.url ? (
              <p className="mt-2">
                <a href={progress.url} target="_blank" rel="noopener" download={`labels-${progress.count}.pdf`} className="font-bold">
                  Open the labels PDF
                </a>
              </p>
            ) : null}
            {progress.message ? <p className="mt-2 text-nhs-red font-bold">{progress.message}</p> : null}
          </div>
        ) : null}
        {r && r.ready.length ? <p>Ready for collection: {r.ready.length} {r.ready.length === 1 ? "record" : "records"}.</p> : null}
        {r && r.problems.length ? <p className="font-bold text-nhs-red">Not marked: {r.problems.map((p) => `${p.reference} (${p.reason})`).join("; ")}.</p> : null}
        {readyState.formError ? <p className="font-bold text-nhs-red">{readyState.formError}</p> : null}
      </div>
    </div>
  );
}
