import "server-only";
// One way for every server action to turn errors into something a form can show. Expected errors are shown
// in words; anything else is logged with the request id and shown as a generic message with that id, so
// support can find it. A stack trace or SQL never reaches the user.
import { ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError, type FieldErrors } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { logger } from "@/lib/logging/logger";

export type ActionState = {
  status: "idle" | "error";
  fieldErrors?: FieldErrors;
  formError?: string;
  /** What the user typed, so nothing they submitted is lost when the form comes back with errors. */
  values?: Record<string, string>;
};

export const idleState: ActionState = { status: "idle" };

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value.slice(0, 1000);
  }
  return values;
}

export async function toActionError(error: unknown, values?: Record<string, string>): Promise<ActionState> {
  if (error instanceof ValidationError) return { status: "error", fieldErrors: error.fieldErrors, values };
  if (error instanceof ForbiddenError || error instanceof NotFoundError || error instanceof TooManyRequestsError) return { status: "error", formError: error.message, values };
  const { requestId } = await getRequestContext();
  logger.error({ err: error, requestId }, "unexpected error in server action");
  return { status: "error", formError: `Something went wrong and nothing was saved. Try again, or quote reference ${requestId} to the service desk.`, values };
}
