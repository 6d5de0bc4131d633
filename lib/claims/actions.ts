"use server";
// Claim actions, through the shared wrapper (lib/http/safe-action.ts); the commands check the permission, the
// claim's scope and the transition again on the locked row.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { answerClaimOffer, decideClaim, submitClaim } from "@/lib/claims/commands";

const anyFields = z.record(safeText(100), z.union([safeText(2000), z.array(safeText(100)).max(20)]));

export const submitClaimAction = formAction<ActionState, Record<string, unknown>>(
  { name: "submitClaimAction", permission: "workload:manage", input: anyFields },
  async (_input, { actor, fields }) => {
    const { reference } = await submitClaim(db, actor, fields);
    revalidatePath("/practice/claims");
    redirect(`/practice/claims/${reference}?submitted=1`);
  },
);

export const answerClaimOfferAction = formAction<ActionState, Record<string, unknown>>(
  { name: "answerClaimOfferAction", permission: "workload:manage", input: anyFields },
  async (_input, { actor, fields }) => {
    const { reference, status } = await answerClaimOffer(db, actor, fields);
    revalidatePath("/practice/claims");
    redirect(`/practice/claims/${reference}?done=${status.toLowerCase()}`);
  },
);

export const decideClaimAction = formAction<ActionState, Record<string, unknown>>(
  { name: "decideClaimAction", permission: "claim:decide", input: anyFields },
  async (_input, { actor, fields }) => {
    const { reference, status } = await decideClaim(db, actor, fields);
    revalidatePath("/commissioner/claims");
    redirect(`/commissioner/claims/${reference}?done=${status.toLowerCase()}`);
  },
);
