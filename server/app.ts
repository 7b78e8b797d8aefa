/**
 * @module createApp: an Express 5 app serving a folder of Next.js route files (`routesDir`), or a
 * Next project where it lies (`dir`: its app/ or src/app/). It never listens (use `app.listen()`,
 * `npm start`, or hand it to supertest) and never changes process.cwd() (the CLI does, to the
 * project root; as a library the working directory stays the caller's). Middleware order:
 *   1. health (liveness, readiness)      4. the route files (the dispatcher)
 *   2. request log                       5. not found (JSON 404)
 *   3. your middleware (createApp's `middleware`, then any `app.use` on the returned app), then the
 *      project's next.config and proxy.ts (server/pipeline), then auth
 *                                        6. errors (JSON for client errors, empty 500 otherwise)
 * With no middleware of yours, requests skip Express's router (the engine lane: lane/open-engine-lane.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import { openEngineLane } from './lane/open-engine-lane';
import { createExpressApp } from './lane/create-express-app';
import { laneListen } from './lane/lane-listen';
import { isNextpressError, NextpressError } from './errors';
import { consoleLogger, type EngineLogger } from './logging/engine-logger';
import { createDispatcher, type Dispatcher } from './dispatch/dispatcher';
import { loadRoute, toRoute, type Route } from './loading/route';
import { preloadFailure } from './loading/route-load-error';
import { scanFolder } from './routing/scan';
import { findAppFolder } from './loading/find-app-folder';
import { checkConflicts } from './routing/check-conflicts';
import type { CacheHandler } from './cache/cache-handler';
import { createMemoryCache } from './cache/memory-cache';
import { createResponseCache, type ResponseCache } from './cache/response-cache';
import { registerCache } from './cache/registry';
import { installFetchPatch } from './cache/patch-fetch';
import { rejectInvalidHost } from './dispatch/reject-invalid-host';
import { createAfterQueue } from './dispatch/after-queue';
import { installLightResponse } from './next/light-response';
import { installCheapWebStreams } from './next/cheap-web-streams';
import { pinInstalledPackages } from './loading/pin-installed-packages';
import type { AuthSettings } from './auth/types';
import { findProjectRoot } from './loading/find-project-root';
import { createReloader, type Reload } from './dev/create-reloader';
import type { DevErrors } from './dev/create-dev-errors';
import { createPipeline } from './pipeline/create-pipeline';
import { sendJsonError } from './adapter/send-json-error';
import { loadInstrumentation, reportToInstrumentation, type LoadedInstrumentation } from './pipeline/load-instrumentation';
import { requestWhere } from './logging/request-where';

export interface CreateAppOptions {
  /** The folder of route files (Next's `app/` folder, or a part of it). Give this or `dir`. */
  routesDir?: string;
  /**
   * A Next project root: its `app/` (or else `src/app/`) is the routes folder; a folder with
   * neither is served as a folder of route files. process.cwd() is not changed (the CLI does that).
   */
  dir?: string;
  /**
   * The Next project folder, where next.config.* and proxy.ts / middleware.ts are read (default:
   * `dir`, or the parent of a routes folder named `app`, or the grandparent of `src/app`; none otherwise).
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
  /**
   * Development: a handler's error answers a readable 500 (HTML for browsers, JSON otherwise: the
   * message, the route file, a code frame) and is logged without Express's frames. Default: when
   * NODE_ENV is `development` (as `nextpress dev` sets it); production's 500 stays empty. The
   * project's next.config and proxy.ts are then read again on `reload`, even if added later.
   */
  dev?: boolean;
}

export interface RouteInfo {
  pattern: string;
  /** The methods the file exports, once it is loaded (preload, or its first request); undefined before. */
  methods: string[] | undefined;
  relativeFile: string;
}

/** What `app.locals.nextpress` holds. */
export interface NextpressState {
  routesDir: string;
  /** The Next project folder (next.config, proxy.ts), if any. */
  projectDir: string | undefined;
  /** The project files read at start, once `ready` settled: e.g. ['next.config.mjs', './proxy.ts']. */
  projectFiles(): string[];
  /** Pages, layouts, metadata and style files under the routes folder (relative, sorted): not served. */
  notServed: string[];
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
  /** Development: rescan the routes, forget the project's evaluated modules, serve the new table, read next.config and proxy again (dev/create-reloader.ts). */
  reload: Reload;
}

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

export type NextpressApp = Express & { locals: { nextpress: NextpressState } };

export function createApp(options: CreateAppOptions): NextpressApp {
  // As Next's server sets it: code branching on `process.env.NEXT_RUNTIME === 'nodejs'` (instrumentation.ts, libraries) takes the Node path.
  process.env.NEXT_RUNTIME ??= 'nodejs';
  const { routesDir, projectDir: given } = routesFolder(options);

  // Scan to plain data first: nothing is imported here (conflicts and bad folders throw now).
  const { routes: files, notServed } = scanFolder(routesDir);
  checkConflicts(files, notServed);
  const routes: Route[] = files.map(toRoute);
  return createAppFromRoutes(routes, { ...options, routesDir, dir: undefined, projectDir: options.projectDir ?? given }, { notServed });
}

/**
 * createApp for a route table made elsewhere (testRoute's one route, its module already loaded):
 * the same app, middleware and dispatcher; `routesDir` is where packages resolve from.
 */
export function createAppFromRoutes(routes: Route[], options: CreateAppOptions, scanned: { notServed?: string[] } = {}): NextpressApp {
  installCheapWebStreams(); // Node 20: `new ReadableStream()` without makeTransferable (cheap-web-streams.ts)
  installLightResponse(); // `new Response('hi')` and `Response.json()` keep their string until read (light-response.ts)
  const logger = options.logger ?? consoleLogger;
  const routesDir = path.resolve(options.routesDir ?? options.dir ?? '.');
  const notServed = scanned.notServed ?? [];
  pinInstalledPackages(routesDir); // the real next or server-only, if installed, never runs
  // next.config and proxy.ts: undefined (nothing per request) when the project has neither.
  const projectDir = options.projectDir !== undefined ? path.resolve(options.projectDir) : findProjectRoot(routesDir);
  installFetchPatch(projectDir ?? routesDir); // in a request: Next's data cache (cache/fetch-cache.ts); file: URLs below this folder
  const dev = options.dev ?? process.env.NODE_ENV === 'development';
  const devErrors = dev ? loadDevErrors().createDevErrors(projectDir ?? routesDir) : undefined;
  const afterQueue = createAfterQueue(logger); // one runner of after() work, for handlers and regenerations
  const cache = createResponseCache({ handler: options.cache ?? createMemoryCache(), logger, afterQueue });
  let instrumentation: LoadedInstrumentation | undefined; // instrumentation.ts, once `ready`
  const dispatcher = createDispatcher(routes, {
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logger,
    cache,
    handlerTimeoutMs: options.handlerTimeoutMs,
    afterQueue,
    onHandlerError: reportToInstrumentation(() => instrumentation, logger),
    devErrors,
  });
  const auth =
    options.auth === undefined ? undefined : loadAuth().createAuth(options.auth, { routes, logger, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT });
  const pipeline =
    projectDir === undefined
      ? undefined
      : createPipeline(projectDir, { logger, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, lookup: dispatcher.lookup, always: dev });

  const app = createExpressApp(); // express(), without the body parsers nextpress does not use
  app.disable('x-powered-by');
  registerCache(app, cache); // next/cache finds it through req.app
  app.disable('etag');
  app.set('trust proxy', options.trustProxy ?? false);

  // Requests reach the engine in one of two lanes (lane/open-engine-lane.ts): straight to it when no
  // Express middleware of yours is on the app, through Express's router (yours first) when one is.
  openEngineLane(app, {
    head: options.before ?? [], // 1, 2
    middleware: options.middleware ?? [], // 3
    engine: [
      rejectInvalidHost, // 3: a Host no URL can be built from answers 400
      ...(pipeline === undefined ? [] : [pipeline.handler]), // 3: next.config headers/redirects/rewrites, proxy.ts
      ...(auth?.middleware(dispatcher) ?? []), // 3: auth (sign-in endpoints, session lookup)
      ...(auth === undefined ? [] : [auth.guard(dispatcher)]), // 3: protected paths
      ...(options.guards ?? []).map((guard) => guard(dispatcher)),
      dispatcher, // 4
    ],
    notFound: notFoundHandler, // 5
    errors: errorHandler(logger, devErrors), // 6
  });
  // app.listen() builds its requests with the app's prototypes already set (lane/lane-classes.ts).
  app.listen = laneListen(app) as Express['listen'];

  const preloaded = options.preload ? preloadAll(routes, logger) : Promise.resolve();
  // instrumentation.ts's register() runs once, before the server listens (the CLI awaits `ready`).
  const instrumented = projectDir === undefined ? undefined : loadInstrumentation(projectDir).then((loaded) => void (instrumentation = loaded));
  const ready = Promise.all([pipeline?.ready, preloaded, instrumented]).then(() => undefined);
  ready.catch(() => {}); // reported to whoever awaits it (the CLI); never an unhandled rejection

  const state: NextpressState = {
    routesDir,
    projectDir,
    projectFiles: () => {
      const loaded = pipeline?.loaded();
      return [loaded?.config?.file, loaded?.proxy?.file, instrumentation?.file].filter((file): file is string => file !== undefined);
    },
    notServed,
    routes: routes.map(toRouteInfo),
    ready,
    draining: false,
    pendingAfter: () => Promise.all([dispatcher.settled(), cache.settled(), pipeline?.settled()]).then(() => undefined),
    dispatcher,
    cache,
    reload: createReloader({
      routesDir,
      root: projectDir ?? routesDir,
      dispatcher,
      logger,
      pipeline,
      onRoutes: (fresh) => {
        state.routes = fresh.map(toRouteInfo);
      },
    }),
  };
  app.locals.nextpress = state;
  return app as NextpressApp;
}

/** A live view: `methods` reads the module's exports once the route has loaded. */
function toRouteInfo(route: Route): RouteInfo {
  return {
    pattern: route.pattern,
    get methods() {
      return route.loaded?.table.exported;
    },
    relativeFile: route.relativeFile,
  };
}

/**
 *   { routesDir: 'r' }               -> { routesDir: <abs r>, projectDir: undefined }
 *   { dir: 'blog' } with blog/src/app -> { routesDir: <abs blog/src/app>, projectDir: <abs blog> }
 *   { dir: 'routes' } (no app/)       -> { routesDir: <abs routes>, projectDir: undefined }
 *   both, or neither                  -> throws NextpressError
 */
function routesFolder(options: CreateAppOptions): { routesDir: string; projectDir: string | undefined } {
  if ((options.routesDir === undefined) === (options.dir === undefined)) {
    throw new NextpressError(
      `createApp was given ${options.dir === undefined ? "neither 'dir' nor 'routesDir'" : "both 'dir' and 'routesDir'"}. Pass one: 'dir' for a Next project root (its app/ or src/app/), or 'routesDir' for a folder of route files.`,
      { code: 'ROUTES_DIR' },
    );
  }
  if (options.routesDir !== undefined) return { routesDir: path.resolve(options.routesDir), projectDir: undefined };
  const dir = path.resolve(options.dir!);
  const app = findAppFolder(dir, (folder) => fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true);
  return app === undefined ? { routesDir: dir, projectDir: undefined } : { routesDir: app, projectDir: dir };
}

/** Auth.js and next-auth take ~300 ms to load: only apps that use auth pay for it. */
function loadAuth(): typeof import('./auth/create-auth') {
  return require('./auth/create-auth');
}

/** The readable 500 and its code frames: only development loads them. */
function loadDevErrors(): typeof import('./dev/create-dev-errors') {
  return require('./dev/create-dev-errors');
}

/** Imports every route file, one after another; all that fail are reported together. */
async function preloadAll(routes: Route[], logger: EngineLogger): Promise<void> {
  const errors: unknown[] = [];
  for (const route of routes) await loadRoute(route, logger).catch((error: unknown) => errors.push(error));
  if (errors.length > 0) throw preloadFailure(errors);
}

const notFoundHandler: RequestHandler = (_req, res) => {
  sendJsonError(res, 404, 'Not Found');
};

/** Client errors (4xx NextpressError) answer JSON with their reason; everything else is logged and answers an empty 500 (in development, a readable one). */
function errorHandler(logger: EngineLogger, devErrors: DevErrors | undefined): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = isNextpressError(error) ? error.status : typeof error?.status === 'number' ? error.status : 500;
    const expose = isNextpressError(error) ? error.expose : status < 500 && error?.expose !== false;
    if (status >= 500) logger.error({ err: devErrors?.forLog(error) ?? error, ...requestWhere(req) }, error?.message ?? 'Unhandled error');
    if (status >= 500 && devErrors !== undefined) return devErrors.answer(error, undefined, req, res, status < 600 ? status : 500);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (status === 413) res.setHeader('connection', 'close');
    if (expose && status < 500) {
      sendJsonError(res, status, error.message);
      return;
    }
    res.writeHead(status >= 400 && status < 600 ? status : 500);
    res.end();
  };
}
