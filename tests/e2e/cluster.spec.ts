// The production server's processes (server.ts, lib/http/cluster.ts): WEB_CONCURRENCY server processes share the
// port; one that dies is replaced while the others answer; SIGTERM stops them all. Needs the build, hence here.
// Reads /proc (Linux: CI, the project's machines).
import fs from "node:fs";
import http from "node:http";
import { expect, test } from "./support/test";
import { freePort } from "./support/server-actions";
import { startPortalServer } from "./support/portal-server";
import { nodeChildren, processTree } from "../../scripts/lib/process-tree";

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`);

/** A GET on a connection of its own (no keep-alive): its status, or 0 when nothing answered within 10 s. */
const get = (url: string) =>
  new Promise<number>((resolve) => {
    const req = http.get(url, { agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    // A connection handed to the process just killed is never answered (the primary had not yet seen it die).
    req.on("timeout", () => {
      req.destroy();
      resolve(0);
    });
    req.on("error", () => resolve(0));
  });

async function waitFor<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("WEB_CONCURRENCY=2: two server processes share the port, one killed is replaced while the other answers, SIGTERM stops all", async () => {
  // Two Next.js processes start beside the suite's own server and browsers: slow on a loaded 2-core machine.
  test.setTimeout(240_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const primary = startPortalServer(port, { NEXTAUTH_URL: base, NEXTAUTH_SECRET: "cluster-test-secret", WEB_CONCURRENCY: "2" });
  const workers = () => nodeChildren(primary.pid);
  const exited = new Promise<number | null>((resolve) => primary.once("exit", (code) => resolve(code)));
  const healthy = async () => ((await get(`${base}/sign-in`)) === 200 ? true : null);
  try {
    await waitFor("the server", healthy, 120_000);
    const first = await waitFor("two server processes", () => (workers().length === 2 ? workers() : null));

    process.kill(first[0], "SIGKILL");
    // The other process goes on answering; the primary starts a replacement.
    await waitFor("an answer from the other process", healthy, 30_000);
    const second = await waitFor("a replacement", () => {
      const now = workers();
      return now.length === 2 && !now.includes(first[0]) ? now : null;
    });
    expect(second).toContain(first[1]);
    // The replacement serves pages too: every fresh connection is answered (the primary deals them out in turn).
    await waitFor("the replacement ready", async () => {
      const answers = await Promise.all([1, 2, 3, 4].map(() => get(`${base}/sign-in`)));
      return answers.every((s) => s === 200) ? true : null;
    });
  } finally {
    const everyone = processTree(primary.pid);
    primary.kill("SIGTERM");
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 20_000))])).toBe(0);
    await waitFor("every server process to stop", () => (everyone.every((pid) => !alive(pid)) ? true : null), 10_000);
  }
});

test("server processes that keep failing at start stop the primary with exit code 1 rather than a restart loop", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  // No build in this directory: every server process fails in Next.js's prepare().
  const primary = startPortalServer(port, { NEXT_DIST_DIR: ".next-no-build-here", NEXTAUTH_SECRET: "cluster-test-secret", LOG_LEVEL: "info", WEB_CONCURRENCY: "2" }, ["ignore", "pipe", "pipe"]);
  let output = "";
  primary.stdout!.on("data", (d) => (output += String(d)));
  primary.stderr!.on("data", (d) => (output += String(d)));
  const code = await Promise.race([new Promise<number | null>((resolve) => primary.once("exit", (c) => resolve(c))), new Promise<string>((r) => setTimeout(() => r("still running"), 90_000))]);
  if (code === "still running") primary.kill("SIGKILL");
  expect(code).toBe(1);
  expect(output).toContain("server processes keep failing at start: stopping");
  expect(nodeChildren(primary.pid)).toEqual([]);
});
