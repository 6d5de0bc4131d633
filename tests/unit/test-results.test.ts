import { describe, expect, it } from "vitest";
import { readPlaywrightResult, readVitestResult, suiteFailedToStart, summaryLines } from "../../scripts/lib/test-results";

const vitest = (files: { status?: string; message?: string; tests: [string, string][] }[]) =>
  JSON.stringify({
    testResults: files.map((f, i) => ({
      name: `/repo/tests/unit/file-${i}.test.ts`,
      status: f.status ?? (f.tests.some(([s]) => s === "failed") ? "failed" : "passed"),
      message: f.message ?? "",
      assertionResults: f.tests.map(([status, title]) => ({ status, title, fullName: title })),
    })),
  });

describe("reading Vitest's JSON result", () => {
  it("passes only when tests ran and none failed", () => {
    const r = readVitestResult("unit", vitest([{ tests: [["passed", "a"], ["passed", "b"]] }]), 0);
    expect(r).toMatchObject({ ok: true, run: 2, passed: 2, failed: 0, reason: null });
  });

  it("fails a run in which no test ran, whatever the exit code", () => {
    expect(readVitestResult("integration", vitest([]), 0)).toMatchObject({ ok: false, run: 0, reason: "no test ran" });
    expect(readVitestResult("integration", JSON.stringify({ numTotalTests: 0, success: true }), 0).ok).toBe(false);
  });

  it("fails when the runner wrote no result (a crash before reporting), with the crash's words", () => {
    const r = readVitestResult("integration", null, 0, "Error: connect ECONNREFUSED 127.0.0.1:9");
    expect(r.ok).toBe(false);
    expect(r.reason).toContain("ECONNREFUSED");
  });

  it("fails on a failed test, a file that could not load, or a non-zero exit with nothing else wrong", () => {
    expect(readVitestResult("unit", vitest([{ tests: [["passed", "a"], ["failed", "b"]] }]), 1)).toMatchObject({ ok: false, failed: 1, reason: "1 test failed" });
    const broken = readVitestResult("unit", vitest([{ tests: [["passed", "a"]] }, { status: "failed", message: "Cannot find module x", tests: [] }]), 1);
    expect(broken.ok).toBe(false);
    expect(broken.reason).toContain("Cannot find module x");
    expect(readVitestResult("unit", vitest([{ tests: [["passed", "a"]] }]), 1)).toMatchObject({ ok: false, reason: "Vitest exited with code 1" });
  });

  it("accepts a skipped test only when its title gives the reason", () => {
    expect(readVitestResult("unit", vitest([{ tests: [["passed", "a"], ["skipped", "b"]] }]), 0).ok).toBe(false);
    expect(readVitestResult("unit", vitest([{ tests: [["passed", "a"], ["todo", "c"]] }]), 0).ok).toBe(false);
    expect(readVitestResult("unit", vitest([{ tests: [["passed", "a"], ["skipped", "b [skipped: needs PostgreSQL 18]"]] }]), 0)).toMatchObject({ ok: true, skipped: 1, run: 1 });
  });

  it("fails on a file that is not JSON", () => {
    expect(readVitestResult("unit", "{not json", 0).ok).toBe(false);
  });
});

const playwright = (tests: { status: string; skipReason?: string }[], errors: string[] = []) =>
  JSON.stringify({
    errors: errors.map((message) => ({ message })),
    suites: [{ title: "journeys.spec.ts", specs: tests.map((t, i) => ({ title: `spec ${i}`, tests: [{ status: t.status, annotations: t.skipReason ? [{ type: "skip", description: t.skipReason }] : [] }] })), suites: [] }],
  });

describe("reading Playwright's JSON result", () => {
  it("counts expected and flaky as passed, unexpected as failed", () => {
    expect(readPlaywrightResult("e2e", playwright([{ status: "expected" }, { status: "flaky" }]), 0)).toMatchObject({ ok: true, passed: 2, run: 2 });
    expect(readPlaywrightResult("e2e", playwright([{ status: "expected" }, { status: "unexpected" }]), 1)).toMatchObject({ ok: false, failed: 1 });
  });

  it("fails on global errors (a crashed global setup), no tests, no file, or an unexplained skip", () => {
    expect(readPlaywrightResult("e2e", playwright([], ["Error: browserType.launch: Executable doesn't exist"]), 1).reason).toContain("browserType.launch");
    expect(readPlaywrightResult("e2e", playwright([]), 0)).toMatchObject({ ok: false, reason: "no test ran" });
    expect(readPlaywrightResult("e2e", null, 0).ok).toBe(false);
    expect(readPlaywrightResult("e2e", playwright([{ status: "expected" }, { status: "skipped" }]), 0).ok).toBe(false);
    expect(readPlaywrightResult("e2e", playwright([{ status: "expected" }, { status: "skipped", skipReason: "only on mobile" }]), 0).ok).toBe(true);
  });
});

describe("the summary", () => {
  it("ends with one plain line over all suites; a suite that could not start counts as a failure", () => {
    const { lines, ok } = summaryLines([
      { ...readVitestResult("unit", vitest([{ tests: [["passed", "a"], ["passed", "b"]] }]), 0), seconds: 1 },
      { ...suiteFailedToStart("e2e", "Chromium not found at /usr/bin/chromium"), seconds: 0 },
    ]);
    expect(ok).toBe(false);
    expect(lines.at(-1)).toBe("2 passed, 1 failed");
    expect(lines[1]).toMatch(/^e2e\s+FAILED\s+0 run.*Chromium not found/);
  });

  it("is not ok with no suites at all", () => {
    expect(summaryLines([]).ok).toBe(false);
  });
});
