import type { Line } from "@/lib/workload/figures";
import { formatPence, formatWhole, hours } from "@/lib/workload/schemas";
import { TableHead } from "@/components/ui/TableHead";

/** Hours and cost by one dimension (task, grade or cause), biggest first, with a total. */
export function BreakdownTable({ caption, heading, lines }: { caption: string; heading: string; lines: Line[] }) {
  const total = lines.reduce((a, l) => ({ minutes: a.minutes + l.minutes, costPence: a.costPence + l.costPence, entries: a.entries + l.entries }), { minutes: 0, costPence: 0, entries: 0 });
  return (
    <div className="mb-8 overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-nhs-small">
        <caption className="mb-2 text-left text-nhs-s font-bold">{caption}</caption>
        <TableHead columns={[heading, { label: "Entries", numeric: true }, { label: "Hours", numeric: true }, { label: "Cost", numeric: true }]} />
        <tbody>
          {lines.length === 0 ? (
            <tr>
              <td colSpan={4} className="p-2">
                Nothing logged.
              </td>
            </tr>
          ) : (
            lines.map((l) => (
              <tr key={l.key} className="border-b border-nhs-grey-4">
                <th scope="row" className="p-2 font-normal">
                  {l.label}
                </th>
                <td className="p-2 text-right">{formatWhole(l.entries)}</td>
                <td className="p-2 text-right">{hours(l.minutes)}</td>
                <td className="p-2 text-right">{formatPence(l.costPence)}</td>
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-nhs-text font-bold">
            <th scope="row" className="p-2">
              Total
            </th>
            <td className="p-2 text-right">{formatWhole(total.entries)}</td>
            <td className="p-2 text-right">{hours(total.minutes)}</td>
            <td className="p-2 text-right">{formatPence(total.costPence)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
