import type { MovementDetail } from "@/lib/movements/queries";
import { formatCalendarDate } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

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
      <ResponsiveTable
        caption={`Service-level clocks for ${movement.reference}`}
        rowHeaders
        columns={["Step", { label: "Target", nowrap: true }, { label: "Due", nowrap: true }, "Where it stands"]}
        rows={movement.clocks.map((c) => ({
          key: c.kind,
          cells: [
            c.label,
            `${c.targetWorkingDays} days`,
            <span key="d">
              {formatCalendarDate(c.dueDate)}
              {c.pausedWorkingDays ? <span className="block text-nhs-secondary">{c.pausedWorkingDays} paused</span> : null}
            </span>,
            <span key="w">
              <Tag tone={STATE[c.state].tone}>{STATE[c.state].text}</Tag>
              <span className="block">{progress(c)}</span>
            </span>,
          ],
        }))}
      />
    </section>
  );
}
