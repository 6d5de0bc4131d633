// The portal's production HTTP server (`npm start`, `npm run demo`, the end-to-end tests and the benchmarks):
// Next.js's request handler behind a thin layer that
//   - makes every request's id itself (a client's X-Request-Id is never trusted) and the client's address from
//     TRUSTED_PROXY_HOPS (lib/http/request-log.ts), and hands both to the app in headers only it can set;
//   - sends Strict-Transport-Security when the portal's public URL is https, decided at start, not at build;
//   - writes one structured log line per request answered: method, path without its query string, status,
//     duration, request id and the signed-in user's id, through pino with its NHS-number redaction.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { logger } from "@/lib/logging/logger";
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER, clientAddress, pathOf, sessionUserId, trustedProxyHops } from "@/lib/http/request-log";
import { SERVER_TOKEN_HEADER } from "@/lib/http/server-token";

const root = path.resolve(import.meta.dirname);
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

  handle(req, res).catch((error: unknown) => {
    logger.error({ err: error, requestId }, "request handler failed");
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("Internal Server Error");
    }
  });
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
