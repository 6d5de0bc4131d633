// Reading the test runners' machine-readable results (Vitest's and Playwright's JSON reporters), so `npm test`
// never trusts an exit code alone. A suite has passed only when at least one test ran, none failed, and every
// skipped test says why in its title ("... [skipped: reason]") or, in Playwright, in its skip annotation.
// Pure: unit-tested in tests/unit/test-results.test.ts.

export type SuiteOutcome = {
  suite: string;
  ok: boolean;
  /** Tests that ran (passed + failed); skipped tests did not run. */
  run: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Why the suite failed, in words; null when it passed. */
  reason: string | null;
};

export const SKIP_REASON = /\[skipped: [^\]]+\]/;

type VitestAssertion = { status: string; title: string; fullName?: string; failureMessages?: string[] };
type VitestFile = { name: string; status: string; message?: string; assertionResults: VitestAssertion[] };
type VitestJson = { numTotalTests?: number; numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number; success?: boolean; testResults?: VitestFile[] };

function outcome(suite: string, counts: { passed: number; failed: number; skipped: number }, problems: string[]): SuiteOutcome {
  const run = counts.passed + counts.failed;
  const reasons = [...problems];
  if (run === 0 && reasons.length === 0) reasons.push("no test ran");
  return { suite, ok: reasons.length === 0, run, passed: counts.passed, failed: counts.failed, skipped: counts.skipped, reason: reasons.length ? reasons.join("; ") : null };
}

/** `json` is the text Vitest's JSON reporter wrote (null when it wrote nothing); `exitCode` is the runner's. */
export function readVitestResult(suite: string, json: string | null, exitCode: number | null, crashHint?: string | null): SuiteOutcome {
  if (json === null) {
    return outcome(suite, { passed: 0, failed: 0, skipped: 0 }, [`Vitest wrote no result (it stopped before reporting${crashHint ? `: ${crashHint}` : ""})`]);
  }
  let data: VitestJson;
  try {
    data = JSON.parse(json) as VitestJson;
  } catch {
    return outcome(suite, { passed: 0, failed: 0, skipped: 0 }, ["Vitest's result file is not valid JSON"]);
  }
  const problems: string[] = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const unexplained: string[] = [];
  for (const file of data.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === "passed") passed++;
      else if (t.status === "failed") failed++;
      else {
        skipped++;
        if (!SKIP_REASON.test(t.title)) unexplained.push(t.fullName ?? t.title);
      }
    }
    // A file that failed to load (an import error, a crash in a hook) fails with no failed test in it.
    if (file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed")) {
      problems.push(`${file.name.split("/").slice(-2).join("/")} failed to run${file.message ? `: ${file.message.split("\n")[0]}` : ""}`);
    }
  }
  if (failed > 0) problems.push(`${failed} test${failed === 1 ? "" : "s"} failed`);
  if (unexplained.length > 0) problems.push(`${unexplained.length} skipped without a reason in the test (${unexplained.slice(0, 3).join(", ")})`);
  if (exitCode !== 0 && problems.length === 0) problems.push(`Vitest exited with code ${exitCode}${crashHint ? `: ${crashHint}` : ""}`);
  if (passed + failed === 0 && crashHint && problems.length === 0) problems.push(crashHint);
  return outcome(suite, { passed, failed, skipped }, problems);
}

type PlaywrightTest = { status?: string; annotations?: { type: string; description?: string }[]; results?: { status?: string }[] };
type PlaywrightSpec = { title: string; tests: PlaywrightTest[] };
type PlaywrightSuite = { title: string; specs?: PlaywrightSpec[]; suites?: PlaywrightSuite[] };
type PlaywrightJson = { suites?: PlaywrightSuite[]; errors?: { message?: string }[]; stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } };

/** `json` is what Playwright's JSON reporter wrote (null when it wrote nothing). */
export function readPlaywrightResult(suite: string, json: string | null, exitCode: number | null): SuiteOutcome {
  if (json === null) return outcome(suite, { passed: 0, failed: 0, skipped: 0 }, ["Playwright wrote no result (it stopped before reporting)"]);
  let data: PlaywrightJson;
  try {
    data = JSON.parse(json) as PlaywrightJson;
  } catch {
    return outcome(suite, { passed: 0, failed: 0, skipped: 0 }, ["Playwright's result file is not valid JSON"]);
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const unexplained: string[] = [];
  const walk = (s: PlaywrightSuite, trail: string[]) => {
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests) {
        // "expected" passed (or was expected to fail and did); "flaky" passed on retry; "unexpected" failed.
        if (t.status === "expected" || t.status === "flaky") passed++;
        else if (t.status === "skipped") {
          skipped++;
          const reason = t.annotations?.find((a) => a.type === "skip" || a.type === "fixme")?.description;
          if (!reason && !SKIP_REASON.test(spec.title)) unexplained.push([...trail, spec.title].join(" › "));
        } else failed++;
      }
    }
    for (const child of s.suites ?? []) walk(child, [...trail, child.title]);
  };
  for (const s of data.suites ?? []) walk(s, [s.title]);
  const problems: string[] = [];
  for (const e of data.errors ?? []) problems.push(`Playwright error: ${(e.message ?? "unknown").split("\n")[0].slice(0, 300)}`);
  if (failed > 0) problems.push(`${failed} test${failed === 1 ? "" : "s"} failed`);
  if (unexplained.length > 0) problems.push(`${unexplained.length} skipped without a reason (${unexplained.slice(0, 3).join(", ")})`);
  if (exitCode !== 0 && problems.length === 0) problems.push(`Playwright exited with code ${exitCode}`);
  return outcome(suite, { passed, failed, skipped }, problems);
}

/** A suite that could not start (no browser, a build failure, no database): failed, with the reason. */
export function suiteFailedToStart(suite: string, reason: string): SuiteOutcome {
  return outcome(suite, { passed: 0, failed: 0, skipped: 0 }, [reason]);
}

/** The summary lines; the last is always `N passed, N failed` over all suites (a suite that failed with no failing
 * test, e.g. one that could not start, counts as one failure so the line can never read "0 failed" then). */
export function summaryLines(results: readonly (SuiteOutcome & { seconds: number })[]): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    passed += r.passed;
    failed += r.failed > 0 ? r.failed : r.ok ? 0 : 1;
    const counts = `${String(r.run).padStart(4)} run, ${String(r.passed).padStart(4)} passed, ${String(r.failed).padStart(3)} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`;
    lines.push(`${r.suite.padEnd(12)} ${r.ok ? "passed" : "FAILED"}  ${counts}  in ${r.seconds.toFixed(1)} s${r.reason ? `  (${r.reason})` : ""}`);
  }
  const ok = results.length > 0 && results.every((r) => r.ok);
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, ok };
}
