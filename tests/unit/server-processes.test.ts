import { describe, expect, it } from "vitest";
import { MAX_SERVER_PROCESSES, heapFlags, serverProcesses } from "@/lib/http/cluster";

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

describe("heapFlags (SERVER_MAX_HEAP_MB)", () => {
  it("caps each server process's old space at 256 MB unless told otherwise", () => {
    expect(heapFlags({}, [])).toEqual(["--max-old-space-size=256"]);
    expect(heapFlags({ SERVER_MAX_HEAP_MB: "512" }, [])).toEqual(["--max-old-space-size=512"]);
  });
  it("leaves a limit given on the command line or in NODE_OPTIONS alone", () => {
    expect(heapFlags({ SERVER_MAX_HEAP_MB: "512" }, ["--import", "tsx", "--max-old-space-size=1024"])).toEqual([]);
    expect(heapFlags({ NODE_OPTIONS: "--enable-source-maps --max-old-space-size=2048" }, [])).toEqual([]);
  });
  it("refuses a value it cannot use", () => {
    for (const bad of ["64", "big", "1.5", "100000"]) expect(() => heapFlags({ SERVER_MAX_HEAP_MB: bad }, [])).toThrow(/SERVER_MAX_HEAP_MB must be a whole number of MB from 128 to 65536/);
  });
});
