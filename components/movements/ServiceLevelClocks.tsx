import type { MovementDetail } from "@/lib/movements/queries";
import { formatCalendarDate } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";

const STATE = {
  met: { tone: "green", text: "Met" },
  breached: { tone: "red", text: "Late" },
  running: { tone: "blue", text: "Running" },
  paused: { tone: "yellow", text: "Paused" },
} as const;

function progress(c: MovementDetail["clocks"][number]): string {
  if (c.stoppedOn) return `Done ${formatCalendarDate(c.stoppedOn)}, after ${c.elapsedWorkingDays} working day${c.elapsedWorkingDays === 1 ? "" : "s"}`;
  if (c.state === "breached") return `${-c.remainingWorkingDays} working day${c.remainingWorkingDays === -1 ? "" : "s"} late`;
  return `${c.remainingWorkingDays} working day${c.remainingWorkingDays === 1 ? "" : "s"} left`;
}

/** The movement's service-level clocks under the policy version it was sent under. */
export function ServiceLevelClocks({ movement }: { movement: MovementDetail }) {
  return (
    <section aria-labelledby="clocks-heading" className="mb-8">
      <h2 id="clocks-heading">Service levels</h2>
      <p className="mb-2 text-nhs-small">
        Targets from service-level policy version {movement.policyVersion}, in working days (weekends and bank holidays left out).
      </p>
      <table className="w-full border-collapse bg-white text-left text-nhs-small">
        <caption className="sr-only">Service-level clocks for {movement.reference}</caption>
        <thead>
          <tr className="border-b-2 border-nhs-grey-3">
            <th scope="col" className="p-2">Step</th>
            <th scope="col" className="p-2">Target</th>
            <th scope="col" className="p-2">Due</th>
            <th scope="col" className="p-2">Where it stands</th>
          </tr>
        </thead>
        <tbody>
          {movement.clocks.map((c) => (
            <tr key={c.kind} className="border-b border-nhs-grey-4 align-top">
              <th scope="row" className="p-2 font-normal">{c.label}</th>
              <td className="p-2 whitespace-nowrap">{c.targetWorkingDays} days</td>
              <td className="p-2 whitespace-nowrap">
                {formatCalendarDate(c.dueDate)}
                {c.pausedWorkingDays ? <span className="block text-nhs-secondary">{c.pausedWorkingDays} paused</span> : null}
              </td>
              <td className="p-2">
                <Tag tone={STATE[c.state].tone}>{STATE[c.state].text}</Tag>
                <span className="block">{progress(c)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
