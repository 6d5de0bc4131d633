"use server";
// Server actions for movements. Each is a public endpoint: it loads the actor itself and hands the raw
// input to a command that checks permission, scope and every field. Nothing here trusts the client.
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { formValues, toActionError, type ActionState } from "@/lib/http/action-result";
import { createMovement } from "@/lib/movements/commands";

export async function sendRecordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let reference: string;
  try {
    const actor = await getActor();
    const raw = Object.fromEntries(formData.entries());
    const created = await createMovement(db, actor, raw);
    reference = created.reference;
  } catch (error) {
    return toActionError(error, values);
  }
  redirect(`/practice/movements/${reference}?sent=1`);
}
