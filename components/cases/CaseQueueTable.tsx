import type { CaseQueueRow } from "@/lib/cases/queries";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { REGIONS } from "@/lib/reference/regions";
import { CASE_STATUS_TONE, caseDueState, missingStageTone } from "@/lib/cases/labels";
import { CASE_STATUS_LABELS, MISSING_STAGE_LABELS } from "@/lib/cases/rules";
import { CaseQueueRows, type CaseQueueCells } from "@/components/cases/CaseQueueRows";

const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name]));

/**
 * PCSE's cases (the queue, search results). No patient identifiers: a case's summary and its raiser are all the
 * queue shows; opening a case is the audited view of its patients. `selectForm`: the id of a form the rows'
 * checkboxes belong to (assigning many at once). The words are chosen here; CaseQueueRows draws the table.
 */
export function CaseQueueTable({ rows, today, caption, selectForm }: { rows: CaseQueueRow[]; today: string; caption: string; selectForm?: string }) {
  if (rows.length === 0) return <p className="border-l-4 border-nhs-blue bg-white p-4">No cases match.</p>;
  const cells: CaseQueueCells[] = rows.map((c) => ({
    reference: c.reference,
    kindLabel: c.kindLabel,
    status: [CASE_STATUS_LABELS[c.status], CASE_STATUS_TONE[c.status]],
    missing: c.missingStage ? [MISSING_STAGE_LABELS[c.missingStage], missingStageTone(c.missingStage)] : null,
    paused: c.paused,
    summary: c.summary,
    owner: c.ownerName,
    raisedBy: c.raisedBy,
    opened: formatShortDate(c.openedAt),
    region: c.regionCode ? (REGION_NAMES.get(c.regionCode) ?? c.regionCode) : "None",
    due: c.nextDueDate ? formatCalendarDate(c.nextDueDate) : null,
    dueState: caseDueState(c, today),
  }));
  return <CaseQueueRows rows={cells} caption={caption} selectForm={selectForm} />;
}
