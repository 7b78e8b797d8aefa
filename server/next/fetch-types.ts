/**
 * @module Next's `fetch` options in types: `next: { revalidate, tags }` on every `RequestInit`, as
 * Next's global types declare it (the data cache reads them: server/cache/fetch-cache.ts).
 *
 *   fetch(url, { next: { revalidate: 60, tags: ['posts'] } })   -> type-checks
 */
export interface NextFetchRequestConfig {
  /** Seconds the response is fresh in the data cache; 0: not cached; false: until revalidated. */
  revalidate?: number | false;
  /** Tags for revalidateTag(). */
  tags?: string[];
}

declare global {
  interface RequestInit {
    next?: NextFetchRequestConfig | undefined;
  }
}
