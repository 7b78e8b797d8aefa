/**
 * @module createReloader: development's reload, without a restart (the process, its dev
 * AUTH_SECRET, caches of node_modules and open connections stay):
 *   1. scan the routes folder again and check conflicts; a problem is reported and the last good
 *      route table keeps serving;
 *   2. forget the project's evaluated modules, so edited files (route files and what they import)
 *      are evaluated again on their next request;
 *   3. swap the dispatcher's route table: new routes answer at once, deleted ones 404.
 *
 *   edit api/items/[id]/route.ts -> { ok: true, routes: 12 }   (next request runs the new code)
 *   add a conflicting folder     -> { ok: false, error }       (the 12 routes keep serving)
 */
import type { EngineLogger } from '../logging/engine-logger';
import type { Dispatcher } from '../dispatch/dispatcher';
import { forgetProjectModules } from '../loading/forget-modules';
import { readRouteFiles } from '../loading/read-route-files';
import type { Route } from '../loading/route';
import { warnAboutExports } from '../loading/warn-exports';
import { checkConflicts } from '../routing/check-conflicts';
import { scanRoutes } from '../routing/scan';

export type ReloadResult = { ok: true; routes: Route[]; ms: number } | { ok: false; error: unknown; ms: number };

export interface ReloaderOptions {
  routesDir: string;
  /** Modules under it are evaluated again (the project root, or the routes folder). */
  root: string;
  dispatcher: Pick<Dispatcher, 'setRoutes'>;
  logger: EngineLogger;
  /** Told the new table once it serves. */
  onRoutes(routes: Route[]): void;
}

export function createReloader({ routesDir, root, dispatcher, logger, onRoutes }: ReloaderOptions): () => ReloadResult {
  return function reload(): ReloadResult {
    const started = performance.now();
    let routes: Route[];
    try {
      const files = scanRoutes(routesDir);
      checkConflicts(files);
      routes = readRouteFiles(files);
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      logger.error({ err: error }, `Reload failed: ${(error as Error).message} The last good route table keeps serving.`);
      return { ok: false, error, ms };
    }
    for (const route of routes) warnAboutExports(route, logger);
    forgetProjectModules(root);
    dispatcher.setRoutes(routes);
    onRoutes(routes);
    return { ok: true, routes, ms: Math.round(performance.now() - started) };
  };
}
