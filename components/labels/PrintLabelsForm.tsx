"use client";
// Print one movement's labels. Without JavaScript: a plain form post that opens the PDF in a new tab. With it: the
// same post is fetched, the PDF shown in the new tab, and this page refreshed so it shows the labels and the
// "Label printed" status (and with them "Mark ready for collection") at once.
import { openPdfTab, usePrintLabels } from "@/components/labels/print-labels";

export function PrintLabelsForm({ references, label = "Print labels" }: { references: string[]; label?: string }) {
  const { progress, print } = usePrintLabels();
  return (
    <div>
      <form
        method="post"
        action="/api/labels/pdf"
        target="_blank"
        className="flex flex-wrap items-center gap-3"
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          event.preventDefault();
          const body = new FormData(event.currentTarget, submitter);
          void print(references, String(body.get("format") ?? "a4"), openPdfTab(), body);
        }}
      >
        {references.map((r) => (
          <input key={r} type="hidden" name="references" value={r} />
        ))}
        <button type="submit" name="format" value="a4" disabled={progress?.phase === "rendering"} className="rounded bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          {label}: A4 sheet<span className="sr-only"> (opens a PDF in a new tab)</span>
        </button>
        <button type="submit" name="format" value="thermal" disabled={progress?.phase === "rendering"} className="rounded border border-nhs-grey-3 bg-white px-4 py-2 font-bold text-nhs-text shadow-[0_4px_0_#4c6272]">
          {label}: 100 × 150 mm thermal<span className="sr-only"> (opens a PDF in a new tab)</span>
        </button>
      </form>
      <div role="status" aria-live="polite" className="mt-3">
        {progress?.phase === "rendering" ? <p>Making the labels…</p> : null}
        {progress?.phase === "done" ? (
          <p className="border-l-4 border-nhs-green pl-3">
            {progress.count} {progress.count === 1 ? "label" : "labels"} printed{progress.opened ? ": the PDF opened in a new tab." : "."}{" "}
            <a href={progress.url} target="_blank" rel="noopener" className="font-bold">
              Open the labels PDF
            </a>
          </p>
        ) : null}
        {progress?.phase === "failed" ? <p className="font-bold text-nhs-red">{progress.message}</p> : null}
      </div>
    </div>
  );
}
