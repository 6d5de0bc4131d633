// The engine's own Date constructor, for hot paths that make many dates (the courier ingest parses thousands of
// timestamps a second). Next.js replaces the global Date in its server with a wrapper that reports reads of the
// clock to its prerendering (next/dist/server/node-environment-extensions/date.js); every `new Date(x)` then goes
// through Reflect.construct, which cost the courier path about a tenth of its server CPU. The wrapper changes
// nothing about the dates made (same prototype, same values), so instances from either are interchangeable.
// server.ts keeps the original before Next.js loads (lib/runtime/keep-native-date.ts); anywhere else this is the
// global Date, wrapped or not. Never use it to read the clock (`new NativeDate()` with no argument): that is what
// the wrapper exists to see.
export const NATIVE_DATE_KEY = Symbol.for("records-movement-portal.native-date");

export const NativeDate: DateConstructor = ((globalThis as Record<symbol, unknown>)[NATIVE_DATE_KEY] as DateConstructor | undefined) ?? Date;
