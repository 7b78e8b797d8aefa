/**
 * @module A route file's segment config exports, read once when it is first served, and what they
 * mean for its GET (Next 15/16 rules; `isStaticGenEnabled` and the route module's switch):
 *
 *   (nothing)                                  -> 'none'   handler runs on every request
 *   dynamic = 'force-static'                   -> 'cache'  revalidate false; request stripped
 *   revalidate = 60                            -> 'cache'  revalidate 60 (unless the handler reads request data)
 *   revalidate = false | generateStaticParams  -> 'cache'  revalidate false
 *   dynamic = 'error'                          -> 'cache'  reading request data is an error
 *   dynamic = 'force-dynamic' | revalidate = 0 -> 'none'   (with force-static: 'strip')
 *   POST, PUT, PATCH, DELETE or OPTIONS too    -> 'none'   (with force-static: 'strip')
 *
 * `fetchCache` is the default of the route's `fetch` calls (fetch-policy.ts); `preferredRegion` and
 * `maxDuration` (the dispatcher's deadline) are accepted here; `runtime = 'edge'` is accepted with
 * one warning (every route runs on Node.js here).
 */
import type { EngineLogger } from '../logging/engine-logger';
import type { Route } from '../loading/route';
import { getCacheControlHeader, ONE_YEAR } from './cache-control';

export type DynamicOption = 'auto' | 'force-dynamic' | 'error' | 'force-static';
/** Next's `export const fetchCache` values. */
export type FetchCacheOption = 'auto' | 'default-cache' | 'only-cache' | 'force-cache' | 'force-no-store' | 'default-no-store' | 'only-no-store';

export interface SegmentConfig {
  dynamic: DynamicOption;
  /** undefined: not exported. */
  revalidate: number | false | undefined;
  dynamicParams: boolean;
  generateStaticParams: ((context: { params: Record<string, unknown> }) => unknown) | undefined;
  /** undefined: not exported (which is not the same as 'auto' for fetch, as in Next). */
  fetchCache: FetchCacheOption | undefined;
}

export interface CachePolicy {
  /** 'none': run as usual; 'strip': force-static request, nothing cached; 'cache': GET served from the cache. */
  mode: 'none' | 'strip' | 'cache';
  dynamic: DynamicOption;
  /** Seconds fresh, or false (until revalidated). */
  revalidate: number | false;
  /** Seconds servable at all (stale included), or undefined (forever). */
  expire: number | undefined;
  /** The `Cache-Control` written when the handler sets none. */
  cacheControl: string;
  /** dynamicParams = false: only what generateStaticParams lists is served, the rest is 404. */
  onlyStaticParams: boolean;
  generateStaticParams: SegmentConfig['generateStaticParams'];
  /** Set when a handler under dynamic = 'auto' read request-time data: from then on it runs per request. */
  sawDynamic: boolean;
  /** The segment's defaults for its `fetch` calls (fetch-policy.ts). */
  fetchCache: FetchCacheOption | undefined;
  /** `export const revalidate` as exported (seconds, false, or undefined), for fetch defaults. */
  segmentRevalidate: number | false | undefined;
}

const DYNAMIC_OPTIONS = new Set<string>(['auto', 'force-dynamic', 'error', 'force-static']);
const FETCH_CACHE_OPTIONS = new Set<string>(['auto', 'default-cache', 'only-cache', 'force-cache', 'force-no-store', 'default-no-store', 'only-no-store']);
/** Next's INFINITE_CACHE: a revalidate at or above it means "never". */
const INFINITE_CACHE = 0xfffffffe;
const NON_STATIC_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const DOCS = 'Read more at https://nextjs.org/docs/app/api-reference/file-conventions/route-segment-config';

export function readSegmentConfig(mod: Record<string, unknown>, file: string, logger: EngineLogger): SegmentConfig {
  const invalid = (name: string, expected: string) =>
    logger.warn(
      { file },
      `Invalid segment configuration export '${name}' in '${file}': expected ${expected}, received ${describe(mod[name])}; using the default. ${DOCS}`,
    );

  let dynamic: DynamicOption = 'auto';
  if (mod.dynamic !== undefined) {
    if (typeof mod.dynamic === 'string' && DYNAMIC_OPTIONS.has(mod.dynamic)) dynamic = mod.dynamic as DynamicOption;
    else invalid('dynamic', `'auto' | 'force-dynamic' | 'error' | 'force-static'`);
  }
  let revalidate: number | false | undefined;
  if (mod.revalidate !== undefined) {
    if (mod.revalidate === false || (typeof mod.revalidate === 'number' && mod.revalidate >= 0)) revalidate = mod.revalidate;
    else invalid('revalidate', 'false | 0 | a number of seconds');
  }
  let dynamicParams = true;
  if (mod.dynamicParams !== undefined) {
    if (typeof mod.dynamicParams === 'boolean') dynamicParams = mod.dynamicParams;
    else invalid('dynamicParams', 'true | false');
  }
  let fetchCache: FetchCacheOption | undefined;
  if (mod.fetchCache !== undefined) {
    if (typeof mod.fetchCache === 'string' && FETCH_CACHE_OPTIONS.has(mod.fetchCache)) fetchCache = mod.fetchCache as FetchCacheOption;
    else invalid('fetchCache', [...FETCH_CACHE_OPTIONS].map((option) => `'${option}'`).join(' | '));
  }
  if (mod.runtime === 'edge' || mod.runtime === 'experimental-edge') {
    logger.warn({ file }, `Route '${file}' exports runtime = '${mod.runtime}': nextpress runs every route on Node.js, so it runs there.`);
  }
  const generateStaticParams = typeof mod.generateStaticParams === 'function' ? (mod.generateStaticParams as SegmentConfig['generateStaticParams']) : undefined;
  return { dynamic, revalidate, dynamicParams, generateStaticParams, fetchCache };
}

export function toCachePolicy(config: SegmentConfig, mod: Record<string, unknown>, route: Route): CachePolicy {
  const { dynamic, revalidate, generateStaticParams } = config;
  const staticGeneration =
    dynamic === 'force-static' ||
    dynamic === 'error' ||
    revalidate === false ||
    (revalidate !== undefined && revalidate > 0) ||
    generateStaticParams !== undefined;
  const hasNonStaticMethods = NON_STATIC_METHODS.some((method) => typeof mod[method] === 'function');
  const cacheable = staticGeneration && typeof mod.GET === 'function' && dynamic !== 'force-dynamic' && revalidate !== 0 && !hasNonStaticMethods;
  const seconds = typeof revalidate === 'number' && revalidate > 0 && revalidate < INFINITE_CACHE ? revalidate : false;
  const expire = seconds === false ? undefined : ONE_YEAR;
  const hasParams = route.segments.some((segment) => segment.kind !== 'static');
  return {
    mode: cacheable ? 'cache' : dynamic === 'force-static' ? 'strip' : 'none',
    dynamic,
    revalidate: seconds,
    expire,
    cacheControl: getCacheControlHeader({ revalidate: seconds, expire }),
    onlyStaticParams: cacheable && hasParams && !config.dynamicParams,
    generateStaticParams,
    sawDynamic: false,
    fetchCache: config.fetchCache,
    segmentRevalidate: revalidate,
  };
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
