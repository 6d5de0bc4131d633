"use client";
// The receiving desk: a keyboard-wedge scanner types the barcode and Enter, so the field submits on Enter,
// clears, and keeps focus for the next scan. Each result is listed (newest first) and announced.
import { useRef, useState } from "react";
import { receiveScanAction } from "@/lib/receipt/actions";

type Result = Awaited<ReturnType<typeof receiveScanAction>> & { key: number; code: string };

function describe(r: Result): { tone: "ok" | "warn" | "bad"; text: string } {
  switch (r.outcome) {
    case "received":
      return { tone: r.voidedLabel ? "warn" : "ok", text: `${r.reference} received from ${r.from}: ${r.patientName}, NHS number ${r.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, "$1 $2 $3")}.${r.voidedLabel ? " This label had been voided: PCSE has been told." : ""} Check the record is this patient's.` };
    case "already-received":
      return { tone: "warn", text: `${r.reference} was already received (${r.patientName}).` };
    case "not-found":
    case "refused":
      return { tone: "bad", text: `${r.code || "Empty scan"}: ${r.message}` };
    default:
      return { tone: "bad", text: r.message };
  }
}

const TONE = { ok: "border-nhs-green", warn: "border-nhs-warm-yellow", bad: "border-nhs-red" } as const;

export function ScanReceiver() {
  const [results, setResults] = useState<Result[]>([]);
  const [busy, setBusy] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const counter = useRef(0);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = input.current?.value ?? "";
    if (input.current) input.current.value = "";
    input.current?.focus();
    if (!code.trim()) return;
    const key = ++counter.current;
    setBusy((b) => b + 1);
    const outcome = await receiveScanAction(code);
    setBusy((b) => b - 1);
    setResults((list) => [{ ...outcome, key, code }, ...list].slice(0, 200));
  }

  const received = results.filter((r) => r.outcome === "received").length;
  return (
    <>
      <form onSubmit={onSubmit} className="mb-6 max-w-xl" autoComplete="off">
        <label htmlFor="scan" className="block font-bold">
          Barcode or movement reference
        </label>
        <span id="scan-hint" className="block text-nhs-secondary">
          Scan each bag&apos;s label, or type the barcode (like RM-7Q4K-2M9D-1A) or the reference, then press Enter.
        </span>
        <div className="mt-1 flex gap-2">
          <input ref={input} id="scan" name="code" aria-describedby="scan-hint" autoFocus spellCheck={false} maxLength={40} className="block w-full border-2 border-nhs-text bg-white p-2 font-mono text-nhs-s" />
          <button type="submit" className="rounded bg-nhs-green px-4 font-bold text-white shadow-[0_4px_0_#00401e]">
            Confirm
          </button>
        </div>
      </form>
      <p className="mb-2 font-bold" aria-live="polite">
        {results.length ? `${received} received in this session${busy ? ", checking…" : ""}` : busy ? "Checking…" : ""}
      </p>
      <ol aria-label="Scan results, newest first" className="space-y-2" aria-live="polite" aria-relevant="additions">
        {results.map((r) => {
          const d = describe(r);
          return (
            <li key={r.key} className={`border-l-4 bg-white p-3 ${TONE[d.tone]}`}>
              {d.text}
              {r.outcome === "received" ? (
                <>
                  {" "}
                  <a href={`/practice/movements/${r.reference}`}>
                    Open {r.reference}
                    <span className="sr-only"> to report a problem</span>
                  </a>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
