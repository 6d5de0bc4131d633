"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { getActor } from "@/lib/auth/session";
import { formValues, toActionError, type ActionState } from "@/lib/http/action-result";
import { bookCollection, markReadyForCollection, type ReadyResult } from "@/lib/collections/commands";

export type ReadyState = ActionState & { result?: ReadyResult };

export async function markReadyAction(_previous: ReadyState, formData: FormData): Promise<ReadyState> {
  try {
    const result = await markReadyForCollection(db, await getActor(), formData.getAll("references"));
    revalidatePath("/practice/outgoing");
    for (const r of result.ready) revalidatePath(`/practice/movements/${r}`);
    return { status: "idle", result };
  } catch (error) {
    return toActionError(error);
  }
}

export async function bookCollectionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let reference: string;
  try {
    const raw = { ...Object.fromEntries(formData.entries()), references: formData.getAll("references") };
    reference = (await bookCollection(db, await getActor(), raw)).reference;
  } catch (error) {
    return toActionError(error, values);
  }
  redirect(`/practice/collections/${reference}?booked=1`);
}
