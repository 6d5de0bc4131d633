// Entry point that works on a fresh clone: dependencies first, then the TypeScript script.
import { ensureDependencies, runTsx } from "./lib/bootstrap.mjs";

ensureDependencies();
runTsx("scripts/dev.ts", process.argv.slice(2), { serverModules: true });
