import type { MovementDetail } from "@/lib/movements/queries";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { KIND_LABELS, PRIORITY_LABELS, REASON_LABELS, TYPE_LABELS } from "@/lib/movements/labels";
import { SummaryList } from "@/components/ui/SummaryList";
import { StatusTag, Tag } from "@/components/ui/StatusTag";
import { MovementTimeline } from "@/components/movements/MovementTimeline";
import { PrintLabelsForm } from "@/components/labels/PrintLabelsForm";
import { VoidLabelForm } from "@/components/labels/VoidLabelForm";
import { MarkReadyButton } from "@/components/collections/MarkReadyButton";
import { ConfirmReceivedButton } from "@/components/receipt/ConfirmReceivedButton";
import { movementCapabilities } from "@/lib/movements/capabilities";
import { ATTENTION_LABELS } from "@/lib/tracking/attention";
import Link from "next/link";
import { ServiceLevelClocks } from "@/components/movements/ServiceLevelClocks";
import { ReceiveWithoutScansForm } from "@/components/receipt/ReceiveWithoutScansForm";
import { AmendMovement } from "@/components/movements/AmendMovement";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import type { MovementCaseLink } from "@/lib/cases/queries";
import { CaseStatusTag } from "@/components/cases/CaseStatusTag";

const VOID_REASONS: Record<string, string> = { LOST: "lost", DAMAGED: "damaged", WRONG: "wrong" };
const PROBLEM_LABELS: Record<string, string> = { INCOMPLETE: "Incomplete record", DAMAGED: "Damaged record", WRONG_PATIENT: "Wrong patient's record" };

function Labels({ movement }: { movement: MovementDetail }) {
  const can = movementCapabilities(movement);
  if (movement.labels.length === 0 && !can.printLabels) return null;
  return (
    <section aria-labelledby="labels-heading" className="mb-8">
      <h2 id="labels-heading">Courier labels</h2>
      {movement.labels.length === 0 ? (
        <p className="mb-4">No labels yet. Print them, put one on each bag, then mark the record ready for collection.</p>
      ) : (
        <ResponsiveTable
          className="mb-4"
          caption="Labels, live and voided"
          columns={["Barcode", "Bag", "State", "Last printed"]}
          rows={movement.labels.map((l) => ({
            key: l.barcode,
            cells: [
              <span key="b" className="font-mono">{l.barcode}</span>,
              `${l.bagNumber} of ${l.bagCount}`,
              l.status === "LIVE" ? (
                <Tag key="s" tone="green">Live</Tag>
              ) : (
                <span key="s">
                  <Tag tone="grey">Voided</Tag> <span className="block">{VOID_REASONS[l.voidReason ?? ""] ?? ""}{l.voidNote ? `: ${l.voidNote}` : ""}</span>
                </span>
              ),
              l.lastPrintedAt ? formatDateTime(l.lastPrintedAt) : "Not printed",
            ],
          }))}
        />
      )}
      {can.printLabels ? <PrintLabelsForm references={[movement.reference]} /> : null}
      {can.voidLabels ? <VoidLabelForm liveBarcodes={movement.labels.filter((l) => l.status === "LIVE").map((l) => l.barcode)} /> : null}
    </section>
  );
}

function NextSteps({ movement }: { movement: MovementDetail }) {
  const can = movementCapabilities(movement);
  if (!can.markReady && !can.bookCollection && !can.receive && !can.receiveWithoutScans && !can.reportProblem && !can.reportNotArrived) return null;
  return (
    <section aria-labelledby="next-heading" className="mb-8 border-l-4 border-nhs-blue bg-white p-4">
      <h2 id="next-heading">What to do next</h2>
      <div className="flex flex-wrap items-start gap-4">
        {can.markReady ? <MarkReadyButton references={[movement.reference]} /> : null}
        {can.bookCollection ? (
          <p className="flex flex-wrap items-center gap-3">
            <span>Ready for collection.</span>
            <ButtonLink href="/practice/collections/new">Book a collection</ButtonLink>
          </p>
        ) : null}
        {can.receive ? <ConfirmReceivedButton reference={movement.reference} /> : null}
        {can.receiveWithoutScans ? <ReceiveWithoutScansForm reference={movement.reference} /> : null}
        {can.reportProblem ? (
          <Link href={`/practice/movements/${movement.reference}/problem`} className="font-bold">
            Report a problem with this record
          </Link>
        ) : null}
        {can.reportNotArrived ? (
          <p>
            {movement.overdue ? "This record is overdue. " : "Not here yet? "}
            <Link href={`/practice/cases/new?kind=RECORD_NOT_RECEIVED&reference=${movement.reference}`} className="font-bold">
              Report that it has not arrived
            </Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}

function Address({ name, odsCode, kind, lines, postcode }: { name: string; odsCode: string; kind: MovementDetail["from"]["kind"]; lines: string[]; postcode: string | null }) {
  return (
    <>
      <span className="font-bold">{name}</span> ({odsCode}), {KIND_LABELS[kind]}
      <span className="block text-nhs-small">{[...lines, postcode].filter(Boolean).join(", ")}</span>
    </>
  );
}

/** The cases about a movement (a practice's own, or all for PCSE), linked; a practice may raise one from here. */
function MovementCases({ movement, cases }: { movement: MovementDetail; cases: MovementCaseLink[] }) {
  const practice = movement.viewerSide !== "pcse";
  if (cases.length === 0 && !practice) return null;
  const base = practice ? "/practice/cases" : "/pcse/cases";
  return (
    <section aria-labelledby="cases-heading" className="mb-8">
      <h2 id="cases-heading">Cases</h2>
      {cases.length ? (
        <ul className="mb-3 space-y-3">
          {cases.map((c) => (
            <li key={c.reference} className="bg-white p-3">
              <Link href={`${base}/${c.reference}`} className="font-bold">
                {c.reference}
              </Link>{" "}
              {c.kindLabel}
              <span className="mt-1 block">
                <CaseStatusTag status={c.status} /> <span className="text-nhs-small">opened {formatDateTime(c.openedAt)}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3">No case is open about this record.</p>
      )}
      {practice ? <Link href={`/practice/cases/new?reference=${movement.reference}`}>Raise a case about this record</Link> : null}
    </section>
  );
}

export type MovementNotice = "sent" | "received" | "reported" | "corrected" | "cancelled" | "no-paper-record" | "held";

const CHANGE_NOTICES: Partial<Record<MovementNotice, string>> = {
  corrected: "Destination corrected. The old labels are void: print new ones and put them on the bags, then mark the record ready for collection.",
  cancelled: "Movement cancelled. Its labels are void.",
  "no-paper-record": "Marked as having no paper record. Nothing will be collected.",
  held: "The record is staying at the practice. Mark it ready for collection when it can go.",
};

/** The notice a change from the movement page asked for (`?changed=...` after its redirect), if any. */
export function changeNotice(value: string | undefined): MovementNotice | undefined {
  return value && value in CHANGE_NOTICES ? (value as MovementNotice) : undefined;
}

export function MovementDetailView({ movement, notice, cases = [] }: { movement: MovementDetail; notice?: MovementNotice; cases?: MovementCaseLink[] }) {
  const m = movement;
  const justSent = notice === "sent";
  const can = movementCapabilities(m);
  return (
    <>
      {notice && CHANGE_NOTICES[notice] ? (
        <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4 font-bold">
          {CHANGE_NOTICES[notice]}
        </p>
      ) : null}
      {notice === "received" ? (
        <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4 font-bold">
          Receipt confirmed. Thank you.
        </p>
      ) : null}
      {notice === "reported" ? (
        <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4 font-bold">
          Problem reported. PCSE can see it on this movement.
        </p>
      ) : null}
      {justSent ? (
        <div className="mb-8 bg-nhs-green p-6 text-white" role="status">
          <h2 className="text-nhs-l">Record movement created</h2>
          <p className="text-nhs-m">
            Reference <strong>{m.reference}</strong>
          </p>
          <p>Due by {formatCalendarDate(m.dueDate)}. Next: print the labels below and put one on each bag.</p>
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
      {m.attentionReasons.length && m.viewerSide === "pcse" ? (
        <div className="mb-6 border-4 border-nhs-warm-yellow bg-white p-4">
          <h2 className="text-nhs-s">Needs attention</h2>
          <ul className="list-disc pl-6">
            {m.attentionReasons.map((r) => (
              <li key={r}>{ATTENTION_LABELS[r]}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <NextSteps movement={m} />
      <AmendMovement reference={m.reference} toName={`${m.to.name} (${m.to.odsCode})`} can={can} />
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
          <ServiceLevelClocks movement={m} />
          <Labels movement={m} />
        </div>
        <div>
          <MovementCases movement={m} cases={cases} />
          {m.problems.length ? (
            <section aria-labelledby="problems-heading" className="mb-8">
              <h2 id="problems-heading">Problems reported</h2>
              <ul className="space-y-3">
                {m.problems.map((p, i) => (
                  <li key={i} className="border-l-4 border-nhs-red bg-white p-3">
                    <p className="font-bold">{PROBLEM_LABELS[p.kind]}</p>
                    {p.receivedNhsNumber ? <p>NHS number on the record received: {formatNhsNumber(p.receivedNhsNumber)}</p> : null}
                    {p.note ? <p>{p.note}</p> : null}
                    <p className="text-nhs-small">
                      {formatDateTime(p.createdAt)} by {p.reportedBy}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {m.viewerSide === "pcse" && m.otherMovements.length ? (
            <section aria-labelledby="others-heading" className="mb-8">
              <h2 id="others-heading">Other movements of this NHS number</h2>
              <p className="mb-2 text-nhs-small">Each with the patient details its sender recorded.</p>
              <ul className="space-y-3">
                {m.otherMovements.map((o) => (
                  <li key={o.reference} className="bg-white p-3">
                    <Link href={`/pcse/movements/${o.reference}`} className="font-bold">
                      {o.reference}
                    </Link>{" "}
                    from {o.from.name} ({o.from.odsCode}), {formatDateTime(o.createdAt)}
                    <span className="block">
                      {o.patientName}, born {formatCalendarDate(o.dateOfBirth)}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {m.collections.length ? (
            <section aria-labelledby="collections-heading" className="mb-8">
              <h2 id="collections-heading">Collections</h2>
              <ul>
                {m.collections.map((c) => (
                  <li key={c.reference}>
                    {m.viewerSide === "sender" ? <Link href={`/practice/collections/${c.reference}`}>{c.reference}</Link> : c.reference} on {formatCalendarDate(c.collectionDate)} ({c.status.toLowerCase()})
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <h2>Tracking history</h2>
          <MovementTimeline events={m.events} />
        </div>
      </div>
    </>
  );
}
