/**
 * @module The `Cache-Control` value Next writes for a cached route response (Next 15/16, with the
 * default `expireTime` of one year):
 *
 *   { revalidate: false }                    -> 's-maxage=31536000'                           (force-static)
 *   { revalidate: 60, expire: 31536000 }     -> 's-maxage=60, stale-while-revalidate=31535940'
 *   { revalidate: 31536000, expire: 31536000 } -> 's-maxage=31536000'
 */

/** One year in seconds: Next's CACHE_ONE_YEAR and its default `expireTime`. */
export const ONE_YEAR = 31536000;

export interface CacheLife {
  /** Seconds fresh; false: until revalidated by tag or path. */
  revalidate: number | false;
  /** Seconds until it must not be served at all (stale included); undefined: never. */
  expire: number | undefined;
}

export function getCacheControlHeader({ revalidate, expire }: CacheLife): string {
  const swr = typeof revalidate === 'number' && expire !== undefined && revalidate < expire ? `, stale-while-revalidate=${expire - revalidate}` : '';
  return `s-maxage=${revalidate === false ? ONE_YEAR : revalidate}${swr}`;
}
