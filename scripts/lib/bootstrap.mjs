// Runs with plain Node before dependencies exist: installs them if missing and generates the Prisma
// client if the schema is newer than it. Used by `npm run demo`, `npm test` and `npm run dev`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" } });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

function mtime(file) {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
}

export function ensureDependencies() {
  const lock = mtime("package-lock.json");
  const installed = mtime("node_modules/.package-lock.json");
  if (!installed || installed < lock) {
    // `npm install` with the committed lock (see .ci/run for why not `npm ci`).
    console.log("Installing dependencies (npm install)...");
    run("npm", ["install", "--no-audit", "--no-fund"]);
  }
  if (mtime("lib/db/generated/client.ts") < mtime("prisma/schema.prisma")) {
    console.log("Generating the Prisma client...");
    run(process.execPath, ["scripts/generate.mjs"]);
  }
}

/** `serverModules`: run under the react-server condition, so modules marked `server-only` can be imported. */
export function runTsx(script, args = [], { serverModules = false, nodeFlags = [] } = {}) {
  const flags = [...(serverModules ? ["--conditions=react-server"] : []), ...nodeFlags];
  const result = spawnSync(process.execPath, [...flags, "--import", "tsx", path.join(root, script), ...args], { cwd: root, stdio: "inherit", env: process.env });
  process.exit(result.status ?? (result.signal ? 1 : 0));
}
