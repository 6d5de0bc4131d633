"use server";
// Receipt actions, through the shared wrapper (lib/http/safe-action.ts).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction, valueAction } from "@/lib/http/safe-action";
import { safeText, stringList } from "@/lib/http/input";
import { receiveByCode, receiveMovements, receiveWithoutScans, reportProblem, type ManyReceipts, type ReceiptOutcome } from "@/lib/receipt/commands";

type ScanError = { outcome: "error"; message: string };

/** One scan (or typed code) at the receiving desk. Returns the outcome to show in the running list. */
export const receiveScanAction: (code: unknown) => Promise<ReceiptOutcome | ScanError> = valueAction(
  { name: "receiveScanAction", permission: "movement:receive", input: safeText(200, "Scan or type a barcode") },
  async (code, { actor }) => {
    const outcome = await receiveByCode(db, actor, code);
    if (outcome.outcome === "received") revalidatePath(`/practice/movements/${outcome.reference}`);
    return outcome;
  },
  (message): ScanError => ({ outcome: "error", message }),
);

/** The "Confirm received" button on a movement page or the incoming list. */
export const receiveMovementAction = formAction<ActionState, { reference: string }>(
  { name: "receiveMovementAction", permission: "movement:receive", input: z.object({ reference: safeText(40) }) },
  async ({ reference }, { actor }) => {
    const outcome = await receiveByCode(db, actor, reference);
    if (outcome.outcome === "not-found" || outcome.outcome === "refused") return { status: "error", formError: outcome.message };
    redirect(`/practice/movements/${outcome.reference}?received=1`);
  },
);

export const reportProblemAction = formAction<ActionState, Record<string, unknown>>(
  { name: "reportProblemAction", permission: "movement:receive", input: z.record(safeText(100), z.union([safeText(2000), z.array(safeText(2000)).max(20)])) },
  async (_input, { actor, fields }) => {
    await reportProblem(db, actor, fields);
    redirect(`/practice/movements/${encodeURIComponent(String(fields.reference ?? ""))}?reported=1`);
  },
);

/** A record that arrived before any courier scan: confirmed with how it arrived (flagged for PCSE). */
export const receiveWithoutScansAction = formAction<ActionState, Record<string, unknown>>(
  { name: "receiveWithoutScansAction", permission: "movement:receive", input: z.record(safeText(100), z.union([safeText(2000), z.array(safeText(2000)).max(20)])) },
  async (_input, { actor, fields }) => {
    const { reference } = await receiveWithoutScans(db, actor, fields);
    redirect(`/practice/movements/${encodeURIComponent(reference)}?received=1`);
  },
);

export type ReceiveManyState = ActionState & { result?: ManyReceipts };

/** The incoming list's "Confirm the selected records as received": many at once, each under the receipt rule. */
export const receiveManyAction = formAction<ReceiveManyState, { references: string[] }>(
  { name: "receiveManyAction", permission: "movement:receive", input: z.object({ references: stringList(1000, 40) }) },
  async ({ references }, { actor }) => {
    const result = await receiveMovements(db, actor, references);
    revalidatePath("/practice/incoming");
    revalidatePath("/practice");
    return { status: "idle", result };
  },
);
