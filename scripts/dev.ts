// `npm run dev`: the same embedded database as the demo, with hot reload.
export {};
process.argv.splice(2, 0, "--dev");
await import("./demo");
