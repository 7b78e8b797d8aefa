/**
 * @module The default cache handler: in this process's memory, bounded by entry count and bytes,
 * least recently used evicted first. Tags are an index (tag -> keys), so `get` is one map lookup
 * and revalidateTag touches only the tagged entries.
 *
 *   createMemoryCache({ maxEntries: 1000, maxBytes: 50 * 1024 * 1024 })
 */
import { LRUCache } from 'lru-cache';
import { entrySize, markStale, type CacheEntry, type CacheHandler, type TagExpiry } from './cache-handler';

export interface MemoryCacheOptions {
  /** Most entries kept (CACHE_MAX_ENTRIES, default 1000). */
  maxEntries?: number;
  /** Most bytes kept, bodies and headers (CACHE_MAX_BYTES, default 50 MB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_ENTRIES = 1000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export function createMemoryCache(options: MemoryCacheOptions = {}): CacheHandler {
  const byTag = new Map<string, Set<string>>();
  const entries = new LRUCache<string, CacheEntry>({
    max: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    maxSize: options.maxBytes ?? DEFAULT_MAX_BYTES,
    sizeCalculation: (entry, key) => entrySize(key, entry),
    // Evicted, deleted or replaced: the key leaves its tags' sets (a replacement files itself again).
    dispose: (entry, key) => {
      for (const tag of entry.tags) {
        const keys = byTag.get(tag);
        if (keys === undefined) continue;
        keys.delete(key);
        if (keys.size === 0) byTag.delete(tag);
      }
    },
  });

  return {
    get: (key) => entries.get(key),
    set(key, entry) {
      entries.set(key, entry);
      if (!entries.has(key)) return; // larger than the whole cache: not kept
      for (const tag of entry.tags) {
        let keys = byTag.get(tag);
        if (keys === undefined) byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
    },
    revalidateTag(tags: string[], expiry?: TagExpiry) {
      const now = Date.now();
      const expire = expiry?.expire ?? 0;
      for (const tag of tags) {
        const keys = byTag.get(tag);
        if (keys === undefined) continue;
        for (const key of [...keys]) {
          if (expire <= 0) {
            entries.delete(key);
            continue;
          }
          const entry = entries.peek(key);
          if (entry !== undefined) markStale(entry, now, expire);
        }
      }
    },
  };
}
