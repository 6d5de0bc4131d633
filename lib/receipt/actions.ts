"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { formValues, toActionError, type ActionState } from "@/lib/http/action-result";
import { receiveByCode, receiveWithoutScans, reportProblem, type ReceiptOutcome } from "@/lib/receipt/commands";
import { ForbiddenError } from "@/lib/errors";

/** One scan (or typed code) at the receiving desk. Returns the outcome to show in the running list. */
export async function receiveScanAction(code: unknown): Promise<ReceiptOutcome | { outcome: "error"; message: string }> {
  try {
    const outcome = await receiveByCode(db, await getActor(), code);
    if (outcome.outcome === "received") revalidatePath(`/practice/movements/${outcome.reference}`);
    return outcome;
  } catch (error) {
    if (error instanceof ForbiddenError) return { outcome: "error", message: error.message };
    const state = await toActionError(error);
    return { outcome: "error", message: state.formError ?? "Something went wrong" };
  }
}

/** The "Confirm received" button on a movement page or the incoming list. */
export async function receiveMovementAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const reference = String(formData.get("reference") ?? "");
  try {
    const outcome = await receiveByCode(db, await getActor(), reference);
    if (outcome.outcome === "not-found" || outcome.outcome === "refused") return { status: "error", formError: outcome.message };
  } catch (error) {
    return toActionError(error);
  }
  redirect(`/practice/movements/${reference}?received=1`);
}

export async function reportProblemAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const reference = String(formData.get("reference") ?? "");
  try {
    await reportProblem(db, await getActor(), Object.fromEntries(formData.entries()));
  } catch (error) {
    return toActionError(error, values);
  }
  redirect(`/practice/movements/${reference}?reported=1`);
}

/** A record that arrived before any courier scan: confirmed with how it arrived (flagged for PCSE). */
export async function receiveWithoutScansAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let reference: string;
  try {
    reference = (await receiveWithoutScans(db, await getActor(), Object.fromEntries(formData.entries()))).reference;
  } catch (error) {
    return toActionError(error, values);
  }
  redirect(`/practice/movements/${reference}?received=1`);
}
