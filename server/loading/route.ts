/**
 * @module A route: the scanned file (plain data) plus, once imported, its module and method table.
 * Loading happens once per file; concurrent first requests share one import, and a file that
 * fails to load is tried again on the next request (so fixing it needs no restart). Once loaded,
 * its exports are checked as Next checks them (warnAboutExports).
 */
import type { EngineLogger } from '../logging/engine-logger';
import type { RouteFile } from '../routing/types';
import { buildMethodTable, type MethodTable } from './method-table';
import { loadRouteModule } from './load-route-module';
import { warnAboutExports } from './warn-exports';

export interface LoadedRoute {
  module: Record<string, unknown>;
  table: MethodTable;
  /** `export const maxDuration = N` (seconds) in ms; undefined when the file sets none. */
  maxDurationMs: number | undefined;
}

export interface Route extends RouteFile {
  loaded: LoadedRoute | undefined;
  loading: Promise<LoadedRoute> | undefined;
}

/** A scanned route file, not imported yet. */
export function toRoute(file: RouteFile): Route {
  return { ...file, loaded: undefined, loading: undefined };
}

export function loadRoute(route: Route, logger: EngineLogger): Promise<LoadedRoute> {
  if (route.loaded !== undefined) return Promise.resolve(route.loaded);
  route.loading ??= loadRouteModule(route.file, route.relativeFile).then(
    (module) => {
      warnAboutExports(module, route.relativeFile, logger);
      const loaded: LoadedRoute = { module, table: buildMethodTable(module), maxDurationMs: readMaxDuration(module) };
      route.loaded = loaded;
      route.loading = undefined;
      return loaded;
    },
    (error) => {
      route.loading = undefined;
      throw error;
    },
  );
  return route.loading;
}

/** Next's `maxDuration` segment export: `5` -> 5000 ms; a missing, zero, negative or non-number value -> undefined. */
export function readMaxDuration(mod: Record<string, unknown>): number | undefined {
  const seconds = mod.maxDuration;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : undefined;
}
