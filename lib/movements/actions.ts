"use server";
// Server actions for movements. Each is a public endpoint: it goes through the shared wrapper
// (lib/http/safe-action.ts: form data only, no control characters, actor from a live session, permission, Zod)
// and hands the fields to a command that checks scope and every field again. Nothing here trusts the client.
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { type ActionState } from "@/lib/http/action-result";
import { formAction, navigationAction } from "@/lib/http/safe-action";
import { createMovement, auditRefusedSend } from "@/lib/movements/commands";
import { cancelMovement, correctDestination, markHeldAtPractice, markNoPaperRecord, type Amended } from "@/lib/movements/amendments";
import { STATUS_FILTERS, sendRecordInput } from "@/lib/movements/schemas";
import { saveSearch, type SearchKind } from "@/lib/movements/saved-searches";
import { safeText } from "@/lib/http/input";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { organisationByCode, type OrganisationOption } from "@/lib/organisations/queries";

export type SendRecordState = ActionState & { destination?: OrganisationOption | null };

export const sendRecordAction = formAction<SendRecordState, Record<string, unknown>>(
  { name: "sendRecordAction", permission: "movement:create", input: sendRecordInput, onRefused: auditRefusedSend },
  async (_input, { actor, fields }) => {
    let reference: string;
    try {
      reference = (await createMovement(db, actor, fields)).reference;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The form comes back with its errors: say again which destination was chosen, by name, not just its code.
      const values = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 1000)]));
      return { status: "error", fieldErrors: error.fieldErrors, values, destination: await organisationByCode(db, actor, fields.destinationOdsCode) };
    }
    redirect(`/practice/movements/${reference}?sent=1`);
  },
);

const listFilters = z.object({
  status: z.enum(STATUS_FILTERS).catch("open"),
  priority: z.enum(["ROUTINE", "URGENT", "any"]).catch("any"),
  sort: z
    .string()
    .regex(/^(created|due|status|reference):(asc|desc)$/)
    .catch("created:desc"),
});

/**
 * PCSE's search form. The search term is kept server-side (lib/movements/saved-searches.ts) and the results page's
 * URL carries only the saved search's id: an NHS number never travels in a URL.
 */
export const searchMovementsAction = navigationAction<{ q?: string }>(
  { name: "searchMovementsAction", permission: "movement:read:any", input: z.object({ q: safeText(100, "Enter 100 characters or fewer").optional() }), fallback: (problem) => `/pcse?problem=${problem}` },
  async ({ q }, { actor }) => {
    const id = await saveSearch(db, actor, "pcse", q);
    redirect(id ? `/pcse?s=${id}` : "/pcse");
  },
);

/**
 * A practice list's filter form (outgoing or incoming). The search box is kept server-side like PCSE's search; the
 * status, priority and sort, which identify nobody, stay in the URL.
 */
export const filterMovementsAction = navigationAction<{ list: SearchKind; q?: string; status?: unknown; priority?: unknown; sort?: unknown }>(
  {
    name: "filterMovementsAction",
    permission: "movement:read:own",
    fallback: (problem) => `/practice?problem=${problem}`,
    input: z.object({ list: z.enum(["outgoing", "incoming"]), q: safeText(100, "Enter 100 characters or fewer").optional(), status: z.unknown(), priority: z.unknown(), sort: z.unknown() }),
  },
  async ({ list, q, ...rest }, { actor }) => {
    const id = await saveSearch(db, actor, list, q);
    const filters = listFilters.parse(rest);
    const params = new URLSearchParams({ status: filters.status, priority: filters.priority, sort: filters.sort, ...(id ? { s: id } : {}) });
    redirect(`/practice/${list}?${params.toString()}`);
  },
);

// Changes from the movement page (lib/movements/amendments.ts checks the lifecycle, scope and input again).
const amendInput = z.record(safeText(100), z.union([safeText(1000), z.array(safeText(1000)).max(20)]));
const movementPage = (a: Amended, notice: string) => `${a.side === "pcse" ? "/pcse" : "/practice"}/movements/${encodeURIComponent(a.reference)}?changed=${notice}`;

export const correctDestinationAction = formAction<ActionState, Record<string, unknown>>(
  { name: "correctDestinationAction", permission: "movement:amend", input: amendInput },
  async (_input, { actor, fields }) => redirect(movementPage(await correctDestination(db, actor, fields), "corrected")),
);

export const cancelMovementAction = formAction<ActionState, Record<string, unknown>>(
  { name: "cancelMovementAction", permission: "movement:amend", input: amendInput },
  async (_input, { actor, fields }) => redirect(movementPage(await cancelMovement(db, actor, fields), "cancelled")),
);

export const markNoPaperRecordAction = formAction<ActionState, Record<string, unknown>>(
  { name: "markNoPaperRecordAction", permission: "movement:amend", input: amendInput },
  async (_input, { actor, fields }) => redirect(movementPage(await markNoPaperRecord(db, actor, fields), "no-paper-record")),
);

export const markHeldAtPracticeAction = formAction<ActionState, Record<string, unknown>>(
  { name: "markHeldAtPracticeAction", permission: "movement:amend", input: amendInput },
  async (_input, { actor, fields }) => redirect(movementPage(await markHeldAtPractice(db, actor, fields), "held")),
);
