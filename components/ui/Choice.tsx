import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * One NHS radio or checkbox: a 40 px control (app/globals.css) with its label beside it. The label is padded to the
 * control's height and takes clicks, so the whole row is a large hit area, as in the NHS design system.
 */
export function Choice({ type, id, label, hint, className = "", ...input }: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id"> & { type: "radio" | "checkbox"; id: string; label: ReactNode; hint?: ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [input["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex items-start gap-3 ${className}`}>
      <input type={type} id={id} {...input} aria-describedby={describedBy} />
      <label htmlFor={id} className="block min-h-10 flex-1 cursor-pointer py-1.5 pr-3">
        {label}
        {hint ? (
          <span id={hintId} className="block text-nhs-small text-nhs-secondary">
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}
