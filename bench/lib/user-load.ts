// Load from signed-in users, for `npm run bench:dashboards`: groups of users (practice staff on their lists, PCSE
// caseworkers on the case queue, commissioners on the dashboards), each group one autocannon instance with one
// connection per user, run at the same time against the same portal.
//
// Two models, both reported:
//   - users: each user has their own kept-alive connection, reads a page for a think time (random, exponentially
//     distributed around `thinkSeconds`, so users do not move in step), then asks for the next of their pages; the
//     first request of each comes at a random moment of the first think time. This is the model the issue's goal is
//     judged on (docs/dashboards.md, "Load"). Not autocannon's overallRate: below one request a second per connection
//     it cuts the connections to the rate and releases every connection's request at the same instant each second,
//     a burst no group of people makes.
//   - saturation (autocannon): every connection asks again as soon as it has its answer, no think time: the most
//     pages a second the portal can serve, not how 50 people would use it.
// p50 and p95 are from every answer's own time; for the saturation run, beside autocannon's p97.5 and p99.
import fs from "node:fs";
import { processTree } from "../../scripts/lib/process-tree";
import http from "node:http";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import autocannon from "autocannon";

export type UserGroup = { name: string; users: number; goalP95Ms: number; requests: { method: "GET"; path: string; headers: Record<string, string> }[] };

export type GroupResult = {
  name: string;
  users: number;
  requests: number;
  perSecond: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  p50: number;
  p95: number;
  /** autocannon's own percentiles (saturation run only; NaN for the users run). */
  correctedP97_5: number;
  correctedP99: number;
  goalP95Ms: number;
  met: boolean;
  /** Users run only: each page's own p50 and p95, and the slowest requests with when they started (s into the run). */
  pages?: { path: string; requests: number; p50: number; p95: number }[];
  slowest?: { atS: number; path: string; ms: number }[];
};

/**
 * The load's own process during the run: a pause of its event loop (a garbage collection, or the CPU taken by
 * PostgreSQL and the portal on a 2-core machine) is added to every answer that arrives in it, and shows as every
 * page slow at the same moment. Reported so that such a moment can be told apart from the portal's.
 */
export type LoaderHealth = { eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number; gcPauses: number; gcLongestMs: number; gcTotalMs: number };

export type LoadResult = { model: "users" | "saturation"; seconds: number; rampUpSeconds?: number; thinkSeconds: number | null; groups: GroupResult[]; maxRssMiB: number; zeroErrors: boolean; loader: LoaderHealth };

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))];
};

/**
 * The resident memory of a process and its descendants (the portal's primary and its server processes; Linux
 * /proc), in MiB; 0 elsewhere. A sum of each process's RSS: pages they share (the Node.js binary, libraries) are
 * counted once per process, so this is an upper bound.
 */
export function rssMiB(pid: number | undefined): number {
  return processTree(pid).reduce((sum, p) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      return sum + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return sum;
    }
  }, 0);
}

const TIMEOUT_MS = 10_000;

/** One user: a page, a think time, the next page, until `until`. */
type Sample = { at: number; path: string; ms: number };

async function oneUser(baseUrl: string, group: UserGroup, thinkMs: number, until: number, offset: number, samples: Sample[], counts: { errors: number; non2xx: number; timeouts: number; requests: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const think = () => -Math.log(1 - Math.random()) * thinkMs;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, Math.min(ms, until - Date.now()))));
  let page = offset % group.requests.length;
  await sleep(Math.random() * thinkMs);
  try {
    while (Date.now() < until) {
      const request = group.requests[page++ % group.requests.length];
      const started = performance.now();
      const outcome = await new Promise<"ok" | "non2xx" | "error" | "timeout">((resolve) => {
        const req = http.get(`${baseUrl}${request.path}`, { agent, headers: { ...request.headers, "accept-encoding": "gzip" }, timeout: TIMEOUT_MS }, (res) => {
          res.on("data", () => {});
          res.on("end", () => resolve(res.statusCode && res.statusCode >= 200 && res.statusCode < 300 ? "ok" : "non2xx"));
          res.on("error", () => resolve("error"));
        });
        req.on("timeout", () => {
          req.destroy();
          resolve("timeout");
        });
        req.on("error", () => resolve("error"));
      });
      counts.requests++;
      if (outcome === "ok") samples.push({ at: started, path: request.path, ms: performance.now() - started });
      else if (outcome === "non2xx") counts.non2xx++;
      else if (outcome === "timeout") counts.timeouts++;
      else counts.errors++;
      await sleep(think());
    }
  } finally {
    agent.destroy();
  }
}

/**
 * `rampUpSeconds` (users run only): the users start this long before the measured `seconds`; requests that start
 * in it are not timed (their errors still count). Fifty people do not all start reading at the same instant after
 * an idle server; timed from the first request, the slowest requests of every run fell in its first five seconds,
 * with both server processes busier than at any later moment: the server going from idle to busy, not the load.
 */
export async function userLoad(baseUrl: string, groups: UserGroup[], options: { seconds: number; thinkSeconds: number | null; portalPid: number | undefined; rampUpSeconds?: number }): Promise<LoadResult> {
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMiB(options.portalPid)), 1000);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const gc = { pauses: 0, longest: 0, total: 0 };
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.pauses++;
      gc.total += entry.duration;
      gc.longest = Math.max(gc.longest, entry.duration);
    }
  });
  delay.enable();
  gcObserver.observe({ entryTypes: ["gc"] });
  try {
    const runs = groups.map(async (group): Promise<GroupResult> => {
      const times: number[] = [];
      if (options.thinkSeconds) {
        const counts = { errors: 0, non2xx: 0, timeouts: 0, requests: 0 };
        const rampMs = (options.rampUpSeconds ?? 0) * 1000;
        const until = Date.now() + rampMs + options.seconds * 1000;
        const began = performance.now() + rampMs;
        const all: Sample[] = [];
        await Promise.all(Array.from({ length: group.users }, (_, i) => oneUser(baseUrl, group, options.thinkSeconds! * 1000, until, i, all, counts)));
        const samples = all.filter((x) => x.at >= began);
        counts.requests = samples.length + counts.errors + counts.non2xx + counts.timeouts;
        times.push(...samples.map((x) => x.ms));
        const p95 = pct(times, 0.95);
        const paths = [...new Set(samples.map((x) => x.path))];
        const pages = paths.map((path) => {
          const ms = samples.filter((x) => x.path === path).map((x) => x.ms);
          return { path, requests: ms.length, p50: pct(ms, 0.5), p95: pct(ms, 0.95) };
        });
        const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5).map((x) => ({ atS: Math.round((x.at - began) / 100) / 10, path: x.path, ms: Math.round(x.ms) }));
        return { name: group.name, users: group.users, perSecond: counts.requests / options.seconds, ...counts, p50: pct(times, 0.5), p95, correctedP97_5: NaN, correctedP99: NaN, goalP95Ms: group.goalP95Ms, met: counts.errors + counts.non2xx + counts.timeouts === 0 && p95 < group.goalP95Ms, pages, slowest };
      }
      const instance = autocannon({ url: baseUrl, connections: group.users, duration: options.seconds, timeout: TIMEOUT_MS / 1000, requests: group.requests });
      instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
      const r = await new Promise<autocannon.Result>((resolve, reject) => instance.on("done", resolve).on("error", reject));
      const p95 = pct(times, 0.95);
      return { name: group.name, users: group.users, requests: r.requests.total, perSecond: r.requests.total / options.seconds, errors: r.errors, non2xx: r.non2xx, timeouts: r.timeouts, p50: pct(times, 0.5), p95, correctedP97_5: r.latency.p97_5, correctedP99: r.latency.p99, goalP95Ms: group.goalP95Ms, met: r.errors === 0 && r.non2xx === 0 && r.timeouts === 0 && p95 < group.goalP95Ms };
    });
    const results = await Promise.all(runs);
    return {
      model: options.thinkSeconds ? "users" : "saturation",
      seconds: options.seconds,
      rampUpSeconds: options.thinkSeconds ? (options.rampUpSeconds ?? 0) : undefined,
      thinkSeconds: options.thinkSeconds,
      groups: results,
      maxRssMiB: Math.max(0, ...rss),
      zeroErrors: results.every((g) => g.errors === 0 && g.non2xx === 0 && g.timeouts === 0),
      loader: { eventLoopDelayP99Ms: delay.percentile(99) / 1e6, eventLoopDelayMaxMs: delay.max / 1e6, gcPauses: gc.pauses, gcLongestMs: gc.longest, gcTotalMs: gc.total },
    };
  } finally {
    clearInterval(sampler);
    delay.disable();
    gcObserver.disconnect();
  }
}

export function describeLoad(load: LoadResult): string[] {
  const lines = [
    load.model === "users"
      ? `Load (users): ${load.groups.reduce((n, g) => n + g.users, 0)} signed-in users for ${load.seconds} s${load.rampUpSeconds ? ` (after ${load.rampUpSeconds} s of them starting, not timed)` : ""}, each reading a page for ${load.thinkSeconds} s on average before the next; portal RSS at most ${load.maxRssMiB.toFixed(0)} MiB${load.maxRssMiB < 1024 ? " (under 1 GiB)" : " (over 1 GiB)"}.`
      : `Load (saturation): ${load.groups.reduce((n, g) => n + g.users, 0)} connections for ${load.seconds} s with no think time; portal RSS at most ${load.maxRssMiB.toFixed(0)} MiB.`,
  ];
  for (const g of load.groups) {
    lines.push(
      `  ${g.name.padEnd(34)} ${String(g.users).padStart(3)} users  ${g.requests.toLocaleString("en-GB").padStart(6)} requests (${g.perSecond.toFixed(1)}/s)  errors ${g.errors}, non-2xx ${g.non2xx}, timeouts ${g.timeouts}  p50 ${g.p50.toFixed(0)} ms  p95 ${g.p95.toFixed(0)} ms${load.model === "saturation" ? `  (autocannon p97.5 ${g.correctedP97_5} ms, p99 ${g.correctedP99} ms)` : ""}${load.model === "users" ? (g.met ? `  goal p95 < ${g.goalP95Ms} ms: met` : `  goal p95 < ${g.goalP95Ms} ms: NOT met`) : ""}`,
    );
    if (g.pages && g.pages.length > 1) lines.push(`      by page: ${g.pages.map((p) => `${p.path.split("?")[0]} (${p.requests}) p50 ${p.p50.toFixed(0)} p95 ${p.p95.toFixed(0)} ms`).join("; ")}`);
    if (g.slowest) lines.push(`      slowest: ${g.slowest.map((x) => `${x.ms} ms at ${x.atS} s ${x.path.split("?")[0]}`).join("; ")}`);
  }
  const l = load.loader;
  lines.push(`  The load's own process: event-loop delay p99 ${l.eventLoopDelayP99Ms.toFixed(0)} ms, at most ${l.eventLoopDelayMaxMs.toFixed(0)} ms; ${l.gcPauses} garbage collections, the longest ${l.gcLongestMs.toFixed(0)} ms (${l.gcTotalMs.toFixed(0)} ms in all).`);
  return lines;
}
