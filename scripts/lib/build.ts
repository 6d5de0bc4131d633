// Builds the production bundle only when the sources changed since the last build, so a second
// `npm run demo` starts in seconds.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./database";

const SOURCES = ["app", "components", "lib", "public", "types", "proxy.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];

function walk(target: string, hash: ReturnType<typeof createHash>) {
  if (!fs.existsSync(target)) return;
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    if (target.endsWith(path.join("lib", "db", "generated"))) return;
    for (const entry of fs.readdirSync(target).sort()) walk(path.join(target, entry), hash);
  } else {
    hash.update(path.relative(ROOT, target));
    hash.update(fs.readFileSync(target));
  }
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const s of SOURCES) walk(path.join(ROOT, s), hash);
  return hash.digest("hex");
}

export function buildIfNeeded(log: (line: string) => void, distDir = ".next"): void {
  const marker = path.join(ROOT, distDir, "portal-source-hash");
  const current = sourceHash();
  if (fs.existsSync(path.join(ROOT, distDir, "BUILD_ID")) && fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === current) {
    log("Production build is up to date.");
    return;
  }
  log("Building the production bundle (next build)...");
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir },
  });
  if (result.status !== 0) throw new Error("next build failed");
  fs.writeFileSync(marker, current);
}
