/**
 * @module The request dispatcher: one Express middleware serving every route file. It matches the
 * URL in a route tree (no scan of every route), imports the route file on first use, and runs the
 * file's method in the request context. Steps, in order:
 *   1. normalise the URL (308 for `/x/`, `//x` and `\x`, as Next does)
 *   2. match the route (400 for malformed percent-encoding; no match -> next())
 *   3. pick the method (400 unknown, 405 not exported, automatic HEAD and OPTIONS)
 *   4. refuse a declared body over BODY_LIMIT (413) before the handler runs
 *   5. load the route file once (later requests skip straight to 6)
 *   6. run the handler in the request context, then write its Response (plus next/headers cookies),
 *      or map thrown redirect()/notFound() to their responses; then run after() work. A route's
 *      `maxDuration` (or HANDLER_TIMEOUT_MS) bounds the whole response: past it the request's
 *      signal aborts and the client gets a 504, or a cut connection once bytes are out.
 * Nothing here may throw into a promise: a response Node refuses (a header with a control
 * character) answers an empty 500 and is logged naming the header and the route file.
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { RequestStore, requestContext } from '../context';
import type { EngineLogger } from '../logging/engine-logger';
import { loadRoute, type Route, type LoadedRoute } from '../loading/route';
import { isKnownMethod, type HttpMethod, type MethodEntry } from '../loading/method-table';
import { normalizePath, servedPath } from '../routing/normalize-path';
import { createRouteTree } from '../routing/route-tree';
import { toNextRequest } from '../adapter/incoming-request';
import { declaredTooLarge, bodyTooLarge } from '../adapter/read-body';
import { createResponder, type HandlerErrorHook } from './respond';
import type { DevErrors } from '../dev/create-dev-errors';
import { toRouteParams, type Params } from './route-params';
import type { RouteMatch } from './route-match';
import type { ResponseCache } from '../cache/response-cache';
import { sendEmpty } from '../adapter/send-empty';
import { sendPermanentRedirect } from '../adapter/send-permanent-redirect';
import { abortRequest } from '../adapter/incoming-request';
import { createAfterQueue, type AfterQueue } from './after-queue';
import { isThenable } from '../shared/is-thenable';
import { requestWhere } from '../logging/request-where';

export interface DispatcherOptions {
  bodyLimit: number;
  logger: EngineLogger;
  /** Segment config and caching (server/cache): asked before a handler runs. */
  cache?: ResponseCache;
  /** Longest a response may take, in ms, for routes without `maxDuration` (HANDLER_TIMEOUT_MS); undefined: no limit. */
  handlerTimeoutMs?: number;
  /** Runs after() work; shared with the cache's regenerations (default: one of its own). */
  afterQueue?: AfterQueue;
  /** Told of every error a route handler throws (instrumentation.ts's onRequestError). */
  onHandlerError?: HandlerErrorHook;
  /** Development: readable 500s and logs without Express's frames (dev/create-dev-errors.ts); absent in production. */
  devErrors?: DevErrors;
}

export type { RouteMatch };

const kMatch = Symbol('nextpress.match');
type MatchedRequest = ExpressRequest & { [kMatch]?: RouteMatch | null };

export interface Dispatcher {
  (req: ExpressRequest, res: ExpressResponse, next: NextFunction): void;
  /** The route a request's path resolves to (cached on the request), e.g. for an auth guard. */
  match(req: ExpressRequest): RouteMatch | undefined;
  /**
   * The route a request ends at: the dispatcher 308-redirects `/x/`, `//x` and `\x` before
   * matching, so this is the match of where that leads (a guard judges the route, never a
   * spelling); throws the 400 for malformed encoding.
   */
  served(req: ExpressRequest): RouteMatch | undefined;
  /** The route a pathname resolves to, nothing cached (next.config rewrites ask before choosing); throws the 400 for malformed encoding. */
  lookup(pathname: string): RouteMatch | undefined;
  /** Resolves when every after() callback queued so far has finished. */
  settled(): Promise<void>;
  /** Serves this route table from the next request on (development reload; requests in flight keep theirs). */
  setRoutes(routes: Route[]): void;
}

/** The tree's matches are the dispatcher's own RouteMatch objects: nothing re-wrapped per request. */
const toMatch = (route: Route, params: Params): RouteMatch => ({ route, params });
const treeOf = (routes: Route[]) =>
  createRouteTree(
    routes.map((route) => ({ segments: route.segments, value: route, relativeFile: route.relativeFile })),
    { toMatch },
  );

export function createDispatcher(routes: Route[], options: DispatcherOptions): Dispatcher {
  let tree = treeOf(routes);
  const { logger, bodyLimit } = options;
  const requestOptions = { bodyLimit, handler: true }; // shared by every request's NextRequest
  const afterQueue = options.afterQueue ?? createAfterQueue(logger);
  const { respond, fail } = createResponder(logger, options.onHandlerError, options.devErrors);
  const runAfter = afterQueue.afterResponse;

  /** Matches req.path in the tree; throws the 400 NextpressError for malformed encoding. */
  function find(req: ExpressRequest): RouteMatch | undefined {
    const url = req.url;
    const query = url.indexOf('?');
    return tree.match(query === -1 ? url : url.slice(0, query));
  }

  // Set once something ahead of the dispatcher (an auth guard) asks for the match: from then on the
  // match is kept on the request and reused. Until then the dispatcher matches on its own and adds
  // nothing to `req` (a property lookup that misses walks req's whole prototype chain).
  let shared = false;

  /** find(), cached on the request. */
  function match(req: ExpressRequest): RouteMatch | undefined {
    shared = true;
    const cached = (req as MatchedRequest)[kMatch];
    if (cached !== undefined) return cached ?? undefined;
    const result = find(req);
    (req as MatchedRequest)[kMatch] = result ?? null;
    return result;
  }

  function dispatch(req: ExpressRequest, res: ExpressResponse, next: NextFunction): void {
    // 1. normalise the URL
    const location = normalizePath(req.url);
    if (location !== undefined) {
      sendPermanentRedirect(res, req.baseUrl + location);
      return;
    }
    // 2. match the route
    let found: RouteMatch | undefined;
    try {
      found = shared ? match(req) : find(req);
    } catch (error) {
      next(error);
      return;
    }
    if (found === undefined) {
      next();
      return;
    }
    // 3. pick the method (unknown names answer 400, as in Next)
    const method = req.method;
    if (!isKnownMethod(method)) {
      res.writeHead(400);
      res.end();
      return;
    }
    // 4. a declared body over the limit never reaches the handler
    const declared = declaredTooLarge(req, bodyLimit);
    if (declared !== undefined) {
      res.setHeader('connection', 'close');
      next(bodyTooLarge(bodyLimit, declared));
      return;
    }
    // 5. the route file is imported on first use
    const loaded = found.route.loaded;
    if (loaded !== undefined) {
      serve(loaded, found, method, req, res);
      return;
    }
    loadRoute(found.route, logger)
      .then(
        (fresh) => serve(fresh, found, method, req, res),
        (error) => {
          logger.error({ err: options.devErrors?.forLog(error) ?? error, file: found.route.relativeFile }, (error as Error).message);
          if (options.devErrors === undefined) sendEmpty(res, 500);
          else options.devErrors.answer(error, found.route.relativeFile, req, res);
        },
      )
      .catch((error: unknown) => lastResort(error, found.route.relativeFile, req, res));
  }

  function serve(loaded: LoadedRoute, found: RouteMatch, method: HttpMethod, req: ExpressRequest, res: ExpressResponse): void {
    const entry = loaded.table.entries[method];
    if (entry === undefined) {
      if (method === 'OPTIONS') {
        res.writeHead(204, { allow: loaded.table.allow });
        res.end();
      } else {
        res.writeHead(405, { allow: loaded.table.allow });
        res.end();
      }
      return;
    }
    if (options.cache?.serve(loaded, entry, found, req, res, run)) return; // cached, or run the way its segment config says
    run(entry, found, req, res);
  }

  // 6. run the handler in the request context and write what it returns
  function run(entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse): void {
    const { route } = found;
    const request = toNextRequest(req, res, requestOptions);
    const store = new RequestStore(request, req, res, route.relativeFile);
    const limit = route.loaded?.maxDurationMs ?? options.handlerTimeoutMs;
    if (limit !== undefined) startDeadline(limit, request, store, req, res);
    let result: unknown;
    try {
      result = requestContext.run(store, entry.handler, request, { params: toRouteParams(found.params) });
    } catch (error) {
      result = Promise.reject(error);
    }
    // revalidateTag/revalidatePath in a synchronous handler: answer once they settle, as below.
    if (store.pendingRevalidates !== undefined && !isThenable(result)) result = Promise.resolve(result);
    // A thenable, not `instanceof Promise`: route code may come from another realm (jest's sandbox).
    if (isThenable(result)) {
      result
        .then(
          (value) => {
            const pending = store.pendingRevalidates;
            if (pending === undefined) {
              respond(value, entry, store, req, res);
              runAfter(store);
              return;
            }
            // The handler's revalidations reach the (shared) cache before its answer reaches the client.
            return Promise.all(pending).then(() => {
              respond(value, entry, store, req, res);
              runAfter(store);
            });
          },
          (error) => {
            fail(error, store, req, res);
            runAfter(store);
          },
        )
        .then(undefined, (error: unknown) => lastResort(error, store.routeFile, req, res));
    } else {
      try {
        respond(result, entry, store, req, res);
      } catch (error) {
        lastResort(error, store.routeFile, req, res);
      }
      runAfter(store);
    }
  }

  /** maxDuration / HANDLER_TIMEOUT_MS: abort the handler's signal, then 504 (nothing sent yet) or cut the connection. */
  function startDeadline(limit: number, request: Request, store: RequestStore, req: ExpressRequest, res: ExpressResponse): void {
    const timer = setTimeout(() => {
      if (res.writableFinished || res.destroyed) return;
      const sent = res.headersSent;
      logger.error(
        { file: store.routeFile, ...requestWhere(req), timeoutMs: limit },
        `Route handler '${store.routeFile}' did not finish its response within ${limit} ms (maxDuration, or HANDLER_TIMEOUT_MS); ${sent ? 'the connection was cut' : 'answered 504'}`,
      );
      abortRequest(request, new DOMException(`The route handler did not finish within ${limit} ms.`, 'TimeoutError'));
      if (sent) {
        res.destroy();
        return;
      }
      res.writeHead(504, { 'content-length': '0' });
      res.end();
    }, limit);
    res.once('close', () => clearTimeout(timer));
  }

  /** Whatever escaped the steps above (a bug, never the client's doing): logged, and the request ends. */
  function lastResort(error: unknown, file: string, req: ExpressRequest, res: ExpressResponse): void {
    logger.error({ err: error, file, ...requestWhere(req) }, `Unexpected error while answering with route handler '${file}'`);
    try {
      sendEmpty(res, 500);
    } catch {
      res.destroy();
    }
  }

  const dispatcher = dispatch as Dispatcher;
  dispatcher.match = match;
  dispatcher.served = (req) => {
    const path = servedPath(req.url);
    return path === req.url ? match(req) : find({ url: path } as ExpressRequest);
  };
  dispatcher.lookup = (pathname) => tree.match(pathname);
  dispatcher.settled = afterQueue.settled;
  dispatcher.setRoutes = (next) => {
    tree = treeOf(next);
  };
  return dispatcher;
}
