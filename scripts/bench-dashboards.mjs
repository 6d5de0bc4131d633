// Entry point that works on a fresh clone: dependencies first, then the TypeScript benchmark.
import { ensureDependencies, runTsx } from "./lib/bootstrap.mjs";

ensureDependencies();
// --expose-gc: the bench collects the generated year's garbage before it times anything (bench/dashboards.ts).
runTsx("bench/dashboards.ts", process.argv.slice(2), { serverModules: true, nodeFlags: ["--expose-gc"] });
