import "server-only";
// The one wrapper every route handler (app/api/**/route.ts) goes through, the counterpart of safe-action.ts:
//   - route parameters and the query string are parsed with Zod (a NUL byte or an overlong value is a 400);
//   - a state-changing request must come from the portal's own pages (lib/http/same-origin.ts), when asked;
//   - `auth: "user"` loads the actor from a live session (401 without one) and checks the permission (404, the
//     same answer as for something that does not exist);
//   - expected errors become 400 / 404 / 429; anything else is logged with the request id and answered 500
//     with that id and nothing else (never a stack trace or SQL).
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError, fieldErrorsOf } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/same-origin";
import { getRequestContext } from "@/lib/http/request-context";
import { hasControlCharacters } from "@/lib/http/input";
import { logger } from "@/lib/logging/logger";

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

type Base<P, Q> = {
  name: string;
  params?: z.ZodType<P, unknown>;
  query?: z.ZodType<Q, unknown>;
  /** Refuse requests not made by the portal's own pages (for handlers that change data). */
  sameOrigin?: boolean;
  /** How errors are answered: JSON `{ error }` (default) or plain text. */
  errors?: "json" | "text";
};

type UserOptions<P, Q> = Base<P, Q> & { auth: "user"; permission: Permission };
type PublicOptions<P, Q> = Base<P, Q> & { auth: "public" };

type Context<P, Q, A> = { request: Request; params: P; query: Q; actor: A };

function reply(format: "json" | "text", status: number, message: string, headers: Record<string, string> = {}): Response {
  const common = { "cache-control": "private, no-store", ...headers };
  return format === "json"
    ? Response.json({ error: message }, { status, headers: common })
    : new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", ...common } });
}

function queryObject(request: Request): Record<string, string | string[]> | null {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null;
  }
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    if (hasControlCharacters(key) || hasControlCharacters(value)) return null;
    const current = out[key];
    out[key] = current === undefined ? value : Array.isArray(current) ? [...current, value] : [current, value];
  }
  return out;
}

export function routeHandler<P = Record<string, never>, Q = Record<string, never>>(
  options: UserOptions<P, Q>,
  handler: (context: Context<P, Q, Actor>) => Promise<Response>,
): (request: Request, context?: RouteContext) => Promise<Response>;
export function routeHandler<P = Record<string, never>, Q = Record<string, never>>(
  options: PublicOptions<P, Q>,
  handler: (context: Context<P, Q, null>) => Promise<Response>,
): (request: Request, context?: RouteContext) => Promise<Response>;
export function routeHandler<P, Q>(
  options: UserOptions<P, Q> | PublicOptions<P, Q>,
  // `never`: the overloads above pair each kind of options with its handler's actor type.
  handler: (context: Context<P, Q, never>) => Promise<Response>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  const format = options.errors ?? "json";
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const rawQuery = queryObject(request);
      if (!rawQuery) return reply(format, 400, "Bad request: the address holds a character that is not allowed");
      const rawParams = (await context?.params) ?? {};
      if (Object.values(rawParams).some((v) => (Array.isArray(v) ? v : [v]).some((x) => typeof x === "string" && hasControlCharacters(x)))) {
        return reply(format, 400, "Bad request: the address holds a character that is not allowed");
      }
      const params = options.params ? options.params.safeParse(rawParams) : { success: true as const, data: {} as P };
      const query = options.query ? options.query.safeParse(rawQuery) : { success: true as const, data: {} as Q };
      if (!params.success) return reply(format, 404, "Not found");
      if (!query.success) return reply(format, 400, `Bad request: ${Object.values(fieldErrorsOf(query.error))[0]?.[0] ?? "check the address"}`);
      if (options.sameOrigin && !isSameOrigin(request)) return reply(format, 403, "Forbidden");
      let actor: Actor | null = null;
      if (options.auth === "user") {
        actor = await getActor();
        if (!actor) return reply(format, 401, "Sign in to continue");
        if (!can(actor.role, options.permission)) return reply(format, 404, "Not found");
      }
      return await handler({ request, params: params.data, query: query.data, actor: actor as never });
    } catch (error) {
      if (error instanceof ForbiddenError || error instanceof NotFoundError) return reply(format, 404, "Not found");
      if (error instanceof ValidationError) return reply(format, 400, Object.values(error.fieldErrors)[0]?.[0] ?? "Bad request");
      if (error instanceof TooManyRequestsError) return reply(format, 429, error.message, { "retry-after": String(error.retryAfterSeconds) });
      const { requestId } = await getRequestContext();
      logger.error({ err: error, requestId, route: options.name }, "unexpected error in route handler");
      return reply(format, 500, `Something went wrong. Quote reference ${requestId} to the service desk.`);
    }
  };
}

/** Reads a JSON body, or answers 400: a body that is not JSON is bad input. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ValidationError({ body: ["The request body must be JSON"] });
  }
}

