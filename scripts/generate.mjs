// `prisma generate` that never downloads: Prisma 6.19 validates the schema's datasource url even though the
// driver adapter is what connects, and without one set it goes looking for a native engine to download.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.DATABASE_URL ??= "postgresql://generate-only@localhost/none";
const result = spawnSync(process.execPath, ["--import", new URL("./lib/unref-long-timers.mjs", import.meta.url).href, "node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
