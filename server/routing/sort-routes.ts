/**
 * @module sortRoutes: route files -> Next's precedence order (the order a first-match router must try them).
 */
import type { RouteFile, Segment } from './types';

const RANK: Record<Segment['kind'], number> = { static: 0, param: 1, catchAll: 2, optionalCatchAll: 3 };

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
  return [...routes].sort(compareRoutes);
}

function compareRoutes(a: RouteFile, b: RouteFile): number {
  const length = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const order = compareSegments(a.segments[i], b.segments[i]);
    if (order !== 0) return order;
  }
  // The shorter one is the parent folder's own route, which comes before its children.
  if (a.segments.length !== b.segments.length) return a.segments.length - b.segments.length;
  return compareStrings(a.relativeFile, b.relativeFile);
}

function compareSegments(a: Segment, b: Segment): number {
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  return a.kind === 'static' ? compareStrings(a.value, (b as { value: string }).value) : 0;
}

/** Plain code-unit order, like Array.prototype.sort (not locale-aware, so the same everywhere). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
