/**
 * @module Data-cache entries of `fetch`: an upstream Response to a stored entry and back. Only a
 * 200 is stored, as in Next. The caller's body is streamed through while a tee of it is collected
 * into the one Buffer that is stored (teeAndCollect), so the caller does not wait for the whole
 * body and nothing is read twice.
 *
 *   200 upstream, revalidate 60     -> { status: 200, headers, body, url, tags, staleAt: now + 60 s, expireAt: now + 1 year }
 *   revalidate INFINITE_CACHE       -> staleAt: now + 1 year (Next's normalisation), expireAt: null
 *   entry                           -> Response(body, { status, headers }) with `url` as fetched
 */
import { NativeResponse } from '../next/light-response';
import type { CacheEntry } from './cache-handler';
import { ONE_YEAR } from './cache-control';
import { INFINITE_CACHE } from './fetch-policy';

export function toFetchEntry(response: Response, body: Buffer, revalidate: number, tags: string[]): CacheEntry {
  const headers: Array<string | string[]> = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.push(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers.push('set-cookie', cookies);
  const createdAt = Date.now();
  const forever = revalidate >= INFINITE_CACHE;
  return {
    status: response.status,
    headers,
    body,
    url: response.url,
    tags,
    createdAt,
    staleAt: createdAt + (forever ? ONE_YEAR : revalidate) * 1000,
    expireAt: forever ? null : createdAt + ONE_YEAR * 1000,
  };
}

/** A stored entry as the Response `fetch` resolves to (a new one each time: bodies are read once). */
export function fromFetchEntry(entry: CacheEntry): Response {
  const headers = new Headers();
  for (let i = 0; i < entry.headers.length; i += 2) {
    const value = entry.headers[i + 1];
    if (Array.isArray(value)) for (const one of value) headers.append(entry.headers[i] as string, one);
    else headers.append(entry.headers[i] as string, value);
  }
  const response = new NativeResponse(entry.body as Uint8Array<ArrayBuffer>, { status: entry.status, headers });
  Object.defineProperty(response, 'url', { value: entry.url ?? '' });
  return response;
}

/**
 * The caller's Response, streaming `upstream`'s body, and a promise of the whole body as one
 * Buffer (rejects if the upstream body fails; the caller's stream then fails the same way).
 */
export function teeAndCollect(upstream: Response): { response: Response; body: Promise<Buffer> } {
  if (upstream.body === null) return { response: upstream, body: Promise.resolve(Buffer.alloc(0)) };
  const [toCaller, toStore] = upstream.body.tee();
  const response = new NativeResponse(toCaller, { status: upstream.status, statusText: upstream.statusText, headers: upstream.headers });
  Object.defineProperty(response, 'url', { value: upstream.url });
  Object.defineProperty(response, 'redirected', { value: upstream.redirected });
  return { response, body: collect(toStore) };
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
