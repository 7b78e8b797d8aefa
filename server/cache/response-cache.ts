/**
 * @module The response cache: GET handlers served by their segment config (segment-config.ts), as
 * Next serves them. The dispatcher asks it first (`serve`); it answers, or says "run as usual".
 *
 *   HIT    fresh entry: written from memory (one writeHead + end); the handler does not run
 *   STALE  past `revalidate`: the stale entry is written, and ONE background regeneration runs
 *          (concurrent requests get STALE too); later requests get the new entry
 *   MISS   nothing stored (or expired, or its tag revalidated): the handler runs now, in the
 *          dispatcher's ordinary path, and what it returns is stored and sent; concurrent requests
 *          for the same path wait for that one run
 *
 * Never stored: other methods, thrown errors, 5xx responses, responses of a handler that read
 * request-time data (dynamic = 'auto': the route then runs per request for good) or set cookies
 * through next/headers. `x-nextjs-cache` says which case answered; `Cache-Control` is Next's
 * (see cache-control.ts) unless the handler set its own.
 */
import { createAfterQueue, type AfterQueue } from '../dispatch/after-queue';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { RequestStore, currentRequestStore, requestContext } from '../context';
import type { EngineLogger } from '../logger';
import type { LoadedRoute, Route } from '../loading/route';
import type { MethodEntry, RouteHandler } from '../loading/method-table';
import type { RouteMatch } from '../dispatch/dispatcher';
import { toRouteParams } from '../dispatch/route-params';
import { toControlFlow } from '../dispatch/control-flow';
import { toNextRequest } from '../adapter/incoming-request';
import { isResponseLike, type ResponseLike } from '../adapter/write-response';
import type { NextRequest } from '../next/request';
import { NEXT_HEADER, REWRITE_HEADER } from '../next/response';
import type { CacheEntry, CacheHandler, TagExpiry } from './cache-handler';
import { getCacheControlHeader, ONE_YEAR } from './cache-control';
import { IMPLICIT_TAG_PREFIX, pageTags, toPage } from './implicit-tags';
import type { CacheRuntime } from './registry';
import { readSegmentConfig, toCachePolicy, type CachePolicy } from './segment-config';
import { forceStaticRequest, requireStaticRequest, StaticGenBailoutError, trackingRequest } from './static-request';
import { isListed, listStaticParams } from './static-params';
import { sendEmpty } from '../adapter/send-empty';

/** The dispatcher's step 6 (run the handler in the request context, write what it returns). */
export type RunHandler = (entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse) => void;

export interface ResponseCache extends CacheRuntime {
  /** True when it answered (or will): the dispatcher then does nothing more. */
  serve(loaded: LoadedRoute, entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse, run: RunHandler): boolean;
  /** Resolves when background regenerations and writes started so far have finished. */
  settled(): Promise<void>;
  readonly handler: CacheHandler;
}

export interface ResponseCacheOptions {
  handler: CacheHandler;
  logger: EngineLogger;
  /** The dispatcher's after() runner: a regeneration's after() work runs through it (default: one of its own). */
  afterQueue?: AfterQueue;
}

/** Per route file: its policy plus what serving it needs (built on its first request). */
interface RoutePlan extends CachePolicy {
  route: Route;
  /** Implicit tags of the route file (the URL path's tag is added per entry). */
  tags: string[];
  listed: Set<string> | undefined;
  listing: Promise<Set<string>> | undefined;
  stripped: WeakMap<MethodEntry, MethodEntry>;
}

/** What unstable_cache leaves on the request store while a cacheable response is made. */
interface Collected {
  revalidate: number | false;
  tags: Set<string>;
}

type CacheState = 'HIT' | 'STALE' | 'MISS';

const NO_BODY = new Set([204, 205, 304]);
const NOT_FOUND_BODY = '{"error":"Not Found"}';
/** How long a regeneration claim in a shared store lasts at most (it is released when the run ends). */
const REGENERATION_CLAIM_MS = 60_000;
const DYNAMIC_DOCS = 'See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering';
/** Shared with every copy of next/cache (Symbol.for): unstable_cache's revalidate and tags. */
export const kCollected = Symbol.for('nextpress.cache.collected');

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { handler, logger } = options;
  const afterQueue = options.afterQueue ?? createAfterQueue(logger);
  const plans = new WeakMap<LoadedRoute, RoutePlan>();
  const misses = new Map<string, Promise<CacheEntry | undefined>>();
  const regenerating = new Set<string>();
  const pending = new Set<Promise<unknown>>();
  /** Per entry object: its HIT header list, and whether it carries cookies (memory entries are reused). */
  const written = new WeakMap<CacheEntry, { hit: Array<string | string[]>; cookies: boolean }>();

  function track(work: Promise<unknown>): void {
    pending.add(work);
    work.then(
      () => pending.delete(work),
      () => pending.delete(work),
    );
  }

  function planFor(loaded: LoadedRoute, route: Route): RoutePlan {
    let plan = plans.get(loaded);
    if (plan !== undefined) return plan;
    const config = readSegmentConfig(loaded.module, route.relativeFile, logger);
    plan = {
      ...toCachePolicy(config, loaded.module, route),
      route,
      tags: pageTags(toPage(route.relativeFile)),
      listed: undefined,
      listing: undefined,
      stripped: new WeakMap(),
    };
    plans.set(loaded, plan);
    return plan;
  }

  function serve(loaded: LoadedRoute, entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse, run: RunHandler): boolean {
    const plan = planFor(loaded, found.route);
    if (plan.mode === 'none') return false; // fast exit: most routes
    const method = req.method;
    if (plan.mode === 'strip' || !(method === 'GET' || (method === 'HEAD' && entry.head))) {
      if (plan.dynamic !== 'force-static') return false;
      run(strippedEntry(plan, entry), found, req, res);
      return true;
    }
    if (!plan.onlyStaticParams) {
      proceed(plan, entry, found, req, res, run);
      return true;
    }
    if (plan.listed !== undefined) {
      if (isListed(plan.listed, plan.route.segments, found.params)) proceed(plan, entry, found, req, res, run);
      else sendNotFound(res);
      return true;
    }
    plan.listing ??= listStaticParams(plan.generateStaticParams ?? (() => []), plan.route.segments, plan.route.relativeFile);
    plan.listing
      .then(
        (listed) => {
          plan.listed = listed;
          if (isListed(listed, plan.route.segments, found.params)) proceed(plan, entry, found, req, res, run);
          else sendNotFound(res);
        },
        (error: Error) => {
          plan.listing = undefined; // tried again on the next request
          logger.error({ err: error, file: plan.route.relativeFile }, `generateStaticParams in '${plan.route.relativeFile}' failed: ${error.message}`);
          sendEmpty(res, 500);
        },
      )
      .then(undefined, (error: unknown) => unexpected(error, plan, res));
    return true;
  }

  /** A GET the cache may answer: from the cache, or as usual once the route turned out dynamic. */
  function proceed(plan: RoutePlan, entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse, run: RunHandler): void {
    if (plan.sawDynamic) run(entry, found, req, res);
    else lookup(plan, entry, found, req, res, run);
  }

  function lookup(plan: RoutePlan, entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse, run: RunHandler): void {
    const path = pathOf(req);
    let stored: CacheEntry | undefined | Promise<CacheEntry | undefined>;
    try {
      stored = handler.get(`route:${path}`);
    } catch (error) {
      logger.warn({ err: error, path }, `Cache: reading '${path}' failed; treated as a miss`);
    }
    if (isThenable(stored)) {
      stored
        .then(
          (value) => answer(plan, path, value, entry, found, req, res, run),
          () => answer(plan, path, undefined, entry, found, req, res, run),
        )
        .then(undefined, (error: unknown) => unexpected(error, plan, res));
    } else {
      answer(plan, path, stored, entry, found, req, res, run);
    }
  }

  function answer(
    plan: RoutePlan,
    path: string,
    stored: CacheEntry | undefined,
    entry: MethodEntry,
    found: RouteMatch,
    req: ExpressRequest,
    res: ExpressResponse,
    run: RunHandler,
  ): void {
    if (stored !== undefined) {
      const now = Date.now();
      if (stored.expireAt === null || now < stored.expireAt) {
        if (stored.staleAt === null || now < stored.staleAt) {
          writeEntry(res, stored, 'HIT', req.method === 'HEAD');
          return;
        }
        writeEntry(res, stored, 'STALE', req.method === 'HEAD');
        regenerate(plan, path, entry, found, req, res);
        return;
      }
    }
    miss(plan, path, entry, found, req, res, run);
  }

  /** The fastest path in the server: stored status, headers and bytes, one writeHead + end. */
  function writeEntry(res: ExpressResponse, stored: CacheEntry, state: CacheState, head: boolean): void {
    let prepared = written.get(stored);
    if (prepared === undefined) {
      prepared = { hit: [...stored.headers, 'x-nextjs-cache', 'HIT'], cookies: stored.headers.includes('set-cookie') };
      written.set(stored, prepared);
    }
    let headers = state === 'HIT' ? prepared.hit : [...stored.headers, 'x-nextjs-cache', state];
    if (prepared.cookies && res.hasHeader('set-cookie')) headers = withEarlierCookies(res, headers);
    try {
      res.writeHead(stored.status, headers);
    } catch (error) {
      // A header Node refuses (a control character the handler copied from its request): an empty 500.
      logger.error({ err: error }, `Cache: the stored response cannot be sent: ${(error as Error).message}`);
      for (let i = 0; i < headers.length; i += 2) res.removeHeader(headers[i] as string);
      sendEmpty(res, 500);
      return;
    }
    if (head || NO_BODY.has(stored.status)) res.end();
    else res.end(stored.body);
  }

  function miss(plan: RoutePlan, path: string, entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse, run: RunHandler): void {
    const key = `route:${path}`;
    const running = misses.get(key);
    if (running !== undefined) {
      // Another request is making this entry: use its result, or run as usual if it made none.
      running
        .then((made) => {
          if (made !== undefined) writeEntry(res, made, 'MISS', req.method === 'HEAD');
          else run(plan.sawDynamic ? entry : generatingEntry(plan, path, entry, undefined), found, req, res);
        })
        .then(undefined, (error: unknown) => unexpected(error, plan, res));
      return;
    }
    let settle!: (made: CacheEntry | undefined) => void;
    const made = new Promise<CacheEntry | undefined>((resolve) => (settle = resolve));
    misses.set(key, made);
    made.then(() => misses.delete(key));
    run(generatingEntry(plan, path, entry, settle), found, req, res);
  }

  /** The handler wrapped to make a cache entry in the dispatcher's ordinary path (a MISS). */
  function generatingEntry(plan: RoutePlan, path: string, entry: MethodEntry, settle: ((made: CacheEntry | undefined) => void) | undefined): MethodEntry {
    const generate: RouteHandler = async (request, context) => {
      const store = currentRequestStore()!;
      try {
        const result = await produce(plan, path, entry.handler, request as NextRequest, context, store);
        settle?.(result.entry);
        return result.entry !== undefined ? toResponse(result.entry, 'MISS') : result.response;
      } catch (error) {
        settle?.(undefined);
        throw error;
      }
    };
    return { handler: generate, head: entry.head };
  }

  /** Runs the handler as Next does while generating, and makes an entry of its response when it may be stored. */
  async function produce(
    plan: RoutePlan,
    path: string,
    run: RouteHandler,
    request: NextRequest,
    context: { params: unknown },
    store: RequestStore,
  ): Promise<{ entry?: CacheEntry; response: unknown }> {
    const prepared = prepareRequest(plan, request, store);
    store.request = prepared;
    store.staticGeneration = true;
    let result: unknown;
    try {
      result = await run(prepared, context);
    } catch (error) {
      // redirect() / notFound() become responses, and are stored like any other (as in Next).
      const flow = toControlFlow(error);
      if (flow === undefined) throw error;
      result = new Response(null, { status: flow.status, headers: flow.location === undefined ? undefined : { location: flow.location } });
    }
    if (!isResponseLike(result)) return { response: result };
    const usage = store.dynamicUsage;
    if (usage !== undefined && plan.dynamic === 'auto') {
      if (!plan.sawDynamic) {
        plan.sawDynamic = true;
        logger.info({ file: plan.route.relativeFile }, `Route ${plan.route.pattern} read request-time data (${usage}); it now runs on every request and is not cached.`);
      }
      return { response: result };
    }
    if (usage !== undefined && plan.dynamic === 'error') {
      // connection(), unstable_noStore() (headers() and cookies() already threw reading the request)
      throw new StaticGenBailoutError(`Route ${plan.route.pattern} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${usage}\`. ${DYNAMIC_DOCS}`);
    }
    if (!storable(result, store)) return { response: result };
    const body = Buffer.from(await (result as Response).arrayBuffer());
    const made = toEntry(plan, path, result, body, store.slots.get(kCollected) as Collected | undefined);
    try {
      const saved = handler.set(`route:${path}`, made);
      if (isThenable(saved)) track(Promise.resolve(saved).catch((error: Error) => logger.warn({ err: error, path }, `Cache: storing '${path}' failed: ${error.message}`)));
    } catch (error) {
      logger.warn({ err: error, path }, `Cache: storing '${path}' failed: ${(error as Error).message}`);
    }
    return { entry: made, response: undefined };
  }

  function prepareRequest(plan: RoutePlan, request: NextRequest, store: RequestStore): NextRequest {
    if (plan.dynamic === 'force-static') return forceStaticRequest(request);
    if (plan.dynamic === 'error') return requireStaticRequest(request, plan.route.pattern);
    return trackingRequest(request, (expression) => {
      store.dynamicUsage ??= expression;
    });
  }

  function toEntry(plan: RoutePlan, path: string, response: ResponseLike, body: Buffer, collected: Collected | undefined): CacheEntry {
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
    if (!NO_BODY.has(response.status)) headers.push('content-length', String(body.byteLength));
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

  /**
   * Past `revalidate`: one background run per path makes the next entry; errors keep the stale
   * one. With a store shared by several instances (Redis), one run per path across all of them.
   */
  function regenerate(plan: RoutePlan, path: string, entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse): void {
    if (regenerating.has(path)) return;
    regenerating.add(path);
    const file = plan.route.relativeFile;
    const request = toNextRequest(req, res, { bodyLimit: 0 });
    const store = new RequestStore(request, req, res, file);
    const context = { params: toRouteParams(found.params) };
    const done = () => regenerating.delete(path);
    if (handler.claimRegeneration === undefined) {
      track(regenerateHere(plan, path, entry, file, request, context, store).finally(done));
      return;
    }
    const work = handler
      .claimRegeneration(path, REGENERATION_CLAIM_MS)
      .catch(() => async () => {}) // the store failed to answer: regenerate here
      .then((release) => {
        if (release === undefined) return; // another instance is regenerating this path
        return regenerateHere(plan, path, entry, file, request, context, store).finally(release);
      });
    track(work.finally(done));
  }

  function regenerateHere(
    plan: RoutePlan,
    path: string,
    entry: MethodEntry,
    file: string,
    request: NextRequest,
    context: { params: unknown },
    store: RequestStore,
  ): Promise<void> {
    return requestContext
      .run(store, () => produce(plan, path, entry.handler, request, context, store))
      .then(
        (result) => {
          if (result.entry === undefined && !plan.sawDynamic) {
            logger.warn({ file, path }, `Regenerating '${path}' (route '${file}') gave a response that cannot be stored; the stale one stays until a regeneration succeeds.`);
          }
        },
        (error: Error) => {
          logger.error({ err: error, file, path }, `Error in route handler '${file}' while regenerating '${path}'; the stale response stays until a regeneration succeeds`);
        },
      )
      .then(() => afterQueue.runNow(store));
  }

  /** Whatever escaped a step above (a bug): logged, and the request ends with an empty 500. */
  function unexpected(error: unknown, plan: RoutePlan, res: ExpressResponse): void {
    logger.error({ err: error, file: plan.route.relativeFile }, `Cache: unexpected error while answering with '${plan.route.relativeFile}'`);
    sendEmpty(res, 500);
  }

  function strippedEntry(plan: RoutePlan, entry: MethodEntry): MethodEntry {
    let stripped = plan.stripped.get(entry);
    if (stripped === undefined) {
      const handler: RouteHandler = (request, context) => {
        const prepared = forceStaticRequest(request as NextRequest);
        const store = currentRequestStore();
        if (store !== undefined) {
          store.request = prepared;
          store.staticGeneration = true;
        }
        return entry.handler(prepared, context);
      };
      stripped = { handler, head: entry.head };
      plan.stripped.set(entry, stripped);
    }
    return stripped;
  }

  async function revalidateTags(tags: string[], expiry?: TagExpiry): Promise<void> {
    try {
      await handler.revalidateTag(tags, expiry);
    } catch (error) {
      logger.error({ err: error, tags }, `Cache: revalidating ${tags.join(', ')} failed: ${(error as Error).message}`);
    }
  }

  const computing = new Map<string, Promise<unknown>>();

  async function cachedValue<T>(key: string, compute: () => Promise<T>, options: { revalidate: number | false; tags: string[] }): Promise<T> {
    const store = currentRequestStore();
    const tags = [...options.tags];
    if (store !== undefined) {
      const path = pathOf(store.req as ExpressRequest);
      for (const tag of [...pageTags(toPage(store.routeFile)), `${IMPLICIT_TAG_PREFIX}${path}`]) if (!tags.includes(tag)) tags.push(tag);
      if (store.staticGeneration) collect(store, options);
    }
    const dataKey = `data:${key}`;
    let stored: CacheEntry | undefined;
    try {
      stored = await handler.get(dataKey);
    } catch {
      stored = undefined;
    }
    const now = Date.now();
    if (stored !== undefined && (stored.expireAt === null || now < stored.expireAt)) {
      const value = parseValue<T>(stored.body);
      if (value.ok) {
        if (stored.staleAt !== null && now >= stored.staleAt && !computing.has(dataKey)) {
          track(storeValue(dataKey, compute, options.revalidate, tags).catch((error: Error) => logger.warn({ err: error }, `unstable_cache: refreshing a stale value failed: ${error.message}`)));
        }
        return value.value;
      }
    }
    return storeValue(dataKey, compute, options.revalidate, tags);
  }

  /** Computes once per key at a time (concurrent callers share it) and stores the JSON. */
  function storeValue<T>(dataKey: string, compute: () => Promise<T>, revalidate: number | false, tags: string[]): Promise<T> {
    const running = computing.get(dataKey) as Promise<T> | undefined;
    if (running !== undefined) return running;
    const work = (async () => {
      const value = await compute();
      const body = Buffer.from(JSON.stringify({ value }) ?? '{}');
      const createdAt = Date.now();
      const saved = handler.set(dataKey, {
        status: 200,
        headers: ['content-type', 'application/json'],
        body,
        tags,
        createdAt,
        staleAt: revalidate === false ? null : createdAt + revalidate * 1000,
        expireAt: revalidate === false ? null : createdAt + ONE_YEAR * 1000,
      });
      if (isThenable(saved)) await Promise.resolve(saved).catch((error: Error) => logger.warn({ err: error }, `unstable_cache: storing a value failed: ${error.message}`));
      return value;
    })();
    computing.set(dataKey, work);
    work.then(
      () => computing.delete(dataKey),
      () => computing.delete(dataKey),
    );
    return work;
  }

  return {
    serve,
    revalidateTags,
    cachedValue,
    handler,
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/** unstable_cache inside a cacheable response: its tags and a shorter revalidate carry over to the route. */
function collect(store: RequestStore, options: { revalidate: number | false; tags: string[] }): void {
  let collected = store.slots.get(kCollected) as Collected | undefined;
  if (collected === undefined) store.slots.set(kCollected, (collected = { revalidate: false, tags: new Set() }));
  for (const tag of options.tags) collected.tags.add(tag);
  if (options.revalidate !== false && (collected.revalidate === false || options.revalidate < collected.revalidate)) collected.revalidate = options.revalidate;
}

/** A response that may be stored: a readable body, no error status, no next/headers cookies, no rewrite. */
function storable(response: ResponseLike, store: RequestStore): boolean {
  if (response.status >= 500 || response.status < 200 || response.bodyUsed === true) return false;
  if (typeof (response as Response).arrayBuffer !== 'function') return false;
  const cookies = store.responseCookies?.toSetCookieHeaders();
  if (cookies !== undefined && cookies.length > 0) return false;
  const headers = response.headers as Headers;
  return typeof headers.get !== 'function' || (headers.get(REWRITE_HEADER) === null && headers.get(NEXT_HEADER) === null);
}

function setCookiesOf(response: ResponseLike): string[] {
  const headers = response.headers as Headers;
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const raw = (response.headers as { raw?(): Record<string, string[]> }).raw;
  return typeof raw === 'function' ? (raw.call(response.headers)['set-cookie'] ?? []) : [];
}

/** A stored entry as a Fetch Response (the MISS goes out through the dispatcher's writer). */
function toResponse(stored: CacheEntry, state: CacheState): Response {
  const headers = new Headers();
  for (let i = 0; i < stored.headers.length; i += 2) {
    const value = stored.headers[i + 1];
    if (Array.isArray(value)) for (const one of value) headers.append(stored.headers[i] as string, one);
    else headers.append(stored.headers[i] as string, value);
  }
  headers.set('x-nextjs-cache', state);
  const body = NO_BODY.has(stored.status) ? null : (stored.body as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: stored.status, headers });
}

/** Cookies middleware set before the dispatcher come first, as in the dispatcher's own writer. */
function withEarlierCookies(res: ExpressResponse, headers: Array<string | string[]>): Array<string | string[]> {
  const earlier = res.getHeader('set-cookie');
  const list = Array.isArray(earlier) ? earlier : [String(earlier)];
  return headers.map((part, i) => (i > 0 && headers[i - 1] === 'set-cookie' ? [...list, ...(part as string[])] : part));
}

function parseValue<T>(body: Buffer): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: (JSON.parse(body.toString('utf8')) as { value: T }).value };
  } catch {
    return { ok: false };
  }
}

/** A thenable, not `instanceof Promise`: a cache handler may come from another realm or library. */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | undefined)?.then === 'function';
}

/** The URL path without the query: the cache key, as in Next. */
function pathOf(req: ExpressRequest): string {
  const url = req.originalUrl ?? req.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function sendNotFound(res: ExpressResponse): void {
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(NOT_FOUND_BODY.length) });
  res.end(NOT_FOUND_BODY);
}

