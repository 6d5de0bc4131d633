import type { MovementDetail } from "@/lib/movements/queries";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { KIND_LABELS, PRIORITY_LABELS, REASON_LABELS, TYPE_LABELS } from "@/lib/movements/labels";
import { SummaryList } from "@/components/ui/SummaryList";
import { StatusTag, Tag } from "@/components/ui/StatusTag";
import { MovementTimeline } from "@/components/movements/MovementTimeline";

function Address({ name, odsCode, kind, lines, postcode }: { name: string; odsCode: string; kind: MovementDetail["from"]["kind"]; lines: string[]; postcode: string | null }) {
  return (
    <>
      <span className="font-bold">{name}</span> ({odsCode}), {KIND_LABELS[kind]}
      <span className="block text-nhs-small">{[...lines, postcode].filter(Boolean).join(", ")}</span>
    </>
  );
}

export function MovementDetailView({ movement, justSent }: { movement: MovementDetail; justSent?: boolean }) {
  const m = movement;
  return (
    <>
      {justSent ? (
        <div className="mb-8 bg-nhs-green p-6 text-white" role="status">
          <h2 className="text-nhs-l">Record movement created</h2>
          <p className="text-nhs-m">
            Reference <strong>{m.reference}</strong>
          </p>
          <p>Due by {formatCalendarDate(m.dueDate)}. Write the reference on the bag until labels are printed here.</p>
        </div>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">Record movement</span>
        {m.reference}
      </h1>
      <p className="mb-6 flex flex-wrap items-center gap-3">
        <StatusTag status={m.status} />
        {m.priority === "URGENT" ? <Tag tone="red">Urgent</Tag> : null}
        {m.overdue ? <Tag tone="red">Overdue</Tag> : null}
      </p>
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <h2>Patient</h2>
          <SummaryList
            rows={[
              { key: "Name", value: m.patientName },
              { key: "NHS number", value: formatNhsNumber(m.nhsNumber) },
              { key: "Date of birth", value: formatCalendarDate(m.dateOfBirth) },
            ]}
          />
          <h2>Movement</h2>
          <SummaryList
            rows={[
              { key: "From", value: <Address {...m.from} lines={m.fromAddress.lines} postcode={m.fromAddress.postcode} /> },
              { key: "To", value: <Address {...m.to} lines={m.toAddress.lines} postcode={m.toAddress.postcode} /> },
              { key: "Type", value: `${TYPE_LABELS[m.type]}: ${REASON_LABELS[m.reason]}` },
              { key: "Priority", value: PRIORITY_LABELS[m.priority] },
              { key: "Bags", value: String(m.bagCount) },
              { key: "Created", value: `${formatDateTime(m.createdAt)}${m.createdBy ? ` by ${m.createdBy}` : " by the registration feed"}` },
              { key: "Due", value: formatCalendarDate(m.dueDate) },
              ...(m.notes ? [{ key: "Notes", value: m.notes }] : []),
            ]}
          />
        </div>
        <div>
          <h2>Tracking history</h2>
          <MovementTimeline events={m.events} />
        </div>
      </div>
    </>
  );
}
