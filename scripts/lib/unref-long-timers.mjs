// Preloaded (`node --import`) into Prisma CLI processes only. The WebAssembly schema engine of Prisma 6.19
// starts a 10 s guard timer that it never clears, so every CLI command waits 10 s after finishing before it
// exits. Unref'ing long timers lets the process exit when its real work is done; a guard still fires if the
// process is otherwise alive.
const original = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = original(callback, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && typeof timer?.unref === "function") timer.unref();
  return timer;
};
