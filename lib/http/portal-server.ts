// One process of the portal's production HTTP server (server.ts starts one or several: lib/http/cluster.ts).
// Next.js's request handler behind a thin layer that
//   - makes every request's id itself (a client's X-Request-Id is never trusted) and the client's address from
//     TRUSTED_PROXY_HOPS (lib/http/request-log.ts), and hands both to the app in headers only it can set;
//   - sends Strict-Transport-Security when the portal's public URL is https, decided at start, not at build;
//   - refuses bad input Next.js would answer with a 500 (lib/http/request-guard.ts): malformed percent-encoding
//     or a control character in the URL (400); a server-action body over 1 MB, counted as it streams whatever
//     Content-Length says (413), or not in the shape React's client sends (400);
//   - writes one structured log line per request answered: method, path without its query string, status,
//     duration, request id and the signed-in user's id, through pino with its NHS-number redaction;
//   - gives Next.js's empty 404 shell (notFound() from a page) a "Page not found" for browsers without JavaScript
//     (lib/http/not-found-fallback.ts).
// Before Next.js wraps the global Date: the engine's own constructor (lib/runtime/native-date.ts).
import "@/lib/runtime/keep-native-date";
import { randomBytes, randomUUID } from "node:crypto";
import { IncomingMessage, ServerResponse, createServer } from "node:http";
import path from "node:path";
import next from "next";
import { logger } from "@/lib/logging/logger";
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER, clientAddress, pathOf, sessionUserId, trustedProxyHops } from "@/lib/http/request-log";
import { SERVER_TOKEN_HEADER } from "@/lib/http/server-token";
import { MAX_ACTION_BODY_BYTES, badActionBody, badRequestReason } from "@/lib/http/request-guard";
import { withNotFoundFallback } from "@/lib/http/not-found-fallback";

const root = path.resolve(import.meta.dirname, "..", "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const hops = trustedProxyHops();
const secret = process.env.NEXTAUTH_SECRET;
const publicUrl = process.env.PORTAL_URL ?? process.env.NEXTAUTH_URL ?? "";
const hsts = publicUrl.startsWith("https://") ? "max-age=63072000; includeSubDomains; preload" : null;

// proxy.ts trusts the request id and client address only on requests carrying this process's token.
const token = randomBytes(24).toString("base64url");
process.env.PORTAL_SERVER_TOKEN = token;

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();

await app.prepare();

/** Bodies beyond this are not even drained: the connection is closed. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

function refuse(res: ServerResponse, status: number, message: string, close = false) {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader("content-type", "text/plain; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  if (close) res.setHeader("connection", "close");
  res.end(message);
}

/** The request again, with its body already read: what Next.js reads is exactly what was checked. */
function replay(original: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(original.socket);
  const headers = { ...original.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  Object.assign(copy, {
    method: original.method,
    url: original.url,
    httpVersion: original.httpVersion,
    httpVersionMajor: original.httpVersionMajor,
    httpVersionMinor: original.httpVersionMinor,
    headers,
    rawHeaders: Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : v === undefined ? [] : [k, v])),
    complete: true,
  });
  copy.push(body);
  copy.push(null);
  return copy;
}

/**
 * Reads a server action's body, at most MAX_ACTION_BODY_BYTES, and checks its shape. Answers 413 or 400 itself
 * and returns null, or returns the body.
 */
function readActionBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    const chunks: Buffer[] = [];
    let total = 0;
    let tooBig = declared > MAX_ACTION_BODY_BYTES;
    const tooBigMessage = `Request body too large: at most ${MAX_ACTION_BODY_BYTES} bytes`;
    if (declared > DRAIN_LIMIT_BYTES) {
      refuse(res, 413, tooBigMessage, true);
      req.destroy();
      return resolve(null);
    }
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_ACTION_BODY_BYTES) tooBig = true;
      if (!tooBig) chunks.push(chunk);
      if (total > DRAIN_LIMIT_BYTES) {
        refuse(res, 413, tooBigMessage, true);
        req.destroy();
        resolve(null);
      }
    });
    req.on("error", () => resolve(null));
    req.on("end", () => {
      if (tooBig) {
        refuse(res, 413, tooBigMessage);
        return resolve(null);
      }
      const body = Buffer.concat(chunks);
      void badActionBody(req.headers["content-type"], body).then((problem) => {
        if (problem) {
          refuse(res, 400, problem);
          resolve(null);
        } else resolve(body);
      });
    });
  });
}

type WriteArgs = [chunk?: unknown, encoding?: unknown, callback?: unknown];

/**
 * For a page's GET: a 404 HTML answer is held back (it is small) and sent through withNotFoundFallback; every other
 * answer passes straight through. The check is made at the first write, once Next.js has set status and headers.
 * Next.js's compression writes through these functions, so the held bytes are compressed: the fallback reads them
 * with their Content-Encoding.
 */
function notFoundFallback(req: IncomingMessage, res: ServerResponse) {
  if (req.method !== "GET" || pathOf(req.url).startsWith("/_next/")) return;
  const write = res.write.bind(res) as (...args: WriteArgs) => boolean;
  const end = res.end.bind(res) as (...args: WriteArgs) => ServerResponse;
  let held: Buffer[] | null = null;
  let decided = false;
  const decide = () => {
    if (decided) return;
    decided = true;
    if (res.statusCode === 404 && String(res.getHeader("content-type") ?? "").startsWith("text/html")) held = [];
  };
  const bytes = (chunk: unknown, encoding: unknown) =>
    Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  res.write = ((...args: WriteArgs) => {
    decide();
    if (!held) return write(...args);
    const [chunk, encoding, callback] = args;
    held.push(bytes(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  }) as ServerResponse["write"];
  res.end = ((...args: WriteArgs) => {
    decide();
    if (!held) return end(...args);
    const [chunk, encoding, callback] = args;
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") held.push(bytes(chunk, encoding));
    const done = [chunk, encoding, callback].find((a) => typeof a === "function");
    const body = withNotFoundFallback(Buffer.concat(held), res.getHeader("content-encoding") as string | undefined);
    if (!res.headersSent) res.removeHeader("content-length");
    return done ? end(body, done) : end(body);
  }) as ServerResponse["end"];
}

const server = createServer((req, res) => {
  const started = process.hrtime.bigint();
  const requestId = randomUUID();
  const requestPath = pathOf(req.url);
  req.headers[REQUEST_ID_HEADER] = requestId;
  req.headers[SERVER_TOKEN_HEADER] = token;
  const ip = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  else delete req.headers[CLIENT_IP_HEADER];
  res.setHeader("X-Request-Id", requestId);
  if (hsts) res.setHeader("Strict-Transport-Security", hsts);
  const userIdPromise = requestPath.startsWith("/_next/") ? Promise.resolve(null) : sessionUserId(req.headers.cookie, secret);

  let logged = false;
  const log = (aborted: boolean) => {
    if (logged) return;
    logged = true;
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    void userIdPromise.then((userId) => {
      logger.info(
        { requestId, method: req.method, path: requestPath, status: aborted && !res.headersSent ? 499 : res.statusCode, durationMs: Math.round(durationMs * 10) / 10, userId, ...(aborted ? { aborted: true } : {}) },
        "request",
      );
    });
  };
  res.on("finish", () => log(false));
  res.on("close", () => log(!res.writableFinished));

  const failed = (error: unknown) => {
    logger.error({ err: error, requestId }, "request handler failed");
    refuse(res, 500, "Internal Server Error");
  };
  const problem = badRequestReason(req.url);
  if (problem) return refuse(res, 400, problem);
  notFoundFallback(req, res);
  if (req.method === "POST" && req.headers["next-action"] !== undefined) {
    readActionBody(req, res)
      .then((body) => (body ? handle(replay(req, body), res) : undefined))
      .catch(failed);
    return;
  }
  handle(req, res).catch(failed);
});

server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  logger.info({ port, hostname, trustedProxyHops: hops, hsts: Boolean(hsts) }, "portal listening");
});

const shutdown = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
