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
 *
 * Its parts: route-plan.ts (what is known of a route file), produce-entry.ts (running a handler to
 * make an entry), cache-entry.ts (entries to and from the wire), regenerate.ts (STALE's background
 * run), data-cache.ts (unstable_cache), fetch-cache.ts (fetch's data cache).
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { currentRequestStore } from '../context';
import type { EngineLogger } from '../logging/engine-logger';
import type { LoadedRoute, Route } from '../loading/route';
import type { MethodEntry, RouteHandler } from '../loading/method-table';
import type { NextRequest } from '../next/request';
import { sendEmpty } from '../adapter/send-empty';
import { createAfterQueue, type AfterQueue } from '../dispatch/after-queue';
import type { RouteMatch } from '../dispatch/route-match';
import { isThenable } from '../shared/is-thenable';
import type { CacheEntry, CacheHandler, TagExpiry } from './cache-handler';
import { sendNotFound, toResponse, writeEntry } from './cache-entry';
import { createDataCache } from './data-cache';
import { createFetchCache } from './fetch-cache';
import { pageTags, toPage } from './implicit-tags';
import { createProducer } from './produce-entry';
import { createRegenerator } from './regenerate';
import type { CacheRuntime } from './registry';
import { pathOf, type RoutePlan } from './route-plan';
import { readSegmentConfig, toCachePolicy } from './segment-config';
import { forceStaticRequest } from './static-request';
import { isListed, listStaticParams } from './static-params';

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

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { handler, logger } = options;
  const afterQueue = options.afterQueue ?? createAfterQueue(logger);
  const plans = new WeakMap<LoadedRoute, RoutePlan>();
  /** The latest plan of each route file, for its fetch calls (fetch-cache.ts). */
  const plansByFile = new Map<string, RoutePlan>();
  const misses = new Map<string, Promise<CacheEntry | undefined>>();
  const pending = new Set<Promise<unknown>>();

  function track(work: Promise<unknown>): void {
    pending.add(work);
    work.then(
      () => pending.delete(work),
      () => pending.delete(work),
    );
  }

  const produce = createProducer({ handler, logger, track });
  const regenerate = createRegenerator({ handler, logger, afterQueue, produce, track });
  const { cachedValue } = createDataCache({ handler, logger, track });
  const cachedFetch = createFetchCache({ handler, logger, track, planOf: (file) => plansByFile.get(file) });

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
    plansByFile.set(route.relativeFile, plan);
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
          writeEntry(res, stored, 'HIT', req.method === 'HEAD', logger);
          return;
        }
        writeEntry(res, stored, 'STALE', req.method === 'HEAD', logger);
        regenerate(plan, path, entry, found, req, res);
        return;
      }
    }
    miss(plan, path, entry, found, req, res, run);
  }

  function miss(plan: RoutePlan, path: string, entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse, run: RunHandler): void {
    const key = `route:${path}`;
    const running = misses.get(key);
    if (running !== undefined) {
      // Another request is making this entry: use its result, or run as usual if it made none.
      running
        .then((made) => {
          if (made !== undefined) writeEntry(res, made, 'MISS', req.method === 'HEAD', logger);
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

  return {
    serve,
    revalidateTags,
    cachedValue,
    fetch: cachedFetch,
    handler,
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
