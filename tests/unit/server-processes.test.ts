import { describe, expect, it } from "vitest";
import { MAX_SERVER_PROCESSES, serverProcesses } from "@/lib/http/cluster";

describe("serverProcesses (WEB_CONCURRENCY)", () => {
  it("defaults to the machine's cores, at least 1 and at most MAX_SERVER_PROCESSES", () => {
    expect(serverProcesses(undefined, 2)).toBe(2);
    expect(serverProcesses("", 1)).toBe(1);
    expect(serverProcesses("  ", 16)).toBe(MAX_SERVER_PROCESSES);
    expect(serverProcesses(undefined, 0)).toBe(1);
  });
  it("takes a whole number from 1 to 32 whatever the cores", () => {
    expect(serverProcesses("1", 8)).toBe(1);
    expect(serverProcesses(" 3 ", 2)).toBe(3);
    expect(serverProcesses("32", 2)).toBe(32);
  });
  it("refuses anything else with a message naming the variable", () => {
    for (const bad of ["0", "-1", "1.5", "two", "33", "2x"]) expect(() => serverProcesses(bad, 2)).toThrow(/WEB_CONCURRENCY must be a whole number from 1 to 32/);
  });
});
