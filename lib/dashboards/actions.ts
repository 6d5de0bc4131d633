"use server";
// Server actions for the commissioner dashboards: the service-credit ledger. Each is a public endpoint: it goes
// through the shared wrapper (form data only, actor from a live session, permission, Zod) and hands the fields to a
// command that checks permission (a national commissioner) and every field again.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction } from "@/lib/http/safe-action";
import { changeServiceCredit } from "@/lib/dashboards/credits";

const fields = z.record(z.string().max(100), z.string().max(2000));

export const changeServiceCreditAction = formAction<ActionState, Record<string, unknown>>({ name: "changeServiceCreditAction", permission: "dashboard:read", input: fields }, async (input, { actor }) => {
  const { status } = await changeServiceCredit(db, actor, input);
  const month = typeof input.month === "string" && /^\d{4}-\d{2}$/.test(input.month) ? `&month=${input.month}` : "";
  redirect(`/commissioner/credits?changed=${status.toLowerCase()}${month}`);
});
