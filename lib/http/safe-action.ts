import "server-only";
// The one wrapper every server action goes through (each exported action is a public endpoint that anyone can
// call with anything). In order:
//   1. the arguments must be what the form sends (FormData), or what the typed call sends: anything else is
//      answered with a message, never an exception (a 500);
//   2. the actor is loaded from the session (a live session of an enabled user) and the permission checked;
//   3. a control character (a NUL byte) in any field is refused before it can reach a query;
//   4. the input is parsed with the action's Zod schema (refusals in 2 to 4 go to `onRefused`, e.g. to be audited);
//   5. the handler runs; expected errors (lib/errors.ts) become the form's message, anything else is logged with
//      the request id and shown as a generic message with that id (lib/http/action-result.ts).
// Next's redirect() and notFound() pass through.
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { ValidationError, fieldErrorsOf, isExpectedError } from "@/lib/errors";
import { formValues, toActionError, type ActionState } from "@/lib/http/action-result";
import { fieldsWithControlCharacters, formFields, hasControlCharacters, type FormFields } from "@/lib/http/input";
import { getRequestContext } from "@/lib/http/request-context";
import { logger } from "@/lib/logging/logger";

export const NOT_A_FORM = "The form could not be read. Reload the page and try again";
export const UNUSUAL_CHARACTER = "Remove the unusual character you entered (it cannot be stored)";

type Refusal = (actor: Actor | null, raw: unknown, error: unknown) => Promise<void>;

type Options<I> = {
  /** For the log: the action's exported name. */
  name: string;
  permission: Permission;
  input: z.ZodType<I, unknown>;
  /** Called when the action is refused (permission, input) before the handler ran: e.g. to audit the attempt. */
  onRefused?: Refusal;
};

async function logRefusal(name: string, error: unknown) {
  if (!isExpectedError(error)) return;
  const { requestId } = await getRequestContext();
  logger.info({ action: name, requestId, refused: error.name }, "server action refused");
}

/**
 * Steps 2 to 4: who is asking, may they, and is the input well formed (`unusual`: the fields holding a control
 * character). Throws expected errors, after telling `onRefused` (which can then audit the attempt).
 */
async function authorise<I>(options: Options<I>, raw: unknown, unusual: string[] = []): Promise<{ actor: Actor; input: I }> {
  const actor = await getActor();
  try {
    requirePermission(actor, options.permission);
    if (unusual.length) throw new ValidationError(Object.fromEntries(unusual.slice(0, 20).map((f) => [hasControlCharacters(f) ? "form" : f, [UNUSUAL_CHARACTER]])));
    const parsed = options.input.safeParse(raw);
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
    return { actor, input: parsed.data };
  } catch (error) {
    await options.onRefused?.(actor, raw, error);
    throw error;
  }
}

/**
 * A form action for useActionState: `(previous, formData) => state`. The handler returns the next state, or
 * redirects; it receives the parsed input, the actor and the raw fields (for commands that validate them).
 */
export function formAction<S extends ActionState, I>(
  options: Options<I>,
  handler: (input: I, context: { actor: Actor; fields: FormFields }) => Promise<S>,
): (previous: S, formData: FormData) => Promise<S> {
  return async (_previous: S, formData: FormData): Promise<S> => {
    if (!(formData instanceof FormData)) return { status: "error", formError: NOT_A_FORM } as S;
    const values = formValues(formData);
    try {
      const fields = formFields(formData);
      const { actor, input } = await authorise(options, fields, fieldsWithControlCharacters(fields));
      return await handler(input, { actor, fields });
    } catch (error) {
      unstable_rethrow(error);
      await logRefusal(options.name, error);
      const state = await toActionError(error, values);
      // A field the form does not show still needs saying: put its message at the top.
      if (state.fieldErrors?.form) state.formError ??= state.fieldErrors.form[0];
      return state as S;
    }
  };
}

/**
 * An action called with one value from a client component (e.g. a scanned barcode), answering with the
 * handler's result or `failure(message)`.
 */
export function valueAction<I, R, F>(
  options: Options<I>,
  handler: (input: I, context: { actor: Actor }) => Promise<R>,
  failure: (message: string) => F,
): (value: unknown) => Promise<R | F> {
  return async (value: unknown): Promise<R | F> => {
    try {
      const { actor, input } = await authorise(options, value, typeof value === "string" && hasControlCharacters(value) ? ["\u0000"] : []);
      return await handler(input, { actor });
    } catch (error) {
      unstable_rethrow(error);
      await logRefusal(options.name, error);
      const state = await toActionError(error);
      return failure(state.formError ?? Object.values(state.fieldErrors ?? {})[0]?.[0] ?? NOT_A_FORM);
    }
  };
}

/**
 * A plain form action (`<form action={...}>` without useActionState) whose handler always redirects. A refused
 * or bad submission redirects to `fallback(error)` instead: the page there says what was wrong.
 */
export function navigationAction<I>(
  options: Options<I> & { fallback: (problem: "refused" | "invalid" | "failed") => string },
  handler: (input: I, context: { actor: Actor; fields: FormFields }) => Promise<never>,
): (formData: FormData) => Promise<void> {
  return async (formData: FormData): Promise<void> => {
    let problem: "refused" | "invalid" | "failed";
    try {
      if (!(formData instanceof FormData)) throw new ValidationError({ form: [NOT_A_FORM] });
      const fields = formFields(formData);
      const { actor, input } = await authorise(options, fields, fieldsWithControlCharacters(fields));
      await handler(input, { actor, fields });
      return;
    } catch (error) {
      unstable_rethrow(error);
      await logRefusal(options.name, error);
      if (!isExpectedError(error)) await toActionError(error); // logs it with the request id
      problem = error instanceof ValidationError ? "invalid" : isExpectedError(error) ? "refused" : "failed";
    }
    redirect(options.fallback(problem));
  };
}
