import type { Countdown as CountdownValue } from "@/lib/urgent/queries";
import { Tag } from "@/components/ui/StatusTag";

function days(n: number): string {
  return `${n} working day${n === 1 ? "" : "s"}`;
}

/** The working days left to an urgent request's internal target. */
export function Countdown({ countdown }: { countdown: CountdownValue }) {
  switch (countdown.state) {
    case "done":
      return <Tag tone="grey">Done</Tag>;
    case "overdue":
      return <Tag tone="red">{days(-countdown.workingDaysLeft)} late</Tag>;
    case "due-today":
      return <Tag tone="yellow">Due today</Tag>;
    case "due-soon":
      return <Tag tone="yellow">{days(countdown.workingDaysLeft)} left</Tag>;
    default:
      return <Tag tone="blue">{days(countdown.workingDaysLeft)} left</Tag>;
  }
}
