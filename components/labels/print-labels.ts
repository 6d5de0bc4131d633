"use client";
// Printing labels from the browser: the PDF is fetched (the same post a form without JavaScript makes), shown in a
// tab opened when the button was pressed (so no pop-up blocker stops it), and the page is then refreshed so it shows
// the labels and the new status at once. Large batches are prepared in chunks first, with progress.
import { useRouter } from "next/navigation";
import { useState } from "react";

export const CHUNK = 100;
export const DIRECT_LIMIT = 50;

export type PrintProgress = {
  done: number;
  total: number;
  phase: "preparing" | "rendering" | "done" | "failed";
  message?: string;
  url?: string;
  count?: number;
  /** Whether the PDF was shown in the tab opened for it (else the page offers a link). */
  opened?: boolean;
};

async function postJson(url: string, body: unknown) {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** A tab for the PDF, opened while the click is still a user gesture; it says what is happening until the PDF comes. */
export function openPdfTab(): Window | null {
  const tab = window.open("", "_blank");
  if (tab) {
    try {
      tab.document.title = "Preparing labels";
      tab.document.body.textContent = "Preparing the labels…";
    } catch {
      /* the tab is still usable for the PDF */
    }
  }
  return tab;
}

export function usePrintLabels() {
  const router = useRouter();
  const [progress, setProgress] = useState<PrintProgress | null>(null);

  async function print(references: string[], format: string, tab: Window | null, body?: FormData) {
    const total = references.length;
    const fail = (done: number, message: string) => {
      tab?.close();
      setProgress({ done, total, phase: "failed", message });
    };
    const problems: string[] = [];
    try {
      if (total > DIRECT_LIMIT) {
        setProgress({ done: 0, total, phase: "preparing" });
        for (let i = 0; i < total; i += CHUNK) {
          const response = await postJson("/api/labels/prepare", { references: references.slice(i, i + CHUNK) });
          if (!response.ok) return fail(i, "Labels could not be prepared. Try again.");
          const result = (await response.json()) as { problems: { reference: string; reason: string }[] };
          problems.push(...result.problems.map((p) => `${p.reference} (${p.reason})`));
          setProgress({ done: Math.min(i + CHUNK, total), total, phase: "preparing" });
        }
      }
      setProgress({ done: total, total, phase: "rendering" });
      // A form's own fields when there are few (exactly what a post without JavaScript sends), else JSON.
      const pdf = body ? await fetch("/api/labels/pdf", { method: "POST", body }) : await postJson("/api/labels/pdf", { references, format });
      if (!pdf.ok) return fail(total, await pdf.text());
      const count = Number(pdf.headers.get("x-label-count") ?? 0);
      const problemCount = Number(pdf.headers.get("x-label-problems") ?? 0);
      const url = URL.createObjectURL(await pdf.blob());
      let opened = false;
      if (tab && !tab.closed) {
        tab.location.href = url;
        opened = true;
      }
      const message = problems.length ? `Not printed: ${problems.join(", ")}` : problemCount ? `${problemCount} of the records chosen could not be printed (they have left the practice)` : undefined;
      setProgress({ done: total, total, phase: "done", url, count, opened, message });
    } catch {
      return fail(0, "Printing failed: check your connection and try again.");
    }
    // The labels now exist and the records are "label printed": show it without a reload.
    router.refresh();
  }

  return { progress, print, setProgress };
}
