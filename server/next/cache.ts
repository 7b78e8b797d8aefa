/**
 * @module next/cache, as route files import it. It talks to the response cache of the app serving
 * the request (server/cache/registry.ts), so it works from any copy of this module:
 *
 *   revalidateTag('posts')                  -> entries tagged 'posts' are gone: the next request regenerates
 *   revalidateTag('posts', 'max')           -> they are stale: the next request gets them once more while
 *                                              one regeneration runs (Next 16's profile argument)
 *   revalidateTag('posts', { expire: 0 })   -> gone at once, like the one-argument form
 *   revalidatePath('/api/posts')            -> that path's cached response is gone
 *   revalidatePath('/api/posts/[id]', 'layout') -> every path of that route file
 *   unstable_cache(fn, ['key'], { revalidate: 60, tags: ['posts'] }) -> fn's result, stored (JSON)
 *   unstable_noStore()                      -> marks the current request dynamic (never cached)
 */
import { createHash } from 'node:crypto';
import { currentRequestStore } from '../context';
import { cacheFor } from '../cache/registry';
import { revalidatePathTags } from '../cache/implicit-tags';
import { ONE_YEAR } from '../cache/cache-control';
import type { TagExpiry } from '../cache/cache-handler';

/** Next 16's second argument: a cacheLife profile name, or `{ expire }` in seconds. */
export type RevalidateProfile = string | { expire?: number };

/** Next's default cacheLife profiles' `expire` (seconds a revalidated entry may still be served stale). */
const PROFILE_EXPIRE: Record<string, number> = {
  default: ONE_YEAR,
  seconds: 60,
  minutes: 3600,
  hours: 86400,
  days: 604800,
  weeks: 2592000,
  max: ONE_YEAR,
};

/** Next's NEXT_CACHE_SOFT_TAG_MAX_LENGTH. */
const MAX_PATH_LENGTH = 1024;
/** A path with a `[param]` segment (Next's isDynamicRoute). */
const DYNAMIC_SEGMENT = /\/[^/]*\[[^/]+\][^/]*(?=\/|$)/;

export function revalidateTag(tag: string, profile?: RevalidateProfile): void {
  revalidate([tag], `revalidateTag ${tag}`, toExpiry(profile));
}

export function revalidatePath(originalPath: string, type?: 'layout' | 'page'): void {
  if (originalPath.length > MAX_PATH_LENGTH) {
    console.warn(
      `Warning: revalidatePath received "${originalPath}" which exceeded max length of ${MAX_PATH_LENGTH}. See more info here https://nextjs.org/docs/app/api-reference/functions/revalidatePath`,
    );
    return;
  }
  if (!type && DYNAMIC_SEGMENT.test(originalPath)) {
    console.warn(
      `Warning: a dynamic page path "${originalPath}" was passed to "revalidatePath", but the "type" parameter is missing. This has no effect by default, see more info here https://nextjs.org/docs/app/api-reference/functions/revalidatePath`,
    );
  }
  revalidate(revalidatePathTags(originalPath, type), `revalidatePath ${originalPath}`, undefined);
}

/** Next 16: Server Actions only; route handlers use revalidateTag. */
export function updateTag(_tag: string): never {
  throw new Error(
    'updateTag can only be called from within a Server Action. To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead. See more info here: https://nextjs.org/docs/app/api-reference/functions/updateTag',
  );
}

/** Next 16: Server Actions only. */
export function refresh(): never {
  throw new Error('refresh can only be called from within a Server Action. See more info here: https://nextjs.org/docs/app/api-reference/functions/refresh');
}

export interface UnstableCacheOptions {
  /** Seconds the value is fresh; false or absent: until revalidateTag/revalidatePath. */
  revalidate?: number | false;
  tags?: string[];
}

/**
 * Memoises `callback` in the response cache, keyed by its source, `keyParts` and the arguments
 * (JSON); concurrent callers share one call, and a stale value is returned while one refresh runs.
 */
export function unstable_cache<Args extends unknown[], Result>(
  callback: (...args: Args) => Result | Promise<Result>,
  keyParts?: string[],
  options: UnstableCacheOptions = {},
): (...args: Args) => Promise<Result> {
  if (options.revalidate === 0) {
    throw new Error(`Invariant revalidate: 0 can not be passed to unstable_cache(), must be "false" or "> 0" ${callback.toString()}`);
  }
  const fixedKey = `${callback.toString()}-${Array.isArray(keyParts) && keyParts.join(',')}`;
  return async (...args: Args) => {
    const runtime = cacheFor(currentRequestStore()?.req);
    if (runtime === undefined) return callback(...args);
    const key = createHash('sha256')
      .update(`${fixedKey}-${JSON.stringify(args)}`)
      .digest('hex');
    return runtime.cachedValue(key, async () => callback(...args), { revalidate: options.revalidate ?? false, tags: options.tags ?? [] });
  };
}

export function unstable_noStore(): void {
  const store = currentRequestStore();
  if (store !== undefined) store.dynamicUsage ??= 'unstable_noStore()';
}

function revalidate(tags: string[], expression: string, expiry: TagExpiry | undefined): void {
  const store = currentRequestStore();
  // Revalidating while a cacheable GET is made: that response depends on the request (as in Next).
  if (store?.staticGeneration) store.dynamicUsage ??= expression;
  const runtime = cacheFor(store?.req);
  if (runtime === undefined) return;
  const work = runtime.revalidateTags(tags, expiry); // it logs its own failures: never rejects
  // The dispatcher sends the response once these settle; outside a request, nothing waits.
  if (store !== undefined) (store.pendingRevalidates ??= []).push(work);
}

function toExpiry(profile: RevalidateProfile | undefined): TagExpiry | undefined {
  if (profile === undefined) return undefined;
  if (typeof profile === 'object') return { expire: profile.expire ?? ONE_YEAR };
  return { expire: PROFILE_EXPIRE[profile] ?? ONE_YEAR };
}
