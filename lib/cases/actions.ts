"use server";
// Server actions for cases, through the shared wrapper (lib/http/safe-action.ts: form data only, no control
// characters, actor from a live session, permission). The commands (lib/cases/commands.ts) check the permission,
// the actor's scope, every field (Zod) and the case lifecycle again. A success redirects to the page that shows the
// new state, so nothing stale is left on screen; a refusal comes back to the form as field errors.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction, navigationAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { withJoinedDates } from "@/lib/http/date-fields";
import { actOnCase, assignCases, completePracticeTask, raiseCase, replyToCase, takeNextCase } from "@/lib/cases/commands";
import { caseQueueSchema } from "@/lib/cases/queries";
import { SERVICE_AREA_DATE_FIELDS } from "@/lib/cases/service-area-form";

const anyFields = z.record(safeText(100), z.union([safeText(2000), z.array(safeText(100)).max(200)]));

/** A practice raises a case (about one of its movements, or one of PCSE's other services). */
export const raiseCaseAction = formAction<ActionState, Record<string, unknown>>(
  { name: "raiseCaseAction", permission: "case:raise", input: anyFields },
  async (_input, { actor, fields }) => {
    const opened = await raiseCase(db, actor, withJoinedDates(fields, SERVICE_AREA_DATE_FIELDS));
    redirect(`/practice/cases/${opened.reference}?${opened.created ? "raised" : "joined"}=1`);
  },
);

/** A practice answers PCSE on a case (searched, found and sending, information) or withdraws its own case. */
export const replyToCaseAction = formAction<ActionState, Record<string, unknown>>(
  { name: "replyToCaseAction", permission: "case:raise", input: anyFields },
  async (_input, { actor, fields }) => {
    const { reference } = await replyToCase(db, actor, fields);
    redirect(`/practice/cases/${reference}?${fields.reply === "WITHDRAW" ? "withdrawn" : "replied"}=1`);
  },
);

/** A practice completes a task PCSE set it: the search, a reconstituted record, merging a found original. */
export const completePracticeTaskAction = formAction<ActionState, Record<string, unknown>>(
  { name: "completePracticeTaskAction", permission: "case:raise", input: anyFields },
  async (_input, { actor, fields }) => {
    const { reference } = await completePracticeTask(db, actor, withJoinedDates(fields, ["completedOn"]));
    redirect(`/practice/cases/${reference}?task=done`);
  },
);

/** PCSE acts on a case: one form per action (take, note, chase, ask to search, search step, found...). */
export const actOnCaseAction = formAction<ActionState, Record<string, unknown>>(
  { name: "actOnCaseAction", permission: "case:work", input: anyFields },
  async (_input, { actor, fields }) => {
    const result = await actOnCase(db, actor, fields);
    const params = new URLSearchParams({ done: result.action, ...(result.redelivery ? { redelivery: result.redelivery } : {}) });
    redirect(`/pcse/cases/${result.reference}?${params.toString()}`);
  },
);

/** "Take the next case": the unowned case nearest its breach becomes the caseworker's, and opens. */
export const takeNextCaseAction = navigationAction<Record<string, unknown>>(
  { name: "takeNextCaseAction", permission: "case:work", input: anyFields, fallback: (problem) => `/pcse/cases?problem=${problem}` },
  async (_input, { actor }) => {
    const next = await takeNextCase(db, actor);
    redirect(next ? `/pcse/cases/${next.reference}?done=take` : "/pcse/cases?next=none");
  },
);

/** The queue's filters as they were, for going back to the same view (defaults left out of the URL). */
function queueParams(fields: Record<string, unknown>): URLSearchParams {
  const parsed = caseQueueSchema.parse({ kind: fields.kind, status: fields.status, owner: fields.owner, region: fields.region, due: fields.due, page: fields.page });
  const defaults = caseQueueSchema.parse({});
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed)) if (value !== defaults[key as keyof typeof defaults]) params.set(key, String(value));
  return params;
}

/** Assigns the cases ticked in the queue to a caseworker (supervisors: anyone; caseworkers: themselves). */
export const assignCasesAction = formAction<ActionState, Record<string, unknown>>(
  { name: "assignCasesAction", permission: "case:work", input: anyFields },
  async (_input, { actor, fields }) => {
    const result = await assignCases(db, actor, { references: fields.references, ownerId: fields.ownerId });
    if (result.assigned.length === 0) {
      return { status: "error", formError: result.refused.map((r) => `${r.reference}: ${r.reason}`).join(". ").slice(0, 1000) || "No case was assigned" };
    }
    const params = queueParams(fields);
    params.set("assigned", String(result.assigned.length));
    if (result.refused.length) params.set("refused", result.refused.map((r) => r.reference).slice(0, 20).join(","));
    redirect(`/pcse/cases?${params.toString()}`);
  },
);
