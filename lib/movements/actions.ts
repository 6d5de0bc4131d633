"use server";
// Server actions for movements. Each is a public endpoint: it goes through the shared wrapper
// (lib/http/safe-action.ts: form data only, no control characters, actor from a live session, permission, Zod)
// and hands the fields to a command that checks scope and every field again. Nothing here trusts the client.
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { createMovement, auditRefusedSend } from "@/lib/movements/commands";
import { sendRecordInput } from "@/lib/movements/schemas";

export const sendRecordAction = formAction<ActionState, Record<string, unknown>>(
  { name: "sendRecordAction", permission: "movement:create", input: sendRecordInput, onRefused: auditRefusedSend },
  async (_input, { actor, fields }) => {
    const created = await createMovement(db, actor, fields);
    redirect(`/practice/movements/${created.reference}?sent=1`);
  },
);
