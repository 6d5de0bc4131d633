import type { ReactNode } from "react";
import type { MovementRow } from "@/lib/movements/queries";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatShortDate } from "@/lib/format";
import { REASON_LABELS } from "@/lib/movements/labels";
import { MovementRows, type MovementCells } from "@/components/movements/MovementRows";

/**
 * A list of movements. `counterpart` says which organisation to show: the receiver (outgoing) or sender (incoming).
 * The words are chosen here; MovementRows draws the table.
 */
export function MovementTable({
  rows,
  counterpart,
  basePath,
  caption,
  selectForm,
  selectable,
  selectLabel = "Select",
  action,
}: {
  rows: MovementRow[];
  counterpart: "to" | "from" | "both";
  basePath: string;
  caption: string;
  /** The id of a form the rows' checkboxes belong to (bulk actions). */
  selectForm?: string;
  /** Which rows get a checkbox (all, by default). */
  selectable?: (row: MovementRow) => boolean;
  /** The words before the reference in each checkbox's label, e.g. "Select" or "Confirm arrival of". */
  selectLabel?: string;
  /** An extra last column, e.g. "Confirm received". */
  action?: { header: string; render: (row: MovementRow) => ReactNode };
}) {
  if (rows.length === 0) {
    return <p className="border-l-4 border-nhs-blue bg-white p-4">No record movements match.</p>;
  }
  const cells: MovementCells[] = rows.map((m) => ({
    reference: m.reference,
    patientName: m.patientName,
    nhsNumber: formatNhsNumber(m.nhsNumber),
    to: { name: m.to.name, odsCode: m.to.odsCode },
    from: { name: m.from.name, odsCode: m.from.odsCode },
    reason: REASON_LABELS[m.reason],
    urgent: m.priority === "URGENT",
    created: formatShortDate(m.createdAt),
    due: formatCalendarDate(m.dueDate),
    overdue: m.overdue,
    status: m.status,
    selectable: !selectable || selectable(m),
  }));
  return (
    <MovementRows
      rows={cells}
      counterpart={counterpart}
      basePath={basePath}
      caption={caption}
      selectForm={selectForm}
      selectLabel={selectLabel}
      actions={action ? { header: action.header, cells: rows.map((m) => action.render(m)) } : undefined}
    />
  );
}
