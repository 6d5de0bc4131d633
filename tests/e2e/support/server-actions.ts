// The server actions of the build under test, from Next's own manifest (id, exported name, a page that uses
// it), and the exports of every lib/**/actions.ts file, so a test can prove it reached every one of them.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type ServerAction = { id: string; name: string; filename: string; path: string };

const ROOT = process.cwd();

/** A page path that serves the action: route groups dropped, dynamic segments given a made-up value. */
function pagePath(worker: string): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? "RM-2222-2222" : segment))
    .join("/");
  return route || "/";
}

export function allServerActions(): ServerAction[] {
  const file = path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next-test", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, name: entry.exportedName, filename: entry.filename, path: pagePath(Object.keys(entry.workers)[0]) }));
}

export function serverAction(name: string): ServerAction {
  const found = allServerActions().find((a) => a.name === name);
  if (!found) throw new Error(`No server action ${name} in the build`);
  return found;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated") walk(full, out);
    } else out.push(full);
  }
  return out;
}

/** Every value exported by a lib/**\/actions.ts file (each is a server action: a public endpoint). */
export function expectedActionNames(): string[] {
  const names: string[] = [];
  for (const file of walk(path.join(ROOT, "lib")).filter((f) => f.endsWith(`${path.sep}actions.ts`))) {
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/^export (?:const|async function|function) (\w+)/gm)) names.push(m[1]);
  }
  return names.sort();
}

export function multipart(fields: Record<string, string>): { type: string; data: Buffer } {
  const boundary = `----fuzz${Math.random().toString(36).slice(2)}`;
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, "_")}"\r\n\r\n${value}\r\n`);
  return { type: `multipart/form-data; boundary=${boundary}`, data: Buffer.from(`${parts.join("")}--${boundary}--\r\n`) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
