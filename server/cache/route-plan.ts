/**
 * @module RoutePlan: what the cache knows of one route file, built on its first request: its
 * segment-config policy (segment-config.ts), its implicit tags, its static-params listing and the
 * force-static wrappers of its handlers.
 *
 *   api/posts/route.ts, revalidate = 60 -> { mode: 'cache', revalidate: 60, tags: ['_N_T_/layout', ...] }
 */
import type { Route } from '../loading/route';
import type { MethodEntry } from '../loading/method-table';
import type { CachePolicy } from './segment-config';

export interface RoutePlan extends CachePolicy {
  route: Route;
  /** Implicit tags of the route file (the URL path's tag is added per entry). */
  tags: string[];
  listed: Set<string> | undefined;
  listing: Promise<Set<string>> | undefined;
  stripped: WeakMap<MethodEntry, MethodEntry>;
}

export type CacheState = 'HIT' | 'STALE' | 'MISS';

/** The URL path without the query: the cache key, as in Next. `/a?b=1` -> `/a`. */
export function pathOf(req: { originalUrl?: string; url?: string }): string {
  const url = req.originalUrl ?? req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
