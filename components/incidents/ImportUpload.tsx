"use client";
// Uploads the CSV as the request body (streamed by the browser from disk, read as a stream by the server) and polls
// the import's progress while it runs. Without JavaScript the page says so: the upload needs it.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/Field";

type Progress = { status: string; rowsRead: number; rowsTotal: number | null; accepted: number; rejected: number; problem: string | null } | null;

const STAGE: Record<string, string> = {
  RECEIVING: "Reading and checking rows",
  CHECKING: "Checking practices, duplicates and movements",
  IMPORTING: "Importing (all rows at once)",
  COMPLETED: "Imported",
  REJECTED: "Rejected: nothing was imported",
  FAILED: "Failed: nothing was imported",
};

export function ImportUpload({ reference }: { reference: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress>(null);

  async function poll(signal: { stop: boolean }) {
    while (!signal.stop) {
      await new Promise((r) => setTimeout(r, 1000));
      const res = await fetch(`/api/incidents/${reference}/import`, { cache: "no-store" }).catch(() => null);
      if (res?.ok) setProgress(((await res.json()) as { import: Progress }).import);
    }
  }

  async function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setError("Choose a CSV file to upload");
    if (!/\.csv$/i.test(file.name)) return setError("The file must be a CSV file (ending .csv)");
    setError(null);
    setBusy(true);
    const signal = { stop: false };
    void poll(signal);
    try {
      const res = await fetch(`/api/incidents/${reference}/import`, { method: "POST", body: file, headers: { "content-type": "text/csv", "x-file-name": encodeURIComponent(file.name) } });
      if (!res.ok) setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? "The file could not be imported");
    } catch {
      setError("The upload was interrupted. Check your connection and try again");
    } finally {
      signal.stop = true;
      setBusy(false);
      router.refresh();
    }
  }

  return (
    <form onSubmit={upload} noValidate className="mb-8">
      <div className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        <label htmlFor="file" className="block font-bold">CSV file of affected patients</label>
        <div id="file-hint" className="text-nhs-secondary">One row per patient, with a header row. Up to 1,000,000 rows.</div>
        {error ? <ErrorMessage id="file-error">{error}</ErrorMessage> : null}
        <input ref={input} id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby={`file-hint${error ? " file-error" : ""}`} className="mt-2 block max-w-full" disabled={busy} />
      </div>
      <noscript>
        <p>Uploading a file needs JavaScript: turn it on in your browser.</p>
      </noscript>
      <Button type="submit" disabled={busy}>{busy ? "Importing…" : "Upload and import"}</Button>
      <div role="status" aria-live="polite" className="mt-4">
        {busy && progress ? (
          <p>
            {STAGE[progress.status] ?? progress.status}: {progress.rowsRead.toLocaleString("en-GB")} rows read
          </p>
        ) : busy ? (
          <p>Uploading…</p>
        ) : null}
      </div>
    </form>
  );
}
