// Imported first by server.ts, before Next.js wraps the global Date: keeps the engine's own constructor for
// lib/runtime/native-date.ts.
import { NATIVE_DATE_KEY } from "@/lib/runtime/native-date";

const store = globalThis as Record<symbol, unknown>;
store[NATIVE_DATE_KEY] ??= Date;
