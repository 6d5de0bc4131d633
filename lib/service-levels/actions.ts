"use server";
// Server actions for the service-level policy and the calendars, through the shared wrapper
// (lib/http/safe-action.ts); the commands check the permission and every field again.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { createPolicyVersion } from "@/lib/service-levels/commands";
import { addBankHoliday } from "@/lib/service-levels/calendar-admin";
import { enqueueJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/logging/logger";

const anyFields = z.record(safeText(100), z.union([safeText(2000), z.array(safeText(100)).max(10)]));

export const createPolicyVersionAction = formAction<ActionState, Record<string, unknown>>(
  { name: "createPolicyVersionAction", permission: "policy:manage", input: anyFields },
  async (_input, { actor, fields }) => {
    const { version } = await createPolicyVersion(db, actor, fields);
    revalidatePath("/admin/service-levels");
    redirect(`/admin/service-levels/${version}?created=1`);
  },
);

export const addBankHolidayAction = formAction<ActionState, Record<string, unknown>>(
  { name: "addBankHolidayAction", permission: "calendar:manage", input: anyFields },
  async (_input, { actor, fields }) => {
    const { date } = await addBankHoliday(db, actor, fields);
    // Open movements' due dates after the new holiday move on a working day: the worker re-derives them.
    let rederive = "queued";
    try {
      await enqueueJob("rederive-running-clocks", actor.id);
    } catch (error) {
      logger.warn({ err: error }, "could not queue the clock re-derivation");
      rederive = "not-queued";
    }
    revalidatePath("/admin/calendar");
    redirect(`/admin/calendar?added=${date}&rederive=${rederive}`);
  },
);
