// The production server's processes (server.ts). Node.js runs a page's JavaScript on one core, so one process
// cannot use the machine: with WEB_CONCURRENCY > 1 (default: the machine's cores, at most 4) a primary process
// forks that many server processes (lib/http/portal-server.ts), which share the port (the primary hands each
// connection to the next one in turn). Nothing a request needs is kept in one process's memory: sessions, rate
// limits and jobs live in PostgreSQL. The primary itself loads no Next.js: it restarts a process that dies (not
// one that keeps dying at start), and on SIGTERM or SIGINT asks each to finish its requests and waits.
// docs/operations.md.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { logger } from "@/lib/logging/logger";

export const MAX_SERVER_PROCESSES = 4;

/** How many server processes to run: WEB_CONCURRENCY, or the machine's cores (at most MAX_SERVER_PROCESSES). */
export function serverProcesses(value: string | undefined = process.env.WEB_CONCURRENCY, cores = availableParallelism()): number {
  if (value === undefined || value.trim() === "") return Math.max(1, Math.min(cores, MAX_SERVER_PROCESSES));
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 32 (it is "${value}").`);
  return n;
}

/** A process that exits sooner than this after starting has failed to start. */
const STARTUP_MS = 30_000;
/** Failed starts in a row after which the primary gives up (the fault is not passing). */
const MAX_FAILED_STARTS = 5;
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The old-space limit of each server process: SERVER_MAX_HEAP_MB (default 256), unless the command line or
 * NODE_OPTIONS sets --max-old-space-size. Node's own default on a large machine is several GB, and V8 lets the heap
 * grow towards it before collecting: a process whose live heap is under 100 MB reached 330 MB. docs/operations.md.
 */
export function heapFlags(env: Record<string, string | undefined> = process.env, execArgv: readonly string[] = process.execArgv): string[] {
  if ([...execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => a.startsWith("--max-old-space-size"))) return [];
  const value = env.SERVER_MAX_HEAP_MB?.trim() || "256";
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 128 || mb > 65_536) throw new Error(`SERVER_MAX_HEAP_MB must be a whole number of MB from 128 to 65536 (it is "${value}").`);
  return [`--max-old-space-size=${mb}`];
}

export function runPrimary(count: number): void {
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...heapFlags()] });
  const started = new Map<number, number>();
  let failedStarts = 0;
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
    return worker;
  };

  cluster.on("exit", (worker: Worker, code: number | null, signal: string | null) => {
    const ranMs = Date.now() - (started.get(worker.id) ?? Date.now());
    started.delete(worker.id);
    if (stopping) {
      // process.exitCode: 0 for a requested stop, 1 after failed starts.
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    failedStarts = ranMs < STARTUP_MS ? failedStarts + 1 : 0;
    if (failedStarts >= MAX_FAILED_STARTS) {
      logger.fatal({ pid: worker.process.pid, code, signal, failedStarts }, "server processes keep failing at start: stopping");
      stop(1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal, ranMs }, "server process exited: starting another");
    fork();
  });

  const stop = (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    if (workers.length === 0) process.exit(exitCode);
    for (const w of workers) w.process.kill("SIGTERM");
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
      process.exit(exitCode);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on("SIGTERM", () => stop());
  process.on("SIGINT", () => stop());

  logger.info({ processes: count }, "starting server processes");
  for (let i = 0; i < count; i++) fork();
}
