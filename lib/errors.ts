// Expected errors: typed, shown to the user in words. Anything else is unexpected: logged with the request
// id and shown as a generic message (lib/http/action-result.ts).

/** The thing does not exist *for this user*: out-of-scope records answer exactly like missing ones. */
export class NotFoundError extends Error {
  constructor(what = "The page") {
    super(`${what} could not be found`);
    this.name = "NotFoundError";
  }
}

/** The user's role may not do this at all (for pages, the guarding layout redirects before this). */
export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do that") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The user has done this too often in a short time (a rate limit): nothing was done; try again later. */
export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    public readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "TooManyRequestsError";
  }
}

export type FieldErrors = Record<string, string[]>;

/** Bad input, with messages per form field. Nothing has been written. */
export class ValidationError extends Error {
  constructor(
    public readonly fieldErrors: FieldErrors,
    message = "There is a problem",
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

export function isExpectedError(error: unknown): error is NotFoundError | ForbiddenError | ValidationError | TooManyRequestsError {
  return error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof ValidationError || error instanceof TooManyRequestsError;
}

/** A Zod error's issues as per-field messages (the first path segment names the field). */
export function fieldErrorsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, rename: (field: string) => string = (f) => f): FieldErrors {
  // A Map, not an object literal: a field is named by whatever the client sent (a query key such as "constructor",
  // "toString" or "__proto__" reaches here through a record schema), and an object literal would answer those from
  // its prototype. Object.fromEntries defines each as the object's own property.
  const fieldErrors = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = rename(String(issue.path[0] ?? "form"));
    const messages = fieldErrors.get(field);
    if (messages) messages.push(issue.message);
    else fieldErrors.set(field, [issue.message]);
  }
  return Object.fromEntries(fieldErrors);
}
