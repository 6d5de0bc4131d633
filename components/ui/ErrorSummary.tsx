"use client";
import { useEffect, useRef } from "react";
import { ErrorTitle } from "@/components/ui/ErrorTitle";

export type SummaryError = { field: string; message: string };

/** NHS error summary: at the top of the page, focused when it appears, each error linking to its field. `id`: for a
 * page with several forms, so each summary's title has its own id. */
export function ErrorSummary({ errors, title = "There is a problem", id = "error-summary" }: { errors: SummaryError[]; title?: string; id?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${id}-title`} className="mb-8 border-4 border-nhs-red bg-white p-5 focus:outline-4 focus:outline-nhs-yellow">
      <ErrorTitle />
      <h2 id={`${id}-title`} className="text-nhs-m">
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
