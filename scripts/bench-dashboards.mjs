// Entry point that works on a fresh clone: dependencies first, then the TypeScript benchmark.
import { ensureDependencies, runTsx } from "./lib/bootstrap.mjs";

ensureDependencies();
runTsx("bench/dashboards.ts", process.argv.slice(2), { serverModules: true });
