/**
 * @module Which response cache next/cache (and the patched fetch) talks to. Route files may load their own copy of
 * next/cache (jiti, jest), so the registry lives on `globalThis` under a registered symbol, like the
 * request context. Inside a request it is the cache of the app serving it (`req.app`); outside one,
 * the cache of the app created last.
 */
import type { IncomingMessage } from 'node:http';
import type { TagExpiry } from './cache-handler';
import type { CachedFetch } from './fetch-cache';
import { RESPONSE_CACHE } from '../shared/shared-state';

/** What next/cache needs from a response cache. */
export interface CacheRuntime {
  /** Expires (or, with expiry.expire > 0, marks stale) every entry filed under the tags. */
  revalidateTags(tags: string[], expiry?: TagExpiry): Promise<void>;
  /** unstable_cache: the stored value for `key`, or `compute()`'s (stored), with stale-while-revalidate. */
  cachedValue<T>(key: string, compute: () => Promise<T>, options: { revalidate: number | false; tags: string[] }): Promise<T>;
  /** A `fetch` made inside a request (patch-fetch.ts): Next's data cache. */
  fetch: CachedFetch;
}

interface Registry {
  byApp: WeakMap<object, CacheRuntime>;
  last: CacheRuntime | undefined;
}

const kRegistry = RESPONSE_CACHE;
type GlobalWithRegistry = typeof globalThis & { [kRegistry]?: Registry };
const registry: Registry = ((globalThis as GlobalWithRegistry)[kRegistry] ??= { byApp: new WeakMap(), last: undefined });

export function registerCache(app: object, cache: CacheRuntime): void {
  registry.byApp.set(app, cache);
  registry.last = cache;
}

/** The cache serving `req` (Express sets `req.app`), else the one registered last. */
export function cacheFor(req: IncomingMessage | undefined): CacheRuntime | undefined {
  const app = (req as { app?: object } | undefined)?.app;
  return (app !== undefined ? registry.byApp.get(app) : undefined) ?? registry.last;
}
