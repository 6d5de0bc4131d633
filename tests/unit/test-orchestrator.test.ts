// `npm test` itself: a suite whose database cannot be reached, or whose browser is missing, FAILS with the reason,
// and the command exits non-zero. These run the real orchestrator in a child process.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function npmTest(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/test.mjs"), ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}`, stdout: r.stdout };
}

describe("npm test (the orchestrator)", () => {
  it("an unreachable TEST_PG_ADMIN_URL fails the integration suite, says why, and exits non-zero", () => {
    const { code, out, stdout } = npmTest(["--only", "integration"], { TEST_PG_ADMIN_URL: "postgresql://portal:x@127.0.0.1:9/postgres" });
    expect(code).not.toBe(0);
    expect(out).toMatch(/integration\s+FAILED\s+0 run/);
    expect(out).toContain("ECONNREFUSED");
    expect(stdout.trim().split("\n").at(-1)).toBe("0 passed, 1 failed");
  }, 120_000);

  it("a missing Chromium fails the end-to-end suite with the install command", () => {
    const { code, out } = npmTest(["--only", "e2e"], { CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(code).not.toBe(0);
    expect(out).toContain("apt-get install -y chromium");
    expect(out).toMatch(/e2e\s+FAILED.*Chromium not found at \/nonexistent\/chromium/);
  }, 120_000);

  it("refuses an unknown suite name", () => {
    const { code, out } = npmTest(["--only", "integraton"], {});
    expect(code).toBe(2);
    expect(out).toContain('Unknown suite "integraton"');
  }, 60_000);
});
