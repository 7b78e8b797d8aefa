/**
 * @module createPipeline: a Next project's next.config and proxy.ts as one request handler, run
 * before the auth guard and the dispatcher. Undefined when the project has neither file (then
 * nothing runs per request). Both files are read once, at start (`ready`). Per request, in
 * Next's documented order (development reloads both files on change: `reload`):
 *   1. basePath (outside it: 404) and trailingSlash: the path routes and sources match on
 *   2. redirects: a non-canonical URL answers 308 (not with skipTrailingSlashRedirect); then the
 *      first matching `redirects` rule answers 307/308 (or its statusCode), the location as body;
 *      neither carries the `headers` rules (as Next 16 answers them)
 *   3. next.config `headers`: set on the response now, so whatever answers from here carries them
 *   4. proxy.ts / middleware.ts, when its matcher matches
 *   5. `beforeFiles` rewrites, each followed by a route check (a match -> the dispatcher)
 *   6. a static route (no dynamic segment) -> the dispatcher
 *   7. `afterFiles` rewrites, each followed by a route check
 *   8. a dynamic route -> the dispatcher
 *   9. `fallback` rewrites, each followed by a route check
 * An internal rewrite changes `req.url` (which route runs, and its params); the handler's
 * `request.url` stays the one the client asked for. An `http(s)://` destination is proxied.
 */
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express';
import type { EngineLogger } from '../logging/engine-logger';
import type { RouteMatch } from '../dispatch/dispatcher';
import { buildDestination, formatDestination, interpolate } from './build-destination';
import { canonicalPath } from './canonical-path';
import { matchRule, type RewriteRule } from './compile-custom-routes';
import { findNextConfig, loadNextConfig, type NextConfig } from './load-next-config';
import { findProxyFile, loadProxy, type LoadedProxy } from './load-proxy';
import { proxyExternal } from './proxy-external';
import { RequestView } from './request-view';
import { runProxy } from './run-proxy';
import { kBasePath } from '../next/request';
import { sendJsonError } from '../adapter/send-json-error';
import { sendPermanentRedirect } from '../adapter/send-permanent-redirect';
import { markPresetHeaders } from '../adapter/preset-headers';

export interface PipelineOptions {
  logger: EngineLogger;
  bodyLimit: number;
  /** The route a path resolves to (no caching on the request); throws the 400 for malformed encoding. */
  lookup(pathname: string): RouteMatch | undefined;
  /** Development: a pipeline even without either file, so one added later is read on `reload`. */
  always?: boolean;
}

export interface Pipeline {
  handler: RequestHandler;
  /** Settles once next.config and the proxy are loaded; rejects naming the file that failed. */
  ready: Promise<void>;
  /** Resolves when all event.waitUntil() work queued so far has settled. */
  settled(): Promise<void>;
  /** The config and proxy, once loaded (for messages and tests). */
  loaded(): { config: NextConfig | undefined; proxy: LoadedProxy | undefined } | undefined;
  /** Development: reads both files again; serves them once both loaded (a failure rejects, and the last good ones keep serving). */
  reload(): Promise<void>;
}

interface State {
  config: NextConfig | undefined;
  proxy: LoadedProxy | undefined;
}

const NO_CONFIG = { basePath: '', trailingSlash: false, skipTrailingSlashRedirect: false };

/** Outside basePath: the app's own 404. */
function sendNotFound(res: ExpressResponse): void {
  sendJsonError(res, 404, 'Not Found');
}

export function createPipeline(projectDir: string, options: PipelineOptions): Pipeline | undefined {
  // Found now (sync), so a project without either file costs nothing; both conventions at once throw here.
  if (!options.always && findNextConfig(projectDir) === undefined && findProxyFile(projectDir) === undefined) return undefined;
  const { logger, bodyLimit, lookup } = options;
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    work.finally(() => pending.delete(work));
  };
  let state: State | undefined;
  const load = (fresh: boolean) =>
    Promise.all([loadNextConfig(projectDir, logger, fresh), loadProxy(projectDir, logger, fresh)]).then(([config, proxy]) => {
      state = { config, proxy };
    });
  const ready = load(false);
  ready.catch(() => {}); // reported to whoever awaits it (the CLI, a test)

  async function handle(current: State, req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> {
    const { config, proxy } = current;
    const settings = config ?? NO_CONFIG;
    const routes = config?.routes;
    const url = req.url;
    if (url.charCodeAt(0) !== 47 /* / */) return next(); // '*' (OPTIONS) or an absolute-form target: not a path
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    const view = new RequestView(req, q === -1 ? '' : url.slice(q));

    // 1. basePath and trailing slash (its redirect is the first of step 2, as Next's is the first of its redirects)
    const where = canonicalPath(pathname, settings.basePath, settings.trailingSlash);
    let inBase = where !== undefined;
    if (inBase && settings.basePath !== '') (req as { [kBasePath]?: string })[kBasePath] = settings.basePath; // nextUrl.basePath
    let path = where?.path ?? pathname;
    const prefix = (rule: { basePath: boolean }, destination: { origin: string | undefined }) =>
      rule.basePath && destination.origin === undefined ? settings.basePath : '';

    // 2. redirects: the trailing-slash one, then next.config's; neither carries the headers' rules
    // (Next returns its redirects without the headers it matched: resolve-routes' `resHeaders: null`)
    if (where !== undefined && where.canonical !== pathname && !settings.skipTrailingSlashRedirect) {
      sendPermanentRedirect(res, where.canonical + (view.search === '?' ? '' : view.search)); // a bare `?` dropped, as Next does
      return;
    }
    for (const rule of routes?.redirects ?? []) {
      if (rule.basePath && !inBase) continue;
      const params = matchRule(rule, path, pathname, view);
      if (params === undefined) continue;
      const destination = buildDestination({ destination: rule.destination, params, query: view.pairs, appendParamsToQuery: false });
      // As Next answers a config redirect: the location as the body, and `Refresh` on a 308.
      const location = formatDestination(destination, prefix(rule, destination));
      res.writeHead(rule.status, rule.status === 308 ? { location, refresh: `0;url=${location}` } : { location });
      res.end(location);
      return;
    }
    // 3. headers: set now, so whatever answers from here carries them; they win over the route's
    // headers of the same name, as in Next
    const names: string[] = [];
    for (const rule of routes?.headers ?? []) {
      if (rule.basePath && !inBase) continue;
      const params = matchRule(rule, path, pathname, view);
      if (params === undefined) continue;
      for (const header of rule.headers) {
        const name = interpolate(header.key, params);
        res.setHeader(name, interpolate(header.value, params));
        names.push(name);
      }
    }
    if (names.length > 0) markPresetHeaders(res, names);

    // 4. proxy.ts / middleware.ts
    if (proxy !== undefined && inBase && (proxy.matches === undefined || proxy.matches(path, view))) {
      const outcome = await runProxy(proxy, req, res, { logger, bodyLimit, track });
      if (!outcome.next) return;
      if (outcome.rewrite !== undefined) {
        const target = new URL(outcome.rewrite);
        const own = `${req.protocol}://${req.host}`;
        if (target.origin !== own) return proxyExternal(req, res, target.href, logger);
        const inner = canonicalPath(target.pathname, settings.basePath, false);
        path = inner?.path ?? target.pathname;
        view.setSearch(target.search);
      }
    }

    // A rewrite: external -> proxied (true); internal -> the new path and query.
    const apply = (rule: RewriteRule): boolean | undefined => {
      if (rule.basePath && !inBase) return undefined;
      const params = matchRule(rule, path, pathname, view);
      if (params === undefined) return undefined;
      const destination = buildDestination({ destination: rule.destination, params, query: view.pairs, appendParamsToQuery: true });
      if (destination.origin !== undefined) {
        void proxyExternal(req, res, formatDestination(destination), logger).catch(next);
        return true;
      }
      // Normalised as a request's path would be; `basePath: false`: the destination is a full path, and routes are under basePath.
      const inner = canonicalPath(destination.pathname, rule.basePath ? '' : settings.basePath, false);
      inBase = inner !== undefined;
      path = inner?.path ?? destination.pathname;
      view.setSearch(destination.search);
      return false;
    };
    const routed = () => (inBase ? lookup(path) : undefined);
    const go = () => {
      req.url = path + view.search;
      next();
    };

    // No rewrites: the dispatcher matches on its own (one route lookup, not two).
    if (routes === undefined || routes.beforeFiles.length + routes.afterFiles.length + routes.fallback.length === 0) return inBase ? go() : sendNotFound(res);

    // 5. beforeFiles
    for (const rule of routes?.beforeFiles ?? []) {
      const outcome = apply(rule);
      if (outcome === true) return;
      if (outcome === false && routed() !== undefined) return go();
    }
    // 6. static routes
    let found = routed();
    if (found?.route.segments.every((segment) => segment.kind === 'static')) return go();
    // 7. afterFiles, 8. dynamic routes, 9. fallback
    for (const rule of routes?.afterFiles ?? []) {
      const outcome = apply(rule);
      if (outcome === true) return;
      if (outcome === false && routed() !== undefined) return go();
    }
    found = routed();
    if (found !== undefined) return go();
    for (const rule of routes?.fallback ?? []) {
      const outcome = apply(rule);
      if (outcome === true) return;
      if (outcome === false && routed() !== undefined) return go();
    }
    if (!inBase) return sendNotFound(res);
    go();
  }

  const handler: RequestHandler = (req, res, next) => {
    if (state !== undefined) return handle(state, req, res, next);
    return ready.then(() => handle(state!, req, res, next));
  };

  return {
    handler,
    ready,
    settled: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    loaded: () => state,
    reload: () => load(true),
  };
}
