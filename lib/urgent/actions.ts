"use server";
// Server actions for urgent requests, through the shared wrapper (lib/http/safe-action.ts). The commands
// (lib/urgent/commands.ts) check the permission, scope and every field again. A success redirects to the request's
// page, which shows the new state.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { safeText, type FormFields } from "@/lib/http/input";
import { withJoinedDates } from "@/lib/http/date-fields";
import { createUrgentRequest, respondToUrgentRequest } from "@/lib/urgent/commands";

const anyFields = z.record(safeText(100), z.union([safeText(2000), z.array(safeText(100)).max(20)]));

/**
 * The form shows every basis's extra fields (revealed by CSS under the chosen basis, so it works without
 * JavaScript); only the chosen basis's and holder's are passed on, so a value typed under another choice and left
 * behind is not checked.
 */
function requestFields(fields: FormFields): FormFields {
  const f = withJoinedDates(fields, ["dateOfBirth", "receivedOn", "dateGiven"]);
  if (f.basis !== "CORONER" && f.basis !== "COURT") delete f.dateGiven;
  if (f.basis !== "SUBJECT_ACCESS_REQUEST") delete f.extended;
  if (f.basis !== "ACCESS_TO_HEALTH_RECORDS") delete f.recentEntriesOnly;
  if (f.holder === "STORE") delete f.holderOdsCode;
  return f;
}

/** A practice asks the holder of a record (the previous practice or PCSE's store) for it urgently. */
export const createUrgentRequestAction = formAction<ActionState, Record<string, unknown>>(
  { name: "createUrgentRequestAction", permission: "urgent:request", input: anyFields },
  async (_input, { actor, fields }) => {
    const { reference } = await createUrgentRequest(db, actor, requestFields(fields));
    redirect(`/practice/requests/${reference}?made=1`);
  },
);

function answered(base: string, result: { reference: string; movementReference?: string }, action: unknown): never {
  const params = new URLSearchParams({ done: String(action) });
  if (result.movementReference) params.set("movement", result.movementReference);
  redirect(`${base}/${result.reference}?${params.toString()}`);
}

/** A practice answers a request for a record it holds (acknowledge, send), or cancels one it made. */
export const answerUrgentRequestAction = formAction<ActionState, Record<string, unknown>>(
  { name: "answerUrgentRequestAction", permission: "urgent:request", input: anyFields },
  async (_input, { actor, fields }) => answered("/practice/requests", await respondToUrgentRequest(db, actor, fields), fields.action),
);

/** PCSE answers a request for a record in its store (acknowledge, send). */
export const answerStoreUrgentRequestAction = formAction<ActionState, Record<string, unknown>>(
  { name: "answerStoreUrgentRequestAction", permission: "case:work", input: anyFields },
  async (_input, { actor, fields }) => answered("/pcse/requests", await respondToUrgentRequest(db, actor, fields), fields.action),
);
