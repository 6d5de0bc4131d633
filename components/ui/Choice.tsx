import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * One NHS radio or checkbox: a 40 px control (app/globals.css) with its label beside it. The label is padded to the
 * control's height and takes clicks, so the row is a large hit area, as in the NHS design system; a hint follows it.
 */
export function Choice({ type, id, label, hint, className = "", ...input }: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id"> & { type: "radio" | "checkbox"; id: string; label: ReactNode; hint?: ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [input["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex items-start gap-3 ${className}`}>
      <input type={type} id={id} {...input} aria-describedby={describedBy} />
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className="block min-h-10 cursor-pointer py-1.5 pr-3">
          {label}
        </label>
        {/* Beside the label, not inside it (as the NHS design system does): the control's name is the label alone, and the
            hint is its description, read once. */}
        {hint ? (
          <span id={hintId} className="-mt-1.5 block pb-1.5 text-nhs-small text-nhs-secondary">
            {hint}
          </span>
        ) : null}
      </div>
    </div>
  );
}
