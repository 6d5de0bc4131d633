"use client";
import { useEffect, useRef } from "react";
import { ErrorTitle } from "@/components/ui/ErrorTitle";

export type SummaryError = { field: string; message: string };

/** NHS error summary: at the top of the page, focused when it appears, each error linking to its field. */
export function ErrorSummary({ errors, title = "There is a problem" }: { errors: SummaryError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="mb-8 border-4 border-nhs-red bg-white p-5 focus:outline-4 focus:outline-nhs-yellow">
      <ErrorTitle />
      <h2 id="error-summary-title" className="text-nhs-m">
        {title}
      </h2>
      <ul className="space-y-2">
        {errors.map((e) => (
          <li key={`${e.field}-${e.message}`}>
            <a href={`#${e.field}`} className="font-bold text-nhs-red visited:text-nhs-red">
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
