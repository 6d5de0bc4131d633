import type { CaseClockView } from "@/lib/cases/queries";
import { formatCalendarDate } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

const STATE = {
  met: { tone: "green", text: "Met" },
  breached: { tone: "red", text: "Breached" },
  running: { tone: "blue", text: "Running" },
  paused: { tone: "yellow", text: "Paused" },
} as const;

function days(n: number): string {
  return `${n} working day${n === 1 ? "" : "s"}`;
}

function standing(c: CaseClockView): string {
  if (c.stoppedOn) return `Stopped ${formatCalendarDate(c.stoppedOn)}, after ${days(c.elapsedWorkingDays)}`;
  if (c.remainingWorkingDays < 0) return `${days(-c.remainingWorkingDays)} past due; ${days(c.elapsedWorkingDays)} so far`;
  return `${days(c.elapsedWorkingDays)} so far, ${days(c.remainingWorkingDays)} left`;
}

/** A case's two clocks (first response, resolution) under its policy version: due, elapsed, paused. */
export function CaseClocks({ clocks, policyVersion }: { clocks: { firstResponse: CaseClockView; resolution: CaseClockView }; policyVersion: number }) {
  return (
    <section aria-labelledby="case-clocks-heading" className="mb-8">
      <h2 id="case-clocks-heading">Service levels</h2>
      <p className="mb-2 text-nhs-small">
        Targets from service-level policy version {policyVersion}, in working days (weekends and bank holidays left out). Waiting on a practice, the
        courier or a third party pauses the resolution clock, as the policy says.
      </p>
      <ResponsiveTable
        caption="The case's service-level clocks"
        columns={["Clock", { label: "Due", nowrap: true }, "Where it stands"]}
        rowHeaders
        rows={[clocks.firstResponse, clocks.resolution].map((c) => ({
          key: c.label,
          cells: [
            <span key="clock">
              {c.label}
              <span className="block font-normal text-nhs-secondary">{days(c.targetWorkingDays)}</span>
            </span>,
            <span key="due">
              {formatCalendarDate(c.dueDate)}
              {c.pausedWorkingDays ? <span className="block text-nhs-secondary">{days(c.pausedWorkingDays)} paused</span> : null}
            </span>,
            <span key="stands">
              <Tag tone={STATE[c.state].tone}>{STATE[c.state].text}</Tag>
              <span className="block">{standing(c)}</span>
            </span>,
          ],
        }))}
      />
    </section>
  );
}
