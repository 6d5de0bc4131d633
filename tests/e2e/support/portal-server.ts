// A second portal server for tests that need one started differently from the suite's own (another public URL,
// several processes, no build): server.ts on the suite's build, bound to 127.0.0.1, with `env` over the defaults.
import { spawn, type StdioOptions } from "node:child_process";
import path from "node:path";

export function startPortalServer(port: number, env: Record<string, string>, stdio: StdioOptions = "ignore") {
  return spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "server.ts")], {
    cwd: process.cwd(),
    stdio,
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test", PORT: String(port), HOSTNAME: "127.0.0.1", LOG_LEVEL: "warn", ...env },
  });
}
