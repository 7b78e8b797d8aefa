/**
 * @module The cache-handler seam: where cached responses and `unstable_cache` data live. One
 * interface, two implementations (memory-cache.ts, one process; redis-cache.ts, shared by every
 * instance), so several instances can share one cache. Times are milliseconds since the epoch.
 *
 *   set('route:/blog', entry)               -> stored, and filed under each of entry.tags
 *   get('route:/blog')                      -> the entry (maybe stale or expired: the caller decides)
 *   revalidateTag(['posts'])                -> entries tagged 'posts' are gone (the next request regenerates)
 *   revalidateTag(['posts'], { expire: 60 }) -> they are stale now (served while one request
 *                                              regenerates) and gone 60 s from now
 */

/** What is stored: a whole response (a route's, or a `fetch`'s), or, for `unstable_cache`, a JSON value as the body. */
export interface CacheEntry {
  status: number;
  /**
   * Outgoing headers as `writeHead` takes them, flat: [name, value, name, value, ...], names in
   * lower case; `set-cookie` appears once, with every cookie in an array.
   */
  headers: Array<string | string[]>;
  body: Buffer;
  /** For a `fetch` entry: the URL it was fetched from (after redirects), as `response.url` gives it. */
  url?: string;
  /** Tags it is filed under (its own, then Next's implicit `_N_T_` path tags). */
  tags: string[];
  /** When it was stored. */
  createdAt: number;
  /** From then on it is stale: served once more while it is regenerated. `null`: never by time. */
  staleAt: number | null;
  /** From then on it is gone. `null`: never by time. */
  expireAt: number | null;
}

/** How revalidateTag expires what it finds (Next 16's second argument, reduced to seconds). */
export interface TagExpiry {
  /** Seconds the tagged entries may still be served stale (0 or absent: gone at once). */
  expire?: number;
}

export interface CacheHandler {
  /** May answer synchronously (memory): a hit then costs no promise. */
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): void | Promise<void>;
  /** Visible to every user of the same store once it resolves. */
  revalidateTag(tags: string[], expiry?: TagExpiry): void | Promise<void>;
  /**
   * A store shared by several instances (Redis): claims the regeneration of `key` for this
   * instance, for at most `ttlMs`. Resolves to a release function, or to undefined when another
   * instance holds the claim (it regenerates; this one keeps serving the stale entry). Without it,
   * each instance regenerates on its own (memory: one instance, so one regeneration).
   */
  claimRegeneration?(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
  /** Resolves once the store can be used (a connection is up); memory is always ready. */
  ready?(): Promise<void>;
  close?(): Promise<void>;
}

/** An entry's approximate size in bytes (key, body, headers, tags), for the memory bound. */
export function entrySize(key: string, entry: CacheEntry): number {
  let size = key.length + entry.body.byteLength + 64;
  for (const part of entry.headers) size += Array.isArray(part) ? part.reduce((sum, value) => sum + value.length, 0) : part.length;
  for (const tag of entry.tags) size += tag.length;
  return size;
}

/** The entry as revalidateTag leaves it: stale now, gone at `expireAt` (the earlier of its own and the tag's). */
export function markStale(entry: CacheEntry, now: number, expireSeconds: number): void {
  entry.staleAt = 0;
  const until = now + expireSeconds * 1000;
  entry.expireAt = entry.expireAt === null ? until : Math.min(entry.expireAt, until);
}
