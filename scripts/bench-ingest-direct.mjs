// Entry point that works on a fresh clone: dependencies first, then the benchmark.
import { ensureDependencies, runTsx } from "./lib/bootstrap.mjs";

ensureDependencies();
runTsx("bench/ingest-direct.ts", process.argv.slice(2), { serverModules: true });
