// `npm run worker`: the job runner on its own, for production (the portal's web servers do not run jobs).
// `npm run demo` and `npm run dev` start one beside the portal. Uses DATABASE_URL, or the embedded database.
import { openDatabase } from "./lib/database";
import { startWorker } from "@/lib/jobs/worker";

async function main() {
  const database = await openDatabase((line) => console.log(`[worker] ${line}`));
  const worker = await startWorker(database.url);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
