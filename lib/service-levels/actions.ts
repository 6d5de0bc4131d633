"use server";
// Server actions for the service-level policy and the calendars. Each loads the actor itself; the commands check
// the permission and every field again.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { formValues, toActionError, type ActionState } from "@/lib/http/action-result";
import { createPolicyVersion } from "@/lib/service-levels/commands";
import { addBankHoliday } from "@/lib/service-levels/calendar-admin";
import { enqueueJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/logging/logger";

export async function createPolicyVersionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let version: number;
  try {
    version = (await createPolicyVersion(db, await getActor(), Object.fromEntries(formData.entries()))).version;
  } catch (error) {
    return toActionError(error, values);
  }
  revalidatePath("/admin/service-levels");
  redirect(`/admin/service-levels/${version}?created=1`);
}

export async function addBankHolidayAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const raw = { ...Object.fromEntries(formData.entries()), divisions: formData.getAll("divisions").filter((d) => typeof d === "string") };
  let date: string;
  let actorId: string;
  try {
    const actor = await getActor();
    date = (await addBankHoliday(db, actor, raw)).date;
    actorId = actor!.id;
  } catch (error) {
    return toActionError(error, values);
  }
  // Open movements' due dates after the new holiday move on a working day: the worker re-derives them.
  let rederive = "queued";
  try {
    await enqueueJob("rederive-running-clocks", actorId);
  } catch (error) {
    logger.warn({ err: error }, "could not queue the clock re-derivation");
    rederive = "not-queued";
  }
  revalidatePath("/admin/calendar");
  redirect(`/admin/calendar?added=${date}&rederive=${rederive}`);
}
