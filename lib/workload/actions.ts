"use server";
// Workload actions, through the shared wrapper (lib/http/safe-action.ts); the commands check the permission, the
// scope and every field again.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { decideSuggestion, editWorkloadEntry, logWorkload, setGradeRate, updateWorkloadTask, withdrawWorkloadEntry } from "@/lib/workload/commands";
import { createEvidencePack } from "@/lib/workload/evidence";

const anyFields = z.record(safeText(100), z.union([safeText(2000), z.array(safeText(100)).max(20)]));

export type SuggestionState = ActionState & { done?: "accept" | "dismiss"; minutes?: number };

/** Accept a suggestion (as offered or edited) or dismiss it: the card answers in place. */
export const decideSuggestionAction = formAction<SuggestionState, Record<string, unknown>>(
  { name: "decideSuggestionAction", permission: "workload:log", input: anyFields },
  async (_input, { actor, fields }) => {
    const result = await decideSuggestion(db, actor, fields);
    // No revalidation: it would re-render the page and take the card (and its answer) away. The workload pages are
    // dynamic, so they read the new entry on the next visit.
    return { status: "idle", done: result.decision, ...(result.decision === "accept" ? { minutes: Number(fields.minutes) } : {}) };
  },
);

export const logWorkloadAction = formAction<ActionState, Record<string, unknown>>(
  { name: "logWorkloadAction", permission: "workload:log", input: anyFields },
  async (_input, { actor, fields }) => {
    await logWorkload(db, actor, fields);
    revalidatePath("/practice/workload", "layout");
    redirect("/practice/workload/entries?logged=1");
  },
);

export const editWorkloadEntryAction = formAction<ActionState, Record<string, unknown>>(
  { name: "editWorkloadEntryAction", permission: "workload:log", input: anyFields },
  async (_input, { actor, fields }) => {
    const { id } = await editWorkloadEntry(db, actor, fields);
    revalidatePath("/practice/workload", "layout");
    redirect(`/practice/workload/entries/${id}?saved=1`);
  },
);

export const withdrawWorkloadEntryAction = formAction<ActionState, Record<string, unknown>>(
  { name: "withdrawWorkloadEntryAction", permission: "workload:log", input: anyFields },
  async (_input, { actor, fields }) => {
    const { id } = await withdrawWorkloadEntry(db, actor, fields);
    revalidatePath("/practice/workload", "layout");
    redirect(`/practice/workload/entries/${id}?withdrawn=1`);
  },
);

export type RateState = ActionState & { saved?: { grade: string; recosted: number } };

export const setGradeRateAction = formAction<RateState, Record<string, unknown>>(
  { name: "setGradeRateAction", permission: "workload:manage", input: anyFields },
  async (_input, { actor, fields }) => {
    const { recosted } = await setGradeRate(db, actor, fields);
    revalidatePath("/practice/workload", "layout");
    return { status: "idle", saved: { grade: String(fields.grade), recosted } };
  },
);

export const updateWorkloadTaskAction = formAction<ActionState, Record<string, unknown>>(
  { name: "updateWorkloadTaskAction", permission: "workload:tasks", input: anyFields },
  async (_input, { actor, fields }) => {
    const { code } = await updateWorkloadTask(db, actor, fields);
    revalidatePath("/admin/workload-tasks");
    redirect(`/admin/workload-tasks?saved=${encodeURIComponent(code)}`);
  },
);

export const createEvidencePackAction = formAction<ActionState, Record<string, unknown>>(
  { name: "createEvidencePackAction", permission: "workload:manage", input: anyFields },
  async (_input, { actor, fields }) => {
    const { reference } = await createEvidencePack(db, actor, fields);
    revalidatePath("/practice/claims");
    redirect(`/practice/claims?pack=${reference}`);
  },
);
