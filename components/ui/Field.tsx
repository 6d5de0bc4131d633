import type { ReactNode } from "react";

/** NHS form group: label, optional hint, error message (announced with the field), then the control. */
export function Field({ id, label, hint, error, children, labelSize = "s" }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode; labelSize?: "s" | "m" }) {
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`}>
      <label htmlFor={id} className={`block font-bold ${labelSize === "m" ? "text-nhs-m" : ""}`}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="text-nhs-secondary">
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      {children}
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="font-bold text-nhs-red">
      <span className="sr-only">Error: </span>
      {children}
    </p>
  );
}

export function describedBy(id: string, { hint, error }: { hint?: boolean; error?: string }): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export const inputClass = (error?: string) => `mt-1 block max-w-full border-2 bg-white p-2 ${error ? "border-nhs-red" : "border-nhs-text"}`;
