"use server";
// The administrator's organisation actions, through the shared wrapper (lib/http/safe-action.ts);
// lib/organisations/commands.ts checks the permission and every field again.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { saveBranchSurgery, setOrganisationClosed } from "@/lib/organisations/commands";

const fieldsInput = z.record(safeText(100), z.union([safeText(600), z.array(safeText(600)).max(20)]));

export const saveBranchSurgeryAction = formAction<ActionState, Record<string, unknown>>(
  { name: "saveBranchSurgeryAction", permission: "organisations:manage", input: fieldsInput },
  async (_input, { actor, fields }) => {
    const { odsCode, created } = await saveBranchSurgery(db, actor, fields);
    redirect(`/admin/organisations/${encodeURIComponent(odsCode)}?changed=${created ? "added" : "corrected"}`);
  },
);

export const setOrganisationClosedAction = formAction<ActionState, Record<string, unknown>>(
  { name: "setOrganisationClosedAction", permission: "organisations:manage", input: fieldsInput },
  async (_input, { actor, fields }) => {
    const { odsCode, closed } = await setOrganisationClosed(db, actor, fields);
    redirect(`/admin/organisations/${encodeURIComponent(odsCode)}?changed=${closed ? "closed" : "reopened"}`);
  },
);
