// Service-level targets in working days. Fixed here until the service-level policy work makes them
// configurable and versioned (the policy table will replace this module's constants, not its callers).
import type { MovementType, Priority } from "@/lib/db/generated/enums";
import { addWorkingDays, type IsoDate } from "@/lib/nhs/working-days";

export const TARGET_WORKING_DAYS: Record<Priority, number> = { ROUTINE: 10, URGENT: 3 };

export function targetWorkingDays(_type: MovementType, priority: Priority): number {
  return TARGET_WORKING_DAYS[priority];
}

export function dueDateFor(
  type: MovementType,
  priority: Priority,
  createdOn: IsoDate,
  holidays: ReadonlySet<IsoDate>,
): IsoDate {
  return addWorkingDays(createdOn, targetWorkingDays(type, priority), holidays);
}
