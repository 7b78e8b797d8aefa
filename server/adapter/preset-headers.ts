/**
 * @module presetHeaders: the response headers set before the route runs (next.config `headers()`
 * rules, and proxy.ts / middleware.ts on `NextResponse.next()` or `rewrite()`) win over the route's
 * headers of the same name, as in Next 16 (checked with `npm run test:next`); set-cookie lines from
 * all of them are sent.
 *
 *   proxy: x-both: proxy, cache-control: no-store    route: x-both: route, cache-control: public, x-r: 1
 *     -> x-both: proxy, cache-control: no-store, x-r: 1
 *
 * The pipeline sets the headers on `res` and marks their names here; writeHead (and the cache's
 * writeEntry) leave the route's headers of those names out. A response nothing preset pays one
 * property read.
 */
import type { ServerResponse } from 'node:http';

const kPresetHeaders = Symbol('nextpress.presetHeaders');
type Marked = ServerResponse & { [kPresetHeaders]?: Set<string> };

/** Records the header names set on `res` ahead of the route (set-cookie is left out: every line is sent). */
export function markPresetHeaders(res: ServerResponse, names: Iterable<string>): void {
  const marked = res as Marked;
  for (const name of names) {
    const key = name.toLowerCase();
    if (key !== 'set-cookie') (marked[kPresetHeaders] ??= new Set()).add(key);
  }
}

/** The route's headers without the preset names (a copy; `headers` itself is left as it is). */
export function underPresetHeaders<T extends Record<string, string | string[]>>(res: ServerResponse, headers: T): T {
  const names = (res as Marked)[kPresetHeaders];
  if (names === undefined) return headers;
  const kept = {} as Record<string, string | string[]>;
  for (const name of Object.keys(headers)) if (!names.has(name.toLowerCase())) kept[name] = headers[name];
  return kept as T;
}

/** The same for headers as a flat [name, value, ...] list (the cache's stored form). */
export function underPresetHeaderList<T extends string | string[]>(res: ServerResponse, list: T[]): T[] {
  const names = (res as Marked)[kPresetHeaders];
  if (names === undefined) return list;
  const kept: T[] = [];
  for (let i = 0; i < list.length; i += 2) if (!names.has(String(list[i]).toLowerCase())) kept.push(list[i], list[i + 1]);
  return kept;
}
