import "server-only";
// Searches kept on the server so that what was searched for (often an NHS number) never travels in a URL, where
// it would reach browser history, proxy and access logs and Referer headers (issue 7). The search form posts;
// the search is saved for its owner; the URL carries only the saved search's random id, and paging and filters
// keep it. A saved search is its owner's alone, for the list it was made on, for SAVED_SEARCH_MINUTES.
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { hasControlCharacters } from "@/lib/http/input";
import { ValidationError } from "@/lib/errors";

export const SAVED_SEARCH_MINUTES = 60;
export const SEARCH_KINDS = ["pcse", "outgoing", "incoming", "audit"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

const PERMISSION = { pcse: "movement:read:any", outgoing: "movement:read:own", incoming: "movement:read:own", audit: "audit:read" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Saves a search term for the actor and returns its id, or null for an empty search (nothing to keep). */
export async function saveSearch(db: Db, actor: Actor | null, kind: SearchKind, rawQuery: unknown, now = new Date()): Promise<string | null> {
  requirePermission(actor, PERMISSION[kind]);
  const query = typeof rawQuery === "string" ? rawQuery.trim() : "";
  if (!query) return null;
  if (query.length > 100 || hasControlCharacters(query)) throw new ValidationError({ q: ["Enter 100 characters or fewer, without unusual characters"] });
  // The owner's expired searches go as a new one comes: nothing is kept longer than it is useful.
  await db.savedSearch.deleteMany({ where: { userId: actor.id, expiresAt: { lte: now } } });
  const saved = await db.savedSearch.create({
    data: { userId: actor.id, kind, query, createdAt: now, expiresAt: new Date(now.getTime() + SAVED_SEARCH_MINUTES * 60_000) },
    select: { id: true },
  });
  return saved.id;
}

export type LoadedSearch = { query: string } | { query: ""; expired: boolean };

/**
 * The search term behind an id from a URL: only the actor's own, for this list, not expired. Anything else
 * (someone else's id, a made-up one, an old one) is no search, and says whether it had expired.
 */
export async function loadSavedSearch(db: Db, actor: Actor | null, kind: SearchKind, rawId: unknown, now = new Date()): Promise<LoadedSearch> {
  requirePermission(actor, PERMISSION[kind]);
  const id = typeof rawId === "string" ? rawId : "";
  if (!UUID.test(id)) return { query: "", expired: false };
  const saved = await db.savedSearch.findFirst({ where: { id, userId: actor.id, kind }, select: { query: true, expiresAt: true } });
  if (!saved) return { query: "", expired: false };
  if (saved.expiresAt.getTime() <= now.getTime()) return { query: "", expired: true };
  return { query: saved.query };
}
