import type { CaseStatus, MissingStage } from "@/lib/db/generated/enums";
import { CASE_STATUS_LABELS, MISSING_STAGE_LABELS } from "@/lib/cases/rules";
import { CASE_STATUS_TONE, missingStageTone } from "@/lib/cases/labels";
import { Tag } from "@/components/ui/StatusTag";

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag tone={CASE_STATUS_TONE[status]}>{CASE_STATUS_LABELS[status]}</Tag>;
}

/** The missing-record search's stage, when there is one. */
export function MissingStageTag({ stage }: { stage: MissingStage | null }) {
  if (!stage) return null;
  return <Tag tone={missingStageTone(stage)}>{MISSING_STAGE_LABELS[stage]}</Tag>;
}
