// A process and every process below it (Linux /proc), for the benchmarks and the cluster test: the portal's server is one
// primary and its server processes (lib/http/cluster.ts), each with tsx's esbuild service beside it, so its CPU time
// and memory are summed over the tree.
import fs from "node:fs";

type Proc = { pid: number; ppid: number; name: string };

function processTable(): Proc[] {
  const out: Proc[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      out.push({ pid: Number(entry), ppid, name });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** `pid` and its live descendants; [pid] where /proc cannot be read. */
export function processTree(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  let table: Proc[];
  try {
    table = processTable();
  } catch {
    return [pid];
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of table) if (c.ppid === p) walk(c.pid);
  };
  walk(pid);
  return out;
}

/** The live child processes of `pid` running Node.js (not tsx's esbuild service). */
export function nodeChildren(pid: number | undefined): number[] {
  return processTable()
    .filter((p) => p.ppid === pid && p.name === "node")
    .map((p) => p.pid);
}
