/**
 * @module installFetchPatch: wraps `globalThis.fetch` once per realm, as Next does, so a `fetch`
 * made inside a request (a handler, a regeneration) goes through the data cache of the app serving
 * it (fetch-cache.ts). Outside a request the wrapper calls the platform fetch at once; a request
 * that never calls fetch pays nothing.
 *
 *   installFetchPatch() twice           -> one wrapper (the second call only points it at its own module copy)
 *   fetch(url) outside a request        -> the platform fetch, same arguments
 *   fetch(url, init) inside a request   -> cacheFor(request).fetch(platformFetch, url, init, store)
 *   fetch(new URL('./a.ttf', import.meta.url)) -> the file's bytes, anywhere (fetch-file-url.ts)
 *   uninstallFetchPatch()               -> globalThis.fetch is the platform fetch again (if still ours)
 *
 * The platform fetch and the wrapper are kept on each realm's globalThis (FETCH_PATCH), so copies
 * of this module loaded twice agree on one wrapper; under jest the test's realm and Node's main one
 * (where route files run) each get theirs.
 */
import { runInThisContext } from 'node:vm';
import { currentRequestStore } from '../context';
import { FETCH_PATCH } from '../shared/shared-state';
import type { NextFetchInit } from './fetch-cache';
import { cacheFor } from './registry';
import { allowFileUrls, fetchFileUrl, isFileUrl } from './fetch-file-url';

interface Patch {
  original: typeof fetch;
  patched: typeof fetch;
  /** What the wrapper calls: the latest installer's (so a second copy of the engine, e.g. jest's next test file, takes over). */
  route(original: typeof fetch, input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

const kPatch = FETCH_PATCH;
type GlobalWithPatch = typeof globalThis & { [kPatch]?: Patch };

/** `fileRoot`: a folder whose files `fetch(new URL(..., import.meta.url))` may read (the app's project). */
export function installFetchPatch(fileRoot?: string): void {
  if (fileRoot !== undefined) allowFileUrls(fileRoot);
  for (const realm of realms()) patch(realm);
}

export function uninstallFetchPatch(): void {
  for (const realm of realms()) {
    const current = realm[kPatch];
    if (current === undefined) continue;
    if (realm.fetch === current.patched) realm.fetch = current.original;
    delete realm[kPatch];
  }
}

function patch(realm: GlobalWithPatch): void {
  const current = realm[kPatch];
  if (current !== undefined && realm.fetch === current.patched) {
    current.route = route;
    return;
  }
  const original = realm.fetch;
  if (typeof original !== 'function') return; // no platform fetch: nothing to cache
  const record: Patch = {
    original,
    patched: function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      return record.route(original, input, init);
    } as typeof fetch,
    route,
  };
  realm[kPatch] = record;
  realm.fetch = record.patched;
}

function route(original: typeof fetch, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (isFileUrl(input)) return fetchFileUrl(input); // a Next edge route's asset (fetch-file-url.ts)
  const store = currentRequestStore();
  if (store === undefined) return original(input, init);
  const runtime = cacheFor(store.req);
  if (runtime === undefined) return original(input, init);
  return runtime.fetch(original, input, init as NextFetchInit | undefined, store);
}

/** This realm, and Node's main one where the loader evaluates route files (they differ under jest). */
function realms(): Set<GlobalWithPatch> {
  return new Set([globalThis as GlobalWithPatch, runInThisContext('globalThis') as GlobalWithPatch]);
}
