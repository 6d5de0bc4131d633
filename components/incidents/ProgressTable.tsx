import type { GroupProgress } from "@/lib/incidents/queries";
import { formatNumber } from "@/lib/format";

const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : "—");

/** Progress of an incident by region or ICB (PCSE): patients, reviewed, outcomes, practices started and signed. */
export function ProgressTable({ rows, caption, firstColumn, id }: { rows: GroupProgress[]; caption: string; firstColumn: string; id: string }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="w-full border-collapse bg-white text-left">
        <caption id={`${id}-caption`} className="mb-2 text-left text-nhs-s font-bold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-nhs-grey-3">
            <th scope="col" className="p-2">{firstColumn}</th>
            <th scope="col" className="p-2 text-right">Patients</th>
            <th scope="col" className="p-2 text-right">Reviewed</th>
            <th scope="col" className="p-2 text-right">No harm</th>
            <th scope="col" className="p-2 text-right">Potential harm</th>
            <th scope="col" className="p-2 text-right">Harm</th>
            <th scope="col" className="p-2 text-right">Practices</th>
            <th scope="col" className="p-2 text-right">Not started</th>
            <th scope="col" className="p-2 text-right">Signed off</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code ?? "none"} className="border-b border-nhs-grey-4">
              <th scope="row" className="p-2 font-normal">{r.name}</th>
              <td className="p-2 text-right">{formatNumber(r.items)}</td>
              <td className="p-2 text-right">{formatNumber(r.reviewed)} <span className="text-nhs-secondary">({pct(r.reviewed, r.items)})</span></td>
              <td className="p-2 text-right">{formatNumber(r.noHarm)}</td>
              <td className="p-2 text-right">{formatNumber(r.potentialHarm)}</td>
              <td className="p-2 text-right">{formatNumber(r.harm)}</td>
              <td className="p-2 text-right">{formatNumber(r.practices)}</td>
              <td className="p-2 text-right">{formatNumber(r.practices - r.practicesStarted)}</td>
              <td className="p-2 text-right">{formatNumber(r.practicesSigned)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
