"use server";
// The administrator's user actions, through the shared wrapper (lib/http/safe-action.ts); lib/users/commands.ts checks
// the permission and every field again.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { changeUserRole, createUser, setUserDisabled } from "@/lib/users/commands";

const fieldsInput = z.record(safeText(100), z.union([safeText(400), z.array(safeText(400)).max(20)]));

export const createUserAction = formAction<ActionState, Record<string, unknown>>(
  { name: "createUserAction", permission: "users:manage", input: fieldsInput },
  async (_input, { actor, fields }) => {
    const { id } = await createUser(db, actor, fields);
    redirect(`/admin/users/${id}?changed=created`);
  },
);

export const changeUserRoleAction = formAction<ActionState, Record<string, unknown>>(
  { name: "changeUserRoleAction", permission: "users:manage", input: fieldsInput },
  async (_input, { actor, fields }) => {
    const { id } = await changeUserRole(db, actor, fields);
    redirect(`/admin/users/${id}?changed=role`);
  },
);

export const setUserDisabledAction = formAction<ActionState, Record<string, unknown>>(
  { name: "setUserDisabledAction", permission: "users:manage", input: fieldsInput },
  async (_input, { actor, fields }) => {
    const { id, disabled } = await setUserDisabled(db, actor, fields);
    redirect(`/admin/users/${id}?changed=${disabled ? "disabled" : "enabled"}`);
  },
);
