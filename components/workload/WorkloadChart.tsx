// Hours per month by cause, drawn as SVG on the server (no JavaScript; recharts is not among the project's packages),
// with the same figures in a table beneath, which is what a screen reader reads.
import type { WorkloadCause } from "@/lib/db/generated/enums";
import type { MonthFigure } from "@/lib/workload/figures";
import { CAUSE_LABELS, WORKLOAD_CAUSES, formatPence, formatWhole, hours } from "@/lib/workload/schemas";
import { TableHead } from "@/components/ui/TableHead";

// Each at least 3:1 against white (WCAG 1.4.11), and told apart by the legend's words, not colour alone.
const COLOURS: Record<WorkloadCause, string> = { RECORDS_SERVICE: "#005eb8", COURIER: "#7c2855", OTHER_PRACTICE: "#007f3b", OTHER_PROVIDER: "#8a6d00", OTHER: "#4c6272" };

export function WorkloadChart({ months }: { months: MonthFigure[] }) {
  const width = 720;
  const height = 260;
  const left = 44;
  const bottom = 36;
  const top = 12;
  const plotHeight = height - bottom - top;
  const maxMinutes = Math.max(60, ...months.map((m) => m.minutes));
  const maxHours = Math.ceil(maxMinutes / 60);
  const band = (width - left - 8) / months.length;
  const y = (minutes: number) => (minutes / (maxHours * 60)) * plotHeight;
  const causes = WORKLOAD_CAUSES.filter((c) => months.some((m) => m.byCause[c] > 0));
  return (
    <figure className="mb-8">
      <figcaption id="workload-chart-caption" className="mb-2 font-bold">
        Hours logged each month, by what caused the work (the table below gives the same figures)
      </figcaption>
      <div className="overflow-x-auto bg-white p-2">
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="workload-chart-caption" className="h-auto w-full min-w-[36rem]">
          {[0, 0.5, 1].map((f) => (
            <g key={f}>
              <line x1={left} x2={width - 8} y1={top + plotHeight - f * plotHeight} y2={top + plotHeight - f * plotHeight} stroke="#d8dde0" />
              <text x={left - 6} y={top + plotHeight - f * plotHeight + 4} textAnchor="end" fontSize="12" fill="#4c6272">
                {Math.round(f * maxHours)} h
              </text>
            </g>
          ))}
          {months.map((m, i) => {
            let stacked = 0;
            const x = left + i * band + band * 0.15;
            return (
              <g key={m.month}>
                {WORKLOAD_CAUSES.map((c) => {
                  const h = y(m.byCause[c]);
                  if (h <= 0) return null;
                  stacked += h;
                  return <rect key={c} x={x} width={band * 0.7} y={top + plotHeight - stacked} height={h} fill={COLOURS[c]} stroke="#ffffff" strokeWidth="1" />;
                })}
                <text x={x + band * 0.35} y={height - bottom + 16} textAnchor="middle" fontSize="12" fill="#212b32">
                  {m.label.replace(/ (\d\d)(\d\d)$/, " $2")}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      {causes.length ? (
        <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-nhs-small" aria-label="Key">
          {causes.map((c) => (
            <li key={c} className="flex items-center gap-2">
              <span aria-hidden="true" className="inline-block h-4 w-4" style={{ backgroundColor: COLOURS[c] }} />
              {CAUSE_LABELS[c]}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-nhs-small">
          <caption className="sr-only">Hours, cost and minutes per record moved each month, by cause</caption>
          <TableHead columns={["Month", ...causes.map((c) => ({ label: `${CAUSE_LABELS[c]} (h)`, numeric: true })), { label: "All (h)", numeric: true }, { label: "Cost", numeric: true }, { label: "Records moved", numeric: true }, { label: "Minutes per record", numeric: true }]} />
          <tbody>
            {months.map((m) => (
              <tr key={m.month} className="border-b border-nhs-grey-4">
                <th scope="row" className="p-2 font-normal whitespace-nowrap">
                  {m.label}
                </th>
                {causes.map((c) => (
                  <td key={c} className="p-2 text-right">
                    {hours(m.byCause[c])}
                  </td>
                ))}
                <td className="p-2 text-right font-bold">{hours(m.minutes)}</td>
                <td className="p-2 text-right">{formatPence(m.costPence)}</td>
                <td className="p-2 text-right">{formatWhole(m.movements)}</td>
                <td className="p-2 text-right">{m.minutesPerRecord === null ? "–" : formatWhole(m.minutesPerRecord)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
