"use server";
// Label actions, through the shared wrapper (lib/http/safe-action.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { voidAndReissueLabel } from "@/lib/labels/commands";

export type VoidLabelState = ActionState & { reissued?: string; voided?: string };

export const voidAndReissueLabelAction = formAction<VoidLabelState, Record<string, unknown>>(
  { name: "voidAndReissueLabelAction", permission: "label:print", input: z.record(safeText(100), z.union([safeText(1000), z.array(safeText(1000)).max(20)])) },
  async (_input, { actor, fields }) => {
    const result = await voidAndReissueLabel(db, actor, fields);
    revalidatePath(`/practice/movements/${result.reference}`);
    revalidatePath(`/pcse/movements/${result.reference}`);
    return { status: "idle", reissued: result.reissued, voided: result.voided };
  },
);
