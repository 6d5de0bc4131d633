import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./database";

/** A local session secret for the demo and dev, made once and kept under .data (never committed). */
export function localSecret(name: string): string {
  const file = path.join(ROOT, ".data", `${name}.secret`);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, value, { mode: 0o600 });
  return value;
}
