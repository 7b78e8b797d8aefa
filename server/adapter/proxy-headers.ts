/**
 * @module proxyHeaders: the response headers proxy.ts / middleware.ts put on `NextResponse.next()`
 * or `rewrite()` win over the route's headers of the same name, as in Next 16 (checked with
 * `npm run test:next`); set-cookie lines from both are sent.
 *
 *   proxy: x-both: proxy, cache-control: no-store    route: x-both: route, cache-control: public, x-r: 1
 *     -> x-both: proxy, cache-control: no-store, x-r: 1
 *
 * runProxy sets the headers on `res` and marks their names here; writeHead (and the cache's
 * writeEntry) leave the route's headers of those names out. A response no proxy touched pays one
 * property read.
 */
import type { ServerResponse } from 'node:http';

const kProxyHeaders = Symbol('nextpress.proxyHeaders');
type Marked = ServerResponse & { [kProxyHeaders]?: ReadonlySet<string> };

/** Records the (lower-case) header names a proxy set on `res`; set-cookie is never one of them. */
export function markProxyHeaders(res: ServerResponse, names: ReadonlySet<string>): void {
  if (names.size > 0) (res as Marked)[kProxyHeaders] = names;
}

/** The route's headers without the names a proxy set (a copy; `headers` itself is left as it is). */
export function underProxyHeaders<T extends Record<string, string | string[]>>(res: ServerResponse, headers: T): T {
  const names = (res as Marked)[kProxyHeaders];
  if (names === undefined) return headers;
  const kept = {} as Record<string, string | string[]>;
  for (const name of Object.keys(headers)) if (!names.has(name.toLowerCase())) kept[name] = headers[name];
  return kept as T;
}

/** The same for headers as a flat [name, value, ...] list (the cache's stored form). */
export function underProxyHeaderList<T extends string | string[]>(res: ServerResponse, list: T[]): T[] {
  const names = (res as Marked)[kProxyHeaders];
  if (names === undefined) return list;
  const kept: T[] = [];
  for (let i = 0; i < list.length; i += 2) if (!names.has(String(list[i]).toLowerCase())) kept.push(list[i], list[i + 1]);
  return kept;
}
