import type { MovementStatus } from "@/lib/db/generated/enums";
import { STATUS_LABELS, STATUS_TONE } from "@/lib/movements/labels";

// The tones' colours are component classes in app/globals.css (tag, tag-<tone>): each tag used to carry them in full.
const TONES = { grey: "tag-grey", blue: "tag-blue", green: "tag-green", red: "tag-red", yellow: "tag-yellow", white: "tag-white" } as const;

export function StatusTag({ status }: { status: MovementStatus }) {
  return <strong className={`tag ${TONES[STATUS_TONE[status]]}`}>{STATUS_LABELS[status]}</strong>;
}

export function Tag({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return <strong className={`tag ${TONES[tone]}`}>{children}</strong>;
}
