/**
 * @module runProxy: one request through proxy.ts / middleware.ts -> what the pipeline does next.
 *   returns nothing, or NextResponse.next()       -> { next: true }
 *   next({ request: { headers } })                -> { next: true } and req's headers replaced (Next's
 *                                                    x-middleware-override-headers encoding)
 *   NextResponse.rewrite(url)                     -> { next: true, rewrite: url }
 *   any other Response (redirect, 401, ...)       -> written as it is; { next: false }
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
import { markPresetHeaders } from '../adapter/preset-headers';
import { NEXT_HEADER, OVERRIDE_HEADERS, REQUEST_HEADER_PREFIX, REWRITE_HEADER } from '../next/response';
import type { LoadedProxy } from './load-proxy';

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
    logger.error(
      { err: error, file: proxy.file, method: req.method, url: req.originalUrl },
      `Error in proxy file '${proxy.file}': ${(error as Error)?.message ?? String(error)}`,
    );
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
