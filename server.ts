// The portal's production HTTP server (`npm start`, `npm run demo`, the end-to-end tests and the benchmarks).
// Each server process is lib/http/portal-server.ts: Next.js's request handler behind a thin layer (request ids,
// client address, HSTS, bad URLs and action bodies refused, one log line per request). With WEB_CONCURRENCY > 1
// (default: the machine's cores, at most 4) this process forks that many and shares the port among them
// (lib/http/cluster.ts); with 1 it is the server itself.
// First: no source maps for the built chunks (lib/runtime/no-source-maps.ts).
import "@/lib/runtime/no-source-maps";
import cluster from "node:cluster";
import { runPrimary, serverProcesses } from "@/lib/http/cluster";

const processes = serverProcesses();
if (cluster.isPrimary && processes > 1) runPrimary(processes);
else await import("@/lib/http/portal-server");
