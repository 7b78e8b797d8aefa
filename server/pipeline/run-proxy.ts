/**
 * @module runProxy: one request through proxy.ts / middleware.ts -> what the pipeline does next.
 *   returns nothing, or NextResponse.next()       -> { next: true }
 *   next({ request: { headers } })                -> { next: true } and req's headers replaced (Next's
 *                                                    x-middleware-override-headers encoding)
 *   NextResponse.rewrite(url)                     -> { next: true, rewrite: url }
 *   a redirect (3xx with a Location)              -> as Next answers it: the Location relative when it is
 *                                                    on the request's origin, the location as the body,
 *                                                    Refresh on a 308; { next: false }
 *   any other Response (a 401, ...)               -> written as it is; { next: false }
 *   throws, or returns a non-Response             -> empty 500, logged naming the file; { next: false }
 * On next()/rewrite(), the response's other headers and its cookies are put on `res`, so they end
 * up on the final response, winning over the route's headers of the same name (adapter/preset-headers.ts). `event.waitUntil(promise)` work is awaited after the response, errors
 * logged, like after().
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { EngineLogger } from '../logging/engine-logger';
import { toNextRequest } from '../adapter/incoming-request';
import { isResponseLike, writeResponse } from '../adapter/write-response';
import { sendEmpty } from '../adapter/send-empty';
import { writeHead } from '../adapter/write-head';
import { mergeCookies } from '../adapter/merge-cookies';
import { markPresetHeaders } from '../adapter/preset-headers';
import { NEXT_HEADER, OVERRIDE_HEADERS, REQUEST_HEADER_PREFIX, REWRITE_HEADER } from '../next/response';
import type { LoadedProxy } from './load-proxy';
import { requestWhere } from '../logging/request-where';

export interface ProxyOutcome {
  next: boolean;
  /** The absolute URL of NextResponse.rewrite(). */
  rewrite?: string;
}

export interface ProxyContext {
  logger: EngineLogger;
  bodyLimit: number;
  /** Keeps waitUntil() work until it settles (graceful shutdown waits for it). */
  track(work: Promise<unknown>): void;
}

export async function runProxy(proxy: LoadedProxy, req: ExpressRequest, res: ExpressResponse, context: ProxyContext): Promise<ProxyOutcome> {
  const { logger } = context;
  const request = toNextRequest(req, res, { bodyLimit: context.bodyLimit });
  const waiting: Promise<unknown>[] = [];
  const event = {
    waitUntil(promise: Promise<unknown>): void {
      waiting.push(Promise.resolve(promise));
    },
  };
  let result: unknown;
  try {
    result = await proxy.run(request, event);
  } catch (error) {
    logger.error({ err: error, file: proxy.file, ...requestWhere(req) }, `Error in proxy file '${proxy.file}': ${(error as Error)?.message ?? String(error)}`);
    settleLater(waiting, proxy.file, res, context);
    sendEmpty(res, 500);
    return { next: false };
  }
  settleLater(waiting, proxy.file, res, context);
  if (result === undefined || result === null) return { next: true };
  if (!isResponseLike(result)) {
    logger.error({ file: proxy.file }, `Expected an instance of Response to be returned from proxy file '${proxy.file}', got '${typeof result}'.`);
    sendEmpty(res, 500);
    return { next: false };
  }
  const headers = result.headers as Headers;
  const rewrite = headers.get(REWRITE_HEADER) ?? undefined;
  if (headers.get(NEXT_HEADER) === null && rewrite === undefined) {
    const location = headers.get('location');
    if (location !== null && result.status >= 300 && result.status < 400) {
      sendProxyRedirect(res, result.status, headers, relativeLocation(location, request.url), req.method === 'HEAD');
      return { next: false };
    }
    const done = writeResponse(res, result, { head: req.method === 'HEAD', cookies: undefined });
    if (done !== undefined) await done;
    return { next: false };
  }

  // next() / rewrite(): request header overrides, then response headers and cookies onto `res`
  const override = headers.get(OVERRIDE_HEADERS);
  if (override !== null) overrideRequestHeaders(req, headers, override);
  const set = new Set<string>();
  headers.forEach((value, name) => {
    if (name === 'set-cookie' || name.startsWith('x-middleware-')) return;
    res.setHeader(name, value);
    set.add(name);
  });
  markPresetHeaders(res, set); // they win over the route's headers of the same name, as in Next
  for (const cookie of headers.getSetCookie()) res.appendHeader('set-cookie', cookie);
  return { next: true, rewrite };
}

/** The request the route sees gets exactly the headers listed in `x-middleware-override-headers` (and its Host). */
function overrideRequestHeaders(req: ExpressRequest, headers: Headers, list: string): void {
  const raw: string[] = [];
  const object: Record<string, string> = {};
  for (const name of list.split(',')) {
    const key = name.trim().toLowerCase();
    if (key === '') continue;
    const value = headers.get(REQUEST_HEADER_PREFIX + key) ?? '';
    raw.push(key, value);
    object[key] = value;
  }
  // The Host stays, listed or not: the route's URL is built from it (and it was checked already).
  const host = req.headers.host;
  if (object.host === undefined && host !== undefined) {
    raw.push('host', host);
    object.host = host;
  }
  req.rawHeaders = raw;
  req.headers = object;
}

function settleLater(waiting: Promise<unknown>[], file: string, res: ExpressResponse, context: ProxyContext): void {
  if (waiting.length === 0) return;
  const start = () => {
    const work = Promise.allSettled(waiting).then((results) => {
      for (const result of results) {
        if (result.status === 'rejected') context.logger.error({ err: result.reason, file }, `Error in event.waitUntil() work of '${file}'`);
      }
    });
    context.track(work);
  };
  if (res.writableFinished || res.destroyed) start();
  else res.once('close', start);
}

/**
 * Next's getRelativeURL: a Location on the request's own origin loses it.
 *   'http://h:3000/api/echo?x=1' on 'http://h:3000/a' -> '/api/echo?x=1'
 *   'https://example.com/x'      on 'http://h:3000/a' -> 'https://example.com/x'
 */
export function relativeLocation(location: string, requestUrl: string): string {
  let target: URL;
  try {
    target = new URL(location, requestUrl);
  } catch {
    return location;
  }
  const origin = new URL(requestUrl).origin;
  return target.origin === origin ? target.href.slice(origin.length) : target.href;
}

/** The proxy's redirect: its headers, the Location as Next writes it, the location as the body (Refresh on a 308). */
function sendProxyRedirect(res: ExpressResponse, status: number, headers: Headers, location: string, head: boolean): void {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    if (name !== 'set-cookie' && name !== 'content-length' && name !== 'transfer-encoding') out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = mergeCookies(res, null, cookies) ?? cookies;
  out.location = location;
  if (status === 308) out.refresh = `0;url=${location}`;
  out['content-length'] = String(Buffer.byteLength(location));
  try {
    writeHead(res, status, '', out);
  } catch {
    sendEmpty(res, 500);
    return;
  }
  res.end(head ? undefined : location);
}
