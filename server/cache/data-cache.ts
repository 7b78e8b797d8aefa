/**
 * @module createDataCache: `unstable_cache` (next/cache) on the same store as responses, under
 * `data:<key>` entries holding `{"value": ...}`. Stale values are served while one refresh runs;
 * concurrent callers of a key share one computation. Called while a cacheable response is made,
 * its tags and a shorter revalidate carry over to that response (collect, which fetch-cache.ts
 * uses too), as in Next.
 *
 *   cachedValue('k', f, { revalidate: 60, tags: ['posts'] }) -> f() once, then the stored value for 60 s
 */
import type { RequestStore } from '../context';
import { currentRequestStore } from '../context';
import type { EngineLogger } from '../logging/engine-logger';
import { isThenable } from '../shared/is-thenable';
import type { CacheEntry, CacheHandler } from './cache-handler';
import { ONE_YEAR } from './cache-control';
import { IMPLICIT_TAG_PREFIX, pageTags, toPage } from './implicit-tags';
import { pathOf } from './route-plan';
import { CACHE_COLLECTED } from '../shared/shared-state';

/** What unstable_cache leaves on the request store while a cacheable response is made. */
export interface Collected {
  revalidate: number | false;
  tags: Set<string>;
}

/** Shared with every copy of next/cache (Symbol.for): unstable_cache's revalidate and tags. */
export const kCollected = CACHE_COLLECTED;

export interface CachedValueOptions {
  revalidate: number | false;
  tags: string[];
}

export interface DataCacheOptions {
  handler: CacheHandler;
  logger: EngineLogger;
  /** Keeps background work visible to `settled()`. */
  track(work: Promise<unknown>): void;
}

export function createDataCache({ handler, logger, track }: DataCacheOptions) {
  const computing = new Map<string, Promise<unknown>>();

  async function cachedValue<T>(key: string, compute: () => Promise<T>, options: CachedValueOptions): Promise<T> {
    const store = currentRequestStore();
    const tags = [...options.tags];
    if (store !== undefined) {
      const path = pathOf(store.req as { baseUrl?: string; url?: string });
      for (const tag of [...pageTags(toPage(store.routeFile)), `${IMPLICIT_TAG_PREFIX}${path}`]) if (!tags.includes(tag)) tags.push(tag);
      if (store.staticGeneration) collect(store, options);
    }
    const dataKey = `data:${key}`;
    let stored: CacheEntry | undefined;
    try {
      stored = await handler.get(dataKey);
    } catch {
      stored = undefined;
    }
    const now = Date.now();
    if (stored !== undefined && (stored.expireAt === null || now < stored.expireAt)) {
      const value = parseValue<T>(stored.body);
      if (value.ok) {
        if (stored.staleAt !== null && now >= stored.staleAt && !computing.has(dataKey)) {
          track(
            storeValue(dataKey, compute, options.revalidate, tags).catch((error: Error) =>
              logger.warn({ err: error }, `unstable_cache: refreshing a stale value failed: ${error.message}`),
            ),
          );
        }
        return value.value;
      }
    }
    return storeValue(dataKey, compute, options.revalidate, tags);
  }

  /** Computes once per key at a time (concurrent callers share it) and stores the JSON. */
  function storeValue<T>(dataKey: string, compute: () => Promise<T>, revalidate: number | false, tags: string[]): Promise<T> {
    const running = computing.get(dataKey) as Promise<T> | undefined;
    if (running !== undefined) return running;
    const work = (async () => {
      const value = await compute();
      const body = Buffer.from(JSON.stringify({ value }) ?? '{}');
      const createdAt = Date.now();
      const saved = handler.set(dataKey, {
        status: 200,
        headers: ['content-type', 'application/json'],
        body,
        tags,
        createdAt,
        staleAt: revalidate === false ? null : createdAt + revalidate * 1000,
        expireAt: revalidate === false ? null : createdAt + ONE_YEAR * 1000,
      });
      if (isThenable(saved))
        await Promise.resolve(saved).catch((error: Error) => logger.warn({ err: error }, `unstable_cache: storing a value failed: ${error.message}`));
      return value;
    })();
    computing.set(dataKey, work);
    work.then(
      () => computing.delete(dataKey),
      () => computing.delete(dataKey),
    );
    return work;
  }

  return { cachedValue };
}

/** What unstable_cache collected on this store, if anything. */
export function collectedOf(store: RequestStore): Collected | undefined {
  return store.slots.get(kCollected) as Collected | undefined;
}

/** unstable_cache or fetch inside a cacheable response: its tags and a shorter revalidate carry over to the route. */
export function collect(store: RequestStore, options: CachedValueOptions): void {
  let collected = collectedOf(store);
  if (collected === undefined) store.slots.set(kCollected, (collected = { revalidate: false, tags: new Set() }));
  for (const tag of options.tags) collected.tags.add(tag);
  if (options.revalidate !== false && (collected.revalidate === false || options.revalidate < collected.revalidate)) collected.revalidate = options.revalidate;
}

function parseValue<T>(body: Buffer): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: (JSON.parse(body.toString('utf8')) as { value: T }).value };
  } catch {
    return { ok: false };
  }
}
