import type { BacklogRow } from "@/lib/collections/queries";
import { AGE_BANDS } from "@/lib/collections/bands";
import { formatNumber } from "@/lib/format";

export function BacklogTable({ rows, caption, firstColumn, totals }: { rows: BacklogRow[]; caption: string; firstColumn: string; totals?: BacklogRow }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left">
        <caption className="mb-2 text-left text-nhs-s font-bold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-nhs-grey-3">
            <th scope="col" className="p-2">{firstColumn}</th>
            {AGE_BANDS.map((b) => (
              <th scope="col" key={b.label} className="p-2 text-right">{b.label}</th>
            ))}
            <th scope="col" className="p-2 text-right">All waiting</th>
            <th scope="col" className="p-2 text-right">Oldest (working days)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-nhs-grey-4">
              <th scope="row" className="p-2 font-normal">
                {r.name}
                {r.odsCode ? <span className="text-nhs-secondary"> ({r.odsCode})</span> : null}
              </th>
              {r.bands.map((n, i) => (
                <td key={i} className={`p-2 text-right ${i === r.bands.length - 1 && n > 0 ? "font-bold text-nhs-red" : ""}`}>{formatNumber(n)}</td>
              ))}
              <td className="p-2 text-right font-bold">{formatNumber(r.total)}</td>
              <td className="p-2 text-right">{r.total ? r.oldestDays : "—"}</td>
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot>
            <tr className="border-t-2 border-nhs-text font-bold">
              <th scope="row" className="p-2">{totals.name}</th>
              {totals.bands.map((n, i) => (
                <td key={i} className="p-2 text-right">{formatNumber(n)}</td>
              ))}
              <td className="p-2 text-right">{formatNumber(totals.total)}</td>
              <td className="p-2 text-right">{totals.total ? totals.oldestDays : "—"}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
