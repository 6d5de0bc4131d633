"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { formValues, toActionError, type ActionState } from "@/lib/http/action-result";
import { voidAndReissueLabel } from "@/lib/labels/commands";

export type VoidLabelState = ActionState & { reissued?: string; voided?: string };

export async function voidAndReissueLabelAction(_previous: VoidLabelState, formData: FormData): Promise<VoidLabelState> {
  const values = formValues(formData);
  try {
    const result = await voidAndReissueLabel(db, await getActor(), Object.fromEntries(formData.entries()));
    revalidatePath(`/practice/movements/${result.reference}`);
    revalidatePath(`/pcse/movements/${result.reference}`);
    return { status: "idle", reissued: result.reissued, voided: result.voided };
  } catch (error) {
    return toActionError(error, values);
  }
}
