/**
 * @module createReloader: development's reload, without a restart (the process, its dev
 * AUTH_SECRET, caches of node_modules and open connections stay). Given the files that changed:
 *   1. a tsconfig/jsconfig among them: the loaders are built again (their `paths`, `baseUrl`);
 *   2. scan the routes folder again and check conflicts; a problem is reported and the last good
 *      route table keeps serving;
 *   3. forget the project's evaluated modules, so edited files (route files, what they import,
 *      next.config, proxy.ts) are evaluated again on their next import;
 *   4. swap the dispatcher's route table: new routes answer at once, deleted ones 404;
 *   5. read next.config and proxy.ts (or middleware.ts) again: a file that fails (a syntax error)
 *      is reported and the last good ones keep serving.
 *
 *   edit api/items/[id]/route.ts  -> { ok: true, routes: [...12] }   (next request runs the new code)
 *   add a conflicting folder      -> { ok: false, error }            (the 12 routes keep serving)
 *   break proxy.ts                -> { ok: false, error }            (the last good proxy runs)
 */
import path from 'node:path';
import type { EngineLogger } from '../logging/engine-logger';
import type { Dispatcher } from '../dispatch/dispatcher';
import { forgetProjectModules } from '../loading/forget-modules';
import { forgetLoaders } from '../loading/load-route-module';
import { toRoute, type Route } from '../loading/route';
import { checkConflicts } from '../routing/check-conflicts';
import { scanFolder } from '../routing/scan';

export type ReloadResult = { ok: true; routes: Route[]; ms: number } | { ok: false; error: unknown; ms: number };

export interface ReloaderOptions {
  routesDir: string;
  /** Modules under it are evaluated again (the project root, or the routes folder). */
  root: string;
  dispatcher: Pick<Dispatcher, 'setRoutes'>;
  logger: EngineLogger;
  /** Told the new table once it serves. */
  onRoutes(routes: Route[]): void;
  /** next.config and proxy.ts, read again on every reload (what they import may have changed). */
  pipeline?: { reload(): Promise<void> };
}

/** `files`: the paths that changed (absolute, or relative to `root`); none: reload everything but the loaders. */
export type Reload = (files?: readonly string[]) => Promise<ReloadResult>;

const TS_CONFIG = /^(?:tsconfig|jsconfig)(?:\.[\w.-]+)?\.json$/;

export function createReloader({ routesDir, root, dispatcher, logger, onRoutes, pipeline }: ReloaderOptions): Reload {
  return async function reload(files = []): Promise<ReloadResult> {
    const started = performance.now();
    const failed = (error: unknown, what: string): ReloadResult => {
      logger.error({ err: error }, `Reload failed: ${(error as Error).message} ${what}`);
      return { ok: false, error, ms: Math.round(performance.now() - started) };
    };
    if (files.some((file) => TS_CONFIG.test(path.basename(file)))) forgetLoaders();
    let routes: Route[];
    try {
      const { routes: files, notServed } = scanFolder(routesDir);
      checkConflicts(files, notServed);
      routes = files.map(toRoute);
    } catch (error) {
      return failed(error, 'The last good route table keeps serving.');
    }
    forgetProjectModules(root);
    dispatcher.setRoutes(routes);
    onRoutes(routes);
    if (pipeline !== undefined) {
      try {
        await pipeline.reload();
      } catch (error) {
        return failed(error, 'The last good next.config and proxy keep serving.');
      }
    }
    return { ok: true, routes, ms: Math.round(performance.now() - started) };
  };
}
