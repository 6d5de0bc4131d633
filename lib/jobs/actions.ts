"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { toActionError, type ActionState } from "@/lib/http/action-result";
import { requestJobRun } from "@/lib/jobs/admin";

export type RunJobState = ActionState & { message?: string };

/** "Run now" on /admin/jobs: queues the job for the worker and says so. */
export async function runJobNowAction(_previous: RunJobState, formData: FormData): Promise<RunJobState> {
  try {
    const result = await requestJobRun(db, await getActor(), Object.fromEntries(formData.entries()));
    revalidatePath("/admin/jobs");
    return { status: "idle", message: result.queued ? `Queued: a worker will start "${result.job}" within a few seconds. Refresh to see the run.` : `"${result.job}" is already waiting to run.` };
  } catch (error) {
    return toActionError(error);
  }
}
