"use server";
// "Run now" on /admin/jobs, through the shared wrapper (lib/http/safe-action.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { requestJobRun } from "@/lib/jobs/admin";

export type RunJobState = ActionState & { message?: string };

/** Queues the job for the worker and says so. */
export const runJobNowAction = formAction<RunJobState, { job: string }>(
  { name: "runJobNowAction", permission: "jobs:manage", input: z.object({ job: safeText(60, "Choose a job to run") }) },
  async ({ job }, { actor }) => {
    const result = await requestJobRun(db, actor, { job });
    revalidatePath("/admin/jobs");
    return { status: "idle", message: result.queued ? `Queued: a worker will start "${result.job}" within a few seconds. Refresh to see the run.` : `"${result.job}" is already waiting to run.` };
  },
);
