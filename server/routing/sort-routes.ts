/**
 * @module sortRoutes: route files -> Next's precedence order (the order a first-match router must
 * try them), read from the route tree (createRouteTree, not strict: this only orders).
 */
import { createRouteTree } from './route-tree';
import type { RouteFile } from './types';

/**
 * Orders routes as Next's route sorter does, level by level: a folder's own route first, then its
 * static children (alphabetical, by UTF-16 code units), then `[param]`, then `[...catchAll]`, then
 * `[[...optional]]`. The result does not depend on the input order (ties, which checkConflicts
 * rejects anyway, fall back to relativeFile). Returns a new array.
 *
 *   ['/[id]', '/b', '/', '/a']                  -> ['/', '/a', '/b', '/[id]']
 *   ['/a/[...r]', '/a/[x]', '/a/[[...o]]', '/a/z'] -> ['/a/z', '/a/[x]', '/a/[...r]', '/a/[[...o]]']
 *   ['/a/b/c', '/a/[x]/d', '/a']                -> ['/a', '/a/b/c', '/a/[x]/d']
 *   ['/[x]/y', '/[x]']                          -> ['/[x]', '/[x]/y']
 */
export function sortRoutes(routes: RouteFile[]): RouteFile[] {
  const byFile = [...routes].sort(compareFiles);
  return createRouteTree(
    byFile.map((route) => ({ segments: route.segments, value: route, relativeFile: route.relativeFile })),
    { strict: false },
  ).routes();
}

/** relativeFile in plain code-unit order (not locale-aware, so the same everywhere). */
function compareFiles(a: RouteFile, b: RouteFile): number {
  return a.relativeFile < b.relativeFile ? -1 : a.relativeFile > b.relativeFile ? 1 : 0;
}
