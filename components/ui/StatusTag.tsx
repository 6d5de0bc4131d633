import type { MovementStatus } from "@/lib/db/generated/enums";
import { STATUS_LABELS, STATUS_TONE } from "@/lib/movements/labels";

const TONES = {
  grey: "border-[#445a6a] bg-[#dbe0e3] text-[#2e3d47]",
  blue: "border-[#004281] bg-[#d6e8f7] text-[#003366]",
  green: "border-[#005a2a] bg-[#cce5d8] text-[#00401e]",
  red: "border-[#8f1a12] bg-[#f7d4d1] text-[#6b140e]",
  yellow: "border-[#6a5a00] bg-[#fff59d] text-[#3d3400]",
  white: "border-[#212b32] bg-white text-[#212b32]",
} as const;

export function StatusTag({ status }: { status: MovementStatus }) {
  return <strong className={`inline-block border px-2 py-0.5 text-nhs-small font-bold ${TONES[STATUS_TONE[status]]}`}>{STATUS_LABELS[status]}</strong>;
}

export function Tag({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return <strong className={`inline-block border px-2 py-0.5 text-nhs-small font-bold ${TONES[tone]}`}>{children}</strong>;
}
