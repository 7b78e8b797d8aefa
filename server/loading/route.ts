/**
 * @module A route: the scanned file (plain data) plus, once imported, its module and method table.
 * Loading happens once per file; concurrent first requests share one import, and a file that
 * fails to load is tried again on the next request (so fixing it needs no restart).
 */
import type { RouteFile } from '../routing/types';
import { buildMethodTable, type MethodTable } from './method-table';
import { loadRouteModule } from './load-route-module';

export interface LoadedRoute {
  module: Record<string, unknown>;
  table: MethodTable;
  /** `export const maxDuration = N` (seconds) in ms; undefined when the file sets none. */
  maxDurationMs: number | undefined;
}

export interface Route extends RouteFile {
  /** Methods the file exports, read from its source at start-up (for the route table). */
  declaredMethods: string[];
  loaded: LoadedRoute | undefined;
  loading: Promise<LoadedRoute> | undefined;
}

export function loadRoute(route: Route): Promise<LoadedRoute> {
  if (route.loaded !== undefined) return Promise.resolve(route.loaded);
  route.loading ??= loadRouteModule(route.file, route.relativeFile).then(
    (module) => {
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
