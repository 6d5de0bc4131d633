import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-nhs-green text-white shadow-[0_4px_0_#00401e] hover:bg-[#00662f]",
  secondary: "bg-nhs-blue text-white shadow-[0_4px_0_#003087] hover:bg-[#004b93]",
  reverse: "bg-white text-nhs-text shadow-[0_4px_0_#4c6272]",
  warning: "bg-nhs-red text-white shadow-[0_4px_0_#6b140e] hover:bg-[#aa2016]",
} as const;

export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS }) {
  return <button className={`mb-1 rounded px-4 py-2.5 text-nhs-s font-bold ${VARIANTS[variant]} disabled:opacity-60 ${className}`} {...props} />;
}
