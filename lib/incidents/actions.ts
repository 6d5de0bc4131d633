"use server";
// Server actions for incidents. Each is a public endpoint: it goes through the shared wrapper (lib/http/safe-action.ts:
// form data only, no control characters, actor from a live session, permission, Zod) and hands the fields to a
// command that checks permission, scope and every field again.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { normalisePrefixedReference } from "@/lib/movements/reference";
import { chasePractices, createIncident, recordHarmReview, recordNoHarmReviews, signPracticeReturn } from "@/lib/incidents/commands";

/** The form as posted: plain text fields, each command parses them with its own schema. */
const fields = z.record(z.string().max(100), z.union([z.string().max(5000), z.array(z.string().max(100)).max(1000)]));

const ref = (raw: unknown) => normalisePrefixedReference(typeof raw === "string" ? raw : "", "IN") ?? "";

export const createIncidentAction = formAction<ActionState, Record<string, unknown>>({ name: "createIncidentAction", permission: "incident:manage", input: fields }, async (input, { actor }) => {
  const { reference } = await createIncident(db, actor, input);
  redirect(`/pcse/incidents/${reference}?created=1`);
});

export const chasePracticesAction = formAction<ActionState, Record<string, unknown>>({ name: "chasePracticesAction", permission: "incident:manage", input: fields }, async (input, { actor }) => {
  const { chased } = await chasePractices(db, actor, input);
  redirect(`/pcse/incidents/${ref(input.reference)}?chased=${chased}`);
});

export const recordHarmReviewAction = formAction<ActionState, Record<string, unknown>>({ name: "recordHarmReviewAction", permission: "incident:review", input: fields }, async (input, { actor }) => {
  await recordHarmReview(db, actor, input);
  redirect(`/practice/incidents/${ref(input.reference)}?reviewed=1`);
});

export const recordNoHarmReviewsAction = formAction<ActionState, Record<string, unknown>>({ name: "recordNoHarmReviewsAction", permission: "incident:review", input: fields }, async (input, { actor }) => {
  const { recorded } = await recordNoHarmReviews(db, actor, input);
  redirect(`/practice/incidents/${ref(input.reference)}?noharm=${recorded}`);
});

export const signPracticeReturnAction = formAction<ActionState, Record<string, unknown>>({ name: "signPracticeReturnAction", permission: "incident:sign", input: fields }, async (input, { actor }) => {
  await signPracticeReturn(db, actor, input);
  redirect(`/practice/incidents/${ref(input.reference)}?signed=1`);
});
