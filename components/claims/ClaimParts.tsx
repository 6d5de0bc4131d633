// Pieces of a claim's page shared by the practice's and the commissioner's: its history, and the signed pack's
// totals, rates and declaration.
import type { ClaimDetail } from "@/lib/claims/queries";
import { formatMinutes, formatPence, hours } from "@/lib/workload/schemas";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { TableHead } from "@/components/ui/TableHead";
import { Tag } from "@/components/ui/StatusTag";
import type { ClaimStatus } from "@/lib/db/generated/enums";

const TONE: Record<ClaimStatus, "blue" | "yellow" | "green" | "grey" | "red" | "white"> = { SUBMITTED: "blue", UNDER_REVIEW: "blue", OFFER_MADE: "yellow", ACCEPTED: "green", REJECTED: "red", PAID: "green" };

export function ClaimStatusTag({ status, label }: { status: ClaimStatus; label: string }) {
  return <Tag tone={TONE[status]}>{label}</Tag>;
}

/** Where the claim stands and its amounts, under the heading of both sides' claim pages. */
export function ClaimStanding({ claim: c }: { claim: ClaimDetail }) {
  return (
    <>
      <p className="mb-6">
        <ClaimStatusTag status={c.status} label={c.statusLabel} /> Claimed {formatPence(c.amountClaimedPence)}
        {c.offerPence !== null ? `; offered ${formatPence(c.offerPence)}` : ""}
        {c.paidPence !== null ? `; paid ${formatPence(c.paidPence)}` : ""}.
      </p>
      <p className="mb-8">{c.summary}</p>
    </>
  );
}

export function ClaimHistory({ events }: { events: ClaimDetail["events"] }) {
  return (
    <ol className="mb-8 space-y-3 border-l-4 border-nhs-grey-3 pl-4">
      {events.map((e, i) => (
        <li key={i}>
          <p className="font-bold">
            {e.toLabel}
            {e.amountPence !== null ? `: ${formatPence(e.amountPence)}` : ""}
          </p>
          <p className="text-nhs-small text-nhs-secondary">
            {formatDateTime(e.at)}, {e.by}
            {e.warningConfirmed ? ", having confirmed that accepting may bar further claims" : ""}
          </p>
          {e.note ? <p>{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function PackSummary({ claim }: { claim: ClaimDetail }) {
  const p = claim.pack;
  const t = p.totals;
  return (
    <>
      <dl className="mb-6 divide-y divide-nhs-grey-4 border-y border-nhs-grey-4">
        {[
          ["Evidence pack", p.reference],
          ["Period and scope", `${claim.period}: ${claim.scopeLabel}`],
          ["Work", `${p.entries.toLocaleString("en-GB")} entries, ${formatMinutes(p.minutes)}, ${formatPence(p.costPence)}`],
          ["Declaration", `Signed in the portal by ${p.declarationName}, ${p.declarationRole}, on ${formatCalendarDate(p.declaredOn)}`],
        ].map(([k, v]) => (
          <div key={k} className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
            <dt className="font-bold">{k}</dt>
            <dd className="sm:col-span-2">{v}</dd>
          </div>
        ))}
        <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
          <dt className="font-bold">SHA-256 of the pack</dt>
          <dd className="font-mono text-nhs-small break-all sm:col-span-2">{p.sha256}</dd>
        </div>
      </dl>
      {t ? (
        <div className="grid gap-6 lg:grid-cols-2">
          {(
            [
              ["By grade", "Grade", t.byGrade],
              ["By task", "Task", t.byTask],
              ["By cause", "Cause", t.byCause],
            ] as const
          ).map(([caption, heading, lines]) => (
            <table key={caption} className="w-full border-collapse bg-white text-left text-nhs-small">
              <caption className="mb-2 text-left font-bold">{caption}</caption>
              <TableHead columns={[heading, { label: "Entries", numeric: true }, { label: "Hours", numeric: true }, { label: "Cost", numeric: true }]} />
              <tbody>
                {lines.map((l) => (
                  <tr key={l.key} className="border-b border-nhs-grey-4">
                    <th scope="row" className="p-2 font-normal">
                      {l.label}
                    </th>
                    <td className="p-2 text-right">{l.entries}</td>
                    <td className="p-2 text-right">{hours(l.minutes)}</td>
                    <td className="p-2 text-right">{formatPence(l.costPence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          <table className="w-full border-collapse bg-white text-left text-nhs-small lg:col-span-2">
            <caption className="mb-2 text-left font-bold">Rates used (per hour, employer&apos;s on-costs included)</caption>
            <TableHead columns={["Grade", { label: "Rate", numeric: true }, "Whose", "Source"]} />
            <tbody>
              {t.rates.map((r, i) => (
                <tr key={i} className="border-b border-nhs-grey-4 align-top">
                  <td className="p-2">{r.label}</td>
                  <td className="p-2 text-right">{formatPence(r.pencePerHour)}</td>
                  <td className="p-2">
                    {r.whose}
                    {r.sourceYear ? `, ${r.sourceYear}` : ""}
                  </td>
                  <td className="p-2">{r.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
