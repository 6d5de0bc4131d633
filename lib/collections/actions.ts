"use server";
// Collection actions, through the shared wrapper (lib/http/safe-action.ts).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { stringList } from "@/lib/http/input";
import { bookCollection, markReadyForCollection, type ReadyResult } from "@/lib/collections/commands";

export type ReadyState = ActionState & { result?: ReadyResult };

export const markReadyAction = formAction<ReadyState, { references: string[] }>(
  { name: "markReadyAction", permission: "collection:manage", input: z.object({ references: stringList(1000, 40) }) },
  async ({ references }, { actor }) => {
    const result = await markReadyForCollection(db, actor, references);
    revalidatePath("/practice/outgoing");
    for (const r of result.ready) revalidatePath(`/practice/movements/${r}`);
    return { status: "idle", result };
  },
);

export const bookCollectionAction = formAction<ActionState, { references: string[] }>(
  { name: "bookCollectionAction", permission: "collection:manage", input: z.object({ references: stringList(500, 40) }).loose() },
  async ({ references }, { actor, fields }) => {
    const { reference } = await bookCollection(db, actor, { ...fields, references });
    redirect(`/practice/collections/${reference}?booked=1`);
  },
);
