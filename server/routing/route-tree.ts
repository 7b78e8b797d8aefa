/**
 * @module createRouteTree: routes -> a matcher for request paths (the dispatcher's hot path) that
 * also lists them in Next's order. One structure (TreeNode, as Next's UrlNode) holds route order
 * and conflicts: insertRoute refuses Next's conflicts, walk and collect below read the one order.
 */
import { NextpressError } from '../errors';
import { insertRoute } from './insert-route';
import { routeConflict } from './route-conflict';
import { toPattern } from './to-pattern';
import { newNode, type TreeEntry, type TreeNode } from './tree-node';
import type { Segment } from './types';

export type RouteParams = Record<string, string | string[]>;

export interface RouteMatch<T> {
  value: T;
  params: RouteParams;
}

export interface RouteTree<T, M = RouteMatch<T>> {
  /** The first route in Next's precedence order that matches `pathname`, or undefined. */
  match(pathname: string): M | undefined;
  /** Every route in Next's order (strict: refusing a route beside an optional catch-all, as Next's sorter does). */
  routes(): T[];
}

export interface TreeOptions<T, M> {
  /** Refuse Next's conflicts (default true); false only orders (sortRoutes). */
  strict?: boolean;
  /** What a match is, built once per static route and once per dynamic hit (default `{ value, params }`). */
  toMatch?: (value: T, params: RouteParams) => M;
}

/** Params of a fully static route: shared by every hit, so frozen. */
const NO_PARAMS: RouteParams = Object.freeze({}) as RouteParams;

const valueMatch = <T>(value: T, params: RouteParams): RouteMatch<T> => ({ value, params });

/**
 * Builds the matcher. Fully static routes go in a Map keyed by their path (a hit costs one lookup,
 * no split, no allocation); everything else is found in a segment trie, depth first, trying at each
 * level the static child, then `[param]`, then `[...catchAll]`, then `[[...optional]]` and backing
 * out of dead ends, so the result is the first match in Next's sorted order. `pathname` is the raw
 * path (percent-encoded, no query, already normalised); segments are compared and returned decoded.
 * For the same segments twice, the first entry wins.
 *
 *   /api/health   with api/health             -> { value, params: {} }
 *   /users/42     with users/[id]             -> { params: { id: '42' } }
 *   /docs/a/b     with docs/[...slug]         -> { params: { slug: ['a', 'b'] } }
 *   /docs/a%2Fb   with docs/[...slug]         -> { params: { slug: ['a/b'] } }
 *   /shop         with shop/[[...slug]]       -> { params: {} }  (no `slug` key)
 *   /a/b/d        with a/b/c and a/[x]/d      -> the second, { params: { x: 'b' } }
 *   /caf%C3%A9    with café                   -> { params: {} }
 *   /users/%ZZ                                -> throws NextpressError 400 BAD_PATH
 */
export function createRouteTree<T, M = RouteMatch<T>>(entries: Array<TreeEntry<T>>, options: TreeOptions<T, M> = {}): RouteTree<T, M> {
  const strict = options.strict ?? true;
  const toMatch = options.toMatch ?? (valueMatch as unknown as (value: T, params: RouteParams) => M);
  const exact = new Map<string, M>();
  const root = newNode<T>();
  for (const entry of entries) {
    insertRoute(root, entry, strict);
    const key = staticKey(entry.segments);
    if (key !== undefined && !exact.has(key)) exact.set(key, toMatch(entry.value, NO_PARAMS));
  }

  return {
    match(pathname: string): M | undefined {
      const hit = exact.get(pathname);
      if (hit !== undefined) return hit;
      if (pathname.charCodeAt(0) !== 47 /* / */) return undefined;
      let parts = splitPath(pathname);
      if (pathname.includes('%')) parts = decodeParts(parts, pathname);
      const leaf = walk(root, parts, 0);
      if (leaf === undefined) return undefined;
      return toMatch(leaf.value, toParams(leaf.segments, parts));
    },
    routes(): T[] {
      const ordered: T[] = [];
      collect(root, ordered, strict);
      return ordered;
    },
  };
}

/** Depth first in Next's order: static child, [param], [...catchAll], [[...optional]]. */
function walk<T>(node: TreeNode<T>, parts: string[], i: number): TreeEntry<T> | undefined {
  if (i === parts.length) return node.leaf ?? node.optional?.leaf;
  const part = parts[i];
  const child = node.statics?.get(part);
  if (child !== undefined) {
    const found = walk(child, parts, i + 1);
    if (found !== undefined) return found;
  }
  if (node.param !== undefined && part !== '') {
    const found = walk(node.param, parts, i + 1);
    if (found !== undefined) return found;
  }
  return node.catchAll?.leaf ?? node.optional?.leaf;
}

/**
 * The same order as a list (Next's UrlNode smoosh): a level's own route, its static children by
 * code unit, then `[param]`, `[...catchAll]`, `[[...optional]]`, each subtree before the next.
 */
function collect<T>(node: TreeNode<T>, into: T[], strict: boolean): void {
  if (node.leaf !== undefined) {
    if (strict && node.optional?.claimedBy !== undefined) throw sameSpecificity(node.leaf, node.optional.slug ?? '', node.optional.claimedBy);
    into.push(node.leaf.value);
    for (const twin of node.twins ?? []) into.push(twin.value);
  }
  if (node.statics !== undefined) for (const key of [...node.statics.keys()].sort()) collect(node.statics.get(key)!, into, strict);
  if (node.param !== undefined) collect(node.param, into, strict);
  if (node.catchAll !== undefined) collect(node.catchAll, into, strict);
  if (node.optional !== undefined) collect(node.optional, into, strict);
}

/** A folder's own route and an optional catch-all below it would both answer the folder's URL. */
function sameSpecificity<T>(own: TreeEntry<T>, name: string, optional: TreeEntry<T>): NextpressError {
  const r = toPattern(own.segments);
  return routeConflict(
    `You cannot define a route with the same specificity as a optional catch-all route ("${r}" and "${r}[[...${name}]]").`,
    [own, optional],
    `Both answer ${r}: delete '${own.relativeFile}', or rename '[[...${name}]]' to '[...${name}]' so it needs at least one segment.`,
  );
}

/** [static a, param id, catchAll rest] + ['a', '1', 'x', 'y'] -> { id: '1', rest: ['x', 'y'] }. */
function toParams(segments: Segment[], parts: string[]): RouteParams {
  let params: RouteParams | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'static') continue;
    params ??= {};
    if (segment.kind === 'param') params[segment.name] = parts[i];
    else if (i < parts.length) params[segment.name] = parts.slice(i);
  }
  return params ?? NO_PARAMS;
}

/** The Map key of a fully static route ('/a/b'), or undefined when it needs the trie. */
function staticKey(segments: Segment[]): string | undefined {
  let key = '';
  for (const segment of segments) {
    // A value holding '/' or '%' only matches an encoded request path, which the trie decodes.
    if (segment.kind !== 'static' || segment.value.includes('/') || segment.value.includes('%')) return undefined;
    key += '/' + segment.value;
  }
  return key || '/';
}

/** '/a/b' -> ['a', 'b']; '/' -> []. An indexOf loop: about twice as fast as slice(1).split('/'). */
function splitPath(pathname: string): string[] {
  const parts: string[] = [];
  if (pathname.length === 1) return parts;
  let start = 1;
  for (;;) {
    const end = pathname.indexOf('/', start);
    if (end === -1) {
      parts.push(pathname.slice(start));
      return parts;
    }
    parts.push(pathname.slice(start, end));
    start = end + 1;
  }
}

function decodeParts(parts: string[], pathname: string): string[] {
  try {
    return parts.map((part) => (part.includes('%') ? decodeURIComponent(part) : part));
  } catch (error) {
    throw new NextpressError(`Malformed percent-encoding in the URL path '${pathname}'.`, { status: 400, code: 'BAD_PATH', cause: error });
  }
}
