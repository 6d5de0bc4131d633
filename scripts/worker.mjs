// Entry point that works on a fresh clone: dependencies first, then the TypeScript job runner.
import { ensureDependencies, runTsx } from "./lib/bootstrap.mjs";

ensureDependencies();
runTsx("scripts/worker.ts", process.argv.slice(2), { serverModules: true });
