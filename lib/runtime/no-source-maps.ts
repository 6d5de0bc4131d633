// Imported first by server.ts. tsx turns on Node's source-map support, and then Node reads and keeps the source map
// (mappings and the original sources) of every Next.js chunk the server loads: about 70 MB of each server process's
// heap that `next start` would not hold. Stack traces in the server's log point into the built chunks, as under
// `next start`. docs/operations.md, "Memory".
process.setSourceMapsEnabled(false);
