/**
 * @module fetchPolicy: whether one `fetch` inside a route handler is cached, and for how long, by
 * Next 15/16's rules (patch-fetch.ts in Next: the fetch's `cache` and `next.revalidate`, the
 * segment's `fetchCache`, `dynamic` and `revalidate`). Seconds; 0 is "not cached", INFINITE_CACHE
 * "until revalidated". `routeRevalidate` is set only while a cacheable response is made.
 *
 *   {}                                          -> 0         'auto no cache' (Next 15's default)
 *   { cache: 'force-cache' }                    -> INFINITE  'cache: force-cache'
 *   { revalidate: 60 }                          -> 60
 *   { cache: 'no-store' } | { revalidate: 0 }   -> 0
 *   { cache: 'force-cache', revalidate: 0 }     -> 0         (conflict: both dropped, with Next's warning)
 *   fetchCache 'default-cache', {}              -> INFINITE
 *   fetchCache 'force-no-store', { revalidate: 60 } -> 0
 *   fetchCache 'force-cache', { cache: 'no-store' } -> INFINITE
 *   fetchCache 'only-no-store', { revalidate: 60 }  -> throws Next's error
 *   fetchCache 'auto', {}, routeRevalidate 30   -> 30        ('auto cache': the segment's revalidate)
 *   dynamic 'force-dynamic', {}                 -> 0
 *   routeRevalidate 60, { revalidate: 10 }      -> 10, lowersRouteTo 10
 *   routeRevalidate 60, { cache: 'no-store' }   -> 0, dynamic 'no-store fetch <url> <route>'
 */
import type { FetchCacheOption } from './segment-config';

/** Next's INFINITE_CACHE (survives JSON, unlike Infinity). */
export const INFINITE_CACHE = 0xfffffffe;
/** Next's NEXT_CACHE_TAG_MAX_ITEMS and NEXT_CACHE_TAG_MAX_LENGTH. */
const MAX_TAGS = 128;
const MAX_TAG_LENGTH = 256;

export interface FetchPolicyInput {
  url: string;
  /** The route pattern, for messages. */
  route: string;
  /** The fetch's `cache` (from init, else from a Request input). */
  cache: string | undefined;
  /** The fetch's `next.revalidate`, unchecked. */
  revalidate: unknown;
  method: string;
  /** An `authorization` or `cookie` header is sent. */
  credentialed: boolean;
  fetchCache: FetchCacheOption | undefined;
  forceDynamic: boolean;
  forceStatic: boolean;
  /** unstable_noStore() was called in this request. */
  noStore: boolean;
  /** While a cacheable response is made: the route's revalidate so far (INFINITE_CACHE: never). */
  routeRevalidate: number | undefined;
}

export interface FetchDecision {
  /** Seconds the response is fresh: 0 not cached, INFINITE_CACHE until revalidated. */
  revalidate: number;
  reason: string;
  /** Next's warning for a `cache` and `revalidate` that contradict each other. */
  warning: string | undefined;
  /** This fetch makes the response being made dynamic (not cached); Next's expression for it. */
  dynamic: string | undefined;
  /** The response being made gets this (smaller) revalidate. */
  lowersRouteTo: number | undefined;
}

export function fetchPolicy(input: FetchPolicyInput): FetchDecision {
  const page = input.fetchCache;
  const original = input.revalidate;
  let cache = input.cache;
  let revalidate = original;
  let warning: string | undefined;
  if (typeof cache === 'string' && revalidate !== undefined) {
    const conflicting =
      (cache === 'force-cache' && revalidate === 0) || (cache === 'no-store' && ((typeof revalidate === 'number' && revalidate > 0) || revalidate === false));
    if (conflicting) {
      warning = `Specified "cache: ${cache}" and "revalidate: ${String(revalidate)}", only one should be specified.`;
      cache = undefined;
      revalidate = undefined;
    }
  }
  const optOut = cache === 'no-cache' || cache === 'no-store' || page === 'force-no-store' || page === 'only-no-store';
  const forceDynamicDefault = page === undefined && !cache && !revalidate && input.forceDynamic;
  if (cache === 'force-cache' && revalidate === undefined) revalidate = false;
  else if (optOut || forceDynamicDefault) revalidate = 0;
  let reason = cache === 'no-cache' || cache === 'no-store' ? `cache: ${cache}` : '';
  let final = validRevalidate(revalidate, input.route);

  const noExplicitConfig = page === undefined && (cache === undefined || cache === 'default') && revalidate === undefined;
  const unsafe = input.credentialed || !['GET', 'HEAD'].includes(input.method.toUpperCase());
  // Next caches a fetch with no config only while `next build` prerenders: never here.
  const autoNoCache = (unsafe && input.routeRevalidate === 0) || noExplicitConfig;

  switch (page) {
    case 'force-no-store':
      reason = 'fetchCache = force-no-store';
      break;
    case 'only-no-store':
      if (cache === 'force-cache' || (final !== undefined && final > 0)) {
        throw new Error(`cache: 'force-cache' used on fetch for ${input.url} with 'export const fetchCache = 'only-no-store'`);
      }
      reason = 'fetchCache = only-no-store';
      break;
    case 'only-cache':
      if (cache === 'no-store') throw new Error(`cache: 'no-store' used on fetch for ${input.url} with 'export const fetchCache = 'only-cache'`);
      break;
    case 'force-cache':
      if (revalidate === undefined || revalidate === 0) {
        reason = 'fetchCache = force-cache';
        final = INFINITE_CACHE;
      }
      break;
    default:
      break;
  }
  if (final === undefined) {
    if (page === 'default-cache' && !input.noStore) [final, reason] = [INFINITE_CACHE, 'fetchCache = default-cache'];
    else if (page === 'default-no-store') [final, reason] = [0, 'fetchCache = default-no-store'];
    else if (input.noStore) [final, reason] = [0, 'noStore call'];
    else if (autoNoCache) [final, reason] = [0, 'auto no cache'];
    else [final, reason] = [input.routeRevalidate ?? INFINITE_CACHE, 'auto cache'];
  } else if (reason === '') reason = `revalidate: ${final}`;

  let dynamic: string | undefined;
  let lowersRouteTo: number | undefined;
  const route = input.routeRevalidate;
  if (route !== undefined && !(input.forceStatic && final === 0) && !autoNoCache && final < route) {
    if (final === 0) dynamic = `revalidate: 0 fetch ${input.url} ${input.route}`;
    else if (original === final) lowersRouteTo = final;
  }
  // What Next checks again on the fetch's own options (a conflict dropped them above).
  if (route !== undefined && dynamic === undefined) {
    if (input.cache === 'no-store') dynamic = `no-store fetch ${input.url} ${input.route}`;
    else if (original === 0) dynamic = `revalidate: 0 fetch ${input.url} ${input.route}`;
    if (typeof original === 'number' && original > 0 && original < (lowersRouteTo ?? route)) lowersRouteTo = original;
  }
  if (input.forceDynamic || input.forceStatic) dynamic = undefined;
  return { revalidate: final, reason, warning, dynamic, lowersRouteTo };
}

/** Next's validateRevalidate: false -> INFINITE_CACHE; a number >= 0; anything else throws. */
function validRevalidate(value: unknown, route: string): number | undefined {
  if (value === false || value === Number.POSITIVE_INFINITY) return INFINITE_CACHE;
  if (typeof value === 'number' && !Number.isNaN(value) && value > -1) return value;
  if (value === undefined) return undefined;
  throw new Error(`Invalid revalidate value "${String(value)}" on "${route}", must be a non-negative number or false`);
}

/**
 * Next's validateTags: strings of at most 256 characters, at most 128 of them; the rest dropped
 * with Next's warnings.
 *
 *   ['a', 1, 'x'.repeat(300)] -> ['a'] (and a warning naming the two dropped)
 */
export function validTags(tags: unknown, description: string, warn: (message: string) => void): string[] {
  if (!Array.isArray(tags)) return [];
  const valid: string[] = [];
  const invalid: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    const tag: unknown = tags[i];
    if (typeof tag !== 'string') invalid.push(`tag: "${String(tag)}" invalid type, must be a string`);
    else if (tag.length > MAX_TAG_LENGTH) invalid.push(`tag: "${tag}" exceeded max length of ${MAX_TAG_LENGTH}`);
    else valid.push(tag);
    if (valid.length > MAX_TAGS) {
      warn(`Warning: exceeded max tag count for ${description}, dropped tags: ${tags.slice(i).join(', ')}`);
      valid.length = MAX_TAGS;
      break;
    }
  }
  if (invalid.length > 0) warn(`Warning: invalid tags passed to ${description}: ${invalid.join('; ')}`);
  return valid;
}
