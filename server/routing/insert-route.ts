/**
 * @module insertRoute: adds one route to the route tree and, when `strict`, refuses what Next's
 * route sorter (its UrlNode insert) refuses, with Next's words (routeConflict adds files and fix).
 *
 *   [...slug]/x                              -> Catch-all must be the last part of the URL.
 *   u/[id] then u/[userId]/a                 -> You cannot use different slug names for the same dynamic path ('id' !== 'userId').
 *   d/[...a] then d/[[...b]]                 -> You cannot use both an required and optional catch-all route at the same level ("[...a]" and "[[...b]]" ).
 *   d/[[...a]] then d/[...b]                 -> You cannot use both an optional and required catch-all route at the same level ("[[...a]]" and "[...b]").
 *   [id]/x/[id]                              -> You cannot have the same slug name "id" repeat within a single dynamic path
 *   [a-b]/[ab]                               -> You cannot have the slug names "a-b" and "ab" differ only by non-word symbols within a single dynamic path
 *   [id] then [...rest], or x then x again   -> no error (a param and a catch-all share a level; the same URL twice is checkConflicts' rule)
 *
 * Not strict (sortRoutes, which only orders), every route finds its place, below a catch-all too.
 */
import { routeConflict } from './route-conflict';
import { newNode, type TreeEntry, type TreeNode } from './tree-node';
import type { Segment } from './types';

export function insertRoute<T>(root: TreeNode<T>, route: TreeEntry<T>, strict: boolean): void {
  const { segments } = route;
  const slugNames: string[] = [];
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const previous = segments[i - 1];
    if (strict && previous !== undefined && (previous.kind === 'catchAll' || previous.kind === 'optionalCatchAll')) throw catchAllNotLast(route, i - 1);
    node = childFor(node, segments[i], route, strict ? slugNames : undefined);
  }
  if (node.leaf === undefined) node.leaf = route;
  else (node.twins ??= []).push(route);
}

/** The child of `node` for `segment`, made if missing; `slugNames` (strict only): the slugs above, for Next's slug rules. */
function childFor<T>(node: TreeNode<T>, segment: Segment, route: TreeEntry<T>, slugNames: string[] | undefined): TreeNode<T> {
  switch (segment.kind) {
    case 'static': {
      node.statics ??= new Map();
      let child = node.statics.get(segment.value);
      if (child === undefined) {
        child = newNode();
        node.statics.set(segment.value, child);
      }
      return child;
    }
    case 'param':
      if (slugNames !== undefined) checkSlug(node.param, segment.name, route, slugNames, (name) => `[${name}]`);
      node.param ??= newNode(segment.name, route);
      return node.param;
    case 'catchAll': {
      const optional = node.optional;
      if (slugNames !== undefined && optional?.claimedBy !== undefined) {
        throw routeConflict(
          `You cannot use both an optional and required catch-all route at the same level ("[[...${optional.slug}]]" and "[...${segment.name}]").`,
          [optional.claimedBy, route],
          `'[[...${optional.slug}]]' already matches everything '[...${segment.name}]' matches (and the bare parent too): keep only one of them.`,
        );
      }
      if (slugNames !== undefined) checkSlug(node.catchAll, segment.name, route, slugNames, (name) => `[...${name}]`);
      node.catchAll ??= newNode(segment.name, route);
      return node.catchAll;
    }
    case 'optionalCatchAll': {
      const catchAll = node.catchAll;
      if (slugNames !== undefined && catchAll?.claimedBy !== undefined) {
        throw routeConflict(
          `You cannot use both an required and optional catch-all route at the same level ("[...${catchAll.slug}]" and "[[...${segment.name}]]" ).`,
          [catchAll.claimedBy, route],
          `'[[...${segment.name}]]' already matches everything '[...${catchAll.slug}]' matches (and the bare parent too): keep only one of them.`,
        );
      }
      if (slugNames !== undefined) checkSlug(node.optional, segment.name, route, slugNames, (name) => `[[...${name}]]`);
      node.optional ??= newNode(segment.name, route);
      return node.optional;
    }
  }
}

/** Next's slug rules: one name per dynamic level, and no name repeated (even up to symbols) in a path. */
function checkSlug<T>(existing: TreeNode<T> | undefined, name: string, route: TreeEntry<T>, slugNames: string[], folder: (name: string) => string): void {
  if (existing?.claimedBy !== undefined && existing.slug !== name) {
    throw routeConflict(
      `You cannot use different slug names for the same dynamic path ('${existing.slug}' !== '${name}').`,
      [existing.claimedBy, route],
      `Use one parameter name at this level: rename '${folder(name)}' to '${folder(existing.slug ?? '')}' (or the other way round).`,
    );
  }
  for (const slug of slugNames) {
    if (slug === name) {
      throw routeConflict(
        `You cannot have the same slug name "${name}" repeat within a single dynamic path`,
        [route],
        'Give each parameter in one path its own name.',
      );
    }
    if (slug.replace(/\W/g, '') === name.replace(/\W/g, '')) {
      throw routeConflict(
        `You cannot have the slug names "${slug}" and "${name}" differ only by non-word symbols within a single dynamic path`,
        [route],
        'Give the parameters names that differ by more than punctuation.',
      );
    }
  }
  slugNames.push(name);
}

function catchAllNotLast<T>(route: TreeEntry<T>, index: number): Error {
  const segment = route.segments[index] as { kind: 'catchAll' | 'optionalCatchAll'; name: string };
  const folder = segment.kind === 'catchAll' ? `[...${segment.name}]` : `[[...${segment.name}]]`;
  const where = route.relativeFile === undefined ? ` (segment ${index + 1} of ${route.segments.length}, '${segment.name}')` : '';
  return routeConflict(
    `Catch-all must be the last part of the URL${where}.`,
    [route],
    `The catch-all folder '${folder}' already matches every path below it: move the route file up into '${folder}' and read the rest of the URL from params.${segment.name}.`,
  );
}
