/**
 * @module createApp: an Express 5 app serving a folder of Next.js route files. It never listens
 * (use `app.listen()`, `npm start`, or hand it to supertest). Middleware order:
 *   1. health (liveness, readiness)      4. the route files (the dispatcher)
 *   2. request log                       5. not found (JSON 404)
 *   3. your middleware, then the project's next.config and proxy.ts (server/pipeline), then auth
 *                                        6. errors (JSON for client errors, empty 500 otherwise)
 */
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { chain } from './chain';
import { isNextpressError } from './errors';
import { consoleLogger, type EngineLogger } from './logger';
import { createDispatcher, type Dispatcher } from './dispatch/dispatcher';
import { loadRoute, type Route } from './loading/route';
import { preloadFailure } from './loading/route-load-error';
import { scanRoutes } from './routing/scan';
import { checkConflicts } from './routing/check-conflicts';
import { readRouteFiles } from './loading/read-route-files';
import { warnAboutExports } from './loading/warn-exports';
import type { CacheHandler } from './cache/cache-handler';
import { createMemoryCache } from './cache/memory-cache';
import { createResponseCache, type ResponseCache } from './cache/response-cache';
import { registerCache } from './cache/registry';
import { rejectInvalidHost } from './dispatch/reject-invalid-host';
import { createAfterQueue } from './dispatch/after-queue';
import { installLightResponse } from './next/light-response';
import { addPackageFallback } from './loading/load-route-module';
import type { AuthSettings } from './auth/types';
import { findProjectRoot } from './pipeline/find-project-root';
import { createPipeline } from './pipeline/create-pipeline';

export interface CreateAppOptions {
  /** The folder of route files (Next's `app/` folder, or a part of it). */
  routesDir: string;
  /**
   * The Next project folder, where next.config.* and proxy.ts / middleware.ts are read (default:
   * the parent of a routes folder named `app`, or the grandparent of `src/app`; none otherwise).
   */
  projectDir?: string;
  /** Largest request body a handler may read, in bytes (default 10 MB). Bigger bodies answer 413. */
  bodyLimit?: number;
  /** Express's `trust proxy` setting (default false): decides protocol, host and client address. */
  trustProxy?: boolean | number | string | string[];
  /** Import every route file now instead of on first use; `app.locals.nextpress.ready` settles when done. */
  preload?: boolean;
  /** A pino-style logger (default: plain console lines). */
  logger?: EngineLogger;
  /** Express middleware to run before the route files (cors, helmet, rate limits, ...). */
  middleware?: RequestHandler[];
  /** Middleware that sees the matched route before it runs (the auth guard plugs in here). */
  guards?: Array<(dispatcher: Dispatcher) => RequestHandler>;
  /** Health and request-log middleware to put first (set up by the CLI from config). */
  before?: RequestHandler[];
  /** Longest a response may take, in ms, for routes without `export const maxDuration` (default: no limit); past it: 504. */
  handlerTimeoutMs?: number;
  /** Where cached GET responses and unstable_cache data live (default: in memory, 1000 entries, 50 MB); see docs/caching.md. */
  cache?: CacheHandler;
  /** Sign-in (next-auth or Auth.js), protected paths and `auth()`; see docs/auth.md. */
  auth?: AuthSettings;
}

export interface RouteInfo {
  pattern: string;
  methods: string[];
  relativeFile: string;
}

/** What `app.locals.nextpress` holds. */
export interface NextpressState {
  routesDir: string;
  /** The Next project folder (next.config, proxy.ts), if any. */
  projectDir: string | undefined;
  /** The project files read at start, once `ready` settled: e.g. ['next.config.mjs', './proxy.ts']. */
  projectFiles(): string[];
  routes: RouteInfo[];
  /** Settles once preloading (if asked for) is done; rejects naming every file that failed. */
  ready: Promise<void>;
  /** Set by the lifecycle on SIGTERM; readiness answers 503 from then on. */
  draining: boolean;
  /** Resolves when all after() work queued so far has finished. */
  pendingAfter(): Promise<void>;
  dispatcher: Dispatcher;
  /** The response cache (segment config, next/cache). */
  cache: ResponseCache;
}

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

export function createApp(options: CreateAppOptions): Express & { locals: { nextpress: NextpressState } } {
  installLightResponse(); // `new Response('hi')` and `Response.json()` keep their string until read (light-response.ts)
  const logger = options.logger ?? consoleLogger;
  const routesDir = path.resolve(options.routesDir);

  // Scan to plain data first: nothing is imported here (conflicts and bad folders throw now).
  const files = scanRoutes(routesDir);
  checkConflicts(files);
  const routes: Route[] = readRouteFiles(files);
  for (const route of routes) warnAboutExports(route, logger);
  addPackageFallback(routesDir);

  const afterQueue = createAfterQueue(logger); // one runner of after() work, for handlers and regenerations
  const cache = createResponseCache({ handler: options.cache ?? createMemoryCache(), logger, afterQueue });
  const dispatcher = createDispatcher(routes, { bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, logger, cache, handlerTimeoutMs: options.handlerTimeoutMs, afterQueue });
  const auth = options.auth === undefined ? undefined : loadAuth().createAuth(options.auth, { routes, logger });
  // next.config and proxy.ts: undefined (nothing per request) when the project has neither.
  const projectDir = options.projectDir === undefined ? findProjectRoot(routesDir) : path.resolve(options.projectDir);
  const pipeline = projectDir === undefined ? undefined : createPipeline(projectDir, { logger, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, lookup: dispatcher.lookup });

  const app = express();
  app.disable('x-powered-by');
  registerCache(app, cache); // next/cache finds it through req.app
  app.disable('etag');
  app.set('trust proxy', options.trustProxy ?? false);

  // The engine's own middleware runs as one Express layer each side of yours (see chain.ts).
  if (options.before !== undefined && options.before.length > 0) app.use(chain(options.before)); // 1, 2
  for (const handler of options.middleware ?? []) app.use(handler); // 3
  app.use(
    chain([
      rejectInvalidHost, // 3: a Host no URL can be built from answers 400
      ...(pipeline === undefined ? [] : [pipeline.handler]), // 3: next.config headers/redirects/rewrites, proxy.ts
      ...(auth?.middleware ?? []), // 3: auth (sign-in endpoints, session lookup)
      ...(auth === undefined ? [] : [auth.guard(dispatcher)]), // 3: protected paths
      ...(options.guards ?? []).map((guard) => guard(dispatcher)),
      dispatcher, // 4
    ]),
  );
  app.use(notFound); // 5
  app.use(errorHandler(logger)); // 6

  const preloaded = options.preload ? preloadAll(routes) : Promise.resolve();
  const ready = pipeline === undefined ? preloaded : Promise.all([pipeline.ready, preloaded]).then(() => undefined);
  ready.catch(() => {}); // reported to whoever awaits it (the CLI); never an unhandled rejection

  const state: NextpressState = {
    routesDir,
    projectDir,
    projectFiles: () => {
      const loaded = pipeline?.loaded();
      return [loaded?.config?.file, loaded?.proxy?.file].filter((file): file is string => file !== undefined);
    },
    routes: routes.map((route) => ({ pattern: route.pattern, methods: route.declaredMethods, relativeFile: route.relativeFile })),
    ready,
    draining: false,
    pendingAfter: () => Promise.all([dispatcher.settled(), cache.settled(), pipeline?.settled()]).then(() => undefined),
    dispatcher,
    cache,
  };
  app.locals.nextpress = state;
  return app as Express & { locals: { nextpress: NextpressState } };
}

/** Auth.js and next-auth take ~300 ms to load: only apps that use auth pay for it. */
function loadAuth(): typeof import('./auth/create-auth') {
  return require('./auth/create-auth');
}

/** Imports every route file, one after another; all that fail are reported together. */
async function preloadAll(routes: Route[]): Promise<void> {
  const errors: unknown[] = [];
  for (const route of routes) await loadRoute(route).catch((error: unknown) => errors.push(error));
  if (errors.length > 0) throw preloadFailure(errors);
}

const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'Not Found' });
};

/** Client errors (4xx NextpressError) answer JSON with their reason; everything else is logged and answers an empty 500. */
function errorHandler(logger: EngineLogger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = isNextpressError(error) ? error.status : typeof error?.status === 'number' ? error.status : 500;
    const expose = isNextpressError(error) ? error.expose : status < 500 && error?.expose !== false;
    if (status >= 500) logger.error({ err: error, method: req.method, url: req.originalUrl }, error?.message ?? 'Unhandled error');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (status === 413) res.setHeader('connection', 'close');
    if (expose && status < 500) {
      res.status(status).json({ error: error.message });
      return;
    }
    res.writeHead(status >= 400 && status < 600 ? status : 500);
    res.end();
  };
}
