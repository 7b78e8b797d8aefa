/**
 * @module Cache entries and responses: a handler's Response -> a stored entry (toEntry, when
 * `storable`), and an entry -> the wire (writeEntry: the fastest path in the server, one writeHead
 * + end) or a Fetch Response (toResponse).
 *
 *   Response.json({a:1}), revalidate 60 -> { status: 200, headers: ['content-type', 'application/json',
 *     'cache-control', 's-maxage=60, stale-while-revalidate=31535940', 'content-length', '7'], body, staleAt: now + 60 s }
 *   entry, 'HIT' -> writeHead(200, [...headers, 'x-nextjs-cache', 'HIT']) + end(body)
 */
import type { ServerResponse } from 'node:http';
import type { RequestStore } from '../context';
import type { EngineLogger } from '../logging/engine-logger';
import type { ResponseLike } from '../adapter/write-response';
import { sendEmpty } from '../adapter/send-empty';
import { underPresetHeaderList } from '../adapter/preset-headers';
import { NO_BODY_STATUSES } from '../adapter/send-whole';
import { NEXT_HEADER, REWRITE_HEADER } from '../next/response';
import type { CacheEntry } from './cache-handler';
import { getCacheControlHeader, ONE_YEAR } from './cache-control';
import { IMPLICIT_TAG_PREFIX } from './implicit-tags';
import type { CacheState, RoutePlan } from './route-plan';
import type { Collected } from './data-cache';
import { sendJsonError } from '../adapter/send-json-error';

/** Per entry object: its HIT header list, and whether it carries cookies (memory entries are reused). */
const written = new WeakMap<CacheEntry, { hit: Array<string | string[]>; cookies: boolean }>();

/** A response that may be stored: a readable body, no error status, no next/headers cookies, no rewrite. */
export function storable(response: ResponseLike, store: RequestStore): boolean {
  if (response.status >= 500 || response.status < 200 || response.bodyUsed === true) return false;
  if (typeof (response as Response).arrayBuffer !== 'function') return false;
  const cookies = store.responseCookies?.toSetCookieHeaders();
  if (cookies !== undefined && cookies.length > 0) return false;
  const headers = response.headers as Headers;
  return typeof headers.get !== 'function' || (headers.get(REWRITE_HEADER) === null && headers.get(NEXT_HEADER) === null);
}

export function toEntry(plan: RoutePlan, path: string, response: ResponseLike, body: Buffer, collected: Collected | undefined): CacheEntry {
  let revalidate = plan.revalidate;
  let cacheControl = plan.cacheControl;
  if (collected !== undefined && collected.revalidate !== false && (revalidate === false || collected.revalidate < revalidate)) {
    revalidate = collected.revalidate; // unstable_cache asked for less: the route follows, as in Next
    cacheControl = getCacheControlHeader({ revalidate, expire: ONE_YEAR });
  }
  const expire = revalidate === false ? plan.expire : ONE_YEAR;
  const headers: Array<string | string[]> = [];
  let ownCacheControl = false;
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie' || name === 'content-length' || name === 'x-nextjs-cache') return;
    if (name === 'cache-control') ownCacheControl = true;
    headers.push(name, value);
  });
  const cookies = setCookiesOf(response);
  if (cookies.length > 0) headers.push('set-cookie', cookies);
  if (!ownCacheControl) headers.push('cache-control', cacheControl);
  if (!NO_BODY_STATUSES.has(response.status)) headers.push('content-length', String(body.byteLength));
  const createdAt = Date.now();
  const tags = [...(collected?.tags ?? []), ...plan.tags, `${IMPLICIT_TAG_PREFIX}${path}`];
  return {
    status: response.status,
    headers,
    body,
    tags,
    createdAt,
    staleAt: revalidate === false ? null : createdAt + revalidate * 1000,
    expireAt: expire === undefined ? null : createdAt + expire * 1000,
  };
}

/** The fastest path in the server: stored status, headers and bytes, one writeHead + end. */
export function writeEntry(res: ServerResponse, stored: CacheEntry, state: CacheState, head: boolean, logger: EngineLogger): void {
  let prepared = written.get(stored);
  if (prepared === undefined) {
    prepared = { hit: [...stored.headers, 'x-nextjs-cache', 'HIT'], cookies: stored.headers.includes('set-cookie') };
    written.set(stored, prepared);
  }
  let headers = state === 'HIT' ? prepared.hit : [...stored.headers, 'x-nextjs-cache', state];
  if (prepared.cookies && res.hasHeader('set-cookie')) headers = withEarlierCookies(res, headers);
  headers = underPresetHeaderList(res, headers); // next.config's and proxy.ts's headers win, as in Next
  try {
    res.writeHead(stored.status, headers);
  } catch (error) {
    // A header Node refuses (a control character the handler copied from its request): an empty 500.
    logger.error({ err: error }, `Cache: the stored response cannot be sent: ${(error as Error).message}`);
    for (let i = 0; i < headers.length; i += 2) res.removeHeader(headers[i] as string);
    sendEmpty(res, 500);
    return;
  }
  if (head || NO_BODY_STATUSES.has(stored.status)) res.end();
  else res.end(stored.body);
}

/** A stored entry as a Fetch Response (the MISS goes out through the dispatcher's writer). */
export function toResponse(stored: CacheEntry, state: CacheState): Response {
  const headers = new Headers();
  for (let i = 0; i < stored.headers.length; i += 2) {
    const value = stored.headers[i + 1];
    if (Array.isArray(value)) for (const one of value) headers.append(stored.headers[i] as string, one);
    else headers.append(stored.headers[i] as string, value);
  }
  headers.set('x-nextjs-cache', state);
  const body = NO_BODY_STATUSES.has(stored.status) ? null : (stored.body as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: stored.status, headers });
}

/** dynamicParams = false and params generateStaticParams did not list: Next's 404. */
export function sendNotFound(res: ServerResponse): void {
  sendJsonError(res, 404, 'Not Found');
}

function setCookiesOf(response: ResponseLike): string[] {
  const headers = response.headers as Headers;
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const raw = (response.headers as { raw?(): Record<string, string[]> }).raw;
  return typeof raw === 'function' ? (raw.call(response.headers)['set-cookie'] ?? []) : [];
}

/** Cookies middleware set before the dispatcher come first, as in the dispatcher's own writer. */
function withEarlierCookies(res: ServerResponse, headers: Array<string | string[]>): Array<string | string[]> {
  const earlier = res.getHeader('set-cookie');
  const list = Array.isArray(earlier) ? earlier : [String(earlier)];
  return headers.map((part, i) => (i > 0 && headers[i - 1] === 'set-cookie' ? [...list, ...(part as string[])] : part));
}
