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

/**
 * The cache key's path: the path the route file serves the request at (after next.config and
 * proxy.ts rewrites, with the mount's base), without the query, and with its percent-encoding made
 * canonical, so one URL spelt two ways is one entry, and a rewrite chosen by a cookie or header
 * files its answer under its own destination, never under the URL other clients ask for:
 *
 *   '/a?b=1'                             -> '/a'
 *   '/api/%63ached', '/api/cached'       -> '/api/cached'
 *   '/caf%c3%a9'                         -> '/caf%C3%A9'
 *   '/a%2Fb', '/a%40b', '/%ZZ'           -> '/a%2Fb', '/a@b', '/%ZZ' (a slash stays encoded; bad encoding as sent)
 *   '/page' rewritten to '/api/variant-b' -> '/api/variant-b'
 */
export function pathOf(req: { baseUrl?: string; url?: string }): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = (req.baseUrl ?? '') + (query === -1 ? url : url.slice(0, query));
  return path.includes('%') ? path.split('/').map(canonicalSegment).join('/') : path;
}

/** A segment decoded, then encoded as encodeURIComponent does, but for the characters a path may hold as they are. */
function canonicalSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return segment;
  }
  return encodeURIComponent(decoded).replace(/%(?:24|26|2B|2C|3A|3B|3D|40)/g, (encoded) => String.fromCharCode(Number.parseInt(encoded.slice(1), 16)));
}
